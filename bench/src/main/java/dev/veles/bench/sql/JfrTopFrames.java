package dev.veles.bench.sql;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time of a call goes, from a JFR recording's execution samples: of the samples whose
 * stack passes through an anchor frame (by default the benchmark's JDBC k-NN call), the share spent
 * inside the index search, and the top frames of the rest (the SQL path's own cost), both inclusive
 * (a method anywhere between the anchor and the leaf) and self (the leaf).
 *
 * <p>Usage: {@code JfrTopFrames file.jfr [--under <frame substring>] [--search <frame substring>]
 * [--top N] [--event jdk.CPUTimeSample] [--thread <thread name substring>]}. The default event is
 * {@code jdk.ExecutionSample}; JDK 25's {@code jdk.CPUTimeSample} (record with {@code
 * jdk.CPUTimeSample#enabled=true}) samples by CPU time, system calls included, which execution
 * samples miss. Record with a stack depth large enough for Calcite's stacks, e.g. {@code
 * -XX:FlightRecorderOptions:stackdepth=512}: samples whose stack is cut before the anchor are not
 * counted.
 */
public final class JfrTopFrames {
  private JfrTopFrames() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0 || args[0].startsWith("--")) {
      throw new IllegalArgumentException(
          "usage: JfrTopFrames file.jfr [--under FRAME] [--search FRAME] [--top N]"
              + " [--event NAME] [--thread NAME]");
    }
    Map<String, String> o =
        SqlPathBenchmark.options(java.util.Arrays.copyOfRange(args, 1, args.length));
    Tally t =
        new Tally(
            o.getOrDefault("under", "KnnPath$JdbcSearcher.search"),
            o.getOrDefault("search", "dev.veles.engine.VectorCollection.search"));
    int top = Integer.parseInt(o.getOrDefault("top", "25"));
    String event = o.getOrDefault("event", "jdk.ExecutionSample");
    String thread = o.getOrDefault("thread", "");
    for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (e.getEventType().getName().equals(event) && threadName(e).contains(thread)) {
        t.add(e.getStackTrace());
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%d %s samples%s, %d under %s; of those %.1f %% inside %s, %.1f %% outside%n",
        t.all,
        event,
        thread.isEmpty() ? "" : " of threads named *" + thread + "*",
        t.anchored,
        t.under,
        pct(t.inSearch, t.anchored),
        t.search,
        pct(t.anchored - t.inSearch, t.anchored));
    print(
        "inclusive, outside the search (% of samples under the anchor)",
        t.inclusive, t.anchored, top);
    print("self (leaf), outside the search", t.self, t.anchored, top);
  }

  /** Sample counts for one anchor and one search frame. Not thread-safe. */
  private static final class Tally {
    final String under;
    final String search;
    final Map<String, Integer> inclusive = new HashMap<>();
    final Map<String, Integer> self = new HashMap<>();
    int all;
    int anchored;
    int inSearch;

    Tally(String under, String search) {
      this.under = under;
      this.search = search;
    }

    void add(RecordedStackTrace st) {
      all++;
      if (st == null) {
        return;
      }
      List<String> frames = new ArrayList<>();
      for (RecordedFrame f : st.getFrames()) {
        frames.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
      }
      int anchor = outermost(frames, under);
      if (anchor < 0) {
        return;
      }
      anchored++;
      if (outermost(frames.subList(0, anchor), search) >= 0) {
        inSearch++;
        return;
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < anchor; i++) {
        if (seen.add(frames.get(i))) {
          inclusive.merge(frames.get(i), 1, Integer::sum);
        }
      }
      if (anchor > 0) {
        self.merge(frames.get(0), 1, Integer::sum);
      }
    }
  }

  /** The sampled thread's name; execution and CPU-time samples name the field differently. */
  private static String threadName(RecordedEvent e) {
    String field = e.hasField("sampledThread") ? "sampledThread" : "eventThread";
    RecordedThread t = e.getThread(field);
    return t == null || t.getJavaName() == null ? "" : t.getJavaName();
  }

  /** The index of the frame nearest the root whose name contains {@code s}, or -1. */
  private static int outermost(List<String> frames, String s) {
    for (int i = frames.size() - 1; i >= 0; i--) {
      if (frames.get(i).contains(s)) {
        return i;
      }
    }
    return -1;
  }

  private static void print(String title, Map<String, Integer> counts, int total, int top) {
    System.out.println("\n" + title + ":");
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(
            e ->
                System.out.printf(
                    Locale.ROOT,
                    "  %5.1f %%  %6d  %s%n",
                    pct(e.getValue(), total),
                    e.getValue(),
                    e.getKey()));
  }

  private static double pct(int part, int whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }
}

package dev.veles.bench.ann;

import dev.veles.engine.Metric;
import dev.veles.engine.index.Bits;
import dev.veles.engine.index.Distance;
import dev.veles.engine.index.FlatIndex;
import dev.veles.engine.index.VectorSource;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Recall@10 vs QPS (one search thread) and build rate for Veles, Lucene, jvector and hnswlib on
 * synthetic embedding sets, plus exact-search bandwidth against a sequential read. See
 * bench/README.md for the command; results go to {@code --out} (CSV, Markdown, SVG).
 */
public final class AnnBenchmark {
  private AnnBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    List<String> sets = List.of(o.getOrDefault("sets", "200000x128,100000x768").split(","));
    int queries = Integer.parseInt(o.getOrDefault("queries", "1000"));
    int k = 10;
    int[] efs =
        Arrays.stream(o.getOrDefault("efs", "10,16,24,32,48,64,96,128,192,256,384").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    List<String> libs =
        Arrays.stream(o.getOrDefault("libs", "veles,lucene,jvector,hnswlib").split(","))
            .filter(x -> !x.isBlank())
            .toList();
    int threads = Integer.parseInt(o.getOrDefault("build-threads", "1"));
    boolean velesParallel = Boolean.parseBoolean(o.getOrDefault("veles-parallel", "true"));
    double sigma = Double.parseDouble(o.getOrDefault("sigma", "0.9"));
    int clusters = Integer.parseInt(o.getOrDefault("clusters", "1000"));
    Path out = Path.of(o.getOrDefault("out", "bench/results"));
    Path data = Path.of(o.getOrDefault("data", "bench/target/ann-data"));
    Files.createDirectories(out);
    System.out.printf(
        "JDK %s, %d CPUs, Veles kernels %s%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors(), Distance.kernels());
    StringBuilder summary = new StringBuilder("# ANN benchmark results\n\n");
    summary.append("Command: `").append(String.join(" ", args)).append("`\n\n");
    for (String set : sets) {
      String[] nd = set.split("x");
      EmbeddingSet.Spec spec =
          new EmbeddingSet.Spec(
              Integer.parseInt(nd[0]),
              Integer.parseInt(nd[1]),
              queries,
              clusters,
              1.0,
              sigma,
              0.5,
              7);
      EmbeddingSet es = EmbeddingSet.obtain(spec, data, k);
      double rc = es.relativeContrast(new SplittableRandom(1));
      String bw = bandwidth(es);
      String facts =
          String.format(
              Locale.ROOT,
              "%d base vectors x %d dims, %d queries, L2 on unit vectors; relative contrast %.3f; %s",
              es.n,
              es.dim,
              es.queries.length,
              rc,
              bw);
      System.out.println(facts);
      List<Curve> curves = new ArrayList<>();
      List<AnnLibrary> built = new ArrayList<>();
      List<Curve> searched = new ArrayList<>(); // aligned with built
      try {
        for (String lib : libs) {
          AnnLibrary l = create(lib);
          built.add(l);
          Curve c = build(l, es, threads);
          curves.add(c);
          searched.add(c);
          if (lib.equals("veles") && velesParallel && threads < 2) {
            try (AnnLibrary second = new VelesLibrary()) {
              curves.add(build(second, es, 2));
            }
          }
          System.gc();
        }
        sweep(built, searched, es, efs, k);
      } finally {
        for (AnnLibrary l : built) {
          l.close();
        }
      }
      String title = String.format(Locale.ROOT, "%dx%d", es.n, es.dim);
      Files.writeString(out.resolve("ann-" + title + ".csv"), Report.csv(curves));
      Report.svg(
          out.resolve("ann-" + title + ".svg"),
          "recall@10 vs QPS, " + title + " (M=16, efC=200)",
          curves);
      String md = Report.markdown(title, facts, curves) + ratios(curves);
      summary
          .append(md)
          .append("\n![")
          .append(title)
          .append("](ann-")
          .append(title)
          .append(".svg)\n\n");
      System.out.println(md);
      Files.writeString(out.resolve("ann-summary.md"), summary.toString());
    }
  }

  private static String ratios(List<Curve> curves) {
    Curve v = null;
    Curve l = null;
    for (Curve c : curves) {
      if (c.library.equals("veles") && v == null) {
        v = c;
      }
      if (c.library.equals("lucene")) {
        l = c;
      }
    }
    if (v == null || l == null) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "%nVeles / Lucene: QPS at recall 0.95 %.2fx, at 0.99 %.2fx; build rate %.2fx wall, %.2fx"
            + " per CPU-s (both on 1 thread).%n",
        v.qpsAt(0.95) / l.qpsAt(0.95),
        v.qpsAt(0.99) / l.qpsAt(0.99),
        v.buildRate() / l.buildRate(),
        v.buildCpuRate() / l.buildCpuRate());
  }

  private static AnnLibrary create(String name) {
    return switch (name) {
      case "veles" -> new VelesLibrary();
      case "lucene" -> new LuceneLibrary();
      case "jvector" -> new JVectorLibrary();
      case "hnswlib" -> new HnswlibLibrary();
      default -> throw new IllegalArgumentException("unknown library " + name);
    };
  }

  private static Curve build(AnnLibrary lib, EmbeddingSet es, int threads) throws Exception {
    System.out.printf("%s: building %d vectors on %d thread(s)%n", lib.name(), es.n, threads);
    long c0 = processCpu();
    long t0 = System.nanoTime();
    lib.build(es, threads);
    double secs = (System.nanoTime() - t0) / 1e9;
    double cpu = (processCpu() - c0) / 1e9;
    String name = threads > 1 ? lib.name() + " (" + threads + " threads)" : lib.name();
    Curve c = new Curve(name, secs, cpu, threads, es.n);
    System.out.printf(
        Locale.ROOT,
        "%s: built in %.1f s wall, %.1f CPU-s (%.0f vectors/s, %.0f per CPU-s)%n",
        name,
        secs,
        cpu,
        c.buildRate(),
        c.buildCpuRate());
    return c;
  }

  /**
   * For each ef: a warm-up pass per library, then three timed passes per library, interleaved so
   * that load from other processes hits every library alike; the best pass counts.
   */
  private static void sweep(
      List<AnnLibrary> libs, List<Curve> searchable, EmbeddingSet es, int[] efs, int k)
      throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (AnnLibrary lib : libs) { // JIT warm-up of every search path before anything is timed
      for (int pass = 0; pass < 3; pass++) {
        search(lib, es, k, efs[efs.length / 2]);
      }
    }
    for (int ef : efs) {
      double[] recall = new double[libs.size()];
      long[] bestCpu = new long[libs.size()];
      long[] bestWall = new long[libs.size()];
      Arrays.fill(bestCpu, Long.MAX_VALUE);
      Arrays.fill(bestWall, Long.MAX_VALUE);
      for (int i = 0; i < libs.size(); i++) {
        recall[i] = recall(search(libs.get(i), es, k, ef), es.truth, k);
      }
      for (int pass = 0; pass < 3; pass++) {
        for (int i = 0; i < libs.size(); i++) {
          long c0 = mx.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          search(libs.get(i), es, k, ef);
          bestWall[i] = Math.min(bestWall[i], System.nanoTime() - t0);
          bestCpu[i] = Math.min(bestCpu[i], mx.getCurrentThreadCpuTime() - c0);
        }
      }
      for (int i = 0; i < libs.size(); i++) {
        double qps = es.queries.length / (bestCpu[i] / 1e9);
        double wall = es.queries.length / (bestWall[i] / 1e9);
        searchable.get(i).points.add(new Curve.Point(ef, recall[i], qps, wall));
        System.out.printf(
            Locale.ROOT,
            "  %s ef %d: recall@10 %.4f, %.0f QPS per CPU-s, %.0f QPS wall%n",
            libs.get(i).name(),
            ef,
            recall[i],
            qps,
            wall);
      }
    }
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static int[][] search(AnnLibrary lib, EmbeddingSet es, int k, int ef) throws Exception {
    int[][] found = new int[es.queries.length][];
    for (int i = 0; i < found.length; i++) {
      found[i] = lib.search(es.queries[i], k, ef);
    }
    return found;
  }

  static double recall(int[][] found, int[][] truth, int k) {
    long hits = 0;
    for (int i = 0; i < found.length; i++) {
      for (int f : found[i]) {
        for (int j = 0; j < k; j++) {
          if (truth[i][j] == f) {
            hits++;
            break;
          }
        }
      }
    }
    return hits / (double) (found.length * (long) k);
  }

  /** Timed rounds of the bandwidth comparison. */
  private static final int ROUNDS = 40;

  /** Exact search speed over the mapped vectors against a plain sequential read of them. */
  private static String bandwidth(EmbeddingSet es) throws Exception {
    try (Arena arena = Arena.ofShared()) {
      VectorSource src = es.map(arena);
      MemorySegment seg = src.segment();
      FlatIndex flat = new FlatIndex(src, Metric.L2);
      for (int s = 0; s < es.n; s++) {
        flat.insert(s, s);
      }
      double sink = 0;
      double[] seq = new double[ROUNDS];
      double[] exact = new double[ROUNDS];
      // Warm-up until both loops are compiled and the pages mapped: a few rounds left the scan in
      // the interpreter or C1 for some timed rounds (ratios from 64 % to 94 % between runs).
      long warmUntil = System.nanoTime() + 3_000_000_000L;
      for (int r = 0; r < 10 || System.nanoTime() < warmUntil; r++) {
        sink += EmbeddingSet.sumSequential(seg);
        sink += flat.search(es.queries[r % es.queries.length], 10, 0, Bits.ALL).size();
      }
      for (int r = 0; r < seq.length; r++) {
        long t0 = System.nanoTime();
        sink += EmbeddingSet.sumSequential(seg);
        long t1 = System.nanoTime();
        sink += flat.search(es.queries[r % es.queries.length], 10, 0, Bits.ALL).size();
        long t2 = System.nanoTime();
        seq[r] = seg.byteSize() / ((t1 - t0) / 1e9) / 1e9;
        exact[r] = seg.byteSize() / ((t2 - t1) / 1e9) / 1e9;
      }
      Arrays.sort(seq);
      Arrays.sort(exact);
      // Best of the rounds each, interleaved: the least disturbed run of each on a shared machine.
      double s = seq[seq.length - 1];
      double e = exact[exact.length - 1];
      System.out.printf("(checksum %.1f)%n", sink);
      return String.format(
          Locale.ROOT,
          "exact search %.2f GB/s vs sequential read %.2f GB/s of the same mapped segment (%.0f %%, best of %d interleaved runs each after a 3 s warm-up, 1 thread)",
          e,
          s,
          100 * e / s,
          ROUNDS);
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (String a : args) {
      if (!a.startsWith("--") || !a.contains("=")) {
        throw new IllegalArgumentException("options look like --name=value, got " + a);
      }
      int eq = a.indexOf('=');
      o.put(a.substring(2, eq), a.substring(eq + 1));
    }
    return o;
  }
}

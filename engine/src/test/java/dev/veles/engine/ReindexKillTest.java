package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 during {@link Database#reindex}: a child JVM rebuilds a 1,500-row collection's index for
 * one metric after another and is SIGKILLed at a random moment; the parent reopens and finds the
 * metric before the rebuild in flight or the one it was building (never another, and the schema's
 * properties with it), every row, and an index that answers for that metric: a self-query finds the
 * row itself.
 */
class ReindexKillTest {
  @TempDir Path dir;

  static float[] vector(long id) {
    Random r = new Random(id * 7919 + 17);
    float[] v = new float[ReindexChild.DIM];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextFloat() * 2 - 1;
    }
    return v;
  }

  @Test
  void killDuringRebuildLeavesOldOrNewIndex() throws Exception {
    int trials = Boolean.getBoolean("veles.long") ? 40 : 8;
    long base = Long.getLong("veles.seed", System.nanoTime());
    System.out.println("ReindexKillTest seed " + base);
    Path root = dir.resolve("db");
    String committed = Metric.COSINE.sqlName();
    for (int t = 0; t < trials; t++) {
      long seed = base + t;
      try {
        committed = trial(root, seed, committed);
      } catch (Throwable e) {
        throw new AssertionError("trial " + t + " failed, seed " + seed, e);
      }
    }
  }

  /** One child run; returns the metric the database holds after it. */
  private String trial(Path root, long seed, String before) throws Exception {
    Random rnd = new Random(seed);
    Process p = KillNineTest.startMain(ReindexChild.class, root, seed, "-Xmx256m");
    String done = before;
    String inFlight = null;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertEquals("ready", line, "child did not start");
      long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(rnd.nextInt(8000));
      while (System.nanoTime() < killAt && (line = readLine(out, p)) != null) {
        if (line.startsWith("B ")) {
          inFlight = line.substring(2);
        } else if (line.startsWith("A ")) {
          done = line.substring(2);
          inFlight = null;
        }
      }
      p.toHandle().destroyForcibly(); // SIGKILL, keeping the pipe: what it printed is read below
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child did not die");
      while ((line = out.readLine()) != null) { // what it printed before dying
        if (line.startsWith("B ")) {
          inFlight = line.substring(2);
        } else if (line.startsWith("A ")) {
          done = line.substring(2);
          inFlight = null;
        }
      }
    }
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      VectorCollection c = db.get("c");
      String metric = c.schema().metric().sqlName();
      Set<String> allowed = new TreeSet<>(List.of(done));
      if (inFlight != null) {
        allowed.add(inFlight);
        System.out.println(
            "killed while building " + inFlight + " over " + done + ": reopened as " + metric);
      }
      assertTrue(allowed.contains(metric), metric + " not in " + allowed);
      assertEquals(metric, c.schema().properties().get("tag"), "properties change with the index");
      assertEquals(ReindexChild.ROWS, c.size());
      Random q = new Random(seed);
      int found = 0;
      List<Long> missed = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        long id = q.nextInt(ReindexChild.ROWS);
        List<Hit> hits = c.search(vector(id), 1, c.schema().metric(), null);
        if (!hits.isEmpty() && hits.getFirst().id() == id) {
          found++;
        } else {
          missed.add(id);
        }
      }
      assertTrue(found >= 48, "self-queries found " + found + "/50, missed " + missed);
      return metric;
    }
  }

  /**
   * The two states a crash inside {@link Database#reindex} can leave between its steps, made by
   * hand: the old graph deleted but the schema not yet replaced, and the schema replaced but the
   * new graph not yet saved. Each reopens with the schema's own metric and a working index.
   */
  @Test
  void eachIntermediateStateReopensWithItsOwnMetric() throws Exception {
    Path root = dir.resolve("steps");
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      VectorCollection c = db.create("c", CollectionSchema.of(ReindexChild.DIM, Metric.COSINE));
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        rows.add(new Row(i, vector(i), new Object[0]));
      }
      c.insert(rows);
    }
    Path graph = root.resolve("c").resolve(GraphFile.NAME);
    java.nio.file.Files.delete(graph); // crashed after deleting the old graph
    assertReopensAs(root, Metric.COSINE);
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      db.reindex("c", Metric.L2, new IndexParams(8, 32, 64), java.util.Map.of());
    }
    java.nio.file.Files.delete(graph); // crashed after the schema, before the new graph
    assertReopensAs(root, Metric.L2);
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      assertEquals(8, db.get("c").schema().index().m());
    }
  }

  private static void assertReopensAs(Path root, Metric metric) throws Exception {
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      VectorCollection c = db.get("c");
      assertEquals(metric, c.schema().metric());
      assertEquals(500, c.size());
      for (long id = 0; id < 500; id += 50) {
        assertEquals(id, c.search(vector(id), 1, metric, null).getFirst().id());
      }
    }
  }

  /** A line, or null once the child has exited; waits at most 100 ms for one. */
  private static String readLine(BufferedReader out, Process p) throws Exception {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    while (!out.ready()) {
      if (!p.isAlive()) {
        return out.readLine();
      }
      if (System.nanoTime() > until) {
        return "";
      }
      Thread.sleep(5);
    }
    return out.readLine();
  }
}

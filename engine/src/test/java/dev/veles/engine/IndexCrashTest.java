package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 of a process that inserts rows and creates and drops secondary indexes (see {@link
 * IndexCrashChild}), then reopen: the index definitions are the acknowledged ones (a change in
 * flight entirely or not at all), the rows are the acknowledged ones, lookups through the indexes
 * (rebuilt from the rows on open) answer as column scans do, and {@code veles check} is clean.
 */
class IndexCrashTest {
  @TempDir Path dir;

  @Test
  void indexDefinitionsSurviveSigkill() throws Exception {
    int trials = Boolean.getBoolean("veles.long") ? 200 : 20;
    long base = Long.getLong("veles.seed", System.nanoTime());
    System.out.println("IndexCrashTest seed " + base);
    Path root = dir.resolve("db");
    Map<Long, Integer> rows = new HashMap<>();
    int[] indexed = {0};
    int changes = 0;
    for (int t = 0; t < trials; t++) {
      long seed = base + t;
      try {
        changes += trial(root, seed, rows, indexed);
      } catch (Throwable e) {
        throw new AssertionError("trial " + t + " failed, seed " + seed, e);
      }
    }
    System.out.println("IndexCrashTest: " + changes + " acknowledged index changes in " + trials);
    assertTrue(
        changes >= trials / 2, "the children changed the indexes too rarely to test anything");
  }

  /** One child run; returns how many index changes it acknowledged. */
  private static int trial(Path root, long seed, Map<Long, Integer> rows, int[] indexed)
      throws Exception {
    // Not Random(seed): the child's Random(seed) draws the same first bits, which tied the kill
    // point to the child's first steps and could leave a run with no index change at all.
    Random rnd = new Random(seed * 0x9E3779B97F4A7C15L + 1);
    Process p = KillNineTest.start(IndexCrashChild.class, root, seed);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertTrue("READY".equals(line), "child said " + line);
    // Killed after a random number of acknowledged steps plus a random spin, so that a loaded
    // machine still lets the child reach index changes, and the kill lands anywhere in a step.
    int steps = 1 + rnd.nextInt(8);
    long spin = TimeUnit.MICROSECONDS.toNanos(rnd.nextInt(30_000));
    int changes = 0;
    int acked = 0;
    int indexTo = -1;
    String[] insert = null;
    boolean killed = false;
    while ((line = out.readLine()) != null) {
      if (!killed && acked >= steps && changes > 0) {
        long killAt = System.nanoTime() + spin;
        while (System.nanoTime() < killAt && p.isAlive()) {
          Thread.onSpinWait();
        }
        p.toHandle().destroyForcibly();
        p.waitFor();
        killed = true;
      }
      if (line.equals("XA") || line.equals("A")) {
        acked++;
      }
      if (line.startsWith("XB ")) {
        indexTo = Integer.parseInt(line.substring(3));
      } else if (line.equals("XA")) {
        indexed[0] = indexTo;
        indexTo = -1;
        changes++;
      } else if (line.startsWith("B ")) {
        insert = line.split(" ");
      } else if (line.equals("A")) {
        rows.put(Long.parseLong(insert[2]), Integer.parseInt(insert[4]));
        insert = null;
      }
    }
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      VectorCollection c = db.get("keyed");
      List<IndexSpec> got = c.schema().indexes();
      int now = got.isEmpty() ? 0 : 1;
      assertTrue(
          now == indexed[0] || now == indexTo,
          "indexes " + got + ", want state " + indexed[0] + " or " + indexTo);
      assertEquals(now == 1 ? IndexCrashChild.INDEXES : List.of(), got);
      indexed[0] = now;
      Map<Long, Integer> found = new HashMap<>();
      for (long id : c.ids(null)) {
        found.put(id, (Integer) c.get(id).values()[1]);
      }
      if (insert != null && found.size() == rows.size() + 1) {
        rows.put(Long.parseLong(insert[2]), Integer.parseInt(insert[4])); // the call in flight
      }
      assertEquals(rows, found, "rows after kill -9");
      for (int n = 0; n < 100; n += 7) {
        for (Filter f :
            new Filter[] {
              new Filter.Compare("n", Filter.Op.EQ, n),
              new Filter.Compare("n", Filter.Op.GT, n),
              new Filter.And(
                  List.of(
                      new Filter.Compare("k", Filter.Op.EQ, "k" + n),
                      new Filter.Compare("n", Filter.Op.LE, n)))
            }) {
          assertArrayEquals(c.ids(new Filter.Not(new Filter.Not(f))), c.ids(f), "lookup " + f);
        }
      }
      CheckReport report = db.check();
      assertTrue(report.ok(), "veles check after kill -9: " + report);
    }
    return changes;
  }
}

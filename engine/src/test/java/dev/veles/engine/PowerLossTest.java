package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Simulated power loss: a workload runs on {@link SimStorageIO} until a crash at a random file
 * operation; then only synced data (plus what the crash model lets survive) remains. The reopened
 * collection must hold the state after every acknowledged call, possibly plus the call in flight: a
 * prefix of the operation order containing every acknowledged operation, and its HNSW index must
 * find every live vector (the graph file may be missing, stale or half-written).
 */
class PowerLossTest {
  static final Path ROOT = Path.of("/sim/db");

  @Test
  void recoversAPrefixContainingEveryAcknowledgedOp() throws Exception {
    int trials = Boolean.getBoolean("veles.long") ? 10_000 : 1_000;
    long base = Long.getLong("veles.seed", System.nanoTime());
    for (int t = 0; t < trials; t++) {
      long seed = base + t;
      try {
        trial(seed);
      } catch (Throwable e) {
        throw new AssertionError(
            "trial failed, seed " + seed + " (rerun with -Dveles.seed=" + seed + ")", e);
      }
    }
  }

  static void trial(long seed) throws Exception {
    Random rnd = new Random(seed);
    SimStorageIO sim = new SimStorageIO();
    Workload w = new Workload(rnd, 24);
    sim.crashAt(1 + rnd.nextInt(400));
    TreeMap<Long, Row> inFlight = null;
    boolean created = false;
    Database db = null;
    try {
      db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
      VectorCollection c = db.create("c", Workload.schema(Durability.FSYNC));
      created = true;
      c.checkpointBytes = 1 + rnd.nextInt(3000);
      for (int i = 0; i < 1000; i++) {
        if (rnd.nextInt(40) == 0) {
          inFlight = w.model;
          db.close();
          db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
          c = db.get("c");
          c.checkpointBytes = 1 + rnd.nextInt(3000);
          inFlight = null;
          continue;
        }
        Workload.Op op = w.next();
        inFlight = op.after();
        op.run(c);
        w.model = op.after();
        inFlight = null;
      }
      fail("the crash did not happen");
    } catch (java.io.IOException | RuntimeException e) {
      if (!sim.crashed()) {
        throw e;
      }
    }
    if (db != null) {
      try {
        db.close(false);
      } catch (java.io.IOException | RuntimeException ignored) {
        // the file system is gone
      }
    }
    SimStorageIO after = sim.crash(rnd);
    try (Database db2 = Database.open(ROOT, DatabaseOptions.defaults(), after)) {
      if (!db2.damaged().isEmpty()) {
        throw new AssertionError("power loss left damage: " + db2.damaged());
      }
      if (!created) {
        assertTrue(db2.find("c").isEmpty() || db2.get("c").size() == 0);
        return;
      }
      if (db2.find("c").isEmpty()) {
        throw new AssertionError("acknowledged collection is gone");
      }
      VectorCollection c2 = db2.get("c");
      boolean ok =
          Workload.matches(c2, w.model) || (inFlight != null && Workload.matches(c2, inFlight));
      if (!ok) {
        Workload.check(c2, w.model, "recovered state is neither acknowledged nor in flight");
      }
      Workload.assertIndexed(c2, "index after recovery");
      CheckReport report = c2.check();
      if (!report.ok()) {
        throw new AssertionError("integrity check after recovery: " + report);
      }
      // The recovered database keeps working.
      c2.upsert(java.util.List.of(w.row(5)));
      c2.flush();
      // Only reconcile reattaches cut-off nodes; a later relink in 4-d may cut one off again.
      Workload.assertIndexed(c2, "index after a write on the recovered collection", false);
    }
  }
}

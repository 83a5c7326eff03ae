package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The N-th write, force, rename or other mutating file operation fails, for every N of a fixed
 * workload: the failing call is not acknowledged, the collection refuses writes afterwards
 * (fail-stop), and after a power loss and reopen it holds the acknowledged state (plus possibly the
 * failed call).
 */
class FaultInjectionTest {
  static final Path ROOT = Path.of("/sim/db");

  @Test
  void everyFailurePointIsFailStopAndRecoverable() throws Exception {
    long seed = Long.getLong("veles.seed", 42);
    for (int n = 1; ; n++) {
      try {
        if (!run(seed, n)) {
          return; // the workload finished before the N-th operation: every point was covered
        }
      } catch (Throwable e) {
        throw new AssertionError("failure point " + n + ", seed " + seed, e);
      }
    }
  }

  /** Runs the workload with the N-th operation failing; false if it never failed. */
  private static boolean run(long seed, int n) throws Exception {
    Random rnd = new Random(seed);
    SimStorageIO sim = new SimStorageIO();
    Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
    VectorCollection c = db.create("c", Workload.schema(Durability.FSYNC));
    c.checkpointBytes = 600;
    Workload w = new Workload(rnd, 10);
    sim.failAt(n);
    TreeMap<Long, Row> inFlight = null;
    boolean failed = false;
    for (int i = 0; i < 60 && !failed; i++) {
      Workload.Op op = w.next();
      try {
        op.run(c);
        w.model = op.after();
      } catch (IOException e) {
        failed = true;
        inFlight = op.after();
        assertTrue(e instanceof FailedException, "not fail-stop: " + e);
      }
    }
    if (!failed) {
      try {
        db.close();
        return false;
      } catch (IOException e) {
        // The failure hit the checkpoint of close(): nothing was in flight.
        inFlight = w.model;
        db.close(false);
        reopenAndCheck(sim, seed, n, w, inFlight);
        return true;
      }
    }
    VectorCollection fc = c;
    assertThrows(FailedException.class, () -> fc.upsert(List.of(Row.of(1, new float[4]))));
    assertThrows(FailedException.class, () -> fc.delete(1));
    assertThrows(FailedException.class, fc::flush);
    if (!Workload.matches(c, inFlight)) {
      Workload.check(c, w.model, "readers see the acknowledged state (or the failed call)");
    }
    db.close(false);
    reopenAndCheck(sim, seed, n, w, inFlight);
    return true;
  }

  private static void reopenAndCheck(
      SimStorageIO sim, long seed, int n, Workload w, TreeMap<Long, Row> inFlight)
      throws Exception {
    for (Random crash : new Random[] {null, new Random(seed + n)}) {
      try (Database db2 = Database.open(ROOT, DatabaseOptions.defaults(), sim.crash(crash))) {
        VectorCollection c2 = db2.get("c");
        if (!Workload.matches(c2, inFlight)) {
          Workload.check(c2, w.model, "after reopen");
        }
      }
    }
  }
}

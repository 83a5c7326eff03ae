package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Simulated power loss in every durability mode: a workload of inserts, upserts (replaces), deletes
 * (so slots are freed and reused), flushes, compactions and reopens runs on {@link SimStorageIO}
 * until a crash at a random file operation (or its end). The power loss keeps what was synced plus
 * any subset of the dirty 4 KiB pages of each mapped file and any prefix of each file's unsynced
 * writes, the last one possibly torn ({@link SimStorageIO#crash}).
 *
 * <p>The reopened collection must equal the model after some prefix of the write order: in {@code
 * FSYNC} one containing every acknowledged call (at most the call in flight added); in {@code
 * FLUSH_ONLY} one containing everything before the last durability barrier (flush, compaction or
 * clean close); in {@code NONE} exactly the state of the last barrier (or the one in flight). Its
 * integrity check must find nothing, and its HNSW index must find every live vector.
 */
class PowerLossTest {
  static final Path ROOT = Path.of("/sim/db");
  static final Durability[] MODES = Durability.values();

  @Test
  void recoversAPrefixOfTheWriteOrderInEveryMode() throws Exception {
    int trials = Boolean.getBoolean("veles.long") ? 10_002 : 1_002;
    long base = Long.getLong("veles.seed", System.nanoTime());
    System.out.println("PowerLossTest seed " + base + ", " + trials + " trials");
    long start = System.nanoTime();
    int[] crashed = new int[MODES.length];
    for (int t = 0; t < trials; t++) {
      long seed = base + t;
      Durability mode = MODES[t % MODES.length];
      try {
        if (trial(seed, mode)) {
          crashed[mode.ordinal()]++;
        }
      } catch (Throwable e) {
        throw new AssertionError(
            mode + " trial failed, seed " + seed + " (rerun with -Dveles.seed=" + seed + ")", e);
      }
    }
    System.out.printf(
        "PowerLossTest: %d trials (%d per mode; crashed mid-operation: %s) in %.1f s%n",
        trials,
        trials / MODES.length,
        java.util.Arrays.toString(crashed),
        (System.nanoTime() - start) / 1e9);
  }

  /** The states a recovery may show, as the workload goes. */
  static final class Allowed {
    final Durability mode;
    TreeMap<Long, Row> acked = new TreeMap<>();
    List<TreeMap<Long, Row>> sinceBarrier = new ArrayList<>(List.of(new TreeMap<>()));
    TreeMap<Long, Row> inFlight;

    Allowed(Durability mode) {
      this.mode = mode;
    }

    void done(TreeMap<Long, Row> after, boolean barrier) {
      acked = after;
      if (barrier) {
        sinceBarrier = new ArrayList<>();
      }
      sinceBarrier.add(after);
      inFlight = null;
    }

    List<TreeMap<Long, Row>> states() {
      List<TreeMap<Long, Row>> out =
          switch (mode) {
            case FSYNC -> new ArrayList<>(List.of(acked));
            case FLUSH_ONLY -> new ArrayList<>(sinceBarrier);
            case NONE -> new ArrayList<>(List.of(sinceBarrier.getFirst()));
          };
      if (inFlight != null) {
        out.add(inFlight);
      }
      return out;
    }
  }

  /** One trial; returns whether the crash came in the middle of an operation. */
  static boolean trial(long seed, Durability mode) throws Exception {
    Random rnd = new Random(seed);
    SimStorageIO sim = new SimStorageIO();
    boolean longText = (seed & 1) == 0; // half the trials write long texts (the value store)
    Workload w = new Workload(rnd, 24, longText);
    sim.crashAt(1 + rnd.nextInt(mode == Durability.NONE ? 150 : 400));
    Allowed allowed = new Allowed(mode);
    boolean created = false;
    Database db = null;
    try {
      db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
      VectorCollection c = db.create("c", Workload.schema(mode, longText));
      created = true;
      c.checkpointBytes = 1 + rnd.nextInt(3000);
      for (int i = 0; i < 300; i++) {
        if (rnd.nextInt(40) == 0) {
          allowed.inFlight = w.model;
          db.close();
          db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
          c = db.get("c");
          c.checkpointBytes = 1 + rnd.nextInt(3000);
          allowed.done(w.model, true);
          continue;
        }
        Workload.Op op = w.next();
        allowed.inFlight = op.after();
        op.run(c);
        w.model = op.after();
        String name = op.toString();
        allowed.done(w.model, name.equals("flush") || name.equals("compact"));
      }
      sim.crashAt(1); // no crash yet: the power goes now
    } catch (IOException | RuntimeException e) {
      if (!sim.crashed()) {
        throw e;
      }
    }
    boolean midOperation = sim.crashed();
    if (db != null) {
      try {
        db.close(false);
      } catch (IOException | RuntimeException ignored) {
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
        return midOperation;
      }
      if (db2.find("c").isEmpty()) {
        throw new AssertionError("acknowledged collection is gone");
      }
      VectorCollection c2 = db2.get("c");
      List<TreeMap<Long, Row>> states = allowed.states();
      if (states.stream().noneMatch(m -> Workload.matches(c2, m))) {
        Workload.check(c2, states.getFirst(), "recovered state is no allowed prefix");
      }
      CheckReport report = c2.check();
      if (!report.ok()) {
        throw new AssertionError("integrity check after recovery: " + report);
      }
      Workload.assertIndexed(c2, "index after recovery");
      // The recovered database keeps working.
      c2.upsert(List.of(w.row(5)));
      c2.flush();
      // Only reconcile reattaches cut-off nodes; a later relink in 4-d may cut one off again.
      Workload.assertIndexed(c2, "index after a write on the recovered collection", false);
    }
    return midOperation;
  }
}

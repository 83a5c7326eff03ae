package dev.veles.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link PowerLossTest} with transactions: multi-collection transactions (committed, rolled back,
 * with savepoints) mixed with single write calls on two collections, on {@link SimStorageIO} until
 * a power loss at a random file operation, which keeps any subset of dirty mapped pages and any
 * prefix of each file's unsynced writes.
 *
 * <p>In {@code FSYNC} the reopened pair of collections must equal the model after some prefix of
 * the commit order that contains every acknowledged commit (the one in flight may be there or not):
 * nothing of a rolled-back or unacknowledged transaction, never a transaction in part. In {@code
 * FLUSH_ONLY} every transaction is whole or absent, and everything before the last barrier is
 * there.
 */
class TxPowerLossTest {
  static final Path ROOT = Path.of("/sim/tx");

  /** A state of both collections. */
  record State(TreeMap<Long, Row> a, TreeMap<Long, Row> b) {
    State copy() {
      return new State(new TreeMap<>(a), new TreeMap<>(b));
    }
  }

  @Test
  void multiTableTransactionsAreAllOrNothingAtAnyCrashPoint() throws Exception {
    int trials = Boolean.getBoolean("veles.long") ? 6_000 : 600;
    long base = Long.getLong("veles.seed", System.nanoTime());
    System.out.println("TxPowerLossTest seed " + base + ", " + trials + " trials");
    int[] crashed = new int[2];
    for (int t = 0; t < trials; t++) {
      long seed = base + t;
      // The mode follows the seed, so that a failing seed reruns the same trial.
      Durability mode = (seed & 1) == 0 ? Durability.FSYNC : Durability.FLUSH_ONLY;
      try {
        if (trial(seed, mode)) {
          crashed[(int) (seed & 1)]++;
        }
      } catch (Throwable e) {
        throw new AssertionError(
            mode + " trial failed, seed " + seed + " (rerun with -Dveles.seed=" + seed + ")", e);
      }
    }
    System.out.printf(
        "TxPowerLossTest: %d trials, crashed mid-operation FSYNC %d, FLUSH_ONLY %d%n",
        trials, crashed[0], crashed[1]);
  }

  static boolean trial(long seed, Durability mode) throws Exception {
    Random rnd = new Random(seed);
    SimStorageIO sim = new SimStorageIO();
    Workload wa = new Workload(rnd, 16);
    Workload wb = new Workload(rnd, 16);
    sim.crashAt(1 + rnd.nextInt(500));
    State acked = new State(new TreeMap<>(), new TreeMap<>());
    List<State> sinceBarrier = new ArrayList<>(List.of(acked));
    State inFlight = null;
    boolean created = false;
    Database db = null;
    try {
      db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
      db.create("a", Workload.schema(mode));
      db.create("b", Workload.schema(mode));
      created = true;
      for (int i = 0; i < 200; i++) {
        int k = rnd.nextInt(100);
        State next;
        boolean barrier = false;
        if (k < 2) {
          inFlight = acked;
          db.close();
          db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
          next = acked;
          barrier = true;
        } else if (k < 6) {
          inFlight = acked;
          db.flush();
          next = acked;
          barrier = true;
        } else if (k < 40) {
          Workload w = rnd.nextBoolean() ? wa : wb;
          String name = w == wa ? "a" : "b";
          w.model = w == wa ? acked.a : acked.b;
          Workload.Op op = w.next();
          next = w == wa ? new State(op.after(), acked.b) : new State(acked.a, op.after());
          inFlight = next;
          op.run(db.get(name));
        } else {
          State end = acked.copy();
          boolean commit = rnd.nextInt(4) != 0;
          inFlight = commit ? end : acked;
          try (Transaction tx = db.begin()) {
            transaction(rnd, tx, wa, wb, end);
            if (commit) {
              tx.commit();
            } else {
              tx.rollback();
            }
          }
          next = commit ? end : acked;
        }
        acked = next;
        if (barrier) {
          sinceBarrier = new ArrayList<>();
        }
        sinceBarrier.add(acked);
        inFlight = null;
      }
      sim.crashAt(1);
    } catch (IOException | RuntimeException e) {
      if (!sim.crashed()) {
        throw e;
      }
    }
    boolean mid = sim.crashed();
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
      if (!created || db2.find("a").isEmpty() || db2.find("b").isEmpty()) {
        return mid;
      }
      List<State> allowed =
          mode == Durability.FSYNC ? new ArrayList<>(List.of(acked)) : sinceBarrier;
      if (inFlight != null) {
        allowed.add(inFlight);
      }
      VectorCollection a = db2.get("a");
      VectorCollection b = db2.get("b");
      boolean ok =
          allowed.stream().anyMatch(s -> Workload.matches(a, s.a) && Workload.matches(b, s.b));
      if (!ok && mode == Durability.FSYNC) {
        Workload.check(a, acked.a, "collection a is no allowed state");
        Workload.check(b, acked.b, "collection b is no allowed state");
        throw new AssertionError("the pair of collections is no allowed state");
      }
      if (!ok) {
        // FLUSH_ONLY: each collection shows some state at or after the last barrier.
        State first = sinceBarrier.getFirst();
        for (Long id : first.a.keySet()) {
          if (a.get(id) == null && sinceBarrier.stream().allMatch(s -> s.a.containsKey(id))) {
            throw new AssertionError("a: row " + id + " of every state since the barrier is lost");
          }
        }
      }
      CheckReport report = db2.check();
      if (!report.ok()) {
        throw new AssertionError("integrity check after recovery: " + report);
      }
      Workload.assertIndexed(a, "index a after recovery");
      Workload.assertIndexed(b, "index b after recovery");
    }
    return mid;
  }

  /** Random writes of one transaction over both collections; {@code end} becomes its result. */
  private static void transaction(Random rnd, Transaction tx, Workload wa, Workload wb, State end)
      throws IOException {
    int n = 1 + rnd.nextInt(6);
    TreeMap<Long, Row> savedA = null;
    TreeMap<Long, Row> savedB = null;
    for (int i = 0; i < n; i++) {
      if (savedA == null && rnd.nextInt(5) == 0) {
        tx.savepoint("s");
        savedA = new TreeMap<>(end.a);
        savedB = new TreeMap<>(end.b);
      }
      boolean onA = rnd.nextBoolean();
      Workload w = onA ? wa : wb;
      TreeMap<Long, Row> m = onA ? end.a : end.b;
      String name = onA ? "a" : "b";
      long id = rnd.nextInt(w.idRange);
      if (rnd.nextInt(3) == 0) {
        tx.delete(name, id);
        m.remove(id);
      } else {
        Row r = w.row(id);
        tx.upsert(name, List.of(r));
        m.put(id, r);
      }
    }
    if (savedA != null && rnd.nextBoolean()) {
      tx.rollbackTo("s");
      end.a.clear();
      end.a.putAll(savedA);
      end.b.clear();
      end.b.putAll(savedB);
    }
  }
}

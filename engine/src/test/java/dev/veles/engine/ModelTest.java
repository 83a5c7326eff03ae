package dev.veles.engine;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model-based test: random store, delete, get, flush, compact and reopen operations against a
 * {@code TreeMap}, compared after every operation, on the real file system and on the simulated
 * one.
 */
class ModelTest {
  @TempDir Path dir;

  @Test
  void realFileSystem() throws Exception {
    long seed = Long.getLong("veles.seed", System.nanoTime());
    run(seed, dir.resolve("db"), NioStorageIO.INSTANCE, Durability.FLUSH_ONLY, 2_000);
  }

  @Test
  void simulatedFileSystemWithCheckpoints() throws Exception {
    long seed = Long.getLong("veles.seed", System.nanoTime());
    run(seed, Path.of("/sim/db"), new SimStorageIO(), Durability.FSYNC, 10_000);
  }

  @Test
  void bulkImportMode() throws Exception {
    long seed = Long.getLong("veles.seed", System.nanoTime());
    run(seed, dir.resolve("none"), NioStorageIO.INSTANCE, Durability.NONE, 600);
  }

  /**
   * Transactions over two collections against a pair of models: each transaction's own reads (get,
   * ids) match the model with its writes applied, the committed collections match the model after
   * every commit or rollback, and a reopen keeps the committed state.
   */
  @Test
  void transactionsAgainstTheModel() throws Exception {
    long seed = Long.getLong("veles.seed", System.nanoTime());
    System.out.println("ModelTest.transactions seed " + seed);
    Random rnd = new Random(seed);
    Workload wa = new Workload(rnd, 60);
    Workload wb = new Workload(rnd, 60);
    Path root = dir.resolve("tx");
    Database db = Database.open(root, DatabaseOptions.defaults());
    try {
      db.create("a", Workload.schema(Durability.FSYNC));
      db.create("b", Workload.schema(Durability.FLUSH_ONLY));
      for (int i = 0; i < 300; i++) {
        String at = "seed " + seed + " transaction " + i;
        if (rnd.nextInt(30) == 0) {
          db.close();
          db = Database.open(root, DatabaseOptions.defaults());
        }
        java.util.TreeMap<Long, Row> ma = new java.util.TreeMap<>(wa.model);
        java.util.TreeMap<Long, Row> mb = new java.util.TreeMap<>(wb.model);
        try (Transaction tx = db.begin()) {
          for (int j = 1 + rnd.nextInt(8); j > 0; j--) {
            boolean onA = rnd.nextBoolean();
            String name = onA ? "a" : "b";
            java.util.TreeMap<Long, Row> m = onA ? ma : mb;
            long id = rnd.nextInt(60);
            int k = rnd.nextInt(10);
            if (k < 3) {
              tx.delete(name, id);
              m.remove(id);
            } else if (k < 5 && !m.containsKey(id)) {
              Row r = (onA ? wa : wb).row(id);
              tx.insert(name, java.util.List.of(r));
              m.put(id, r);
            } else {
              Row r = (onA ? wa : wb).row(id);
              tx.upsert(name, java.util.List.of(r));
              m.put(id, r);
            }
            long probe = rnd.nextInt(60);
            if (!java.util.Objects.equals(m.get(probe), tx.get(name, probe))) {
              throw new AssertionError(at + ": own get " + probe + " of " + name);
            }
          }
          for (String name : new String[] {"a", "b"}) {
            long[] want =
                (name.equals("a") ? ma : mb).keySet().stream().mapToLong(Long::longValue).toArray();
            if (!java.util.Arrays.equals(want, tx.ids(name, null))) {
              throw new AssertionError(at + ": own ids of " + name);
            }
          }
          if (rnd.nextInt(4) == 0) {
            tx.rollback();
          } else {
            tx.commit();
            wa.model = ma;
            wb.model = mb;
          }
        }
        Workload.check(db.get("a"), wa.model, at + " (a)");
        Workload.check(db.get("b"), wb.model, at + " (b)");
      }
    } finally {
      db.close();
    }
  }

  static void run(long seed, Path root, StorageIO io, Durability d, int ops) throws Exception {
    Random rnd = new Random(seed);
    Workload w = new Workload(rnd, 200);
    Database db = Database.open(root, DatabaseOptions.defaults(), io);
    try {
      VectorCollection c = db.create("m", Workload.schema(d));
      c.checkpointBytes = 1 << (8 + rnd.nextInt(10));
      for (int i = 0; i < ops; i++) {
        String what;
        if (rnd.nextInt(500) == 0) {
          db.close();
          db = Database.open(root, DatabaseOptions.defaults(), io);
          c = db.get("m");
          c.checkpointBytes = 1 << (8 + rnd.nextInt(10));
          what = "reopen";
        } else {
          Workload.Op op = w.next();
          op.run(c);
          w.model = op.after();
          what = op.toString();
        }
        long probe = rnd.nextInt(w.idRange);
        if (!java.util.Objects.equals(w.model.get(probe), c.get(probe))) {
          throw new AssertionError("seed " + seed + " op " + i + " (" + what + "): get " + probe);
        }
        if (i % 100 == 0 || what.equals("reopen") || what.equals("compact")) {
          Workload.check(c, w.model, "seed " + seed + " op " + i + " (" + what + ")");
        }
      }
    } finally {
      db.close();
    }
  }
}

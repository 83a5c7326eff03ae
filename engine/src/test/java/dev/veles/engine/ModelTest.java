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

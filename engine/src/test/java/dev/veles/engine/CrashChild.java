package dev.veles.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The child JVM of {@link KillNineTest}: opens a database and does mixed upserts, deletes and id
 * reuse in FSYNC mode, and transactions over two collections (committed or rolled back), printing
 * {@code B <op>} before and {@code A} after each call or commit so the parent knows what was
 * acknowledged. With {@code hold} as the mode it takes the lock and waits.
 */
public final class CrashChild {
  private CrashChild() {}

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  private static VectorCollection collection(Database db, String name) throws IOException {
    return db.find(name).isPresent()
        ? db.get(name)
        : db.create(name, CollectionSchema.of(KillNineTest.DIM, Metric.L2));
  }

  /**
   * A transaction over both collections: committed (announced as {@code B T} with its writes, then
   * {@code A}) or rolled back (never announced: none of it may ever show).
   */
  private static long transaction(Database db, Random rnd, long seed, long v) throws IOException {
    StringBuilder ops = new StringBuilder("B T");
    boolean commit = rnd.nextInt(4) != 0;
    try (Transaction tx = db.begin()) {
      int n = 1 + rnd.nextInt(5);
      for (int i = 0; i < n; i++) {
        String coll = rnd.nextBoolean() ? "k" : "k2";
        long id = rnd.nextInt(KillNineTest.IDS);
        v++;
        if (rnd.nextInt(4) == 0) {
          tx.delete(coll, id);
          ops.append(" D ").append(coll).append(' ').append(id);
        } else {
          tx.upsert(coll, List.of(Row.of(id, KillNineTest.vector(seed, v))));
          ops.append(" P ").append(coll).append(' ').append(id).append(' ').append(v);
        }
      }
      if (commit) {
        say(ops.toString());
        tx.commit();
        say("A");
      } else {
        tx.rollback();
      }
    }
    return v;
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      if (args.length > 2 && args[2].equals("hold")) {
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(60_000);
        return;
      }
      VectorCollection c = collection(db, "k");
      collection(db, "k2");
      Random rnd = new Random(seed);
      say("READY");
      long v = 0;
      while (true) {
        long id = rnd.nextInt(KillNineTest.IDS);
        int k = rnd.nextInt(10);
        if (k < 3) {
          v = transaction(db, rnd, seed, v);
          continue;
        }
        v++;
        if (k < 5) {
          say("B D " + id);
          c.delete(id);
        } else {
          say("B P " + id + " " + v);
          c.upsert(List.of(Row.of(id, KillNineTest.vector(seed, v))));
        }
        say("A");
      }
    }
  }
}

package dev.veles.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The child JVM of {@link KillNineTest}: opens a database and does mixed upserts, deletes and id
 * reuse in FSYNC mode, printing {@code B <op>} before and {@code A} after each call so the parent
 * knows what was acknowledged. With {@code hold} as the mode it takes the lock and waits.
 */
public final class CrashChild {
  private CrashChild() {}

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
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
      VectorCollection c =
          db.find("k").isPresent()
              ? db.get("k")
              : db.create("k", CollectionSchema.of(KillNineTest.DIM, Metric.L2));
      Random rnd = new Random(seed);
      say("READY");
      for (long v = 0; ; v++) {
        long id = rnd.nextInt(KillNineTest.IDS);
        if (rnd.nextInt(4) == 0) {
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

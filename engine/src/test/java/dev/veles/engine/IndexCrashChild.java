package dev.veles.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The child JVM of {@link IndexCrashTest}: on the collection of {@link KeyCrashChild#schema()} it
 * inserts rows (n: a random value of 0..99) and, now and then, creates or drops (whichever changes
 * something) the secondary indexes {@link #INDEXES}, in FSYNC mode, printing {@code B I <id> <key>
 * <n>} before and {@code A} after each acknowledged insert, and {@code XB <1|0>} before and {@code
 * XA} after each index change.
 */
public final class IndexCrashChild {
  /** The secondary indexes the child toggles: on n, and a unique one on (k, n). */
  static final List<IndexSpec> INDEXES =
      List.of(
          new IndexSpec("keyed_n", List.of("n"), false),
          new IndexSpec("keyed_kn", List.of("k", "n"), true));

  private IndexCrashChild() {}

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      VectorCollection c =
          db.find("keyed").isPresent()
              ? db.get("keyed")
              : db.create("keyed", KeyCrashChild.schema());
      Random rnd = new Random(seed);
      say("READY");
      while (true) {
        if (rnd.nextBoolean()) {
          boolean indexed = !c.schema().indexes().isEmpty();
          say("XB " + (indexed ? 0 : 1));
          db.setIndexes("keyed", indexed ? List.of() : INDEXES);
          say("XA");
        } else {
          long id = c.allocateIds(1)[0];
          int n = rnd.nextInt(100);
          say("B I " + id + " k" + id + " " + n);
          c.insert(List.of(KeyCrashChild.row(id, "k" + id, n)));
          say("A");
        }
      }
    }
  }
}

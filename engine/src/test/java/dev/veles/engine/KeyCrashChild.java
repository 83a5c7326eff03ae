package dev.veles.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The child JVM of {@link KeyCrashTest}: on a collection with a unique VARCHAR key it inserts rows
 * under engine-allocated ids, re-keys and deletes them, single calls and transactions, in FSYNC
 * mode, printing {@code S <id>} for each allocated id, {@code B <op>} before and {@code A} after
 * each acknowledged call or commit, and {@code R} when a call was refused (duplicate key).
 */
public final class KeyCrashChild {
  static final int KEYS = 24;

  private KeyCrashChild() {}

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  static CollectionSchema schema() {
    return new CollectionSchema(
        0,
        Metric.L2,
        List.of(
            new ColumnSpec("k", ColumnType.VARCHAR, 20, false),
            new ColumnSpec("n", ColumnType.INTEGER, 0, true)),
        IndexParams.DEFAULT,
        Durability.FSYNC,
        Map.of(),
        List.of(List.of("k")));
  }

  static Row row(long id, String key, int n) {
    return new Row(id, null, new Object[] {key, n});
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      VectorCollection c =
          db.find("keyed").isPresent() ? db.get("keyed") : db.create("keyed", schema());
      Random rnd = new Random(seed);
      say("READY");
      for (int n = 0; ; n++) {
        String key = "key" + rnd.nextInt(KEYS);
        int op = rnd.nextInt(10);
        try {
          if (op < 4) {
            long id = c.allocateIds(1)[0];
            say("S " + id);
            say("B I " + id + " " + key);
            c.insert(List.of(row(id, key, n)));
          } else if (op < 6) {
            long id = c.findKey(0, key);
            if (id < 0) {
              continue;
            }
            String to = "key" + rnd.nextInt(KEYS);
            say("B I " + id + " " + to); // a re-key: the row's old key goes
            c.upsert(List.of(row(id, to, n)));
          } else if (op < 8) {
            long id = c.findKey(0, key);
            if (id < 0) {
              continue;
            }
            say("B D " + id);
            c.delete(id);
          } else {
            long id = c.allocateIds(1)[0];
            say("S " + id);
            try (Transaction tx = db.begin()) {
              String other = "key" + rnd.nextInt(KEYS);
              long old = c.findKey(0, other);
              tx.insert("keyed", List.of(row(id, key, n)));
              String line = "B T I " + id + " " + key;
              if (old >= 0 && !other.equals(key)) {
                tx.delete("keyed", old);
                line += " D " + old;
              }
              say(line);
              tx.commit();
            }
          }
          say("A");
        } catch (DuplicateKeyException e) {
          say("R");
        }
      }
    }
  }
}

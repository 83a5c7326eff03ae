package dev.veles.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The child JVM of {@link ReindexKillTest}: creates collection {@code c} ({@value #ROWS} rows) if
 * absent, prints {@code ready}, then rebuilds its index for one metric after another, printing
 * {@code B <metric>} before and {@code A <metric>} after each {@link Database#reindex}, until it is
 * killed. The schema property {@code tag} names the metric, so the parent can see that the two
 * change together.
 */
public final class ReindexChild {
  static final int ROWS = 1_500;
  static final int DIM = 16;
  static final Metric[] ORDER = {Metric.L2, Metric.COSINE, Metric.L1};

  private ReindexChild() {}

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      if (db.find("c").isEmpty()) {
        VectorCollection c =
            db.create(
                "c",
                new CollectionSchema(
                    DIM,
                    Metric.COSINE,
                    List.of(),
                    IndexParams.DEFAULT,
                    Durability.FSYNC,
                    Map.of("tag", Metric.COSINE.sqlName())));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
          rows.add(new Row(i, ReindexKillTest.vector(i), new Object[0]));
        }
        c.insert(rows);
      }
      say("ready");
      for (int i = 0; ; i++) {
        Metric m = ORDER[(int) ((seed + i) % ORDER.length)];
        IndexParams p = new IndexParams(8 + (i % 3) * 8, 64 + (i % 2) * 64, 64);
        say("B " + m.sqlName());
        db.reindex("c", m, p, Map.of("tag", m.sqlName()));
        say("A " + m.sqlName());
      }
    }
  }
}

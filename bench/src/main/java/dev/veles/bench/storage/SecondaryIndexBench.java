package dev.veles.bench.storage;

import dev.veles.engine.CollectionSchema;
import dev.veles.engine.ColumnSpec;
import dev.veles.engine.ColumnType;
import dev.veles.engine.Database;
import dev.veles.engine.DatabaseOptions;
import dev.veles.engine.Durability;
import dev.veles.engine.Filter;
import dev.veles.engine.Hit;
import dev.veles.engine.IndexParams;
import dev.veles.engine.IndexSpec;
import dev.veles.engine.Metric;
import dev.veles.engine.Row;
import dev.veles.engine.VectorCollection;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Secondary indexes in the engine: on a table of N rows without vectors (column {@code cat}: N/1000
 * distinct INTEGER values, so an equality selects ~1,000 rows, 0.1%; column {@code sku}: a distinct
 * BIGINT per row), the time of an equality, an IN of 5 values and a narrow range through the index
 * against the same filter answered by the column scan, in alternating rounds; the heap and
 * open-time cost of the indexes; then on M rows with vectors, a filtered k-NN search with a
 * selective filter on an indexed column against the same search with the scanned filter, and both
 * against an exact search of the accepted rows (the answers must be equal).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx4g \
 *     -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
 *     dev.veles.bench.storage.SecondaryIndexBench DIR [N=1000000] [M=200000]
 * </pre>
 */
public final class SecondaryIndexBench {
  private SecondaryIndexBench() {}

  private static final int ROUNDS = 5;
  private static final int QUERIES = 200;

  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of(args[0]));
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int m = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
    System.out.printf("secondary index bench: %,d scalar rows, %,d vector rows%n", n, m);
    scalar(dir.resolve("scalar"), n);
    vectors(dir.resolve("vectors"), m);
  }

  private static CollectionSchema schema(int dim) {
    return new CollectionSchema(
        dim,
        Metric.L2,
        List.of(
            new ColumnSpec("cat", ColumnType.INTEGER, 0, false),
            new ColumnSpec("sku", ColumnType.BIGINT, 0, false),
            new ColumnSpec("title", ColumnType.VARCHAR, 0, true)),
        IndexParams.DEFAULT,
        Durability.NONE,
        Map.of());
  }

  private static final List<IndexSpec> INDEXES =
      List.of(
          new IndexSpec("t_cat", List.of("cat"), false),
          new IndexSpec("t_sku", List.of("sku"), true));

  private static void load(VectorCollection c, int n, int dim, Random rnd) throws Exception {
    List<Row> batch = new ArrayList<>();
    for (long id = 0; id < n; id++) {
      float[] v = null;
      if (dim > 0) {
        v = new float[dim];
        for (int i = 0; i < dim; i++) {
          v[i] = (float) rnd.nextGaussian();
        }
      }
      int cat = rnd.nextInt(Math.max(1, n / 1000));
      batch.add(new Row(id, v, new Object[] {cat, id * 7 + 3, "title " + id}));
      if (batch.size() == 10_000) {
        c.insert(batch);
        batch.clear();
      }
    }
    c.insert(batch);
    c.flush();
  }

  private static long usedHeap(MemoryMXBean mem) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return mem.getHeapMemoryUsage().getUsed();
  }

  private static void scalar(Path dir, int n) throws Exception {
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    Random rnd = new Random(42);
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      VectorCollection c = db.create("t", schema(0));
      load(c, n, 0, rnd);
      long before = usedHeap(mem);
      long t0 = System.nanoTime();
      db.setIndexes("t", INDEXES);
      long build = System.nanoTime() - t0;
      long after = usedHeap(mem);
      System.out.printf(
          "CREATE INDEX t_cat, t_sku: %.0f ms; heap +%.1f MiB (%.0f bytes per row for both)%n",
          build / 1e6, (after - before) / 1048576.0, (after - before) / (double) n);
      int cats = Math.max(1, n / 1000);
      for (int round = 0; round < ROUNDS; round++) {
        for (boolean indexed : new boolean[] {true, false}) {
          Random q = new Random(round);
          long[] ns = new long[3];
          long rows = 0;
          for (int i = 0; i < QUERIES; i++) {
            Filter eq = new Filter.Compare("cat", Filter.Op.EQ, q.nextInt(cats));
            Filter in =
                new Filter.In(
                    "sku",
                    List.of(
                        (long) q.nextInt(n) * 7 + 3,
                        (long) q.nextInt(n) * 7 + 3,
                        (long) q.nextInt(n) * 7 + 3,
                        (long) q.nextInt(n) * 7 + 3,
                        (long) q.nextInt(n) * 7 + 3));
            long lo = (long) q.nextInt(n) * 7;
            Filter range =
                new Filter.And(
                    List.of(
                        new Filter.Compare("sku", Filter.Op.GE, lo),
                        new Filter.Compare("sku", Filter.Op.LT, lo + 7 * 500)));
            Filter[] fs = {eq, in, range};
            for (int f = 0; f < 3; f++) {
              Filter filter = indexed ? fs[f] : new Filter.Not(new Filter.Not(fs[f]));
              long s = System.nanoTime();
              rows += c.ids(filter).length;
              ns[f] += System.nanoTime() - s;
            }
          }
          System.out.printf(
              "round %d %-7s: equality %8.3f ms, IN(5) %8.3f ms, range(500) %8.3f ms per query"
                  + " (%d rows)%n",
              round,
              indexed ? "index" : "scan",
              ns[0] / 1e6 / QUERIES,
              ns[1] / 1e6 / QUERIES,
              ns[2] / 1e6 / QUERIES,
              rows);
        }
      }
    }
    for (boolean indexed : new boolean[] {true, false, true, false}) {
      try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
        db.setIndexes("t", indexed ? INDEXES : List.of());
      }
      long t0 = System.nanoTime();
      try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
        long open = System.nanoTime() - t0;
        System.out.printf(
            "open with %s: %.0f ms (%d rows)%n",
            indexed ? "indexes   " : "no indexes", open / 1e6, db.get("t").size());
      }
    }
  }

  private static void vectors(Path dir, int m) throws Exception {
    int dim = 32;
    Random rnd = new Random(7);
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      VectorCollection c = db.create("v", schema(dim));
      long t0 = System.nanoTime();
      load(c, m, dim, rnd);
      System.out.printf("loaded %,d vectors in %.1f s%n", m, (System.nanoTime() - t0) / 1e9);
      db.setIndexes("v", INDEXES);
      int cats = Math.max(1, m / 1000);
      int mismatches = 0;
      for (int round = 0; round < ROUNDS; round++) {
        for (boolean indexed : new boolean[] {true, false}) {
          Random q = new Random(round);
          long ns = 0;
          for (int i = 0; i < QUERIES; i++) {
            float[] query = new float[dim];
            for (int d = 0; d < dim; d++) {
              query[d] = (float) q.nextGaussian();
            }
            Filter f = new Filter.Compare("cat", Filter.Op.EQ, q.nextInt(cats));
            Filter filter = indexed ? f : new Filter.Not(new Filter.Not(f));
            long s = System.nanoTime();
            List<Hit> hits = c.search(query, 10, Metric.L2, filter);
            ns += System.nanoTime() - s;
            if (round == 0 && !ids(hits).equals(exact(c, query, f))) {
              mismatches++;
            }
          }
          System.out.printf(
              "round %d %-7s: filtered k-NN (k=10, ~0.1%% accepted) %8.3f ms per query%n",
              round, indexed ? "index" : "scan", ns / 1e6 / QUERIES);
        }
      }
      System.out.printf(
          "filtered k-NN answers that differ from exact search: %d of %d%n",
          mismatches, 2 * QUERIES);
    }
  }

  private static List<Long> ids(List<Hit> hits) {
    return hits.stream().map(Hit::id).toList();
  }

  /** The exact top 10 among the rows {@code f} accepts (ties by id). */
  private static List<Long> exact(VectorCollection c, float[] q, Filter f) {
    long[] accepted = c.ids(new Filter.Not(new Filter.Not(f)));
    Long[] order = Arrays.stream(accepted).boxed().toArray(Long[]::new);
    float[] d = new float[accepted.length];
    Map<Long, Float> dist = new java.util.HashMap<>();
    for (int i = 0; i < accepted.length; i++) {
      d[i] = Metric.L2.distance(q, c.vector(accepted[i]));
      dist.put(accepted[i], d[i]);
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int x = Float.compare(dist.get(a), dist.get(b));
          return x != 0 ? x : Long.compare(a, b);
        });
    return Arrays.asList(order).subList(0, Math.min(10, order.length));
  }
}

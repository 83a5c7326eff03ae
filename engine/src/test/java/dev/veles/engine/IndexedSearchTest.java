package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veles.engine.index.Bits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link VectorCollection#search} through the HNSW index: recall against a brute-force oracle over
 * a map model (computed with {@link Metric#distance}, independent of the engine's kernels) after
 * interleaved writes, filtered recall, and the index surviving reopen, a damaged or stale graph
 * file, compaction and rebuilds. Seeded; the seed is in every message ({@code -Dveles.seed=...}).
 */
class IndexedSearchTest {
  static final int DIM = 24;
  static final IndexParams PARAMS = new IndexParams(16, 100, 64);

  @TempDir Path dir;

  static long seed() {
    return Long.getLong("veles.seed", System.nanoTime());
  }

  static CollectionSchema schema(Metric m) {
    return schema(m, PARAMS);
  }

  static CollectionSchema schema(Metric m, IndexParams params) {
    return new CollectionSchema(
        DIM,
        m,
        List.of(new ColumnSpec("bucket", ColumnType.BIGINT, 0, true)),
        params,
        Durability.FLUSH_ONLY,
        Map.of());
  }

  /** Clustered Gaussian vectors, like embeddings: neighbours are meaningful, not all equal. */
  static final class Clusters {
    final Random rnd;
    final float[][] centres;

    Clusters(Random rnd, int count) {
      this.rnd = rnd;
      centres = new float[count][DIM];
      for (float[] c : centres) {
        for (int i = 0; i < DIM; i++) {
          c[i] = (float) rnd.nextGaussian() * 2;
        }
      }
    }

    float[] next() {
      float[] c = centres[rnd.nextInt(centres.length)];
      float[] v = new float[DIM];
      for (int i = 0; i < DIM; i++) {
        v[i] = c[i] + (float) rnd.nextGaussian();
      }
      return v;
    }
  }

  static Row row(long id, float[] v) {
    return new Row(id, v, new Object[] {id % 100});
  }

  /**
   * The exact top k of the model among ids accepted by {@code bucketBelow}, by distance then id.
   */
  static List<Hit> oracle(Map<Long, float[]> model, float[] q, int k, Metric m, long bucketBelow) {
    List<Hit> all = new ArrayList<>();
    for (Map.Entry<Long, float[]> e : model.entrySet()) {
      if (e.getKey() % 100 < bucketBelow) {
        all.add(new Hit(e.getKey(), m.distance(q, e.getValue())));
      }
    }
    all.sort(null);
    return all.subList(0, Math.min(k, all.size()));
  }

  static double recall(List<Hit> got, List<Hit> want) {
    if (want.isEmpty()) {
      return got.isEmpty() ? 1 : 0;
    }
    Set<Long> w = new HashSet<>();
    want.forEach(h -> w.add(h.id()));
    return got.stream().filter(h -> w.contains(h.id())).count() / (double) want.size();
  }

  /** Checks ids exist in the model, pass the filter, and carry the metric's exact distance. */
  static void checkHits(
      List<Hit> got, Map<Long, float[]> model, float[] q, Metric m, long bucketBelow, String msg) {
    for (int i = 0; i < got.size(); i++) {
      Hit h = got.get(i);
      float[] v = model.get(h.id());
      assertTrue(v != null, msg + ": returned deleted or unknown id " + h.id());
      assertTrue(h.id() % 100 < bucketBelow, msg + ": id " + h.id() + " fails the filter");
      float want = m.distance(q, v);
      assertEquals(want, h.distance(), 1e-3 * (1 + Math.abs(want)), msg + ": distance " + h.id());
      if (i > 0) {
        assertTrue(got.get(i - 1).compareTo(h) <= 0, msg + ": not ordered by distance, id");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void recallForEveryMetricWithInterleavedWrites(Metric metric) throws IOException {
    long seed = seed();
    String msg = "seed " + seed + " metric " + metric;
    Random rnd = new Random(seed);
    Clusters data = new Clusters(rnd, 12);
    Map<Long, float[]> model = new HashMap<>();
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      VectorCollection c = db.create("r", schema(metric));
      long nextId = 0;
      for (int b = 0; b < 12; b++) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
          float[] v = data.next();
          model.put(nextId, v);
          rows.add(row(nextId++, v));
        }
        c.insert(rows);
      }
      List<Long> ids = new ArrayList<>(model.keySet());
      for (int op = 0; op < 600; op++) {
        long id = ids.get(rnd.nextInt(ids.size()));
        int kind = rnd.nextInt(10);
        if (kind < 4 && model.containsKey(id)) {
          float[] v = data.next(); // a moved vector: relinked in place
          model.put(id, v);
          c.upsert(List.of(row(id, v)));
        } else if (kind < 7) {
          model.remove(id);
          c.delete(id);
        } else {
          float[] v = data.next(); // new rows reuse the slots of deleted ones
          model.put(nextId, v);
          ids.add(nextId);
          c.insert(List.of(row(nextId++, v)));
        }
      }
      assertEquals(model.size(), c.size(), msg);
      double sum = 0;
      double walkSum = 0;
      int queries = 100;
      for (int i = 0; i < queries; i++) {
        float[] q = data.next();
        List<Hit> got = c.search(q, 10, metric, null);
        checkHits(got, model, q, metric, 100, msg);
        List<Hit> want = oracle(model, q, 10, metric, 100);
        sum += recall(got, want);
        // Bits.ALL never falls back to an exact scan: this is the graph alone.
        walkSum += recall(c.hnsw().search(q, 10, PARAMS.efSearch(), Bits.ALL), want);
      }
      double r = sum / queries;
      double walk = walkSum / queries;
      System.out.printf(
          "recall@10 %s after interleaved writes: search %.4f, graph walk %.4f%n", metric, r, walk);
      // Inner product is not a metric, and HNSW finds its neighbours less reliably: over 21 seeds
      // its recall here had a median of 0.99 and a minimum of 0.945 (seed 4132830614955), where
      // the three metrics stay at 1.0. 0.93 still catches a broken search, without failing CI on
      // one seed in twenty.
      double floor = metric == Metric.INNER_PRODUCT ? 0.93 : 0.95;
      assertTrue(r >= floor, msg + ": recall@10 " + r);
      assertTrue(walk >= floor, msg + ": graph-walk recall@10 " + walk);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 10, 50})
  void filteredRecallOnATypedColumn(int percent) throws IOException {
    long seed = seed();
    String msg = "seed " + seed + " selectivity " + percent + "%";
    Random rnd = new Random(seed);
    Clusters data = new Clusters(rnd, 15);
    Map<Long, float[]> model = new HashMap<>();
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      // m = 8 and 6,000 rows: at 50 % the index's cost rule walks the graph (1 % and 10 % scan).
      VectorCollection c = db.create("f", schema(Metric.L2, new IndexParams(8, 100, 48)));
      List<Row> rows = new ArrayList<>();
      for (long id = 0; id < 6000; id++) {
        float[] v = data.next();
        model.put(id, v);
        rows.add(row(id, v));
      }
      c.insert(rows);
      Filter f = new Filter.Compare("bucket", Filter.Op.LT, (long) percent);
      double sum = 0;
      int queries = 60;
      for (int i = 0; i < queries; i++) {
        float[] q = data.next();
        List<Hit> got = c.search(q, 10, Metric.L2, f, 0);
        checkHits(got, model, q, Metric.L2, percent, msg);
        sum += recall(got, oracle(model, q, 10, Metric.L2, percent));
      }
      double r = sum / queries;
      System.out.printf("filtered recall@10 at %d%%: %.4f%n", percent, r);
      assertTrue(r >= 0.95, msg + ": recall@10 " + r);
    }
  }

  @Test
  void otherMetricsAreExactAndKZeroIsEmpty() throws IOException {
    long seed = seed();
    Random rnd = new Random(seed);
    Clusters data = new Clusters(rnd, 5);
    Map<Long, float[]> model = new HashMap<>();
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      VectorCollection c = db.create("x", schema(Metric.COSINE));
      List<Row> rows = new ArrayList<>();
      for (long id = 0; id < 800; id++) {
        float[] v = data.next();
        model.put(id, v);
        rows.add(row(id, v));
      }
      c.insert(rows);
      float[] q = data.next();
      for (Metric m : List.of(Metric.L2, Metric.L1, Metric.INNER_PRODUCT)) {
        List<Hit> got = c.search(q, 10, m, null, 5);
        checkHits(got, model, q, m, 100, "seed " + seed + " " + m);
        assertEquals(
            oracle(model, q, 10, m, 100).stream().map(Hit::id).toList(),
            got.stream().map(Hit::id).toList(),
            "seed " + seed + " exact " + m);
      }
      assertEquals(List.of(), c.search(q, 0, Metric.COSINE, null, 0));
    }
  }

  @Test
  void reopenLoadsTheGraphAndRebuildsAStaleOrDamagedOne() throws IOException {
    reopenScenario(seed());
  }

  /**
   * A seed whose repair left an outlier row with one in-link, from a far node: reachable, yet a
   * search for its own vector converged on its nearest neighbours and never saw it.
   */
  @Test
  void anOutlierLeftWithAFarInLinkIsStillFound() throws IOException {
    reopenScenario(3284652287214L);
  }

  private void reopenScenario(long seed) throws IOException {
    Random rnd = new Random(seed);
    Clusters data = new Clusters(rnd, 8);
    Path root = dir.resolve("db");
    Path graph = root.resolve("g").resolve(GraphFile.NAME);
    Path old = dir.resolve("old.hnsw");
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      VectorCollection c = db.create("g", schema(Metric.L2));
      List<Row> rows = new ArrayList<>();
      for (long id = 0; id < 1500; id++) {
        rows.add(row(id, data.next()));
      }
      c.insert(rows);
    }
    assertTrue(Files.size(graph) > GraphFile.HEADER, "graph saved at close");
    Files.copy(graph, old);
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      VectorCollection c = db.get("g");
      Workload.assertIndexed(c, "seed " + seed + " after reopen");
      mutate(c, rnd, data);
      db.close(false); // like a crash: the WAL holds writes the saved graph lacks
    }
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      Workload.assertIndexed(db.get("g"), "seed " + seed + " after replay and reconcile");
      mutate(db.get("g"), rnd, data);
    }
    Files.copy(old, graph, StandardCopyOption.REPLACE_EXISTING); // older than the checkpoint
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      Workload.assertIndexed(db.get("g"), "seed " + seed + " after a stale graph");
    }
    byte[] b = Files.readAllBytes(graph);
    b[b.length / 2] ^= 0x55;
    Files.write(graph, b);
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      Workload.assertIndexed(db.get("g"), "seed " + seed + " after a damaged graph");
    }
    Files.write(graph, java.util.Arrays.copyOf(Files.readAllBytes(graph), 100));
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      Workload.assertIndexed(db.get("g"), "seed " + seed + " after a truncated graph");
    }
    Files.delete(graph);
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      Workload.assertIndexed(db.get("g"), "seed " + seed + " after a missing graph");
    }
    assertTrue(Files.exists(graph), "graph saved again at close");
  }

  /** Moves, deletes and adds rows, reusing freed slots. */
  private static void mutate(VectorCollection c, Random rnd, Clusters data) throws IOException {
    long next = 100_000 + rnd.nextInt(100_000);
    for (int i = 0; i < 200; i++) {
      long id = rnd.nextInt(1500);
      switch (rnd.nextInt(3)) {
        case 0 -> c.delete(id);
        case 1 -> c.upsert(List.of(row(id, data.next())));
        default -> c.insert(List.of(row(next++, data.next())));
      }
    }
  }

  @Test
  void compactionRemapsAndRebuildKeepsSearchesGoing() throws Exception {
    long seed = seed();
    String msg = "seed " + seed;
    Random rnd = new Random(seed);
    Clusters data = new Clusters(rnd, 8);
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      VectorCollection c = db.create("c", schema(Metric.L2));
      List<Row> rows = new ArrayList<>();
      for (long id = 0; id < 2000; id++) {
        rows.add(row(id, data.next()));
      }
      c.insert(rows);
      for (long id = 0; id < 2000; id += 1 + rnd.nextInt(3)) {
        c.delete(id);
      }
      c.compact();
      assertEquals(0, c.hnsw().tombstones(), msg);
      assertEquals(c.size(), c.hnsw().size(), msg);
      // Repairing ~50 % deletions before the remap may strand a node or two (the bypass keeps most
      // links, not all); the graph is approximate, so nearly every row must find itself.
      double found = selfFound(c);
      System.out.printf("rows found as their own neighbour after compaction: %.4f%n", found);
      assertTrue(found >= 0.99, msg + ": only " + found + " of rows find themselves");
      List<long[]> progress = new ArrayList<>();
      c.setBuildListener((done, total) -> progress.add(new long[] {done, total}));
      List<Throwable> errors = new ArrayList<>();
      Thread reader =
          new Thread(
              () -> {
                Random r = new Random(seed + 1);
                try {
                  for (int i = 0; i < 200; i++) {
                    float[] q = data.centres[r.nextInt(data.centres.length)];
                    assertEquals(10, c.search(q, 10, Metric.L2, null).size());
                  }
                } catch (Throwable e) {
                  synchronized (errors) {
                    errors.add(e);
                  }
                }
              },
              "test-reader");
      reader.start();
      c.rebuildIndex();
      reader.join();
      assertTrue(errors.isEmpty(), msg + ": " + errors);
      long[] last = progress.get(progress.size() - 1);
      assertEquals(c.size(), last[0], msg + ": progress done");
      assertEquals(c.size(), last[1], msg + ": progress total");
      Workload.assertIndexed(c, msg + " after rebuild");
    }
  }

  @Test
  void searchesDuringWritesNeverSeeDeletedRows() throws Exception {
    long seed = seed();
    String msg = "seed " + seed;
    Random rnd = new Random(seed);
    Clusters data = new Clusters(rnd, 10);
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      VectorCollection c = db.create("w", schema(Metric.L2));
      List<Row> rows = new ArrayList<>();
      for (long id = 0; id < 1500; id++) {
        rows.add(row(id, data.next()));
      }
      c.insert(rows);
      // Deleted ids are never inserted again, so a search that starts after a delete returned
      // must not return that id, whatever the index's state.
      Set<Long> deleted = ConcurrentHashMap.newKeySet();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger searches = new AtomicInteger();
      List<Throwable> errors = new ArrayList<>();
      List<Thread> readers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        long rs = seed + 1 + t;
        Thread th =
            new Thread(
                () -> {
                  Random r = new Random(rs);
                  try {
                    while (!stop.get()) {
                      Set<Long> gone = Set.copyOf(deleted);
                      float[] q = data.centres[r.nextInt(data.centres.length)].clone();
                      q[0] += (float) r.nextGaussian();
                      Filter f =
                          r.nextBoolean()
                              ? null
                              : new Filter.Compare("bucket", Filter.Op.LT, 1L + r.nextInt(99));
                      for (Hit h : c.search(q, 10, Metric.L2, f, 0)) {
                        if (gone.contains(h.id())) {
                          throw new AssertionError("deleted id " + h.id() + " returned");
                        }
                      }
                      searches.incrementAndGet();
                    }
                  } catch (Throwable e) {
                    synchronized (errors) {
                      errors.add(e);
                    }
                  }
                },
                "test-reader-" + t);
        th.start();
        readers.add(th);
      }
      long next = 1500;
      int deletes = 0;
      try {
        for (int op = 0; op < 1500; op++) {
          int kind = rnd.nextInt(10);
          long id = rnd.nextLong(next);
          if (kind < 4) {
            if (!deleted.contains(id) && c.delete(id) == 1) {
              deleted.add(id);
              deletes++;
            }
          } else if (kind < 7 && !deleted.contains(id)) {
            c.upsert(List.of(row(id, data.next())));
          } else {
            c.insert(List.of(row(next++, data.next())));
          }
        }
      } finally {
        stop.set(true);
        for (Thread th : readers) {
          th.join();
        }
      }
      assertTrue(errors.isEmpty(), msg + ": " + errors);
      assertTrue(searches.get() > 0, msg);
      // Tombstones passed the threshold, so background repairs ran (nobody else repairs here).
      long until = System.nanoTime() + 10_000_000_000L;
      while (c.hnsw().tombstones() >= deletes && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      assertTrue(c.hnsw().tombstones() < deletes, msg + ": no background repair");
      assertEquals(c.size(), c.hnsw().size(), msg);
      System.out.printf(
          "concurrent: %d searches, %d deletes, %d tombstones left%n",
          searches.get(), deletes, c.hnsw().tombstones());
    }
  }

  /** The fraction of rows whose vector's graph-walk nearest neighbour is the row itself. */
  static double selfFound(VectorCollection c) {
    long[] ids = c.ids(null);
    int found = 0;
    for (long id : ids) {
      List<Hit> h = c.hnsw().search(c.vector(id), 1, 64, Bits.ALL);
      found += h.size() == 1 && h.get(0).id() == id ? 1 : 0;
    }
    return found / (double) ids.length;
  }

  @Test
  void largeBatchIsBuiltInParallelWithProgress() throws IOException {
    long seed = seed();
    String msg = "seed " + seed;
    Random rnd = new Random(seed);
    Clusters data = new Clusters(rnd, 30);
    Map<Long, float[]> model = new HashMap<>();
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      VectorCollection c = db.create("b", schema(Metric.L2));
      List<long[]> progress = new ArrayList<>();
      c.setBuildListener((done, total) -> progress.add(new long[] {done, total}));
      List<Row> rows = new ArrayList<>();
      for (long id = 0; id < CollectionIndex.BULK_ROWS + 500; id++) {
        float[] v = data.next();
        model.put(id, v);
        rows.add(row(id, v));
      }
      c.upsert(rows);
      assertFalse(progress.isEmpty(), msg + ": no progress reported");
      for (int i = 1; i < progress.size(); i++) {
        assertTrue(progress.get(i)[0] >= progress.get(i - 1)[0], msg + ": progress went back");
      }
      long[] last = progress.get(progress.size() - 1);
      assertEquals(rows.size(), last[0], msg);
      assertEquals(rows.size(), last[1], msg);
      double sum = 0;
      for (int i = 0; i < 40; i++) {
        float[] q = data.next();
        sum += recall(c.search(q, 10, Metric.L2, null), oracle(model, q, 10, Metric.L2, 100));
      }
      assertTrue(sum / 40 >= 0.95, msg + ": recall@10 " + sum / 40);
    }
  }
}

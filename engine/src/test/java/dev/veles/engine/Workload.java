package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.veles.engine.index.Bits;
import dev.veles.engine.index.HnswIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Random operations on a collection together with the {@link TreeMap} model of what it must hold,
 * for model-based and crash tests. Ids come from a small range so that ids and slots are reused; a
 * third of the replaces of existing rows keep the vector and change only the columns.
 */
final class Workload {
  static final int DIM = 4;
  final Random rnd;
  final int idRange;
  final boolean longText;
  TreeMap<Long, Row> model = new TreeMap<>();

  Workload(Random rnd, int idRange) {
    this(rnd, idRange, false);
  }

  /** With {@code longText}, rows have a third column of texts long enough for the value store. */
  Workload(Random rnd, int idRange, boolean longText) {
    this.rnd = rnd;
    this.idRange = idRange;
    this.longText = longText;
  }

  static CollectionSchema schema(Durability d) {
    return schema(d, false);
  }

  /** The schema of {@link #row}s; {@code longText} adds the column {@code t VARCHAR}. */
  static CollectionSchema schema(Durability d, boolean longText) {
    List<ColumnSpec> cols = new ArrayList<>();
    cols.add(new ColumnSpec("s", ColumnType.VARCHAR, 12, true));
    cols.add(new ColumnSpec("n", ColumnType.BIGINT, 0, true));
    if (longText) {
      cols.add(new ColumnSpec("t", ColumnType.VARCHAR, 0, true));
    }
    return new CollectionSchema(DIM, Metric.L2, cols, IndexParams.DEFAULT, d, Map.of());
  }

  Row row(long id) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = rnd.nextInt(5) == 0 ? 0f : (float) rnd.nextGaussian();
    }
    String s = rnd.nextInt(4) == 0 ? null : "v" + rnd.nextInt(1_000_000);
    Long n = rnd.nextInt(4) == 0 ? null : rnd.nextLong();
    if (longText) {
      String t = rnd.nextInt(4) == 0 ? null : "t" + id + "-" + "x".repeat(64 + rnd.nextInt(300));
      return new Row(id, v, new Object[] {s, n, t});
    }
    return new Row(id, v, new Object[] {s, n});
  }

  /** One operation: what it does and the model after it. */
  interface Op {
    void run(VectorCollection c) throws IOException;

    TreeMap<Long, Row> after();
  }

  /** A random data operation (upsert, insert, delete, flush or compact). */
  Op next() {
    int k = rnd.nextInt(100);
    TreeMap<Long, Row> after = new TreeMap<>(model);
    if (k < 50) {
      List<Row> rows = new ArrayList<>();
      int n = 1 + (rnd.nextInt(4) == 0 ? rnd.nextInt(8) : 0);
      for (int i = 0; i < n; i++) {
        long id = rnd.nextInt(idRange);
        Row r = row(id);
        Row prior = after.get(id);
        if (prior != null && rnd.nextInt(3) == 0) {
          // An UPDATE of columns: the same vector, bit for bit, which keeps the row in its slot.
          r = new Row(id, prior.vector(), r.values());
        }
        rows.add(r);
        after.put(r.id(), r);
      }
      return op("upsert " + rows.size(), c -> c.upsert(rows), after);
    }
    if (k < 62) {
      long id = rnd.nextInt(idRange);
      if (model.containsKey(id)) {
        return op("flush", VectorCollection::flush, after);
      }
      Row r = row(id);
      after.put(id, r);
      return op("insert " + id, c -> c.insert(List.of(r)), after);
    }
    if (k < 88) {
      long[] ids = new long[1 + rnd.nextInt(3)];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = rnd.nextInt(idRange);
        after.remove(ids[i]);
      }
      return op("delete", c -> c.delete(ids), after);
    }
    if (k < 94) {
      return op("flush", VectorCollection::flush, after);
    }
    return op("compact", VectorCollection::compact, after);
  }

  interface Action {
    void run(VectorCollection c) throws IOException;
  }

  private static Op op(String name, Action a, TreeMap<Long, Row> after) {
    return new Op() {
      @Override
      public void run(VectorCollection c) throws IOException {
        a.run(c);
      }

      @Override
      public TreeMap<Long, Row> after() {
        return after;
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  /** Whether the collection holds exactly {@code m}. */
  static boolean matches(VectorCollection c, Map<Long, Row> m) {
    long[] ids = c.ids(null);
    if (ids.length != m.size()) {
      return false;
    }
    for (long id : ids) {
      if (!m.containsKey(id) || !m.get(id).equals(c.get(id))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Asserts that the index agrees with storage: as many live nodes as rows, and every row's vector
   * found as its own nearest neighbour (its id, or an id with an identical vector) both by a graph
   * walk and through {@link VectorCollection#search}.
   */
  static void assertIndexed(VectorCollection c, String msg) {
    assertIndexed(c, msg, true);
  }

  /** As {@link #assertIndexed(VectorCollection, String)}; {@code walk} false skips the walk. */
  static void assertIndexed(VectorCollection c, String msg, boolean walk) {
    HnswIndex idx = c.hnsw();
    assertEquals(c.size(), idx.size(), msg + ": index nodes vs rows");
    Metric m = c.schema().metric();
    for (long id : c.ids(null)) {
      float[] v = c.vector(id);
      List<Hit> api = c.search(v, 1, m, null);
      // Bits.ALL never switches to an exact scan: this searches the graph alone.
      List<List<Hit>> all = walk ? List.of(idx.search(v, 1, 64, Bits.ALL), api) : List.of(api);
      for (List<Hit> hits : all) {
        assertEquals(1, hits.size(), msg + ": no hit for row " + id);
        long got = hits.get(0).id();
        if (got != id) {
          assertArrayEquals(v, c.vector(got), msg + ": row " + id + " found " + got + " instead");
        }
      }
    }
  }

  /** Asserts that the collection holds exactly {@code m}, with a readable difference. */
  static void check(VectorCollection c, Map<Long, Row> m, String msg) {
    assertArrayEquals(
        m.keySet().stream().mapToLong(Long::longValue).toArray(), c.ids(null), msg + ": ids");
    for (Map.Entry<Long, Row> e : m.entrySet()) {
      assertEquals(e.getValue(), c.get(e.getKey()), msg + ": row " + e.getKey());
    }
    assertEquals(m.size(), c.size(), msg + ": size");
  }
}

package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secondary indexes ({@link IndexSpec}, {@link SecondaryIndex}): every filter an index serves
 * selects exactly the rows a column scan selects, through random writes, transactions and reopens;
 * unique indexes are enforced like unique keys; filtered k-NN with an index lookup matches exact
 * search.
 */
class SecondaryIndexTest {
  @TempDir Path dir;

  private Database open() throws IOException {
    return Database.open(dir.resolve("db"), DatabaseOptions.defaults());
  }

  static CollectionSchema schema() {
    return new CollectionSchema(
        2,
        Metric.L2,
        List.of(
            new ColumnSpec("a", ColumnType.INTEGER, 0, true),
            new ColumnSpec("b", ColumnType.VARCHAR, 0, true),
            new ColumnSpec("x", ColumnType.DOUBLE, 0, true),
            new ColumnSpec("u", ColumnType.BIGINT, 0, true)),
        IndexParams.DEFAULT,
        Durability.FLUSH_ONLY,
        Map.of());
  }

  static final List<IndexSpec> INDEXES =
      List.of(
          new IndexSpec("t_a", List.of("a"), false),
          new IndexSpec("t_ab", List.of("a", "b"), false),
          new IndexSpec("t_b", List.of("b"), false),
          new IndexSpec("t_x", List.of("x"), false));

  private static Row randomRow(Random rnd, long id) {
    Integer a = rnd.nextInt(8) == 0 ? null : rnd.nextInt(50) - 10;
    String b = rnd.nextInt(8) == 0 ? null : "s" + rnd.nextInt(20);
    Double x = rnd.nextInt(8) == 0 ? null : rnd.nextInt(9) == 0 ? -0.0 : rnd.nextInt(40) / 4.0;
    return new Row(id, new float[] {rnd.nextFloat(), rnd.nextFloat()}, new Object[] {a, b, x, id});
  }

  /** The same filter, but in a form no index serves: the answer of a column scan. */
  private static Filter scanned(Filter f) {
    return new Filter.Not(new Filter.Not(f));
  }

  private static Filter randomFilter(Random rnd) {
    Object[] numbers = {
      rnd.nextInt(50) - 10,
      (long) rnd.nextInt(50) - 10,
      rnd.nextInt(80) / 2.0 - 10,
      new BigDecimal("3.0"),
      Long.MAX_VALUE,
      Double.NaN
    };
    Filter.Op[] ops = {Filter.Op.EQ, Filter.Op.LT, Filter.Op.LE, Filter.Op.GT, Filter.Op.GE};
    Filter.Op op = ops[rnd.nextInt(ops.length)];
    Object n = numbers[rnd.nextInt(numbers.length)];
    return switch (rnd.nextInt(8)) {
      case 0 -> new Filter.Compare("a", op, n);
      case 1 -> new Filter.Compare("x", op, n);
      case 2 -> new Filter.Compare("b", op, "s" + rnd.nextInt(20));
      case 3 ->
          new Filter.In("a", Arrays.asList(rnd.nextInt(40), null, (long) rnd.nextInt(40), 2.5));
      case 4 ->
          new Filter.And(
              List.of(
                  new Filter.Compare("a", Filter.Op.EQ, rnd.nextInt(40)),
                  new Filter.Compare("b", op, "s" + rnd.nextInt(20))));
      case 5 ->
          new Filter.And(
              List.of(
                  new Filter.Compare("x", Filter.Op.GE, rnd.nextInt(10)),
                  new Filter.Compare("x", Filter.Op.LT, rnd.nextInt(10)),
                  new Filter.IsNull("b")));
      case 6 ->
          new Filter.Or(
              List.of(
                  new Filter.Compare("b", Filter.Op.EQ, "s" + rnd.nextInt(20)),
                  new Filter.Compare("x", Filter.Op.EQ, rnd.nextInt(10) + 0.0)));
      default ->
          new Filter.And(
              List.of(
                  new Filter.Compare("a", op, n),
                  new Filter.Not(new Filter.Compare("u", Filter.Op.EQ, 3L))));
    };
  }

  private static void checkFilters(VectorCollection c, Random rnd, int n) {
    for (int i = 0; i < n; i++) {
      Filter f = randomFilter(rnd);
      assertArrayEquals(c.ids(scanned(f)), c.ids(f), "filter " + f);
    }
  }

  /**
   * The index's own structure against a plain model through enough writes to rebuild its sorted run
   * many times: every lookup (prefix, range, cap), its size and its duplicate detection.
   */
  @Test
  void lookupsMatchAModelThroughManyRebuilds() {
    long seed = System.nanoTime();
    System.out.println("seed " + seed);
    Random rnd = new Random(seed);
    CollectionSchema schema = schema();
    SecondaryIndex one = new SecondaryIndex(INDEXES.get(0), schema);
    SecondaryIndex two = new SecondaryIndex(INDEXES.get(1), schema);
    java.util.TreeMap<Long, Object[]> live = new java.util.TreeMap<>();
    for (long id = 0; id < 3000; id++) {
      Object[] v = randomRow(rnd, id).values();
      live.put(id, v);
      one.load(id, v);
      two.load(id, v);
    }
    one.finishLoad();
    two.finishLoad();
    for (int step = 0; step < 40_000; step++) {
      long id = rnd.nextInt(6000);
      Object[] old = live.remove(id);
      if (old != null) {
        one.remove(id, old);
        two.remove(id, old);
      }
      if (old == null || rnd.nextBoolean()) {
        Object[] v = randomRow(rnd, id).values();
        live.put(id, v);
        one.add(id, v);
        two.add(id, v);
      }
      if (step % 97 == 0) {
        checkAgainstModel(one, two, live, rnd);
      }
    }
    checkAgainstModel(one, two, live, rnd);
  }

  private static void checkAgainstModel(
      SecondaryIndex one, SecondaryIndex two, Map<Long, Object[]> live, Random rnd) {
    assertEquals(live.values().stream().filter(v -> v[0] != null).count(), one.size());
    assertEquals(live.values().stream().filter(v -> v[0] != null).count(), two.size());
    Integer a = rnd.nextInt(50) - 10;
    String lo = rnd.nextBoolean() ? null : "s" + rnd.nextInt(20);
    String hi = rnd.nextBoolean() ? null : "s" + rnd.nextInt(20);
    Integer from = rnd.nextBoolean() ? null : rnd.nextInt(50) - 10;
    Integer to = rnd.nextBoolean() ? null : rnd.nextInt(50) - 10;
    List<Long> want = new ArrayList<>();
    List<Long> wantRange = new ArrayList<>();
    List<Long> wantEq = new ArrayList<>();
    for (Map.Entry<Long, Object[]> e : live.entrySet()) {
      Integer va = (Integer) e.getValue()[0];
      String vb = (String) e.getValue()[1];
      if (a.equals(va)
          // a null sorts after every value
          && (lo == null || vb == null || vb.compareTo(lo) >= 0)
          && (hi == null || (vb != null && vb.compareTo(hi) <= 0))) {
        want.add(e.getKey());
      }
      if (va != null && (from == null || va >= from) && (to == null || va <= to)) {
        wantRange.add(e.getKey());
      }
      if (a.equals(va)) {
        wantEq.add(e.getKey());
      }
    }
    assertEquals(want, looked(two, new Object[] {a}, lo, hi, Integer.MAX_VALUE));
    assertEquals(wantRange, looked(one, new Object[0], from, to, Integer.MAX_VALUE));
    assertEquals(wantEq, looked(one, new Object[] {a}, null, null, Integer.MAX_VALUE));
    if (!wantRange.isEmpty()) {
      List<Long> capped = new ArrayList<>();
      assertEquals(false, one.lookup(new Object[0], from, to, wantRange.size() - 1, capped::add));
    }
    boolean dupA =
        live.values().stream().filter(v -> v[0] != null).map(v -> v[0]).distinct().count()
            < one.size();
    assertEquals(dupA, one.duplicateKey() != null);
  }

  private static List<Long> looked(
      SecondaryIndex ix, Object[] prefix, Object lo, Object hi, int cap) {
    List<Long> out = new ArrayList<>();
    assertEquals(true, ix.lookup(prefix, lo, hi, cap, out::add));
    out.sort(null);
    return out;
  }

  @Test
  void lookupsMatchScansThroughWritesTransactionsAndReopen() throws IOException {
    long seed = Long.getLong("veles.seed", System.nanoTime());
    System.out.println("SecondaryIndexTest seed " + seed);
    Random rnd = new Random(seed);
    try (Database db = open()) {
      VectorCollection c = db.create("t", schema());
      List<Row> first = new ArrayList<>();
      for (long id = 0; id < 300; id++) {
        first.add(randomRow(rnd, id));
      }
      c.insert(first);
      db.setIndexes("t", INDEXES); // built over existing rows
      checkFilters(c, rnd, 200);
      for (int step = 0; step < 300; step++) {
        long id = rnd.nextInt(400);
        switch (rnd.nextInt(4)) {
          case 0 -> c.upsert(List.of(randomRow(rnd, id), randomRow(rnd, id))); // twice in a call
          case 1 -> c.delete(id, id + 1);
          case 2 -> {
            try (Transaction t = db.begin()) {
              t.upsert("t", List.of(randomRow(rnd, id)));
              t.delete("t", id + 7);
              Filter f = randomFilter(rnd);
              // the transaction's own writes merge with the committed rows found by the index
              assertArrayEquals(t.ids("t", scanned(f)), t.ids("t", f), "in tx: " + f);
              if (rnd.nextBoolean()) {
                t.commit();
              } else {
                t.rollback();
              }
            }
          }
          default -> c.upsert(List.of(randomRow(rnd, id)));
        }
        checkFilters(c, rnd, 5);
      }
    }
    try (Database db = open()) {
      VectorCollection c = db.get("t");
      assertEquals(INDEXES, c.schema().indexes(), "index definitions survive a reopen");
      checkFilters(c, rnd, 200);
      db.setIndexes("t", INDEXES.subList(1, 3));
      checkFilters(c, rnd, 100);
    }
    try (Database db = open()) {
      assertEquals(INDEXES.subList(1, 3), db.get("t").schema().indexes());
    }
  }

  @Test
  void unselectiveLookupsFallBackToTheScan() throws IOException {
    try (Database db = open()) {
      VectorCollection c = db.create("t", schema());
      List<Row> rows = new ArrayList<>();
      for (long id = 0; id < 5000; id++) {
        rows.add(new Row(id, new float[] {id, 0}, new Object[] {(int) (id % 3), "s", 0.0, id}));
      }
      c.insert(rows);
      db.setIndexes("t", INDEXES);
      // each answer holds > LOOKUP_MIN_CAP rows: the lookup gives up and the scan answers
      Filter f = new Filter.Compare("a", Filter.Op.EQ, 1);
      assertEquals(1667, c.ids(f).length);
      assertArrayEquals(c.ids(scanned(f)), c.ids(f));
      Filter or =
          new Filter.Or(
              List.of(
                  new Filter.Compare("u", Filter.Op.EQ, 3L),
                  new Filter.Compare("a", Filter.Op.GE, 0)));
      assertEquals(5000, c.ids(or).length);
    }
  }

  @Test
  void uniqueIndexesAreEnforcedLikeUniqueKeys() throws IOException {
    try (Database db = open()) {
      VectorCollection c = db.create("t", schema());
      c.insert(
          List.of(
              new Row(1, new float[] {0, 0}, new Object[] {1, "p", 0.0, 10L}),
              new Row(2, new float[] {0, 1}, new Object[] {1, "q", 0.0, 10L}),
              new Row(3, new float[] {0, 2}, new Object[] {null, "r", 0.0, null})));
      IndexSpec onU = new IndexSpec("t_u", List.of("u"), true);
      assertThrows(DuplicateKeyException.class, () -> db.setIndexes("t", List.of(onU)));
      assertEquals(List.of(), c.schema().indexes(), "a refused unique index is not created");
      c.upsert(List.of(new Row(2, new float[] {0, 1}, new Object[] {1, "q", 0.0, 20L})));
      db.setIndexes("t", List.of(onU, new IndexSpec("t_ab", List.of("a", "b"), true)));
      assertThrows(
          DuplicateKeyException.class,
          () -> c.insert(List.of(new Row(4, new float[] {1, 1}, new Object[] {2, "z", 0.0, 20L}))));
      assertThrows(
          DuplicateKeyException.class,
          () -> c.insert(List.of(new Row(4, new float[] {1, 1}, new Object[] {1, "p", 0.0, 4L}))));
      // nulls are never equal: repeated freely
      c.insert(List.of(new Row(5, new float[] {1, 1}, new Object[] {null, "r", 0.0, null})));
      try (Transaction t1 = db.begin();
          Transaction t2 = db.begin()) {
        t1.insert("t", List.of(new Row(6, new float[] {1, 2}, new Object[] {7, "a", 0.0, 30L})));
        assertThrows(
            WriteConflictException.class,
            () ->
                t2.insert(
                    "t", List.of(new Row(7, new float[] {1, 2}, new Object[] {8, "a", 0.0, 30L}))));
        // the unique keys cannot change while t1 holds key locks
        assertThrows(WriteConflictException.class, () -> db.setIndexes("t", List.of()));
        t1.commit();
        t2.rollback();
      }
      assertArrayEquals(new long[] {6}, c.ids(new Filter.Compare("u", Filter.Op.EQ, 30L)));
      db.setIndexes("t", List.of());
      c.insert(List.of(new Row(8, new float[] {1, 1}, new Object[] {2, "z", 0.0, 30L})));
    }
  }

  @Test
  void filteredSearchWithALookupMatchesExactSearch() throws IOException {
    long seed = Long.getLong("veles.seed", System.nanoTime());
    System.out.println("SecondaryIndexTest search seed " + seed);
    Random rnd = new Random(seed);
    try (Database db = open()) {
      VectorCollection c = db.create("t", schema());
      List<Row> rows = new ArrayList<>();
      for (long id = 0; id < 3000; id++) {
        rows.add(randomRow(rnd, id));
      }
      c.insert(rows);
      db.setIndexes("t", INDEXES);
      for (int i = 0; i < 30; i++) {
        float[] q = {rnd.nextFloat(), rnd.nextFloat()};
        Filter f = new Filter.Compare("a", Filter.Op.EQ, rnd.nextInt(40));
        List<Hit> got = c.search(q, 10, Metric.L2, f);
        List<Long> want = new ArrayList<>();
        long[] accepted = c.ids(scanned(f));
        List<long[]> byDist = new ArrayList<>();
        for (long id : accepted) {
          float d = Metric.L2.distance(q, c.vector(id));
          byDist.add(new long[] {Float.floatToIntBits(d), id});
        }
        byDist.sort(
            (x, y) ->
                x[0] != y[0]
                    ? Float.compare(
                        Float.intBitsToFloat((int) x[0]), Float.intBitsToFloat((int) y[0]))
                    : Long.compare(x[1], y[1]));
        for (int j = 0; j < Math.min(10, byDist.size()); j++) {
          want.add(byDist.get(j)[1]);
        }
        assertEquals(want, got.stream().map(Hit::id).toList(), "filter " + f);
      }
    }
  }
}

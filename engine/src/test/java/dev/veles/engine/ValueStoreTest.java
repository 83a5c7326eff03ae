package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Long text and binary values live in the collection's {@link ValueStore} ({@code values.dat}):
 * random writes against a {@link TreeMap} model, read back by id, filter, cursor, transaction and
 * secondary index, across checkpoints, WAL replay, compaction and reopen; damage to the derived
 * file is detected while open and healed by the next open.
 */
class ValueStoreTest {
  static final Path ROOT = Path.of("/sim/db");
  static final Path STORE = ROOT.resolve("t").resolve(ValueStore.NAME);

  static final ColumnSpec CODE = new ColumnSpec("code", ColumnType.CHAR, 300, true);

  static CollectionSchema schema(int dimension) {
    return new CollectionSchema(
        dimension,
        Metric.L2,
        List.of(
            new ColumnSpec("body", ColumnType.VARCHAR, 0, true),
            CODE,
            new ColumnSpec("blob", ColumnType.VARBINARY, 0, true),
            new ColumnSpec("n", ColumnType.INTEGER, 0, true)),
        IndexParams.DEFAULT,
        Durability.FSYNC,
        Map.of());
  }

  /** A text of 0..300 chars: short ones stay on the heap, long ones go to the store. */
  static String text(Random rnd) {
    int n = rnd.nextInt(4) == 0 ? rnd.nextInt(20) : 60 + rnd.nextInt(240);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int k = rnd.nextInt(30);
      b.append(k == 0 ? 'é' : k == 1 ? '\u4e2d' : (char) ('a' + k % 26)); // multi-byte UTF-8 too
    }
    return b.toString();
  }

  static Row row(Random rnd, long id, int dimension) {
    float[] v = dimension == 0 ? null : new float[] {rnd.nextFloat(), rnd.nextFloat()};
    String body = rnd.nextInt(8) == 0 ? null : text(rnd);
    String code = rnd.nextInt(8) == 0 ? null : LaterTypes.padded(CODE, text(rnd));
    byte[] blob = null;
    if (rnd.nextInt(3) > 0) {
      blob = new byte[rnd.nextInt(2) == 0 ? rnd.nextInt(30) : 65 + rnd.nextInt(500)];
      rnd.nextBytes(blob);
    }
    return new Row(id, v, new Object[] {body, code, blob, rnd.nextInt(1000)});
  }

  static void assertSame(TreeMap<Long, Row> model, VectorCollection c) {
    assertArrayEquals(model.keySet().stream().mapToLong(x -> x).toArray(), c.ids(null));
    for (Row r : model.values()) {
      assertEquals(r, c.get(r.id()), "row " + r.id());
    }
  }

  /** The ids where the model's body satisfies the test (NULL never does). */
  static long[] where(TreeMap<Long, Row> model, java.util.function.Predicate<String> test) {
    return model.values().stream()
        .filter(r -> r.values()[0] != null && test.test((String) r.values()[0]))
        .mapToLong(Row::id)
        .toArray();
  }

  static void assertFilters(TreeMap<Long, Row> model, VectorCollection c, Random rnd) {
    List<Row> rows = new ArrayList<>(model.values());
    if (rows.isEmpty()) {
      return;
    }
    Row pick = rows.get(rnd.nextInt(rows.size()));
    String body = (String) pick.values()[0];
    if (body != null) {
      assertArrayEquals(
          where(model, body::equals),
          c.ids(new Filter.Compare("body", Filter.Op.EQ, body)),
          "= " + body);
      assertArrayEquals(
          where(model, s -> s.compareTo(body) < 0),
          c.ids(new Filter.Compare("body", Filter.Op.LT, body)));
      String prefix = body.substring(0, Math.min(3, body.length()));
      assertArrayEquals(
          where(model, s -> s.startsWith(prefix)),
          c.ids(new Filter.Like("body", prefix.replace("%", "") + "%", '\\')));
    }
    byte[] blob = (byte[]) pick.values()[2];
    if (blob != null) {
      long[] want =
          model.values().stream()
              .filter(r -> r.values()[2] != null && Arrays.equals((byte[]) r.values()[2], blob))
              .mapToLong(Row::id)
              .toArray();
      assertArrayEquals(want, c.ids(new Filter.Compare("blob", Filter.Op.EQ, blob)));
    }
  }

  @Test
  void longValuesRoundTripThroughEveryPath() throws Exception {
    for (int dimension : new int[] {0, 2}) {
      long seed = Long.getLong("veles.seed", System.nanoTime());
      System.out.println("ValueStoreTest seed " + seed + " dimension " + dimension);
      run(new Random(seed), dimension, seed);
    }
  }

  private void run(Random rnd, int dimension, long seed) throws Exception {
    SimStorageIO sim = new SimStorageIO();
    TreeMap<Long, Row> model = new TreeMap<>();
    Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
    VectorCollection c = db.create("t", schema(dimension));
    c.setIndexes(List.of(new IndexSpec("by_body", List.of("body"), false)));
    for (int round = 0; round < 12; round++) {
      for (int op = 0; op < 60; op++) {
        int k = rnd.nextInt(10);
        long id = rnd.nextInt(200);
        if (k < 6) {
          List<Row> batch = new ArrayList<>();
          for (int i = 0; i < 1 + rnd.nextInt(3); i++) {
            Row r = row(rnd, rnd.nextInt(200), dimension);
            batch.add(r);
          }
          c.upsert(batch);
          batch.forEach(r -> model.put(r.id(), r));
        } else if (k < 8 && model.containsKey(id)) {
          // An UPDATE of the number only: the long values stay where they are.
          Row old = model.get(id);
          Object[] v = old.values().clone();
          v[3] = rnd.nextInt(1000);
          long before = store(c).size();
          Row r = new Row(id, old.vector(), v);
          c.upsert(List.of(r));
          model.put(id, r);
          assertEquals(before, store(c).size(), "an update of n copied long values");
        } else {
          c.delete(id);
          model.remove(id);
        }
      }
      assertSame(model, c);
      assertFilters(model, c, rnd);
      assertTrue(store(c).size() > ValueStore.HEADER, "long values live in the store");
      switch (round % 4) {
        case 0 -> {
          db.close(); // checkpoint: the next open loads the long values from vectors.idx
          db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
        }
        case 1 -> {
          db.close(false); // no checkpoint: the next open replays them from the WAL
          sim = sim.crash(null);
          db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
        }
        case 2 -> {
          long before = store(db.get("t")).size();
          db.get("t").compact();
          assertTrue(store(db.get("t")).size() <= before, "seed " + seed);
        }
        default -> db.get("t").flush();
      }
      c = db.get("t");
      assertSame(model, c);
      assertFilters(model, c, rnd);
      assertTrue(c.check().ok(), c.check().toString());
    }
    db.close();
  }

  private static ValueStore store(VectorCollection c) {
    return c.valueStore();
  }

  @Test
  void cursorsAndTransactionsSeeLongValues() throws Exception {
    SimStorageIO sim = new SimStorageIO();
    try (Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim)) {
      VectorCollection c = db.create("t", schema(0));
      String a = "a".repeat(500);
      String b = "b".repeat(500);
      c.insert(List.of(new Row(1, null, new Object[] {a, null, null, 1})));
      RowCursor cur = c.scan(null);
      c.upsert(List.of(new Row(1, null, new Object[] {b, null, null, 2})));
      assertEquals(a, cur.row(0).values()[0], "the cursor keeps the old image");
      cur.close();
      try (Transaction tx = db.begin()) {
        tx.upsert("t", List.of(new Row(2, null, new Object[] {a + "x", null, null, 3})));
        assertArrayEquals(
            new long[] {2}, tx.ids("t", new Filter.Like("body", "a%x", '\\')), "own write");
        assertArrayEquals(new long[] {1}, tx.ids("t", new Filter.Like("body", "b%", '\\')));
        tx.rollback();
      }
      assertArrayEquals(new long[] {1}, c.ids(null));
      assertEquals(b, c.get(1).values()[0]);
    }
  }

  @Test
  void aReadOnlyOpenReadsLongValuesWithoutWritingItsDirectory() throws Exception {
    SimStorageIO sim = new SimStorageIO();
    Random rnd = new Random(3);
    TreeMap<Long, Row> model = new TreeMap<>();
    Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
    VectorCollection c = db.create("t", schema(2));
    for (int i = 0; i < 50; i++) {
      Row r = row(rnd, i, 2);
      c.insert(List.of(r));
      model.put(r.id(), r);
      if (i == 25) {
        db.close(); // half in the checkpoint, half in the WAL
        db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
        c = db.get("t");
      }
    }
    db.close(false);
    byte[] before = sim.bytes(STORE);
    try (Database ro = Database.open(ROOT, new DatabaseOptions(false, true, 4096), sim)) {
      assertSame(model, ro.get("t"));
      assertFilters(model, ro.get("t"), rnd);
      assertTrue(ro.get("t").check().ok(), ro.get("t").check().toString());
    }
    assertArrayEquals(before, sim.bytes(STORE), "a read-only open wrote values.dat");
  }

  @Test
  void anAlterTableKeepsLongValues() throws Exception {
    SimStorageIO sim = new SimStorageIO();
    Random rnd = new Random(5);
    TreeMap<Long, Row> model = new TreeMap<>();
    try (Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim)) {
      VectorCollection c = db.create("t", schema(0));
      for (int i = 0; i < 40; i++) {
        Row r = row(rnd, i, 0);
        c.insert(List.of(r));
        model.put(r.id(), r);
      }
      // Drop column "n", add a text column "extra" after the others: the rows are rewritten.
      CollectionSchema cur = c.schema();
      List<ColumnSpec> cols = new ArrayList<>(cur.columns().subList(0, 3));
      cols.add(new ColumnSpec("extra", ColumnType.VARCHAR, 0, true));
      CollectionSchema next =
          new CollectionSchema(0, Metric.L2, cols, IndexParams.DEFAULT, Durability.FSYNC, Map.of());
      String extra = "e".repeat(150);
      db.alter("t", next, new int[] {0, 1, 2, -1}, (id, col) -> extra);
      VectorCollection after = db.get("t");
      for (Row r : model.values()) {
        Object[] v = {r.values()[0], r.values()[1], r.values()[2], extra};
        assertEquals(new Row(r.id(), null, v), after.get(r.id()), "row " + r.id());
      }
      assertTrue(after.check().ok(), after.check().toString());
    }
  }

  @Test
  void aFullDiskFailsTheCallBeforeItIsLogged() throws Exception {
    SimStorageIO sim = new SimStorageIO();
    TreeMap<Long, Row> model = new TreeMap<>();
    Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
    VectorCollection c = db.create("t", schema(0));
    for (int i = 0; i < 10; i++) {
      Row r = new Row(i, null, new Object[] {"s" + "x".repeat(100), null, null, i});
      c.insert(List.of(r));
      model.put(r.id(), r);
    }
    List<Row> big = new ArrayList<>();
    for (int i = 0; i < 3000; i++) { // 3 MB of text: the 1 MiB store must grow
      big.add(new Row(100 + i, null, new Object[] {"b" + i + "y".repeat(1000), null, null, i}));
    }
    sim.diskFull(p -> p.endsWith(ValueStore.NAME));
    byte[] wal = sim.bytes(ROOT.resolve("t").resolve(CollectionFiles.WAL));
    DiskFullException e = assertThrows(DiskFullException.class, () -> c.insert(big));
    assertEquals(STORE, e.file());
    assertArrayEquals(wal, sim.bytes(ROOT.resolve("t").resolve(CollectionFiles.WAL)), "logged");
    assertSame(model, c);
    sim.diskFull(false);
    c.insert(big); // the collection stayed writable
    big.forEach(r -> model.put(r.id(), r));
    assertSame(model, c);
    db.close(false);
    try (Database again = Database.open(ROOT, DatabaseOptions.defaults(), sim.crash(null))) {
      assertSame(model, again.get("t"));
    }
  }

  @Test
  void damageWhileOpenIsDetectedAndTheNextOpenRebuilds() throws Exception {
    SimStorageIO sim = new SimStorageIO();
    Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
    VectorCollection c = db.create("t", schema(0));
    String text = "x".repeat(200);
    c.insert(List.of(new Row(7, null, new Object[] {text, null, null, 1})));
    byte[] b = sim.bytes(STORE);
    String file = new String(b, StandardCharsets.ISO_8859_1);
    int at = file.indexOf(text);
    assertTrue(at > ValueStore.HEADER);
    b[at + 10] ^= 1;
    sim.setBytes(STORE, b);
    // The simulated mapping sees the new bytes as a real shared mapping would.
    DamagedCollectionException e = assertThrows(DamagedCollectionException.class, () -> c.get(7));
    assertEquals(STORE, e.problem().file());
    CheckReport r = c.check();
    assertFalse(r.ok());
    assertTrue(r.problems().getFirst().what().contains("derived data"), r.toString());
    db.close();
    for (String damage : new String[] {"missing", "truncated", "header"}) {
      switch (damage) {
        case "missing" -> sim.delete(STORE);
        case "truncated" -> sim.setBytes(STORE, Arrays.copyOf(sim.bytes(STORE), 40));
        default -> {
          byte[] h = sim.bytes(STORE);
          h[3] ^= 4;
          sim.setBytes(STORE, h);
        }
      }
      try (Database again = Database.open(ROOT, DatabaseOptions.defaults(), sim)) {
        assertTrue(again.damage("t").isEmpty(), damage);
        assertEquals(text, again.get("t").get(7).values()[0], damage);
        assertTrue(again.get("t").check().ok(), damage);
      }
    }
  }
}

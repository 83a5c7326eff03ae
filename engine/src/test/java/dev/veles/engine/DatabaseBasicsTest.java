package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseBasicsTest {
  @TempDir Path dir;

  static CollectionSchema docsSchema(int dim, Durability d) {
    return new CollectionSchema(
        dim,
        Metric.L2,
        List.of(
            new ColumnSpec("title", ColumnType.VARCHAR, 20, true),
            new ColumnSpec("price", ColumnType.DOUBLE, 0, true),
            new ColumnSpec("qty", ColumnType.BIGINT, 0, false),
            new ColumnSpec("ok", ColumnType.BOOLEAN, 0, true),
            new ColumnSpec("day", ColumnType.DATE, 0, true),
            new ColumnSpec("ts", ColumnType.TIMESTAMP, 0, true),
            new ColumnSpec("n", ColumnType.INTEGER, 0, true),
            new ColumnSpec("r", ColumnType.REAL, 0, true)),
        IndexParams.DEFAULT,
        d,
        Map.of("sql.columns", "id,embedding,title"));
  }

  static Row row(long id, float[] v, String title, Double price, long qty) {
    return new Row(
        id, v, new Object[] {title, price, qty, id % 2 == 0, (int) id, id * 1000, null, 1.5f});
  }

  @Test
  void createInsertGetSearchReopen() throws IOException {
    try (Database db = Database.open(dir.resolve("db"), DatabaseOptions.defaults())) {
      VectorCollection c = db.create("docs", docsSchema(3, Durability.FSYNC));
      assertEquals(1, db.schemaVersion());
      c.insert(
          List.of(
              row(1, new float[] {0, 0, 0}, "a", 1.0, 10),
              row(2, new float[] {1, 0, 0}, "b", null, 20),
              row(3, new float[] {5, 5, 5}, null, 3.5, 30)));
      assertEquals(3, c.size());
      assertEquals(row(2, new float[] {1, 0, 0}, "b", null, 20), c.get(2));
      assertNull(c.get(4));
      List<Hit> hits = c.search(new float[] {0.9f, 0, 0}, 2, Metric.L2, null);
      assertEquals(2, hits.get(0).id());
      assertEquals(1, hits.get(1).id());
      assertEquals(0.1f, hits.get(0).distance(), 1e-6);
      assertThrows(
          DuplicateKeyException.class, () -> c.insert(List.of(row(1, new float[3], "x", 1.0, 1))));
      c.upsert(List.of(row(1, new float[] {9, 9, 9}, "z", 2.0, 11)));
      assertEquals(3, c.size());
      assertEquals(1, c.delete(3, 3, 99));
      assertArrayEquals(new long[] {1, 2}, c.ids(null));
    }
    try (Database db = Database.open(dir.resolve("db"), DatabaseOptions.defaults())) {
      VectorCollection c = db.get("docs");
      assertEquals(List.of("docs"), db.names());
      assertEquals(docsSchema(3, Durability.FSYNC), c.schema());
      assertEquals(row(1, new float[] {9, 9, 9}, "z", 2.0, 11), c.get(1));
      assertFalse(c.contains(3));
      assertTrue(db.drop("docs"));
      assertFalse(db.drop("docs"));
      assertThrows(NoSuchCollectionException.class, () -> db.get("docs"));
    }
    try (Database db = Database.open(dir.resolve("db"), DatabaseOptions.defaults())) {
      assertEquals(List.of(), db.names());
    }
  }

  @Test
  void reopenAfterCrashReplaysWal() throws IOException {
    Path root = dir.resolve("db");
    Database db = Database.open(root, DatabaseOptions.defaults());
    VectorCollection c = db.create("v", CollectionSchema.of(2, Metric.COSINE));
    for (int i = 0; i < 50; i++) {
      c.upsert(List.of(Row.of(i, new float[] {i, 1})));
    }
    c.delete(7);
    db.close(false); // like a crash: no checkpoint, only the WAL has the rows
    try (Database db2 = Database.open(root, DatabaseOptions.defaults())) {
      VectorCollection c2 = db2.get("v");
      assertEquals(49, c2.size());
      assertArrayEquals(new float[] {3, 1}, c2.vector(3));
      assertNull(c2.vector(7));
    }
  }

  @Test
  void searchMatchesBruteForceForEveryMetric() throws IOException {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      VectorCollection c = db.create("v", CollectionSchema.of(8, Metric.L2));
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        float[] v = new float[8];
        for (int j = 0; j < 8; j++) {
          v[j] = rnd.nextFloat() * 2 - 1;
        }
        rows.add(Row.of(i * 3L, v));
      }
      c.insert(rows);
      float[] q = rows.get(17).vector();
      for (Metric m : Metric.values()) {
        List<Hit> want = new ArrayList<>();
        for (Row r : rows) {
          if (r.id() % 2 == 0) {
            want.add(new Hit(r.id(), naive(m, q, r.vector())));
          }
        }
        want.sort(Comparator.naturalOrder());
        Filter even = new Filter.In(Filter.ID, evenIds(rows));
        List<Hit> got = c.search(q, 10, m, even);
        assertEquals(10, got.size(), "seed " + seed);
        for (int i = 0; i < 10; i++) {
          assertEquals(want.get(i).id(), got.get(i).id(), "seed " + seed + " metric " + m);
        }
      }
    }
  }

  private static List<Object> evenIds(List<Row> rows) {
    List<Object> out = new ArrayList<>();
    for (Row r : rows) {
      if (r.id() % 2 == 0) {
        out.add(r.id());
      }
    }
    return out;
  }

  static float naive(Metric m, float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0, l2 = 0, l1 = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
      l2 += (a[i] - b[i]) * (a[i] - b[i]);
      l1 += Math.abs(a[i] - b[i]);
    }
    return (float)
        switch (m) {
          case L2 -> Math.sqrt(l2);
          case L1 -> l1;
          case INNER_PRODUCT -> -dot;
          case COSINE -> 1 - dot / Math.sqrt(na * nb);
        };
  }

  @Test
  void lockNamesHolder() throws IOException {
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      IOException e =
          assertThrows(IOException.class, () -> Database.open(dir, DatabaseOptions.defaults()));
      assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
    }
  }

  @Test
  void collectionJsonRoundTrips() throws IOException {
    CollectionSchema s = docsSchema(7, Durability.FLUSH_ONLY);
    assertEquals(s, SchemaJson.fromJson(SchemaJson.toJson(s), dir));
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      db.create("a_1", s);
    }
    String text = Files.readString(dir.resolve("a_1").resolve("collection.json"));
    assertTrue(text.contains("\"metric\": \"l2\""), text);
    assertThrows(CorruptFileException.class, () -> SchemaJson.fromJson("{\"format\": 1", dir));
  }

  @Test
  void collectionWithoutVectors() throws IOException {
    CollectionSchema s =
        new CollectionSchema(
            0,
            Metric.L2,
            List.of(new ColumnSpec("name", ColumnType.VARCHAR, 0, false)),
            IndexParams.DEFAULT,
            Durability.FSYNC,
            Map.of());
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      VectorCollection c = db.create("t", s);
      c.insert(
          List.of(new Row(1, null, new Object[] {"one"}), new Row(2, null, new Object[] {"two"})));
      assertThrows(
          IllegalArgumentException.class, () -> c.insert(List.of(Row.of(3, new float[1]))));
      c.delete(1);
      c.compact();
      assertEquals(new Row(2, null, new Object[] {"two"}), c.get(2));
      assertThrows(
          IllegalArgumentException.class, () -> c.search(new float[0], 1, Metric.L2, null));
    }
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      assertArrayEquals(new long[] {2}, db.get("t").ids(null));
    }
  }
}

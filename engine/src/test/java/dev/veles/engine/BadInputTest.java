package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is an IllegalArgumentException (or DuplicateKeyException) and writes nothing. */
class BadInputTest {
  @TempDir Path dir;

  @Test
  void badRowsWriteNothing() throws Exception {
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      VectorCollection c =
          db.create(
              "c",
              new CollectionSchema(
                  2,
                  Metric.L2,
                  List.of(
                      new ColumnSpec("s", ColumnType.VARCHAR, 3, true),
                      new ColumnSpec("n", ColumnType.INTEGER, 0, false)),
                  IndexParams.DEFAULT,
                  Durability.FSYNC,
                  Map.of()));
      Row good = new Row(1, new float[] {1, 2}, new Object[] {"abc", 1});
      c.insert(List.of(good));
      long walSize = Files.size(dir.resolve("c").resolve(CollectionFiles.WAL));
      List<List<Row>> bad =
          List.of(
              List.of(new Row(2, new float[] {1}, new Object[] {"a", 1})),
              List.of(new Row(2, new float[] {1, 2, 3}, new Object[] {"a", 1})),
              List.of(new Row(2, new float[] {Float.NaN, 0}, new Object[] {"a", 1})),
              List.of(new Row(2, new float[] {0, Float.POSITIVE_INFINITY}, new Object[] {"a", 1})),
              List.of(new Row(2, null, new Object[] {"a", 1})),
              List.of(new Row(2, new float[2], new Object[] {"abcd", 1})),
              List.of(new Row(2, new float[2], new Object[] {"a", null})),
              List.of(new Row(2, new float[2], new Object[] {"a", 1L})),
              List.of(new Row(2, new float[2], new Object[] {7, 1})),
              List.of(new Row(2, new float[2], new Object[] {"a"})),
              List.of(
                  new Row(3, new float[2], new Object[] {"a", 1}),
                  new Row(4, new float[] {Float.NaN, 0}, new Object[] {"a", 1})));
      for (List<Row> rows : bad) {
        assertThrows(IllegalArgumentException.class, () -> c.insert(rows), rows.toString());
        assertThrows(IllegalArgumentException.class, () -> c.upsert(rows), rows.toString());
      }
      Row r5 = new Row(5, new float[2], new Object[] {null, 5});
      assertThrows(DuplicateKeyException.class, () -> c.insert(List.of(r5, good)));
      assertThrows(DuplicateKeyException.class, () -> c.insert(List.of(r5, r5)));
      assertEquals(walSize, Files.size(dir.resolve("c").resolve(CollectionFiles.WAL)));
      assertEquals(1, c.size());
      assertEquals(good, c.get(1));
      assertThrows(
          IllegalArgumentException.class, () -> c.search(new float[3], 1, Metric.L2, null));
      assertThrows(
          IllegalArgumentException.class,
          () -> c.search(new float[] {Float.NaN, 1}, 1, Metric.L2, null));
    }
  }

  @Test
  void badNamesAndDimensionsCreateNothing() throws Exception {
    try (Database db = Database.open(dir.resolve("db"), DatabaseOptions.defaults())) {
      for (String name :
          new String[] {"../x", "a/b", "", "a".repeat(129), "1a", "a.b", ".drop-x", null}) {
        assertThrows(
            IllegalArgumentException.class,
            () -> db.create(name, CollectionSchema.of(2, Metric.L2)),
            String.valueOf(name));
      }
      db.create("a".repeat(128), CollectionSchema.of(2, Metric.L2));
      assertThrows(
          IllegalArgumentException.class,
          () -> db.create("big", CollectionSchema.of(4097, Metric.L2)));
      assertThrows(IllegalArgumentException.class, () -> CollectionSchema.of(65_537, Metric.L2));
      assertThrows(IllegalArgumentException.class, () -> CollectionSchema.of(-1, Metric.L2));
      assertThrows(
          IllegalArgumentException.class,
          () -> db.create("a".repeat(128), CollectionSchema.of(2, Metric.L2)));
      try (var s = Files.list(dir.resolve("db"))) {
        assertEquals(2, s.count()); // the lock file and the one legal collection
      }
    }
    try (Database db =
        Database.open(dir.resolve("db2"), new DatabaseOptions(true, false, 65_536))) {
      db.create("big", CollectionSchema.of(65_536, Metric.L2))
          .insert(List.of(Row.of(1, new float[65_536])));
      assertEquals(65_536, db.get("big").vector(1).length);
    }
    assertThrows(IllegalArgumentException.class, () -> new DatabaseOptions(true, false, 0));
  }
}

package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cursor reads rows lazily, as they were when it opened, whatever commits meanwhile. */
class RowCursorTest {
  @TempDir Path dir;

  private static VectorCollection create(Database db) throws Exception {
    CollectionSchema schema =
        new CollectionSchema(
            2,
            Metric.L2,
            List.of(new ColumnSpec("n", ColumnType.INTEGER, 0, true)),
            IndexParams.DEFAULT,
            Durability.NONE,
            Map.of());
    VectorCollection c = db.create("c", schema);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      rows.add(new Row(i, new float[] {i, 0}, new Object[] {i}));
    }
    c.insert(rows);
    return c;
  }

  @Test
  void rowsAreTheOnesOfTheMomentTheCursorOpened() throws Exception {
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      VectorCollection c = create(db);
      RowCursor cur = c.scan(new Filter.Compare("n", Filter.Op.LT, 50));
      assertEquals(50, cur.size());
      assertEquals(new Row(0, new float[] {0, 0}, new Object[] {0}), cur.row(0));
      // Autocommitted writes: an upsert (new vector), a patch (same vector), a delete.
      c.upsert(List.of(new Row(10, new float[] {9, 9}, new Object[] {-10})));
      c.upsert(List.of(new Row(11, new float[] {11, 0}, new Object[] {-11})));
      c.delete(12, 13, 70);
      // A transaction's commit.
      try (Transaction tx = db.begin()) {
        tx.delete("c", 14);
        tx.upsert("c", List.of(new Row(15, new float[] {1, 1}, new Object[] {-15})));
        tx.insert("c", List.of(new Row(1000, new float[] {1, 1}, new Object[] {1})));
        tx.commit();
      }
      for (int i = 0; i < cur.size(); i++) {
        assertEquals(i, cur.id(i));
        assertEquals(new Row(i, new float[] {i, 0}, new Object[] {i}), cur.row(i), "row " + i);
      }
      // Only the rows changed under the cursor are kept (70 is outside its filter).
      assertEquals(6, cur.keptRows());
      cur.close();
      c.delete(20);
      assertEquals(6, cur.keptRows(), "a closed cursor is handed nothing");
      assertNull(c.get(20));
    }
  }

  @Test
  void aDroppedCollectionSaysSo() throws Exception {
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      VectorCollection c = create(db);
      try (RowCursor cur = c.scan(null)) {
        assertEquals(100, cur.size());
        db.drop("c");
        assertThrows(AlreadyClosedException.class, () -> cur.row(0));
      }
    }
  }
}

package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Database#alter} and {@link Database#rename}: the rows after adding, dropping and renaming
 * columns, refusals that change nothing, and a simulated power loss at every file operation of a
 * change, which reopens to the old table or the new one with all its rows.
 */
class SchemaChangeTest {
  static final Path ROOT = Path.of("/db");
  static final int ROWS = 40;

  @TempDir Path dir;

  static CollectionSchema before() {
    return new CollectionSchema(
        3,
        Metric.L2,
        List.of(
            new ColumnSpec("a", ColumnType.BIGINT, 0, true),
            new ColumnSpec("b", ColumnType.VARCHAR, 10, true)),
        IndexParams.DEFAULT,
        Durability.FSYNC,
        Map.of("tag", "before"));
  }

  /** b dropped, a renamed to x, c INTEGER NOT NULL added (filled with id * 2). */
  static CollectionSchema after() {
    return new CollectionSchema(
        3,
        Metric.L2,
        List.of(
            new ColumnSpec("x", ColumnType.BIGINT, 0, true),
            new ColumnSpec("c", ColumnType.INTEGER, 0, false)),
        IndexParams.DEFAULT,
        Durability.FSYNC,
        Map.of("tag", "after"));
  }

  static final int[] SOURCE = {0, -1};
  static final ColumnFill FILL = (id, column) -> (int) id * 2;

  static float[] vector(long id) {
    return new float[] {id, id * 0.5f, -id};
  }

  static List<Row> rows() {
    List<Row> out = new ArrayList<>();
    for (long id = 1; id <= ROWS; id++) {
      out.add(new Row(id, vector(id), new Object[] {id * 10, id % 3 == 0 ? null : "b" + id}));
    }
    return out;
  }

  static void assertBefore(VectorCollection c) {
    assertEquals("before", c.schema().properties().get("tag"));
    assertEquals(ROWS, c.size());
    for (Row r : rows()) {
      assertEquals(r, c.get(r.id()));
    }
  }

  static void assertAfter(VectorCollection c) {
    assertEquals(after(), c.schema());
    assertEquals(ROWS, c.size());
    for (long id = 1; id <= ROWS; id++) {
      Row r = c.get(id);
      assertArrayEquals(vector(id), r.vector());
      assertArrayEquals(new Object[] {id * 10, (int) id * 2}, r.values(), "row " + id);
    }
  }

  @Test
  void addDropRenameKeepRowsAndSurviveReopen() throws IOException {
    Path root = dir.resolve("db");
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      db.create("t", before()).insert(rows());
      db.alter("t", after(), SOURCE, FILL);
      assertAfter(db.get("t"));
      // the reopened collection takes writes in the new layout, and search still works
      db.get("t").insert(List.of(new Row(100, vector(100), new Object[] {null, 5})));
      assertEquals(100, db.get("t").search(vector(100), 1, Metric.L2, null).get(0).id());
    }
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      VectorCollection c = db.get("t");
      assertEquals(ROWS + 1, c.size());
      assertArrayEquals(new Object[] {null, 5}, c.get(100).values());
      assertTrue(db.check().ok(), db.check().toString());
      db.rename("t", "u");
      assertTrue(db.find("t").isEmpty());
      assertEquals(ROWS + 1, db.get("u").size());
    }
    try (Database db = Database.open(root, DatabaseOptions.defaults())) {
      assertEquals(List.of("u"), db.names());
      assertEquals(ROWS + 1, db.get("u").size());
    }
  }

  @Test
  void aNullInANewNotNullColumnChangesNothing() throws IOException {
    try (Database db = Database.open(dir.resolve("db"), DatabaseOptions.defaults())) {
      db.create("t", before()).insert(rows());
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> db.alter("t", after(), SOURCE, ColumnFill.NULLS));
      assertTrue(e.getMessage().contains("NOT NULL"), e.getMessage());
      assertBefore(db.get("t"));
      // tightening b to NOT NULL is checked against the rows (some are NULL)
      CollectionSchema tight =
          new CollectionSchema(
              3,
              Metric.L2,
              List.of(
                  new ColumnSpec("a", ColumnType.BIGINT, 0, true),
                  new ColumnSpec("b", ColumnType.VARCHAR, 10, false)),
              IndexParams.DEFAULT,
              Durability.FSYNC,
              Map.of("tag", "before"));
      assertThrows(
          IllegalArgumentException.class,
          () -> db.alter("t", tight, new int[] {0, 1}, ColumnFill.NULLS));
      assertBefore(db.get("t"));
      db.create("u", CollectionSchema.of(3, Metric.L2));
      assertThrows(IllegalArgumentException.class, () -> db.rename("t", "u"));
      assertBefore(db.get("t"));
    }
  }

  @Test
  void powerLossAtEveryStepOpensTheOldOrTheNewTable() throws Exception {
    long seed = Long.getLong("veles.seed", System.nanoTime());
    System.out.println("SchemaChangeTest seed " + seed);
    Random rnd = new Random(seed);
    int olds = 0;
    int news = 0;
    for (int n = 1; ; n++) {
      SimStorageIO sim = new SimStorageIO();
      try (Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim)) {
        db.create("t", before()).insert(rows());
      }
      Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
      sim.crashAt(n);
      boolean finished = false;
      try {
        db.alter("t", after(), SOURCE, FILL);
        finished = !sim.crashed();
      } catch (IOException | RuntimeException e) {
        if (!sim.crashed()) {
          throw new AssertionError("step " + n + ", seed " + seed, e);
        }
      }
      try {
        db.close(false);
      } catch (IOException | RuntimeException ignored) {
        // the file system is gone
      }
      SimStorageIO after = sim.crash(rnd);
      try (Database db2 = Database.open(ROOT, DatabaseOptions.defaults(), after)) {
        assertEquals(List.of(), db2.damaged(), "step " + n + ", seed " + seed);
        VectorCollection c = db2.get("t");
        if (c.schema().properties().get("tag").equals("before")) {
          assertTrue(!finished, "a finished change was lost at step " + n);
          assertBefore(c);
          olds++;
        } else {
          assertAfter(c);
          news++;
        }
        assertTrue(db2.check().ok(), db2.check().toString());
      }
      try (Database db3 = Database.open(ROOT, DatabaseOptions.defaults(), after)) {
        assertEquals(List.of(), db3.damaged()); // a second open finds nothing left to finish
      }
      if (finished) {
        break;
      }
      assertTrue(n < 10_000, "the change never finished");
    }
    assertTrue(olds > 0 && news > 0, "olds " + olds + ", news " + news);
  }

  /**
   * Power loss at every step of a view change, a rename and a provisional create: each reopens
   * whole before or after (a provisional table without its rows never survives).
   */
  @Test
  void powerLossAtEveryStepOfViewsRenameAndProvisionalCreate() throws Exception {
    long seed = Long.getLong("veles.seed", System.nanoTime());
    System.out.println("SchemaChangeTest views seed " + seed);
    Random rnd = new Random(seed);
    for (int n = 1; ; n++) {
      SimStorageIO sim = new SimStorageIO();
      try (Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim)) {
        db.create("t", before()).insert(rows());
        db.putView("v", Map.of("sql", "old"));
      }
      Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
      sim.crashAt(n);
      int done = 0; // steps finished: view replaced, view dropped, renamed, provisional filled
      try {
        db.putView("v", Map.of("sql", "new"));
        done = 1;
        db.putView("w", Map.of("sql", "w"));
        db.dropView("v");
        done = 2;
        db.rename("t", "u");
        done = 3;
        db.createProvisional("p", before()).insert(rows());
        db.finishCreate("p");
        done = 4;
      } catch (IOException | RuntimeException e) {
        if (!sim.crashed()) {
          throw new AssertionError("step " + n + ", seed " + seed, e);
        }
      }
      boolean finished = done == 4 && !sim.crashed();
      try {
        db.close(false);
      } catch (IOException | RuntimeException ignored) {
        // the file system is gone
      }
      SimStorageIO after = sim.crash(rnd);
      try (Database db2 = Database.open(ROOT, DatabaseOptions.defaults(), after)) {
        String where = "step " + n + " (done " + done + "), seed " + seed;
        assertEquals(List.of(), db2.damaged(), where);
        Map<String, Map<String, String>> views = db2.views();
        assertTrue(
            views.equals(Map.of("v", Map.of("sql", "old")))
                || views.equals(Map.of("v", Map.of("sql", "new")))
                || views.equals(Map.of("v", Map.of("sql", "new"), "w", Map.of("sql", "w")))
                || views.equals(Map.of("w", Map.of("sql", "w"))),
            where + ": " + views);
        if (done >= 2) {
          assertEquals(Map.of("w", Map.of("sql", "w")), views, where);
        }
        List<String> names = db2.names();
        assertTrue(
            names.equals(List.of("t"))
                || names.equals(List.of("u"))
                || names.equals(List.of("p", "u")),
            where + ": " + names);
        if (done >= 3) {
          assertTrue(names.contains("u"), where + ": " + names);
        }
        if (done == 4) {
          assertEquals(List.of("p", "u"), names, where);
        }
        assertBefore(db2.get(names.contains("t") ? "t" : "u"));
        if (names.contains("p")) {
          assertBefore(db2.get("p")); // a provisional table survives only whole
        }
        assertTrue(db2.check().ok(), db2.check().toString());
      }
      if (finished) {
        break;
      }
      assertTrue(n < 10_000, "the steps never finished");
    }
  }
}

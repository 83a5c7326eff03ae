package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that keeps a row's vector (an UPDATE of columns) logs only the columns it changes, in
 * auto-commit and in a transaction, and replay after a crash lays them over the row.
 */
class PatchRecordTest {
  private static final int DIM = 64;
  private static final String LONG_TITLE = "t".repeat(300);

  @TempDir Path dir;

  private static CollectionSchema schema() {
    return new CollectionSchema(
        DIM,
        Metric.L2,
        List.of(
            new ColumnSpec("title", ColumnType.VARCHAR, 1000, true),
            new ColumnSpec("price", ColumnType.INTEGER, 0, true)),
        IndexParams.DEFAULT,
        Durability.FSYNC,
        Map.of());
  }

  private static float[] vector(Random r) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = r.nextFloat();
    }
    return v;
  }

  private long walSize() throws IOException {
    return Files.size(dir.resolve("db/t/vectors.wal"));
  }

  /** The database's files as a power loss right now would leave them (every write was synced). */
  private Path crashCopy() throws IOException {
    Path copy = dir.resolve("copy");
    Path root = dir.resolve("db");
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        Path t = copy.resolve(root.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return copy;
  }

  @Test
  void columnUpdatesLogChangedColumnsOnlyAndReplay() throws IOException {
    long seed = Long.getLong("veles.seed", System.nanoTime());
    System.out.println("PatchRecordTest seed " + seed);
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      rows.add(new Row(i, vector(r), new Object[] {LONG_TITLE + i, i}));
    }
    try (Database db = Database.open(dir.resolve("db"), DatabaseOptions.defaults())) {
      VectorCollection t = db.create("t", schema());
      t.insert(rows);
      assertEquals(Wal.VERSION, walVersion(dir.resolve("db/t/vectors.wal")));

      // Auto-commit: the same vector, a new price; the long title is not logged again.
      long before = walSize();
      Row five = rows.get(5);
      t.upsert(List.of(new Row(5, five.vector(), new Object[] {five.values()[0], 500})));
      long patch = walSize() - before;
      assertTrue(patch < Wal.RECORD_HEADER + 16, "patch record of " + patch + " bytes");

      // In a transaction, through update() with the vector left as it is.
      before = walSize();
      try (Transaction tx = db.begin()) {
        tx.update("t", 7, Map.of("price", 700, "title", "short"), null);
        tx.commit();
      }
      assertTrue(walSize() - before < Wal.RECORD_HEADER + 32, "tx patch " + (walSize() - before));

      // Setting a column to null is a change too.
      t.upsert(List.of(new Row(9, rows.get(9).vector(), new Object[] {LONG_TITLE + 9, null})));

      // A new vector is a full record (copy-on-write).
      before = walSize();
      float[] moved = vector(r);
      t.upsert(List.of(new Row(11, moved, new Object[] {"moved", 11})));
      assertTrue(walSize() - before > DIM * 4L, "a changed vector is logged whole");
      rows.set(11, new Row(11, moved, new Object[] {"moved", 11}));

      Path copy = crashCopy();
      try (Database re = Database.open(copy, DatabaseOptions.defaults())) {
        VectorCollection c = re.get("t");
        assertEquals(new Row(5, five.vector(), new Object[] {LONG_TITLE + 5, 500}), c.get(5));
        assertEquals(new Row(7, rows.get(7).vector(), new Object[] {"short", 700}), c.get(7));
        assertEquals(
            new Row(9, rows.get(9).vector(), new Object[] {LONG_TITLE + 9, null}), c.get(9));
        assertEquals(rows.get(11), c.get(11));
        assertEquals(rows.get(12), c.get(12));
        for (int id : new int[] {5, 7, 9, 11}) {
          Row want = c.get(id);
          assertEquals(id, c.search(want.vector(), 1, Metric.L2, null).get(0).id());
          assertArrayEquals(want.vector(), c.vector(id));
        }
        assertTrue(re.check().ok(), re.check().toString());
      }
    }
  }

  @Test
  void anUnchangedRowLogsAnEmptyPatch() throws IOException {
    Random r = new Random(1);
    Row row = new Row(1, vector(r), new Object[] {LONG_TITLE, 1});
    try (Database db = Database.open(dir.resolve("db"), DatabaseOptions.defaults())) {
      VectorCollection t = db.create("t", schema());
      t.insert(List.of(row));
      long before = walSize();
      t.upsert(List.of(row));
      assertTrue(walSize() - before <= Wal.RECORD_HEADER + 2, "no column changed");
      assertEquals(row, t.get(1));
    }
  }

  static int walVersion(Path wal) throws IOException {
    return ByteBuffer.wrap(Files.readAllBytes(wal)).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
  }
}

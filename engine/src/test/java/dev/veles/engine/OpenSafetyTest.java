package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What open may and may not do to files: it deletes only what it can prove is garbage (a drop in
 * progress, a create carrying its marker, an empty directory), reports a damaged collection against
 * the right file while the rest of the database works, and a read-only open modifies nothing.
 */
class OpenSafetyTest {
  static final Path ROOT = Path.of("/sim/db");
  static final int ROWS = 50;

  /** A database with collections "a" and "b" of {@value #ROWS} rows each, closed cleanly. */
  static SimStorageIO twoCollections() throws IOException {
    SimStorageIO sim = new SimStorageIO();
    try (Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim)) {
      for (String n : List.of("a", "b")) {
        VectorCollection c = db.create(n, CollectionSchema.of(3, Metric.L2));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
          rows.add(row(i));
        }
        c.insert(rows);
      }
    }
    return sim;
  }

  static Row row(int i) {
    return Row.of(i, new float[] {i, -i, i * 0.5f});
  }

  static void assertIntact(VectorCollection c) {
    assertEquals(ROWS, c.size());
    for (int i = 0; i < ROWS; i++) {
      assertEquals(row(i), c.get(i));
    }
  }

  /** Opens, asserts that "a" works and "b" is damaged; returns b's problem. */
  static CorruptFileException bDamaged(SimStorageIO sim, DatabaseOptions options)
      throws IOException {
    try (Database db = Database.open(ROOT, options, sim)) {
      assertIntact(db.get("a"));
      assertEquals(List.of("a", "b"), db.names());
      CollectionDamage d = db.damage("b").orElseThrow(() -> new AssertionError("b not damaged"));
      DamagedCollectionException e =
          assertThrows(DamagedCollectionException.class, () -> db.get("b"));
      assertTrue(e.getMessage().contains("restore"), e.getMessage());
      if (!options.readOnly()) {
        db.get("a").upsert(List.of(row(1))); // the healthy collection takes writes
      }
      return d.problem();
    }
  }

  static Path file(String collection, String name) {
    return ROOT.resolve(collection).resolve(name);
  }

  @Test
  void missingSchemaIsDamageNeverDeletion() throws IOException {
    SimStorageIO sim = twoCollections();
    sim.delete(file("b", CollectionFiles.SCHEMA));
    for (int round = 0; round < 2; round++) {
      CorruptFileException p = bDamaged(sim, DatabaseOptions.defaults());
      assertEquals(file("b", CollectionFiles.SCHEMA), p.file());
      for (String f :
          List.of(
              CollectionFiles.DATA,
              CollectionFiles.IDS,
              CollectionFiles.INDEX,
              CollectionFiles.WAL)) {
        assertTrue(sim.exists(file("b", f)), f + " was deleted");
      }
    }
    try (Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim)) {
      assertThrows(
          DamagedCollectionException.class,
          () -> db.create("b", CollectionSchema.of(3, Metric.L2)));
      assertTrue(db.drop("b"), "a damaged collection can be dropped");
      assertEquals(List.of("a"), db.names());
      db.create("b", CollectionSchema.of(3, Metric.L2)).insert(List.of(row(7)));
    }
  }

  @Test
  void vectorFileHeaderDamageNamesTheVectorFile() throws IOException {
    byte[] good = twoCollections().bytes(file("b", CollectionFiles.DATA));
    for (int i = 0; i < 28; i++) {
      SimStorageIO sim = twoCollections();
      byte[] d = good.clone();
      d[i] ^= 0x04;
      sim.setBytes(file("b", CollectionFiles.DATA), d);
      CorruptFileException p = bDamaged(sim, DatabaseOptions.defaults());
      assertEquals(file("b", CollectionFiles.DATA), p.file(), "byte " + i + ": " + p);
    }
  }

  @Test
  void sideFileHeaderDamageNamesTheSideFile() throws IOException {
    byte[] good = twoCollections().bytes(file("b", CollectionFiles.IDS));
    for (int i = 0; i < 28; i++) {
      SimStorageIO sim = twoCollections();
      byte[] d = good.clone();
      d[i] ^= 0x10;
      sim.setBytes(file("b", CollectionFiles.IDS), d);
      CorruptFileException p = bDamaged(sim, DatabaseOptions.defaults());
      assertEquals(file("b", CollectionFiles.IDS), p.file(), "byte " + i + ": " + p);
    }
    long live = VectorFile.DATA_START + ROWS * VectorFile.ENTRY;
    for (long cut : new long[] {0, 27, VectorFile.DATA_START, live - 1}) {
      SimStorageIO sim = twoCollections();
      sim.setBytes(file("b", CollectionFiles.IDS), Arrays.copyOf(good, (int) cut));
      CorruptFileException p = bDamaged(sim, DatabaseOptions.defaults());
      assertEquals(file("b", CollectionFiles.IDS), p.file(), "cut at " + cut + ": " + p);
    }
  }

  @Test
  void truncatedVectorFileIsDetectedOnOpen() throws IOException {
    byte[] good = twoCollections().bytes(file("b", CollectionFiles.DATA));
    long stride = VectorFile.strideOf(3, VectorFile.VERSION);
    long live = VectorFile.DATA_START + ROWS * stride;
    for (long cut :
        new long[] {
          0, 27, VectorFile.DATA_START - 1, VectorFile.DATA_START, live - stride, live - 1
        }) {
      SimStorageIO sim = twoCollections();
      sim.setBytes(file("b", CollectionFiles.DATA), Arrays.copyOf(good, (int) cut));
      CorruptFileException p = bDamaged(sim, DatabaseOptions.defaults());
      assertEquals(file("b", CollectionFiles.DATA), p.file(), "cut at " + cut + ": " + p);
    }
    // A cut past the last used slot loses nothing: the collection opens intact.
    SimStorageIO sim = twoCollections();
    sim.setBytes(file("b", CollectionFiles.DATA), Arrays.copyOf(good, (int) live));
    try (Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim)) {
      assertIntact(db.get("b"));
    }
  }

  /** A compaction never gives a damaged vector a fresh checksum; the table stays writable. */
  @Test
  void compactionRefusesToCopyADamagedVector() throws IOException {
    SimStorageIO sim = twoCollections();
    byte[] d = sim.bytes(file("b", CollectionFiles.DATA));
    long stride = VectorFile.strideOf(3, VectorFile.VERSION);
    d[(int) (VectorFile.DATA_START + 10 * stride + 1)] ^= 0x08; // row 10's vector
    sim.setBytes(file("b", CollectionFiles.DATA), d);
    try (Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim)) {
      VectorCollection b = db.get("b");
      b.delete(20); // something to compact
      DamagedCollectionException e = assertThrows(DamagedCollectionException.class, b::compact);
      assertEquals(file("b", CollectionFiles.DATA), e.problem().file());
      assertTrue(b.damage().isPresent());
      assertThrows(DamagedCollectionException.class, () -> b.get(10));
      b.upsert(List.of(row(1))); // still writable
      assertEquals(row(2), b.get(2));
    }
  }

  @Test
  void missingFilesAreDamageNamingTheFile() throws IOException {
    for (String f :
        List.of(
            CollectionFiles.DATA,
            CollectionFiles.IDS,
            CollectionFiles.INDEX,
            CollectionFiles.WAL)) {
      SimStorageIO sim = twoCollections();
      sim.delete(file("b", f));
      CorruptFileException p = bDamaged(sim, DatabaseOptions.defaults());
      assertEquals(file("b", f), p.file(), f);
      assertTrue(p.getMessage().contains("missing"), p.getMessage());
    }
  }

  /** A crash at every step of a create leaves either the whole collection or nothing. */
  @Test
  void aCreateInterruptedAtEveryStepLeavesNoDamage() throws IOException {
    long seed = Long.getLong("veles.seed", System.nanoTime());
    System.out.println("seed " + seed);
    Random rnd = new Random(seed);
    for (int step = 1; step < 40; step++) {
      SimStorageIO sim = twoCollections();
      Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
      sim.crashAt(step);
      boolean created = false;
      try {
        db.create("c", CollectionSchema.of(3, Metric.L2));
        created = true;
      } catch (IOException expected) {
        assertTrue(sim.crashed(), expected.toString());
      }
      try {
        db.close(false);
      } catch (IOException | RuntimeException ignored) {
        // the file system is gone
      }
      SimStorageIO after = sim.crash(rnd);
      boolean dirBefore = after.exists(ROOT.resolve("c"));
      long ops = after.ops();
      try (Database ro = Database.open(ROOT, new DatabaseOptions(false, true, 4096), after)) {
        assertTrue(ro.damaged().isEmpty(), "step " + step + ": " + ro.damaged());
      }
      assertEquals(ops, after.ops(), "a read-only open modified files");
      assertEquals(dirBefore, after.exists(ROOT.resolve("c")), "a read-only open deleted");
      try (Database db2 = Database.open(ROOT, DatabaseOptions.defaults(), after)) {
        assertTrue(
            db2.damaged().isEmpty(), "step " + step + " seed " + seed + ": " + db2.damaged());
        assertIntact(db2.get("a"));
        if (created) {
          assertEquals(0, db2.get("c").size());
        }
        if (db2.find("c").isEmpty()) {
          assertTrue(!after.exists(ROOT.resolve("c")), "remains of the create kept");
          db2.create("c", CollectionSchema.of(3, Metric.L2)).insert(List.of(row(1)));
        }
      }
      if (created) {
        return; // later steps crash after the create finished
      }
    }
    throw new AssertionError("the create never finished in 40 steps");
  }

  /** A read-only open replays a WAL into memory and changes no file, damaged ones included. */
  @Test
  void readOnlyOpenModifiesNothing() throws IOException {
    SimStorageIO sim = twoCollections();
    sim.delete(file("b", CollectionFiles.SCHEMA));
    Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
    db.get("a").upsert(List.of(Row.of(ROWS, new float[] {1, 2, 3})));
    db.get("a").delete(3);
    db.close(false); // the WAL holds both calls
    SimStorageIO crashed = sim.crash(null);
    crashed.createDirectory(ROOT.resolve("c"));
    crashed.open(file("c", CollectionFiles.CREATE_MARKER), StorageIO.OpenMode.CREATE).close();
    long ops = crashed.ops();
    try (Database ro = Database.open(ROOT, new DatabaseOptions(false, true, 4096), crashed)) {
      VectorCollection a = ro.get("a");
      assertEquals(ROWS, a.size());
      assertEquals(null, a.get(3));
      assertEquals(Row.of(ROWS, new float[] {1, 2, 3}), a.get(ROWS));
      assertThrows(IllegalStateException.class, () -> a.upsert(List.of(row(1))));
      assertTrue(ro.damage("b").isPresent());
      assertThrows(IllegalStateException.class, () -> ro.drop("b"));
    }
    assertEquals(ops, crashed.ops(), "a read-only open modified files");
    assertTrue(crashed.exists(file("c", CollectionFiles.CREATE_MARKER)));
  }

  /** The same on the real file system, byte for byte, and a writer excludes a read-only open. */
  @Test
  void readOnlyOpenOnDiskChangesNoByte(@TempDir Path dir) throws IOException {
    Database db = Database.open(dir, DatabaseOptions.defaults());
    VectorCollection c = db.create("a", CollectionSchema.of(3, Metric.L2));
    for (int i = 0; i < ROWS; i++) {
      c.upsert(List.of(row(i)));
    }
    IOException busy =
        assertThrows(
            IOException.class,
            () -> Database.open(dir, new DatabaseOptions(false, true, 4096)).close());
    assertTrue(busy.getMessage().contains("in use"), busy.getMessage());
    db.close(false);
    Map<Path, byte[]> before = contents(dir);
    try (Database ro = Database.open(dir, new DatabaseOptions(false, true, 4096))) {
      assertIntact(ro.get("a"));
    }
    Map<Path, byte[]> after = contents(dir);
    assertEquals(before.keySet(), after.keySet());
    for (Path p : before.keySet()) {
      assertArrayEquals(before.get(p), after.get(p), p.toString());
    }
  }

  static Map<Path, byte[]> contents(Path dir) throws IOException {
    Map<Path, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        if (!p.getFileName().toString().equals(Database.LOCK_FILE)) {
          out.put(dir.relativize(p), Files.readAllBytes(p));
        }
      }
    }
    return out;
  }
}

package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Databases written by earlier releases, kept in {@code src/test/resources/format-vN} (made as
 * {@code README.sql} there says): format v1 (wave 1: no checksums) and format v2 (slot trailers, a
 * freed slot, writes left in the WAL). A read-only open reads each as it is and its check reports
 * the old format as a note, never as damage; a writable open upgrades it in place to the current
 * format, and a crash at any step of the upgrade reopens to the same rows.
 */
class FormatUpgradeTest {
  static Path fixture(int version) {
    return Path.of("src/test/resources/format-v" + version);
  }

  static final List<Row> ITEMS =
      List.of(
          new Row(1, new float[] {1, 0, 0, 0}, new Object[] {"one", 1.5}),
          new Row(2, new float[] {0, 2, 0, 0}, new Object[] {"two again", 2.25}),
          new Row(4, new float[] {0, 0, 0, 1}, new Object[] {"four", null}),
          new Row(5, new float[] {1, 1, 0, 0}, new Object[] {"five", 5.5}),
          new Row(6, new float[] {0, 1, 1, 0}, new Object[] {"six", 6.5}),
          new Row(7, new float[] {0.5f, 0.5f, 0.5f, 0.5f}, new Object[] {"seven", 7.5}));

  static void assertFixtureRows(Database db) {
    VectorCollection items = db.get("items");
    assertEquals(ITEMS.size(), items.size());
    for (Row r : ITEMS) {
      assertEquals(r, items.get(r.id()));
    }
    assertEquals(null, items.get(3));
    List<Hit> hits = items.search(new float[] {0, 1.9f, 0, 0}, 2, Metric.L2, null);
    assertEquals(2L, hits.get(0).id());
    VectorCollection tags = db.get("tags");
    assertEquals(new Row(10, null, new Object[] {"red"}), tags.get(10));
    assertEquals(new Row(11, null, new Object[] {"blue"}), tags.get(11));
    assertEquals(2, tags.size());
  }

  static void copyFixture(int version, Path to) throws IOException {
    Path fixture = fixture(version);
    try (Stream<Path> s = Files.walk(fixture)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(fixture.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else if (!p.getFileName().toString().endsWith(".sql")) {
          Files.copy(p, t);
        }
      }
    }
  }

  static int vectorFileVersion(byte[] dat) {
    return ByteBuffer.wrap(dat).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void readOnlyOpenReadsAnOldFormatAsItIs(int version, @TempDir Path dir) throws IOException {
    copyFixture(version, dir);
    Map<Path, byte[]> before = OpenSafetyTest.contents(dir);
    try (Database db = Database.open(dir, new DatabaseOptions(false, true, 4096))) {
      assertFixtureRows(db);
      CheckReport r = db.check();
      assertTrue(r.ok(), r.toString());
      assertTrue(r.notes().stream().anyMatch(n -> n.contains("format v" + version)), r.toString());
    }
    Map<Path, byte[]> after = OpenSafetyTest.contents(dir);
    for (Path p : before.keySet()) {
      assertTrue(java.util.Arrays.equals(before.get(p), after.get(p)), p + " changed");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void writableOpenUpgradesInPlace(int version, @TempDir Path dir) throws IOException {
    copyFixture(version, dir);
    assertEquals(version, vectorFileVersion(Files.readAllBytes(dir.resolve("items/vectors.dat"))));
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      assertFixtureRows(db);
      CheckReport r = db.check();
      assertTrue(r.ok() && r.notes().stream().noneMatch(n -> n.contains("format v")), r.toString());
      db.get("items")
          .upsert(List.of(new Row(8, new float[] {8, 8, 8, 8}, new Object[] {"e", 8.0})));
      db.get("items").delete(8);
    }
    assertEquals(
        VectorFile.VERSION,
        vectorFileVersion(Files.readAllBytes(dir.resolve("items/vectors.dat"))));
    assertTrue(Files.exists(dir.resolve("items/vectors.ids")));
    for (String t : List.of("items", "tags")) {
      assertTrue(Files.readString(dir.resolve(t).resolve("collection.json")).contains("crc32c"));
    }
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      assertFixtureRows(db);
      assertTrue(db.check().ok());
    }
    // The emptied log was replaced by one of the current format at the first checkpoint.
    assertEquals(Wal.VERSION, PatchRecordTest.walVersion(dir.resolve("items/vectors.wal")));
  }

  /** The fixture in a simulated file system, every file and directory durable. */
  static SimStorageIO simFixture(int version) throws IOException {
    SimStorageIO sim = new SimStorageIO();
    Path root = OpenSafetyTest.ROOT;
    sim.createDirectory(root.getParent());
    sim.createDirectory(root);
    Path fixture = fixture(version);
    try (Stream<Path> s = Files.walk(fixture)) {
      for (Path p : s.sorted().toList()) {
        Path t = root.resolve(fixture.relativize(p).toString());
        if (Files.isDirectory(p)) {
          sim.createDirectory(t);
        } else if (!p.getFileName().toString().endsWith(".sql")) {
          try (StorageIO.FileIO f = sim.open(t, StorageIO.OpenMode.CREATE)) {
            f.write(ByteBuffer.wrap(Files.readAllBytes(p)), 0);
            f.force();
          }
        }
        sim.syncDirectory(t.getParent());
      }
    }
    return sim;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void anUpgradeInterruptedAtEveryStepReopensToTheSameRows(int version) throws IOException {
    long seed = Long.getLong("veles.seed", System.nanoTime());
    System.out.println("seed " + seed);
    Random rnd = new Random(seed);
    for (int step = 1; ; step++) {
      SimStorageIO sim = simFixture(version);
      sim.crashAt(step);
      boolean finished = false;
      try (Database db = Database.open(OpenSafetyTest.ROOT, DatabaseOptions.defaults(), sim)) {
        finished = true;
      } catch (IOException e) {
        assertTrue(sim.crashed(), e.toString());
      }
      if (finished && !sim.crashed()) {
        assertTrue(step > 5, "the upgrade took only " + step + " steps");
        return;
      }
      SimStorageIO after = sim.crash(rnd);
      try (Database db = Database.open(OpenSafetyTest.ROOT, DatabaseOptions.defaults(), after)) {
        assertTrue(db.damaged().isEmpty(), "step " + step + " seed " + seed + ": " + db.damaged());
        assertFixtureRows(db);
        CheckReport r = db.check();
        assertTrue(r.ok(), "step " + step + " seed " + seed + ": " + r);
      }
    }
  }
}

package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unique keys ({@link CollectionSchema#unique()}, kept by {@link KeyIndex}) and the id sequence
 * ({@link IdSequence}): checks of single calls and transactions, conflicts between transactions,
 * the index rebuilt on open against a model, and the file formats.
 */
class UniqueKeysTest {
  @TempDir Path dir;

  private Database open() throws IOException {
    return Database.open(dir.resolve("db"), DatabaseOptions.defaults());
  }

  private static Row row(long id, String key, int n) {
    return KeyCrashChild.row(id, key, n);
  }

  @Test
  void singleCallsKeepKeysUnique() throws IOException {
    try (Database db = open()) {
      VectorCollection c = db.create("t", KeyCrashChild.schema());
      c.insert(List.of(row(1, "a", 1), row(2, "b", 2)));
      assertThrows(DuplicateKeyException.class, () -> c.insert(List.of(row(3, "a", 3))));
      assertThrows(
          DuplicateKeyException.class, () -> c.insert(List.of(row(3, "c", 3), row(4, "c", 4))));
      assertNull(c.get(3), "nothing of a refused batch is applied");
      // a swap of keys within one call is no conflict
      c.upsert(List.of(row(1, "b", 1), row(2, "a", 2)));
      assertEquals(2, c.findKey(0, "a"));
      assertEquals(1, c.findKey(0, "b"));
      assertThrows(DuplicateKeyException.class, () -> c.upsert(List.of(row(1, "a", 1))));
      c.delete(2);
      assertEquals(-1, c.findKey(0, "a"));
      c.insert(List.of(row(5, "a", 5)));
      assertEquals(5, c.findKey(0, "a"));
    }
  }

  @Test
  void transactionsSeeTheirOwnKeysAndConflict() throws IOException {
    try (Database db = open()) {
      VectorCollection c = db.create("t", KeyCrashChild.schema());
      c.insert(List.of(row(1, "a", 1)));
      try (Transaction t1 = db.begin();
          Transaction t2 = db.begin()) {
        t1.insert("t", List.of(row(10, "x", 0)));
        assertThrows(DuplicateKeyException.class, () -> t1.insert("t", List.of(row(11, "x", 0))));
        assertThrows(DuplicateKeyException.class, () -> t1.insert("t", List.of(row(12, "a", 0))));
        // t2 writing the key t1 holds fails at once; so does a single call
        assertThrows(WriteConflictException.class, () -> t2.insert("t", List.of(row(20, "x", 0))));
        assertThrows(WriteConflictException.class, () -> c.insert(List.of(row(21, "x", 0))));
        // t1 frees "a" by deleting its row, then may take it
        t1.delete("t", 1);
        t1.insert("t", List.of(row(13, "a", 0)));
        t2.rollback();
        t1.commit();
      }
      assertEquals(10, c.findKey(0, "x"));
      assertEquals(13, c.findKey(0, "a"));
      assertNull(c.get(1));
      assertNull(c.get(20));
    }
  }

  @Test
  void aSavepointRollbackReleasesTheKeysLockedSinceIt() throws IOException {
    try (Database db = open()) {
      VectorCollection c = db.create("t", KeyCrashChild.schema());
      try (Transaction t1 = db.begin();
          Transaction t2 = db.begin()) {
        t1.insert("t", List.of(row(10, "kept", 0)));
        t1.savepoint("s");
        t1.insert("t", List.of(row(11, "undone", 0)));
        assertThrows(
            WriteConflictException.class, () -> t2.insert("t", List.of(row(20, "undone", 0))));
        t1.rollbackTo("s");
        // t1 no longer writes "undone": another transaction may take it; "kept" stays locked
        t2.insert("t", List.of(row(20, "undone", 0)));
        assertThrows(
            WriteConflictException.class, () -> t2.insert("t", List.of(row(21, "kept", 0))));
        // a statement that fails leaves no key locked either
        assertThrows(
            DuplicateKeyException.class,
            () -> t1.insert("t", List.of(row(12, "fresh", 0), row(13, "kept", 0))));
        t2.insert("t", List.of(row(22, "fresh", 0)));
        t2.commit();
        t1.commit();
      }
      assertEquals(10, c.findKey(0, "kept"));
      assertEquals(20, c.findKey(0, "undone"));
      assertEquals(22, c.findKey(0, "fresh"));
      assertNull(c.get(11));
    }
  }

  @Test
  void indexRebuiltOnOpenMatchesAModel() throws IOException {
    long seed = System.nanoTime();
    System.out.println("UniqueKeysTest seed " + seed);
    Random rnd = new Random(seed);
    Map<Long, String> model = new HashMap<>();
    try (Database db = open()) {
      VectorCollection c = db.create("t", KeyCrashChild.schema());
      for (int i = 0; i < 2_000; i++) {
        String key = "k" + rnd.nextInt(200);
        long id = rnd.nextInt(300);
        try {
          if (rnd.nextInt(3) == 0) {
            c.delete(id);
            model.remove(id);
          } else {
            c.upsert(List.of(row(id, key, i)));
            model.put(id, key);
          }
        } catch (DuplicateKeyException e) {
          assertTrue(model.containsValue(key) && !key.equals(model.get(id)), "seed " + seed);
        }
      }
    }
    try (Database db = open()) {
      VectorCollection c = db.get("t");
      for (int k = 0; k < 200; k++) {
        String key = "k" + k;
        long want = -1;
        for (Map.Entry<Long, String> e : model.entrySet()) {
          if (e.getValue().equals(key)) {
            want = e.getKey();
          }
        }
        assertEquals(want, c.findKey(0, key), key + ", seed " + seed);
      }
      assertTrue(db.check().ok());
    }
  }

  @Test
  void sequenceNeverRepeatsAndJoinsTheCheck() throws IOException {
    List<Long> handed = new ArrayList<>();
    try (Database db = open()) {
      VectorCollection c = db.create("t", KeyCrashChild.schema());
      c.insert(List.of(row(50, "explicit", 0)));
      for (long id : c.allocateIds(3)) {
        handed.add(id);
      }
      assertEquals(List.of(51L, 52L, 53L), handed, "above the largest live id");
      c.insert(List.of(row(53 + 1, "taken", 0)));
      assertEquals(55, c.allocateIds(1)[0], "an explicit id is skipped");
    }
    try (Database db = open()) {
      long next = db.get("t").allocateIds(1)[0];
      assertTrue(next > 55, "reopened sequence reused " + next);
    }
    Path seq = dir.resolve("db").resolve("t").resolve(IdSequence.NAME);
    byte[] b = Files.readAllBytes(seq);
    b[9] ^= 1;
    Files.write(seq, b, StandardOpenOption.TRUNCATE_EXISTING);
    try (Database db = open()) {
      CheckReport r = db.check();
      assertFalse(r.ok());
      assertTrue(r.toString().contains(IdSequence.NAME), r.toString());
    }
  }

  @Test
  void schemaFormats() throws IOException {
    try (Database db = open()) {
      db.create("keyed", KeyCrashChild.schema());
      db.create("plain", CollectionSchema.of(2, Metric.L2));
    }
    Path keyed = dir.resolve("db").resolve("keyed").resolve(CollectionFiles.SCHEMA);
    Path plain = dir.resolve("db").resolve("plain").resolve(CollectionFiles.SCHEMA);
    String k = Files.readString(keyed, StandardCharsets.UTF_8);
    assertTrue(k.contains("\"format\": 3") && k.contains("\"unique\""), k);
    assertTrue(Files.readString(plain).contains("\"format\": 2"), "no new format without keys");
    // A newer format (with a sound checksum) is refused by its version, not read as damage
    String member = ",\n  \"crc32c\": \"";
    String body = k.substring(0, k.lastIndexOf(member)).replace("\"format\": 3", "\"format\": 5");
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update((body + "\n}\n").getBytes(StandardCharsets.UTF_8));
    String newer = body + member + String.format("%08x", crc.getValue()) + "\"\n}\n";
    CorruptFileException e =
        assertThrows(CorruptFileException.class, () -> SchemaJson.fromJson(newer, keyed));
    assertTrue(e.getMessage().contains("format v5 is newer"), e.getMessage());
  }
}

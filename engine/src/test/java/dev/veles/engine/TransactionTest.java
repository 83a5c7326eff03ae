package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's transactions: visibility, own writes, savepoints, conflicts, recovery. */
class TransactionTest {
  @TempDir Path dir;

  static CollectionSchema schema(Durability d) {
    return new CollectionSchema(
        3,
        Metric.L2,
        List.of(
            new ColumnSpec("title", ColumnType.VARCHAR, 20, true),
            new ColumnSpec("price", ColumnType.DOUBLE, 0, true)),
        IndexParams.DEFAULT,
        d,
        Map.of());
  }

  static Row row(long id, float x, String title, Double price) {
    return new Row(id, new float[] {x, 0, 0}, new Object[] {title, price});
  }

  private Database open() throws IOException {
    return Database.open(dir.resolve("db"), DatabaseOptions.defaults());
  }

  @Test
  void commitPublishesEveryTableAtOnceAndRollbackDiscards() throws IOException {
    try (Database db = open()) {
      VectorCollection a = db.create("a", schema(Durability.FSYNC));
      VectorCollection b = db.create("b", schema(Durability.FLUSH_ONLY));
      a.insert(List.of(row(1, 1, "old", 1.0)));
      try (Transaction tx = db.begin()) {
        tx.insert("a", List.of(row(2, 2, "two", 2.0)));
        tx.upsert("b", List.of(row(7, 7, "seven", 7.0)));
        assertEquals(1, tx.delete("a", 1, 99));
        assertNull(a.get(2), "others see no uncommitted insert");
        assertNotNull(a.get(1), "others see no uncommitted delete");
        assertNull(b.get(7));
        assertNotNull(tx.get("a", 2));
        assertNull(tx.get("a", 1));
        tx.commit();
        assertTrue(tx.ended());
      }
      assertNull(a.get(1));
      assertEquals(row(2, 2, "two", 2.0), a.get(2));
      assertEquals(row(7, 7, "seven", 7.0), b.get(7));
      try (Transaction tx = db.begin()) {
        tx.insert("a", List.of(row(3, 3, "x", null)));
        tx.delete("b", 7);
        tx.rollback();
        assertThrows(TransactionStateException.class, () -> tx.get("a", 3));
      }
      assertNull(a.get(3));
      assertNotNull(b.get(7));
      try (Transaction tx = db.begin()) {
        tx.insert("a", List.of(row(4, 4, "closed", null)));
      } // close rolls back
      assertNull(a.get(4));
    }
    try (Database db = open()) {
      assertEquals(List.of(2L), ids(db.get("a").ids(null)));
      assertEquals(row(7, 7, "seven", 7.0), db.get("b").get(7));
    }
  }

  private static List<Long> ids(long[] a) {
    List<Long> out = new ArrayList<>();
    for (long x : a) {
      out.add(x);
    }
    return out;
  }

  @Test
  void ownWritesInGetScanFilterAndSearch() throws IOException {
    try (Database db = open()) {
      VectorCollection a = db.create("a", schema(Durability.FSYNC));
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        rows.add(row(i, i, "t" + (i % 3), (double) i));
      }
      a.insert(rows);
      try (Transaction tx = db.begin()) {
        tx.insert("a", List.of(row(100, 10.2f, "t0", 500.0)));
        tx.delete("a", 10, 3);
        assertEquals(1, tx.update("a", 11, Map.of("price", 1000.0), null));
        assertEquals(0, tx.update("a", 12345, Map.of("price", 1.0), null));
        Row r11 = tx.get("a", 11);
        assertEquals(1000.0, r11.values()[1]);
        assertArrayEquals(new float[] {11, 0, 0}, r11.vector(), "vector untouched");
        Filter expensive = new Filter.Compare("price", Filter.Op.GT, 400.0);
        assertEquals(List.of(11L, 100L), ids(tx.ids("a", expensive)));
        assertEquals(List.of(), ids(a.ids(expensive)), "the committed state is unchanged");
        List<Long> all = ids(tx.ids("a", null));
        assertEquals(49, all.size());
        assertTrue(all.contains(100L) && !all.contains(10L) && !all.contains(3L));
        List<Match> near = tx.searchRows("a", new float[] {10, 0, 0}, 3, Metric.L2, null, 0);
        assertEquals(100L, near.get(0).row().id(), "own insert found by k-NN");
        assertEquals(List.of(100L, 9L, 11L), near.stream().map(m -> m.row().id()).toList());
        List<Match> cheap =
            tx.searchRows(
                "a",
                new float[] {10, 0, 0},
                2,
                Metric.L2,
                new Filter.Compare("price", Filter.Op.LT, 400.0),
                0);
        assertEquals(List.of(9L, 8L), cheap.stream().map(m -> m.row().id()).toList());
        tx.commit();
      }
      assertEquals(1000.0, a.get(11).values()[1]);
      assertEquals(48 + 1, a.size());
    }
  }

  @Test
  void savepoints() throws IOException {
    try (Database db = open()) {
      db.create("a", schema(Durability.FSYNC));
      try (Transaction tx = db.begin()) {
        tx.insert("a", List.of(row(1, 1, "one", null)));
        tx.savepoint("s1");
        tx.insert("a", List.of(row(2, 2, "two", null)));
        tx.upsert("a", List.of(row(1, 1, "uno", null)));
        tx.savepoint("s2");
        tx.delete("a", 1);
        tx.rollbackTo("s2");
        assertEquals("uno", tx.get("a", 1).values()[0]);
        tx.rollbackTo("s1");
        assertEquals("one", tx.get("a", 1).values()[0]);
        assertNull(tx.get("a", 2));
        assertThrows(TransactionStateException.class, () -> tx.rollbackTo("s2"));
        tx.insert("a", List.of(row(3, 3, "three", null)));
        tx.release("s1");
        assertThrows(TransactionStateException.class, () -> tx.rollbackTo("s1"));
        tx.commit();
      }
      assertEquals(List.of(1L, 3L), ids(db.get("a").ids(null)));
      // a row written only after a savepoint is unlocked by the rollback to it
      try (Transaction t1 = db.begin();
          Transaction t2 = db.begin()) {
        t1.savepoint("s");
        t1.insert("a", List.of(row(5, 5, "t1", null)));
        t1.rollbackTo("s");
        t2.insert("a", List.of(row(5, 5, "t2", null)));
        t2.commit();
        t1.commit();
      }
      assertEquals("t2", db.get("a").get(5).values()[0]);
    }
  }

  @Test
  void conflictsFailAtOnceAndLeaveNothing() throws IOException {
    try (Database db = open()) {
      VectorCollection a = db.create("a", schema(Durability.FSYNC));
      a.insert(List.of(row(1, 1, "one", null)));
      try (Transaction t1 = db.begin();
          Transaction t2 = db.begin()) {
        t1.upsert("a", List.of(row(1, 1, "t1", null)));
        t2.insert("a", List.of(row(2, 2, "t2", null)));
        WriteConflictException e =
            assertThrows(
                WriteConflictException.class,
                () -> t2.upsert("a", List.of(row(3, 3, "t2", null), row(1, 1, "t2", null))));
        assertEquals(1, e.id());
        assertNull(t2.get("a", 3), "the failed call kept nothing");
        assertNotNull(t2.get("a", 2), "earlier writes stay");
        assertThrows(WriteConflictException.class, () -> t2.delete("a", 1));
        assertThrows(
            WriteConflictException.class, () -> a.upsert(List.of(row(1, 1, "auto", null))));
        assertThrows(WriteConflictException.class, () -> a.delete(1));
        assertThrows(
            WriteConflictException.class, () -> a.insert(List.of(row(2, 2, "auto", null))));
        a.insert(List.of(row(4, 4, "auto", null))); // rows nobody holds: fine
        t1.commit();
        t2.upsert("a", List.of(row(1, 1, "t2", null))); // t1's locks are gone
        t2.commit();
      }
      assertEquals("t2", a.get(1).values()[0]);
      assertEquals(List.of(1L, 2L, 4L), ids(a.ids(null)));
      a.upsert(List.of(row(1, 1, "auto", null))); // no transaction left: no lock
    }
  }

  @Test
  void duplicateInsideTransaction() throws IOException {
    try (Database db = open()) {
      VectorCollection a = db.create("a", schema(Durability.FSYNC));
      a.insert(List.of(row(1, 1, "one", null)));
      try (Transaction tx = db.begin()) {
        assertThrows(
            DuplicateKeyException.class, () -> tx.insert("a", List.of(row(1, 1, "x", null))));
        tx.insert("a", List.of(row(2, 2, "two", null)));
        assertThrows(
            DuplicateKeyException.class, () -> tx.insert("a", List.of(row(2, 2, "x", null))));
        tx.delete("a", 1);
        tx.insert("a", List.of(row(1, 1, "again", null))); // deleted here: free to insert
        tx.commit();
      }
      assertEquals("again", a.get(1).values()[0]);
      a.upsert(List.of(row(1, 1, "auto", null))); // the failed insert left no lock behind
    }
  }

  @Test
  void recoveryAppliesMultiTableGroupsOnlyWithTheirCommitRecord() throws IOException {
    Path root = dir.resolve("db");
    Database db = open();
    db.create("a", schema(Durability.FSYNC));
    db.create("b", schema(Durability.FSYNC));
    try (Transaction tx = db.begin()) {
      tx.insert("a", List.of(row(1, 1, "a1", null)));
      tx.insert("b", List.of(row(1, 1, "b1", null)));
      tx.commit();
    }
    db.close(false); // a crash: nothing checkpointed
    byte[] committed = Files.readAllBytes(root.resolve(CommitLog.NAME));
    assertEquals(CommitLog.HEADER + CommitLog.RECORD, committed.length);
    db = open();
    assertNotNull(db.get("a").get(1));
    assertNotNull(db.get("b").get(1));
    try (Transaction tx = db.begin()) {
      tx.insert("a", List.of(row(2, 2, "a2", null)));
      tx.insert("b", List.of(row(2, 2, "b2", null)));
      tx.commit();
    }
    db.get("a").insert(List.of(row(3, 3, "a3", null))); // a single write call: its own commit
    db.close(false);
    // The commit record never became durable: cut it off (a torn tail of zeros).
    Path log = root.resolve(CommitLog.NAME);
    try (var ch = java.nio.channels.FileChannel.open(log, StandardOpenOption.WRITE)) {
      long size = ch.size();
      ch.write(ByteBuffer.allocate(CommitLog.RECORD), size - CommitLog.RECORD);
    }
    db = open();
    try {
      assertNull(db.get("a").get(2), "group without its commit record skipped");
      assertNull(db.get("b").get(2));
      assertNotNull(db.get("a").get(3), "the later single-table write replays");
      assertTrue(db.check().ok(), db.check().toString());
      assertEquals(CommitLog.HEADER, Files.size(log), "truncated once every WAL checkpointed");
    } finally {
      db.close();
    }
  }

  @Test
  void damagedCommitLogIsReported() throws IOException {
    Path root = dir.resolve("db");
    try (Database db = open()) {
      db.create("a", schema(Durability.FSYNC));
      db.create("b", schema(Durability.FSYNC));
      for (int i = 0; i < 3; i++) {
        try (Transaction tx = db.begin()) {
          tx.insert("a", List.of(row(i, i, "a", null)));
          tx.insert("b", List.of(row(i, i, "b", null)));
          tx.commit();
        }
      }
      Path log = root.resolve(CommitLog.NAME);
      try (var ch = java.nio.channels.FileChannel.open(log, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(new byte[] {1}), CommitLog.HEADER + 9); // first record's txid
      }
      CheckReport r = db.check();
      assertFalse(r.ok());
      assertTrue(r.toString().contains(CommitLog.NAME), r.toString());
    }
  }

  @Test
  void noneDurabilityTablesApplyAtCommitAndRollBack() throws IOException {
    try (Database db = open()) {
      VectorCollection n = db.create("n", schema(Durability.NONE));
      db.create("f", schema(Durability.FSYNC));
      try (Transaction tx = db.begin()) {
        tx.insert("n", List.of(row(1, 1, "n", null)));
        tx.insert("f", List.of(row(1, 1, "f", null)));
        tx.rollback();
      }
      assertEquals(0, n.size());
      try (Transaction tx = db.begin()) {
        tx.insert("n", List.of(row(1, 1, "n", null)));
        tx.insert("f", List.of(row(1, 1, "f", null)));
        tx.commit();
      }
      assertEquals(1, n.size());
    }
  }

  /**
   * The damage matrix of {@value CommitLog#NAME}: one flipped bit in each byte, or the file cut at
   * each length, after three multi-table commits whose groups are still in the WALs. Each case
   * opens to the full state, to a prefix of the commits (the last record lost, as a torn tail), or
   * fails naming the commit log; never another state.
   */
  @Test
  void commitLogDamageIsDetectedOrAPrefix() throws IOException {
    long seed = Long.getLong("veles.seed", System.nanoTime());
    System.out.println("TransactionTest.commitLogDamage seed " + seed);
    Random rnd = new Random(seed);
    Path root = dir.resolve("db");
    Database db = open();
    db.create("a", schema(Durability.FSYNC));
    db.create("b", schema(Durability.FSYNC));
    for (int i = 0; i < 3; i++) {
      try (Transaction tx = db.begin()) {
        tx.insert("a", List.of(row(i, i, "a", null)));
        tx.insert("b", List.of(row(i, i, "b", null)));
        tx.commit();
      }
    }
    db.close(false);
    Path saved = dir.resolve("saved");
    copyTree(root, saved);
    byte[] log = Files.readAllBytes(root.resolve(CommitLog.NAME));
    int[] outcomes = new int[3]; // full, prefix, detected
    for (int c = 0; c < 2 * log.length; c++) {
      byte[] d;
      if (c < log.length) {
        d = log.clone();
        d[c] ^= (byte) (1 << rnd.nextInt(8));
      } else {
        d = java.util.Arrays.copyOf(log, c - log.length);
      }
      deleteTree(root);
      copyTree(saved, root);
      Files.write(root.resolve(CommitLog.NAME), d);
      try (Database x = open()) {
        long n = x.get("a").size();
        assertEquals(n, x.get("b").size(), "case " + c + ": a transaction in part");
        for (long id = 0; id < n; id++) {
          assertNotNull(x.get("a").get(id), "case " + c + ": not a prefix");
          assertNotNull(x.get("b").get(id), "case " + c + ": not a prefix");
        }
        outcomes[n == 3 ? 0 : 1]++;
      } catch (CorruptFileException e) {
        assertEquals(root.resolve(CommitLog.NAME), e.file(), "case " + c + ": " + e);
        outcomes[2]++;
      }
    }
    System.out.println(
        "commits.log damage: full "
            + outcomes[0]
            + ", prefix "
            + outcomes[1]
            + ", detected "
            + outcomes[2]);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (var s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }

  /**
   * A large transaction of 128 dimensions: 50,000 rows in this JVM; in long mode
   * (-Dveles.long=true) 1,000,000 rows in a child JVM with a 2 GiB heap. Prints the write set's
   * heap per row.
   */
  @Test
  void largeTransactionSpillsAndCommits() throws Exception {
    long seed = Long.getLong("veles.seed", System.nanoTime());
    boolean longMode = Boolean.getBoolean("veles.long");
    int n = longMode ? 1_000_000 : 50_000;
    System.out.println("TransactionTest.largeTransaction seed " + seed + " rows " + n);
    if (!longMode) {
      TransactionSize.run(dir.resolve("big"), n, 128, seed);
      return;
    }
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--add-modules",
            "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED",
            "-Xmx2g",
            "-ea",
            "-cp",
            System.getProperty("java.class.path"),
            TransactionSize.class.getName(),
            dir.resolve("big").toString(),
            Integer.toString(n),
            "128",
            Long.toString(seed));
    Path out = dir.resolve("child.log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.MINUTES), "child timed out");
    } finally {
      p.destroyForcibly();
      System.out.println(Files.readString(out));
    }
    assertEquals(0, p.exitValue(), "child JVM failed: see its output above");
  }
}

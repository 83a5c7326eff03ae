package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The WAL tail table: damage to the last record ends replay cleanly with the right prefix; damage
 * followed by valid records is a {@link CorruptFileException} naming file and offset; no length
 * field makes replay allocate more than a record.
 */
class WalTailTest {
  static final Path ROOT = Path.of("/sim/db");
  static final Path WAL = ROOT.resolve("c").resolve(CollectionFiles.WAL);
  static final int RECORDS = 6;
  final long seed = Long.getLong("veles.seed", System.nanoTime());

  /** A database whose WAL holds {@code RECORDS} one-row calls; returns it as after a crash. */
  static SimStorageIO withWal() throws Exception {
    SimStorageIO sim = new SimStorageIO();
    Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
    VectorCollection c = db.create("c", CollectionSchema.of(3, Metric.L2));
    for (int i = 0; i < RECORDS; i++) {
      c.upsert(List.of(Row.of(i, new float[] {i, i + 1, i + 2})));
    }
    db.close(false);
    return sim.crash(null);
  }

  static int recLen() {
    return Wal.RECORD_HEADER + 12;
  }

  static long lastOffset(byte[] wal) {
    return wal.length - recLen();
  }

  /** Opens and returns the number of rows, asserting they are the first ones, byte-exact. */
  static int rowsAfterOpen(SimStorageIO sim) throws Exception {
    long before = allocated();
    try (Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim)) {
      long used = allocated() - before;
      assertTrue(used < 64L << 20, "replay allocated " + used + " bytes");
      VectorCollection c = db.get("c");
      int n = (int) c.size();
      for (int i = 0; i < n; i++) {
        assertEquals(Row.of(i, new float[] {i, i + 1, i + 2}), c.get(i));
      }
      return n;
    }
  }

  static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  static SimStorageIO damaged(byte[] wal) throws Exception {
    SimStorageIO sim = withWal();
    sim.setBytes(WAL, wal);
    return sim;
  }

  @Test
  void truncationAtEveryByteOfTheLastRecord() throws Exception {
    byte[] wal = withWal().bytes(WAL);
    assertEquals(Wal.FILE_HEADER + RECORDS * recLen(), wal.length);
    for (int cut = 0; cut <= recLen(); cut++) {
      byte[] w = Arrays.copyOf(wal, (int) lastOffset(wal) + cut);
      assertEquals(
          cut == recLen() ? RECORDS : RECORDS - 1, rowsAfterOpen(damaged(w)), "cut " + cut);
    }
  }

  @Test
  void zeroAndGarbageTails() throws Exception {
    byte[] wal = withWal().bytes(WAL);
    Random rnd = new Random(seed);
    for (int n : new int[] {1, 7, 31, 32, 33, 4096, 100_000}) {
      byte[] z = Arrays.copyOf(wal, wal.length + n);
      assertEquals(RECORDS, rowsAfterOpen(damaged(z)), "zero tail " + n + " seed " + seed);
      byte[] g = Arrays.copyOf(wal, wal.length + n);
      byte[] junk = new byte[n];
      rnd.nextBytes(junk);
      System.arraycopy(junk, 0, g, wal.length, n);
      assertEquals(RECORDS, rowsAfterOpen(damaged(g)), "garbage tail " + n + " seed " + seed);
    }
  }

  @Test
  void badLengthsOfTheLastRecord() throws Exception {
    byte[] wal = withWal().bytes(WAL);
    int at = (int) lastOffset(wal) + 4;
    for (long len : new long[] {0, -1, Integer.MAX_VALUE, wal.length + 1L, 13, 11}) {
      byte[] w = wal.clone();
      ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN).putInt(at, (int) len);
      assertEquals(RECORDS - 1, rowsAfterOpen(damaged(w)), "length " + len);
    }
  }

  @Test
  void bitFlipInEachHeaderFieldAndTheData() throws Exception {
    byte[] wal = withWal().bytes(WAL);
    int last = (int) lastOffset(wal);
    // crc, length, seq, id, slot, op, flags, zero, data
    for (int field : new int[] {0, 4, 8, 16, 24, 28, 29, 30, 32, 40}) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] w = wal.clone();
        w[last + field] ^= (byte) (1 << bit);
        assertEquals(RECORDS - 1, rowsAfterOpen(damaged(w)), "field " + field + " bit " + bit);
      }
    }
  }

  @Test
  void damageFollowedByValidRecordsIsCorruption() throws Exception {
    byte[] wal = withWal().bytes(WAL);
    for (int rec = 0; rec < RECORDS - 1; rec++) {
      int off = Wal.FILE_HEADER + rec * recLen();
      for (int field : new int[] {0, 4, 8, 28, 40}) {
        byte[] w = wal.clone();
        w[off + field] ^= 0x10;
        CorruptFileException e = problemOnOpen(damaged(w), "record " + rec + " field " + field);
        assertEquals(WAL, e.file());
        assertEquals(off, e.offset());
      }
    }
  }

  @Test
  void damagedFileHeaderIsCorruption() throws Exception {
    byte[] wal = withWal().bytes(WAL);
    for (int i = 0; i < Wal.FILE_HEADER; i++) {
      byte[] w = wal.clone();
      w[i] ^= 1;
      CorruptFileException e = problemOnOpen(damaged(w), "header byte " + i);
      assertEquals(WAL, e.file());
      assertEquals(0, e.offset());
    }
    assertEquals(WAL, problemOnOpen(damaged(Arrays.copyOf(wal, 5)), "cut at 5").file());
  }

  /**
   * Opens a database whose collection "c" is damaged: the database opens, "c" is listed as damaged
   * and its lookup throws; returns the problem found.
   */
  static CorruptFileException problemOnOpen(SimStorageIO sim, String what) throws Exception {
    try (Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim)) {
      CollectionDamage d =
          db.damage("c").orElseThrow(() -> new AssertionError("not reported damaged: " + what));
      DamagedCollectionException e =
          assertThrows(DamagedCollectionException.class, () -> db.get("c"), what);
      assertEquals(d.problem(), e.problem());
      return d.problem();
    }
  }
}

package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Salvage ({@link Database#repair}): a collection damaged in one file is rebuilt from the others,
 * the report names exactly the rows it could not recover and which part, every other row comes back
 * unchanged, and a crash at any step of the repair leaves the old or the repaired files.
 */
class RepairTest {
  static final Path ROOT = Path.of("/sim/db");
  static final Path DIR = ROOT.resolve("c");

  /** Rows 0..99 checkpointed (10..14 deleted); then rows 0..4 replaced and 100..104 in the WAL. */
  record State(SimStorageIO sim, TreeMap<Long, Row> model, Set<Long> inWal) {}

  static State state(long seed) throws IOException {
    Random rnd = new Random(seed);
    SimStorageIO sim = new SimStorageIO();
    Workload w = new Workload(rnd, 1000);
    Set<Long> inWal = new TreeSet<>();
    try (Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim)) {
      VectorCollection c = db.create("c", Workload.schema(Durability.FSYNC));
      for (long id = 0; id < 100; id++) {
        Row r = w.row(id);
        c.insert(List.of(r));
        w.model.put(id, r);
      }
      c.delete(10, 11, 12, 13, 14);
      for (long id = 10; id < 15; id++) {
        w.model.remove(id);
      }
    }
    Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
    VectorCollection c = db.get("c");
    for (long id : new long[] {0, 1, 2, 3, 4, 100, 101, 102, 103, 104}) {
      Row r = w.row(id);
      c.upsert(List.of(r));
      w.model.put(id, r);
      inWal.add(id);
    }
    db.close(false); // the last writes stay in the WAL
    return new State(sim.crash(null), w.model, inWal);
  }

  /** A slot's offset in {@code file} for row {@code id}, read from the open collection. */
  static int slotOf(SimStorageIO sim, long id) throws IOException {
    try (Database db =
        Database.open(ROOT, new DatabaseOptions(false, true, 4096), sim.crash(null))) {
      return db.get("c").slotOf(id);
    }
  }

  @Test
  void aDamagedVectorLosesOnlyItsRow() throws IOException {
    State s = state(seed());
    int slot = slotOf(s.sim(), 50);
    SimStorageIO sim = s.sim().crash(null);
    byte[] b = sim.bytes(DIR.resolve(CollectionFiles.DATA));
    b[(int) (VectorFile.DATA_START + slot * (long) Workload.DIM * 4 + 2)] ^= 0x10;
    sim.setBytes(DIR.resolve(CollectionFiles.DATA), b);
    try (Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim)) {
      assertFalse(db.get("c").check().ok());
      RepairReport r = db.repair("c");
      assertEquals(Set.of(50L), r.vectorLost(), r.toString());
      assertEquals(Set.of(), r.columnsLost());
      assertFalse(r.complete());
      assertRows(db.get("c"), s.model(), Set.of(50L), Set.of());
    }
  }

  @Test
  void aDamagedIdEntryLosesOnlyItsRow() throws IOException {
    State s = state(seed());
    int slot = slotOf(s.sim(), 60);
    SimStorageIO sim = s.sim().crash(null);
    byte[] b = sim.bytes(DIR.resolve(CollectionFiles.IDS));
    b[(int) (VectorFile.DATA_START + slot * (long) VectorFile.ENTRY + 1)] ^= 0x01;
    sim.setBytes(DIR.resolve(CollectionFiles.IDS), b);
    try (Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim)) {
      RepairReport r = db.repair("c");
      assertEquals(Set.of(60L), r.vectorLost(), r.toString());
      assertRows(db.get("c"), s.model(), Set.of(60L), Set.of());
    }
  }

  @Test
  void aLostIndexIsRebuiltFromTheSideFileAndTheWal() throws IOException {
    State s = state(seed());
    SimStorageIO sim = s.sim().crash(null);
    byte[] b = sim.bytes(DIR.resolve(CollectionFiles.INDEX));
    b[b.length / 2] ^= 0x04;
    sim.setBytes(DIR.resolve(CollectionFiles.INDEX), b);
    try (Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim)) {
      assertTrue(db.damage("c").isPresent());
      RepairReport r = db.repair("c");
      System.out.println(r);
      TreeSet<Long> noColumns = new TreeSet<>(s.model().keySet());
      noColumns.removeAll(s.inWal());
      assertEquals(Set.of(), r.vectorLost(), r.toString());
      assertEquals(noColumns, r.columnsLost(), r.toString());
      assertEquals(Set.of(), r.dropped()); // both columns are nullable: kept with NULLs
      assertRows(db.get("c"), s.model(), Set.of(), noColumns);
    }
  }

  @Test
  void aDamagedWalRecordKeepsTheRowsBeforeIt() throws IOException {
    State s = state(seed());
    SimStorageIO sim = s.sim().crash(null);
    byte[] b = sim.bytes(DIR.resolve(CollectionFiles.WAL));
    b[Wal.FILE_HEADER + 40] ^= 0x01; // the first record: every WAL row is lost
    sim.setBytes(DIR.resolve(CollectionFiles.WAL), b);
    try (Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim)) {
      assertTrue(db.damage("c").isPresent());
      RepairReport r = db.repair("c");
      assertTrue(r.actions().stream().anyMatch(a -> a.contains("damaged")), r.toString());
      VectorCollection c = db.get("c");
      assertTrue(c.check().ok());
      // The checkpoint's rows are back; the WAL's writes after the damage are gone, and so are the
      // checkpoint versions of rows 0..4: their slots were freed once their replacements were
      // durable (in the damaged records). The report names them.
      assertEquals(Set.of(0L, 1L, 2L, 3L, 4L), r.vectorLost(), r.toString());
      for (Row row : s.model().values()) {
        if (!s.inWal().contains(row.id())) {
          assertEquals(row, c.get(row.id()));
        }
      }
      assertEquals(90, c.size());
    }
  }

  @Test
  void aDamagedSchemaCannotBeRepairedAndReadOnlyNeverRepairs() throws IOException {
    State s = state(seed());
    SimStorageIO sim = s.sim().crash(null);
    try (Database db = Database.open(ROOT, new DatabaseOptions(false, true, 4096), sim)) {
      assertThrows(IllegalStateException.class, () -> db.repair("c"));
    }
    byte[] b = sim.bytes(DIR.resolve(CollectionFiles.SCHEMA));
    b[b.length / 2] ^= 0x02;
    sim.setBytes(DIR.resolve(CollectionFiles.SCHEMA), b);
    try (Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim)) {
      CorruptFileException e = assertThrows(CorruptFileException.class, () -> db.repair("c"));
      assertEquals(DIR.resolve(CollectionFiles.SCHEMA), e.file());
      assertTrue(db.damage("c").isPresent());
    }
  }

  @Test
  void aRepairInterruptedAtEveryStepLeavesTheOldOrTheRepairedFiles() throws IOException {
    long seed = seed();
    Random rnd = new Random(seed);
    State s = state(seed);
    TreeSet<Long> noColumns = new TreeSet<>(s.model().keySet());
    noColumns.removeAll(s.inWal());
    for (int step = 1; ; step++) {
      SimStorageIO sim = s.sim().crash(null);
      byte[] b = sim.bytes(DIR.resolve(CollectionFiles.INDEX));
      b[b.length / 2] ^= 0x04;
      sim.setBytes(DIR.resolve(CollectionFiles.INDEX), b);
      boolean done;
      try (Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim)) {
        sim.crashAt(step);
        try {
          db.repair("c");
        } catch (IOException | RuntimeException e) {
          assertTrue(sim.crashed(), e.toString());
        }
        done = !sim.crashed();
        sim.crashAt(Long.MAX_VALUE / 2);
      } catch (IOException e) {
        assertTrue(sim.crashed(), e.toString());
        done = false;
      }
      if (done) {
        assertTrue(step > 8, "the repair took only " + step + " steps");
        return;
      }
      SimStorageIO after = sim.crash(rnd);
      try (Database db = Database.open(ROOT, DatabaseOptions.defaults(), after)) {
        if (db.damage("c").isPresent()) {
          db.repair("c"); // the old files: repair again
        }
        assertRows(db.get("c"), s.model(), Set.of(), noColumns);
        assertTrue(db.get("c").check().ok(), "step " + step + " seed " + seed);
      }
    }
  }

  /** Every model row is there except {@code lost}; rows in {@code noColumns} have NULL columns. */
  static void assertRows(
      VectorCollection c, TreeMap<Long, Row> model, Set<Long> lost, Set<Long> noColumns) {
    TreeSet<Long> expect = new TreeSet<>(model.keySet());
    expect.removeAll(lost);
    assertArrayEquals(expect.stream().mapToLong(x -> x).toArray(), c.ids(null));
    for (long id : expect) {
      Row m = model.get(id);
      Row got = c.get(id);
      if (noColumns.contains(id)) {
        assertEquals(new Row(id, m.vector(), new Object[] {null, null}), got, "row " + id);
      } else {
        assertEquals(m, got, "row " + id);
      }
    }
    assertTrue(c.check().ok(), c.check().toString());
    Workload.assertIndexed(c, "after repair", false);
  }

  static long seed() {
    long seed = Long.getLong("veles.seed", System.nanoTime());
    System.out.println("RepairTest seed " + seed);
    return seed;
  }
}

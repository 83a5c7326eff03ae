package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A full disk is an ordinary error: the write call fails with a {@link DiskFullException} naming
 * the file, applies nothing, and the collection takes writes again once space is free, without a
 * reopen; what was acknowledged survives a crash. In every durability mode.
 */
class DiskFullTest {
  static final Path ROOT = Path.of("/sim/db");

  @Test
  void aFullDiskFailsTheCallAndWritesResumeWithoutAReopen() throws IOException {
    long seed = Long.getLong("veles.seed", System.nanoTime());
    System.out.println("DiskFullTest seed " + seed);
    for (Durability d : Durability.values()) {
      trial(d, new Random(seed));
    }
  }

  static void trial(Durability d, Random rnd) throws IOException {
    SimStorageIO sim = new SimStorageIO();
    Workload w = new Workload(rnd, 1 << 20);
    Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
    VectorCollection c = db.create("c", Workload.schema(d));
    TreeMap<Long, Row> model = new TreeMap<>();
    for (int i = 0; i < 50; i++) {
      Row r = w.row(i);
      c.insert(List.of(r));
      model.put(r.id(), r);
    }
    c.flush();
    sim.diskFull(true);
    if (d != Durability.NONE) {
      // One row: the WAL must grow.
      Row r = w.row(100);
      DiskFullException e = assertThrows(DiskFullException.class, () -> c.insert(List.of(r)));
      assertEquals(ROOT.resolve("c").resolve(CollectionFiles.WAL), e.file(), d + ": " + e);
      assertTrue(Workload.matches(c, model), d + ": a failed call changed the collection");
    }
    // More rows than the vector file holds: it must grow.
    List<Row> big = new ArrayList<>();
    for (int i = 0; i < 5000; i++) { // the packed file starts with 4096 slots at dimension 4
      big.add(w.row(1000 + i));
    }
    DiskFullException e = assertThrows(DiskFullException.class, () -> c.insert(big));
    assertEquals(ROOT.resolve("c").resolve(CollectionFiles.DATA), e.file(), d + ": " + e);
    assertTrue(Workload.matches(c, model), d + ": a failed call changed the collection");
    sim.diskFull(false);
    c.insert(big); // no reopen
    big.forEach(r -> model.put(r.id(), r));
    Row r = w.row(100);
    c.insert(List.of(r));
    model.put(r.id(), r);
    c.flush();
    assertTrue(Workload.matches(c, model), d.toString());
    db.close(false);
    try (Database db2 = Database.open(ROOT, DatabaseOptions.defaults(), sim.crash(rnd))) {
      VectorCollection c2 = db2.get("c");
      assertTrue(Workload.matches(c2, model), d + ": after a power loss");
      assertTrue(c2.check().ok(), d + ": " + c2.check());
    }
  }

  /** A checkpoint that finds the disk full is postponed; the acknowledged write stands. */
  @Test
  void aCheckpointOnAFullDiskIsPostponed() throws IOException {
    Random rnd = new Random(Long.getLong("veles.seed", 7));
    SimStorageIO sim = new SimStorageIO();
    Workload w = new Workload(rnd, 1 << 20);
    Database db = Database.open(ROOT, DatabaseOptions.defaults(), sim);
    VectorCollection c = db.create("c", Workload.schema(Durability.FSYNC));
    TreeMap<Long, Row> model = new TreeMap<>();
    c.checkpointBytes = 1; // every write checkpoints
    sim.diskFull(p -> !p.endsWith(CollectionFiles.WAL)); // only the log has room
    for (int i = 0; i < 20; i++) {
      Row r = w.row(i);
      c.insert(List.of(r)); // acknowledged: the checkpoint after it is postponed
      model.put(r.id(), r);
    }
    c.delete(3);
    model.remove(3L);
    assertTrue(Workload.matches(c, model));
    sim.diskFull(false);
    Row r = w.row(20);
    c.insert(List.of(r)); // checkpoints now
    model.put(r.id(), r);
    assertEquals(Wal.FILE_HEADER, sim.bytes(ROOT.resolve("c").resolve(CollectionFiles.WAL)).length);
    db.close(false);
    try (Database db2 = Database.open(ROOT, DatabaseOptions.defaults(), sim.crash(rnd))) {
      assertTrue(Workload.matches(db2.get("c"), model));
      assertTrue(db2.get("c").check().ok());
    }
  }
}

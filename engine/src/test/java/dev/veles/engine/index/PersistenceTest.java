package dev.veles.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veles.engine.CorruptFileException;
import dev.veles.engine.Hit;
import dev.veles.engine.IndexParams;
import dev.veles.engine.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save, load, corruption detection and reconcile with storage changes made after the save. */
class PersistenceTest {
  private static final long SEED = Long.getLong("veles.seed", System.nanoTime());
  private static final IndexParams PARAMS = new IndexParams(12, 80, 64);

  @TempDir Path dir;

  @Test
  void roundTripGivesTheSameAnswers() throws IOException {
    int n = 4000;
    try (TestVectors tv = TestVectors.clustered(n, 20, SEED);
        HnswIndex idx = Oracle.build(tv, n, Metric.INNER_PRODUCT, 12, 80, SEED)) {
      idx.setRepairThreshold(1.0);
      for (int s = 0; s < n; s += 7) {
        idx.markDeleted(s);
      }
      Path file = dir.resolve("graph.hnsw");
      idx.save(file);
      assertFalse(Files.exists(dir.resolve("graph.hnsw.tmp")));
      try (HnswIndex back = HnswIndex.load(file, tv, Metric.INNER_PRODUCT, PARAMS)) {
        assertEquals(idx.size(), back.size());
        assertEquals(idx.tombstones(), back.tombstones());
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = 0; i < 50; i++) {
          float[] q = tv.query(rnd);
          assertEquals(idx.search(q, 10, 50, Bits.ALL), back.search(q, 10, 50, Bits.ALL));
        }
        back.insert(0, 77); // a loaded graph takes writes (over a tombstone here)
        back.repair();
        assertEquals(0, back.tombstones());
      }
    }
  }

  @Test
  void damageIsReportedWithFileAndOffset() throws IOException {
    int n = 1000;
    try (TestVectors tv = TestVectors.clustered(n, 8, SEED);
        HnswIndex idx = Oracle.build(tv, n, Metric.L2, 12, 80, SEED)) {
      Path file = dir.resolve("g");
      idx.save(file);
      byte[] good = Files.readAllBytes(file);
      SplittableRandom rnd = new SplittableRandom(SEED);
      for (int i = 0; i < 20; i++) {
        byte[] bad = good.clone();
        int at = rnd.nextInt(bad.length);
        bad[at] ^= (byte) (1 + rnd.nextInt(255));
        Files.write(file, bad);
        CorruptFileException e =
            assertThrows(
                CorruptFileException.class,
                () -> HnswIndex.load(file, tv, Metric.L2, PARAMS),
                "seed " + SEED + ": flipped byte " + at);
        assertEquals(file, e.file());
      }
      Files.write(file, Arrays.copyOf(good, good.length / 2));
      assertThrows(CorruptFileException.class, () -> HnswIndex.load(file, tv, Metric.L2, PARAMS));
      Files.write(file, good);
      assertThrows(
          CorruptFileException.class, () -> HnswIndex.load(file, tv, Metric.COSINE, PARAMS));
      HnswIndex.load(file, tv, Metric.L2, PARAMS).close();
    }
  }

  @Test
  void reconcileAppliesChangesMadeAfterTheSave() throws IOException {
    int cap = 6000;
    SplittableRandom rnd = new SplittableRandom(SEED);
    try (TestVectors tv = TestVectors.clustered(cap, 16, SEED)) {
      Path file = dir.resolve("g");
      long[] ids = new long[cap];
      BitSet live = new BitSet();
      try (HnswIndex idx = Oracle.build(tv, 4000, Metric.COSINE, 12, 80, SEED)) {
        idx.save(file);
      }
      for (int s = 0; s < 4000; s++) {
        ids[s] = 1000L + s;
        live.set(s);
      }
      // Storage moves on without the index: new rows, deletes, rewrites, a slot with a new id.
      BitSet changed = new BitSet();
      Set<Long> gone = new HashSet<>();
      for (int s = 4000; s < 5000; s++) {
        ids[s] = 50_000L + s;
        live.set(s);
      }
      for (int i = 0; i < 300; i++) {
        int s = rnd.nextInt(4000);
        if (live.get(s) && !changed.get(s)) {
          gone.add(ids[s]);
          live.clear(s);
        }
      }
      for (int i = 0; i < 200; i++) {
        int s = rnd.nextInt(4000);
        if (live.get(s)) {
          tv.set(s, tv.query(rnd));
          changed.set(s);
        }
      }
      int reused = live.nextSetBit(100);
      gone.add(ids[reused]);
      ids[reused] = 99_999;
      tv.set(reused, tv.query(rnd));
      long[] progress = {-1, -1};
      try (HnswIndex idx = HnswIndex.load(file, tv, Metric.COSINE, PARAMS)) {
        HnswIndex.Reconciliation r =
            idx.reconcile(
                ids,
                live,
                changed,
                2,
                (d, t) -> {
                  assertTrue(d > progress[0]);
                  progress[0] = d;
                  progress[1] = t;
                });
        assertEquals(1000, r.inserted());
        assertEquals(4000 - live.get(0, 4000).cardinality(), r.dropped());
        assertEquals(changed.cardinality() + (changed.get(reused) ? 0 : 1), r.relinked());
        assertEquals(1000, progress[0]);
        assertEquals(live.cardinality(), idx.size());
        assertEquals(0, idx.tombstones());
        FlatIndex model = new FlatIndex(tv, Metric.COSINE);
        for (int s = live.nextSetBit(0); s >= 0; s = live.nextSetBit(s + 1)) {
          model.insert(s, ids[s]);
        }
        double sum = 0;
        for (int i = 0; i < 50; i++) {
          float[] q = tv.query(rnd);
          List<Hit> got = idx.search(q, 10, 64, Bits.ALL);
          for (Hit h : got) {
            assertFalse(gone.contains(h.id()), "seed " + SEED + ": dropped id returned " + h);
          }
          sum += Oracle.recall(got, model.search(q, 10, 0, Bits.ALL));
        }
        assertTrue(sum / 50 >= 0.95, "seed " + SEED + ": recall " + sum / 50);
      }
    }
  }
}

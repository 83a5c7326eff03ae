package dev.veles.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veles.engine.IndexParams;
import dev.veles.engine.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Bulk build on two threads: complete graph, good recall, monotone progress ending at total. */
class ParallelBuildTest {
  private static final long SEED = Long.getLong("veles.seed", System.nanoTime());

  @Test
  void twoThreadBuildReachesRecallAndReportsProgress() {
    int n = 20_000;
    try (TestVectors tv = TestVectors.clustered(n, 32, SEED);
        HnswIndex idx = new HnswIndex(tv, Metric.L2, new IndexParams(16, 100, 64), SEED)) {
      int[] slots = new int[n];
      long[] ids = new long[n];
      for (int s = 0; s < n; s++) {
        slots[s] = s;
        ids[s] = 1000L + s;
      }
      List<Long> seen = new ArrayList<>();
      long t0 = System.nanoTime();
      idx.insertAll(
          slots,
          ids,
          2,
          (done, total) -> {
            assertEquals(n, total);
            seen.add(done);
          });
      long ms = (System.nanoTime() - t0) / 1_000_000;
      for (int i = 1; i < seen.size(); i++) {
        assertTrue(seen.get(i) > seen.get(i - 1), "progress went back: " + seen);
      }
      assertEquals(n, (long) seen.getLast());
      assertEquals(n, idx.size());
      FlatIndex flat = Oracle.flat(tv, n, Metric.L2);
      SplittableRandom rnd = new SplittableRandom(SEED);
      double sum = 0;
      for (int i = 0; i < 100; i++) {
        float[] q = tv.query(rnd);
        sum += Oracle.recall(idx.search(q, 10, 64, Bits.ALL), flat.search(q, 10, 0, Bits.ALL));
      }
      System.out.printf("parallel build of %d in %d ms, recall@10 %.4f%n", n, ms, sum / 100);
      assertTrue(sum / 100 >= 0.95, "seed " + SEED + ": recall " + sum / 100);
      assertThrows(
          IllegalArgumentException.class,
          () -> idx.insertAll(new int[] {1}, new long[] {5}, 2, BuildProgress.NONE));
      assertThrows(
          IllegalArgumentException.class,
          () -> idx.insertAll(new int[] {n, n}, new long[] {5, 6}, 2, BuildProgress.NONE));
    }
  }
}

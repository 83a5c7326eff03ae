package dev.veles.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veles.engine.IndexParams;
import dev.veles.engine.Metric;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Bigger sets, run only with {@code -Dveles.long=true}: 100k vectors, parallel build, churn. */
@EnabledIfSystemProperty(named = "veles.long", matches = "true")
class LongRunTest {
  private static final long SEED = Long.getLong("veles.seed", System.nanoTime());

  @Test
  void hundredThousandWithChurn() {
    int n = 100_000;
    try (TestVectors tv = TestVectors.clustered(n, 96, SEED);
        HnswIndex idx = new HnswIndex(tv, Metric.COSINE, IndexParams.DEFAULT, SEED)) {
      int[] slots = new int[n];
      long[] ids = new long[n];
      for (int s = 0; s < n; s++) {
        slots[s] = s;
        ids[s] = 1000L + s;
      }
      idx.insertAll(slots, ids, 2, BuildProgress.NONE);
      FlatIndex flat = Oracle.flat(tv, n, Metric.COSINE);
      SplittableRandom rnd = new SplittableRandom(SEED);
      for (int i = 0; i < 20_000; i++) {
        int s = rnd.nextInt(n);
        if (idx.markDeleted(s)) {
          flat.markDeleted(s);
        }
      }
      idx.repair();
      assertEquals(0, idx.tombstones());
      double sum = 0;
      for (int i = 0; i < 200; i++) {
        float[] q = tv.query(rnd);
        sum += Oracle.recall(idx.search(q, 10, 64, Bits.ALL), flat.search(q, 10, 0, Bits.ALL));
      }
      assertTrue(sum / 200 >= 0.95, "seed " + SEED + ": recall " + sum / 200);
    }
  }
}

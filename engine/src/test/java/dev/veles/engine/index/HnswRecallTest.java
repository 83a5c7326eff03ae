package dev.veles.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veles.engine.Hit;
import dev.veles.engine.Metric;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Recall@10 of the graph against exact search, for every metric over a range of dimensions. */
class HnswRecallTest {
  private static final long SEED = Long.getLong("veles.seed", System.nanoTime());

  @ParameterizedTest(name = "{0} dim {1} n {2}")
  @CsvSource({
    "L2, 3, 5000",
    "L2, 128, 10000",
    "COSINE, 32, 10000",
    "COSINE, 768, 3000",
    "INNER_PRODUCT, 64, 8000",
    "L1, 16, 8000",
    "L2, 1536, 2000",
  })
  void recallAtDefaultEf(Metric metric, int dim, int n) {
    long seed = SEED ^ (dim * 31L + metric.ordinal());
    try (TestVectors tv = TestVectors.clustered(n, dim, seed)) {
      long t0 = System.nanoTime();
      HnswIndex idx = Oracle.build(tv, n, metric, 16, 100, seed);
      long t1 = System.nanoTime();
      FlatIndex flat = Oracle.flat(tv, n, metric);
      SplittableRandom rnd = new SplittableRandom(seed);
      double sum = 0;
      int queries = 100;
      for (int i = 0; i < queries; i++) {
        float[] q = tv.query(rnd);
        List<Hit> got = idx.search(q, 10, 64, Bits.ALL);
        List<Hit> want = flat.search(q, 10, 0, Bits.ALL);
        Oracle.assertOrdered(got);
        assertEquals(10, got.size());
        sum += Oracle.recall(got, want);
      }
      double recall = sum / queries;
      System.out.printf(
          "%s dim %d n %d: build %.0f ms, recall@10 %.4f%n",
          metric, dim, n, (t1 - t0) / 1e6, recall);
      assertTrue(recall >= 0.95, "seed " + seed + ": recall " + recall);
      assertEquals(n, idx.size());
    }
  }
}

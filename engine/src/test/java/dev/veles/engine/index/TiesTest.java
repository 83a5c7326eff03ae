package dev.veles.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.veles.engine.Hit;
import dev.veles.engine.Metric;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Equal distances are ordered by id; exact search keeps the smallest ids at the cut. */
class TiesTest {
  @Test
  void equalDistancesOrderById() {
    int n = 400;
    try (TestVectors tv = new TestVectors(n, 4)) {
      // 40 groups of 10 identical vectors; ids run against slot order to catch slot-based ties.
      for (int s = 0; s < n; s++) {
        int g = s / 10;
        tv.set(s, new float[] {g, g % 7, 1, -g % 3});
      }
      for (Metric m : Metric.values()) {
        HnswIndex idx = new HnswIndex(tv, m, dev.veles.engine.IndexParams.DEFAULT, 1);
        FlatIndex flat = new FlatIndex(tv, m);
        for (int s = 0; s < n; s++) {
          idx.insert(s, 10_000L - s);
          flat.insert(s, 10_000L - s);
        }
        float[] q = tv.get(205); // group 20
        List<Hit> exact = flat.search(q, 5, 0, Bits.ALL);
        Oracle.assertOrdered(exact);
        if (m != Metric.INNER_PRODUCT) { // under inner product other groups score higher
          for (int i = 0; i < 5; i++) {
            assertEquals(10_000L - 209 + i, exact.get(i).id(), m + ": " + exact);
          }
        }
        List<Hit> approx = idx.search(q, 15, 64, Bits.ALL);
        Oracle.assertOrdered(approx);
        assertEquals(exact.getFirst().distance(), approx.getFirst().distance(), 1e-6, m.name());
        idx.close();
      }
    }
  }
}

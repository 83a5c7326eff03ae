package dev.veles.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veles.engine.Hit;
import dev.veles.engine.Metric;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Filtered search keeps recall at 1 %, 10 % and 50 % selectivity, by graph walk and by switch. */
class FilteredSearchTest {
  private static final long SEED = Long.getLong("veles.seed", System.nanoTime());
  private static final int N = 20_000;
  private static final int DIM = 48;
  private static TestVectors tv;
  private static HnswIndex idx;
  private static FlatIndex flat;

  @BeforeAll
  static void build() {
    tv = TestVectors.clustered(N, DIM, SEED);
    idx = Oracle.build(tv, N, Metric.COSINE, 16, 100, SEED);
    flat = Oracle.flat(tv, N, Metric.COSINE);
  }

  @AfterAll
  static void close() {
    idx.close();
    tv.close();
  }

  /** A filter correlated with nothing: each slot accepted with probability {@code sel}. */
  private static BitSet randomFilter(double sel, SplittableRandom rnd) {
    BitSet b = new BitSet(N);
    for (int s = 0; s < N; s++) {
      if (rnd.nextDouble() < sel) {
        b.set(s);
      }
    }
    return b;
  }

  @ParameterizedTest(name = "selectivity {0}")
  @ValueSource(doubles = {0.01, 0.1, 0.5})
  void recallHoldsUnderFilters(double sel) {
    SplittableRandom rnd = new SplittableRandom(SEED + (long) (sel * 1000));
    double graphSum = 0;
    double autoSum = 0;
    int queries = 60;
    for (int i = 0; i < queries; i++) {
      Bits accept = Bits.of(randomFilter(sel, rnd));
      float[] q = tv.query(rnd);
      List<Hit> want = flat.search(q, 10, 0, accept);
      List<Hit> forced = idx.search(q, 10, 64, accept, false);
      List<Hit> auto = idx.search(q, 10, 64, accept);
      for (List<Hit> got : List.of(forced, auto)) {
        Oracle.assertOrdered(got);
        for (Hit h : got) {
          assertTrue(accept.get((int) (h.id() - 1000)), "seed " + SEED + ": rejected hit " + h);
        }
      }
      graphSum += Oracle.recall(forced, want);
      autoSum += Oracle.recall(auto, want);
    }
    System.out.printf(
        "selectivity %.2f: graph-walk recall %.4f, default recall %.4f%n",
        sel, graphSum / queries, autoSum / queries);
    assertTrue(graphSum / queries >= 0.95, "seed " + SEED + ": graph recall " + graphSum / queries);
    assertTrue(autoSum / queries >= 0.95, "seed " + SEED + ": recall " + autoSum / queries);
  }

  @Test
  void veryNarrowFiltersAreExact() {
    SplittableRandom rnd = new SplittableRandom(SEED);
    BitSet b = new BitSet();
    for (int i = 0; i < 7; i++) {
      b.set(rnd.nextInt(N));
    }
    float[] q = tv.query(rnd);
    List<Hit> got = idx.search(q, 10, 64, Bits.of(b));
    assertEquals(flat.search(q, 10, 0, Bits.of(b)), got, "seed " + SEED);
    assertEquals(b.cardinality(), got.size());
    assertEquals(List.of(), idx.search(q, 10, 64, Bits.of(new BitSet())));
  }
}

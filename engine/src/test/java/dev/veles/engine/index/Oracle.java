package dev.veles.engine.index;

import dev.veles.engine.Hit;
import dev.veles.engine.Metric;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Recall of an index against exact search over the same live slots. */
final class Oracle {
  private Oracle() {}

  static double recall(List<Hit> approx, List<Hit> exact) {
    if (exact.isEmpty()) {
      return approx.isEmpty() ? 1 : 0;
    }
    Set<Long> truth = new HashSet<>();
    for (Hit h : exact) {
      truth.add(h.id());
    }
    int found = 0;
    for (Hit h : approx) {
      found += truth.contains(h.id()) ? 1 : 0;
    }
    return found / (double) exact.size();
  }

  /** Builds an index over slots 0..n-1 with ids {@code 1000 + slot}. */
  static HnswIndex build(VectorSource src, int n, Metric metric, int m, int efc, long seed) {
    HnswIndex idx = new HnswIndex(src, metric, new dev.veles.engine.IndexParams(m, efc, 64), seed);
    for (int s = 0; s < n; s++) {
      idx.insert(s, 1000L + s);
    }
    return idx;
  }

  static FlatIndex flat(VectorSource src, int n, Metric metric) {
    FlatIndex f = new FlatIndex(src, metric);
    for (int s = 0; s < n; s++) {
      f.insert(s, 1000L + s);
    }
    return f;
  }

  static void assertOrdered(List<Hit> hits) {
    for (int i = 1; i < hits.size(); i++) {
      if (hits.get(i - 1).compareTo(hits.get(i)) > 0) {
        throw new AssertionError("not ordered by (distance, id): " + hits);
      }
    }
  }
}

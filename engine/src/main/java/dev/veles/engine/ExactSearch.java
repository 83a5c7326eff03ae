package dev.veles.engine;

import dev.veles.engine.index.FlatIndex;
import java.util.BitSet;
import java.util.List;

/**
 * Brute-force k-nearest-neighbour search over mapped vectors: the path for metrics other than the
 * index's and the oracle in tests. Runs on the index package's SIMD kernels (scalar fallback chosen
 * once per JVM), so exact and indexed searches report identical distances.
 *
 * <p>Stateless and thread-safe.
 */
final class ExactSearch {
  private ExactSearch() {}

  /**
   * The {@code k} slots in {@code accept} nearest to {@code q}, as hits carrying ids, ordered by
   * distance then id. {@code accept} must not change during the call.
   */
  static List<Hit> search(
      float[] q, int k, Metric metric, VectorFile vectors, BitSet accept, long[] ids) {
    return FlatIndex.scan(metric, vectors.slots(), q.length, vectors.stride(), q, k, accept, ids);
  }
}

package dev.veles.engine.index;

import dev.veles.engine.Metric;
import java.lang.foreign.MemorySegment;

/**
 * Exact distances under each {@link Metric}, as reported to users: Euclidean (not squared) for L2,
 * {@code 1 - cos} for cosine (a zero vector has cosine similarity 0, so distance 1), the negative
 * dot product for inner product, and the Manhattan distance for L1.
 *
 * <p>The kernels run on the Vector API ({@code jdk.incubator.vector}, preferred species) unless the
 * system property {@code veles.simd=false} is set or the module is not resolved, in which case a
 * scalar implementation is used; the choice is made once per JVM and {@link #kernels()} names it.
 * Stateless and thread-safe.
 */
public final class Distance {
  private Distance() {}

  /** The kernel implementation in use, such as {@code simd-512} or {@code scalar}. */
  public static String kernels() {
    return VectorKernels.DEFAULT.name();
  }

  /**
   * The distance between two vectors of equal length.
   *
   * @throws IllegalArgumentException when the lengths differ or are zero
   */
  public static float distance(Metric metric, float[] a, float[] b) {
    return distance(VectorKernels.DEFAULT, metric, a, b);
  }

  /**
   * The distance between {@code query} and the little-endian float32 vector of the same length
   * stored at byte {@code offset} of {@code segment}.
   */
  public static float distance(Metric metric, float[] query, MemorySegment segment, long offset) {
    Scorer s = new Scorer(metric, query.length, VectorKernels.DEFAULT);
    return s.toDistance(s.scoreUnknownNorm(s.prepare(query), segment, offset));
  }

  static float distance(VectorKernels k, Metric metric, float[] a, float[] b) {
    if (a.length != b.length || a.length == 0) {
      throw new IllegalArgumentException(
          "vectors must have the same positive dimension, got " + a.length + " and " + b.length);
    }
    return switch (metric) {
      case L2 -> (float) Math.sqrt(k.l2sq(a, b));
      case INNER_PRODUCT -> -k.dot(a, b);
      case L1 -> k.l1(a, b);
      case COSINE -> {
        double nn = Math.sqrt((double) k.dot(a, a) * k.dot(b, b));
        yield nn == 0 ? 1f : (float) (1 - k.dot(a, b) / nn);
      }
    };
  }
}

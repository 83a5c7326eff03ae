package dev.veles.engine.index;

import dev.veles.engine.Metric;
import java.lang.foreign.MemorySegment;

/**
 * Scores vectors for one metric and dimension in an internal, order-equal form: squared L2 for
 * {@link Metric#L2} (the square root is taken only for reported distances), the metric's own
 * distance for the others. Cosine divides by stored norms so that no norm is recomputed per
 * comparison; the query is normalised once. Immutable and thread-safe.
 */
final class Scorer {
  final Metric metric;
  final int dim;

  /** Bytes from one stored vector to the next (storage may keep a trailer after each). */
  final long stride;

  final VectorKernels k;

  Scorer(Metric metric, int dim, VectorKernels k) {
    this(metric, dim, (long) dim * Float.BYTES, k);
  }

  Scorer(Metric metric, int dim, long stride, VectorKernels k) {
    if (dim < 1) {
      throw new IllegalArgumentException("dimension must be positive, got " + dim);
    }
    if (stride < (long) dim * Float.BYTES) {
      throw new IllegalArgumentException("stride " + stride + " is shorter than a vector");
    }
    this.metric = metric;
    this.dim = dim;
    this.stride = stride;
    this.k = k;
  }

  /** Checks the query and returns the form {@link #score} expects (a unit copy for cosine). */
  float[] prepare(float[] query) {
    if (query.length != dim) {
      throw new IllegalArgumentException(
          "query has dimension " + query.length + ", the index has " + dim);
    }
    if (metric != Metric.COSINE) {
      return query;
    }
    float n = (float) Math.sqrt(k.dot(query, query));
    float[] unit = new float[dim];
    if (n > 0) {
      for (int i = 0; i < dim; i++) {
        unit[i] = query[i] / n;
      }
    }
    return unit;
  }

  /** Norm of a stored vector; used by cosine scoring, cheap for the others to ignore. */
  float norm(MemorySegment s, long off) {
    return (float) Math.sqrt(k.normSq(s, off, dim));
  }

  /** Internal score of a prepared query against a stored vector whose norm is {@code norm}. */
  float score(float[] q, MemorySegment s, long off, float norm) {
    return switch (metric) {
      case L2 -> k.l2sq(q, s, off);
      case INNER_PRODUCT -> -k.dot(q, s, off);
      case COSINE -> norm == 0 ? 1f : 1f - k.dot(q, s, off) / norm;
      case L1 -> k.l1(q, s, off);
    };
  }

  /** Internal score of a prepared query against a stored vector, computing its norm in passing. */
  float scoreUnknownNorm(float[] q, MemorySegment s, long off) {
    return metric == Metric.COSINE ? 1f - k.dotOverNorm(q, s, off) : score(q, s, off, 1f);
  }

  /**
   * Scores slots {@code [from, to)} into {@code out[0..to-from)}, norms computed in passing. One
   * tight loop per metric, so an exact scan pays no per-vector dispatch and stays memory-bound.
   */
  void scoreRange(float[] q, MemorySegment s, int from, int to, float[] out) {
    long off = offset(from);
    int n = to - from;
    switch (metric) {
      case L2 -> k.l2sqRange(q, s, off, stride, n, out);
      case INNER_PRODUCT -> {
        k.dotRange(q, s, off, stride, n, out);
        for (int j = 0; j < n; j++) {
          out[j] = -out[j];
        }
      }
      case COSINE -> {
        for (int j = 0; j < n; j++, off += stride) {
          out[j] = 1f - k.dotOverNorm(q, s, off);
        }
      }
      case L1 -> {
        for (int j = 0; j < n; j++, off += stride) {
          out[j] = k.l1(q, s, off);
        }
      }
    }
  }

  /**
   * Scores the stored vectors of {@code slots[0..count)} into {@code out}; {@code norms} is read
   * for cosine only. The graph search's bulk step: one node's unvisited neighbours at once.
   */
  void scoreSlots(float[] q, MemorySegment s, float[] norms, int[] slots, int count, float[] out) {
    switch (metric) {
      case L2 -> k.l2sqGather(q, s, slots, count, stride, out);
      case INNER_PRODUCT -> {
        k.dotGather(q, s, slots, count, stride, out);
        for (int j = 0; j < count; j++) {
          out[j] = -out[j];
        }
      }
      case COSINE -> {
        k.dotGather(q, s, slots, count, stride, out);
        for (int j = 0; j < count; j++) {
          float norm = norms[slots[j]];
          out[j] = norm == 0 ? 1f : 1f - out[j] / norm;
        }
      }
      case L1 -> {
        for (int j = 0; j < count; j++) {
          out[j] = k.l1(q, s, slots[j] * stride);
        }
      }
    }
  }

  /** Internal score between two stored vectors. */
  float score(MemorySegment s, long offA, float normA, long offB, float normB) {
    return switch (metric) {
      case L2 -> k.l2sq(s, offA, s, offB, dim);
      case INNER_PRODUCT -> -k.dot(s, offA, s, offB, dim);
      case COSINE -> {
        float nn = normA * normB;
        yield nn == 0 ? 1f : 1f - k.dot(s, offA, s, offB, dim) / nn;
      }
      case L1 -> k.l1(s, offA, s, offB, dim);
    };
  }

  /** Converts an internal score into the distance reported to users. */
  float toDistance(float score) {
    return metric == Metric.L2 ? (float) Math.sqrt(Math.max(0f, score)) : score;
  }

  /** The byte offset of a slot in the source segment. */
  long offset(int slot) {
    return slot * stride;
  }
}

package dev.veles.engine;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Brute-force k-nearest-neighbour search over mapped vectors: the oracle for the index and the path
 * for small or very selective searches. Plain scalar loops; SIMD kernels replace them later.
 *
 * <p>Stateless and thread-safe.
 */
final class ExactSearch {
  private ExactSearch() {}

  /** The distance between {@code q} and the vector at byte {@code off} of {@code seg}. */
  static float distance(Metric metric, float[] q, MemorySegment seg, long off) {
    switch (metric) {
      case L2 -> {
        float s = 0;
        for (int i = 0; i < q.length; i++) {
          float d = q[i] - seg.get(RowCodec.FLOAT_LE, off + 4L * i);
          s += d * d;
        }
        return (float) Math.sqrt(s);
      }
      case L1 -> {
        float s = 0;
        for (int i = 0; i < q.length; i++) {
          s += Math.abs(q[i] - seg.get(RowCodec.FLOAT_LE, off + 4L * i));
        }
        return s;
      }
      case INNER_PRODUCT -> {
        float s = 0;
        for (int i = 0; i < q.length; i++) {
          s += q[i] * seg.get(RowCodec.FLOAT_LE, off + 4L * i);
        }
        return -s;
      }
      case COSINE -> {
        float dot = 0;
        float nq = 0;
        float nv = 0;
        for (int i = 0; i < q.length; i++) {
          float v = seg.get(RowCodec.FLOAT_LE, off + 4L * i);
          dot += q[i] * v;
          nq += q[i] * q[i];
          nv += v * v;
        }
        // A zero vector has no direction; it is as far as an orthogonal one.
        if (nq == 0 || nv == 0) {
          return 1f;
        }
        return (float) (1 - dot / (Math.sqrt(nq) * Math.sqrt(nv)));
      }
    }
    throw new AssertionError(metric);
  }

  /**
   * The {@code k} slots in {@code accept} nearest to {@code q}, as hits carrying ids, ordered by
   * distance then id.
   */
  static List<Hit> search(
      float[] q, int k, Metric metric, MemorySegment slots, BitSet accept, long[] ids) {
    if (k <= 0) {
      return List.of();
    }
    long stride = q.length * 4L;
    // A max-heap of the best k so far: its head is the worst kept hit.
    PriorityQueue<Hit> heap =
        new PriorityQueue<>(Math.min(k, 1024) + 1, Collections.reverseOrder());
    for (int s = accept.nextSetBit(0); s >= 0; s = accept.nextSetBit(s + 1)) {
      Hit h = new Hit(ids[s], distance(metric, q, slots, s * stride));
      if (heap.size() < k) {
        heap.add(h);
      } else if (h.compareTo(heap.peek()) < 0) {
        heap.poll();
        heap.add(h);
      }
    }
    List<Hit> out = new ArrayList<>(heap);
    Collections.sort(out);
    return out;
  }
}

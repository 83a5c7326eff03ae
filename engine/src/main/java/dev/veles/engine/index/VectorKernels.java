package dev.veles.engine.index;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Raw distance kernels over float arrays and packed little-endian float32 in a {@link
 * MemorySegment}. The segment variants read {@code dim} floats starting at byte offset {@code off}.
 *
 * <p>Two implementations exist: {@link SimdKernels} on the Vector API and {@link ScalarKernels};
 * {@link #DEFAULT} is chosen once when this class initialises. Implementations are stateless and
 * thread-safe.
 */
sealed interface VectorKernels permits SimdKernels, ScalarKernels {

  /** Little-endian float that may sit at any byte offset; the storage file format. */
  ValueLayout.OfFloat LE_FLOAT =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** The kernels every index uses: SIMD unless {@code -Dveles.simd=false} or unavailable. */
  VectorKernels DEFAULT = Selection.choose();

  float dot(float[] q, MemorySegment s, long off);

  float l2sq(float[] q, MemorySegment s, long off);

  float l1(float[] q, MemorySegment s, long off);

  /** {@code dot(q, v) / |v|} for the stored vector v, fused in one pass; 0 when v is zero. */
  float dotOverNorm(float[] q, MemorySegment s, long off);

  float normSq(MemorySegment s, long off, int dim);

  /**
   * Squared L2 from {@code q} to {@code count} stored vectors {@code stride} bytes apart starting
   * at {@code off}, into {@code out[0..count)}: the exact scan's kernel.
   */
  void l2sqRange(float[] q, MemorySegment s, long off, long stride, int count, float[] out);

  /**
   * Squared L2 from {@code q} to the vectors of {@code slots[0..count)} (slot {@code i} at byte
   * {@code i * stride}), into {@code out}. Four vectors are loaded interleaved so their cache
   * misses overlap: graph search is bound by memory latency, not arithmetic.
   */
  void l2sqGather(float[] q, MemorySegment s, int[] slots, int count, long stride, float[] out);

  /** Dot products, gathered like {@link #l2sqGather}. */
  void dotGather(float[] q, MemorySegment s, int[] slots, int count, long stride, float[] out);

  /** Dot products, batched like {@link #l2sqRange}. */
  void dotRange(float[] q, MemorySegment s, long off, long stride, int count, float[] out);

  float dot(MemorySegment a, long offA, MemorySegment b, long offB, int dim);

  float l2sq(MemorySegment a, long offA, MemorySegment b, long offB, int dim);

  float l1(MemorySegment a, long offA, MemorySegment b, long offB, int dim);

  float dot(float[] a, float[] b);

  float l2sq(float[] a, float[] b);

  float l1(float[] a, float[] b);

  /** A short name for logs and benchmark output, such as {@code simd-512} or {@code scalar}. */
  String name();

  /** Picks the implementation once; kept apart so the sealed interface stays declarative. */
  final class Selection {
    private Selection() {}

    static VectorKernels choose() {
      if ("false".equalsIgnoreCase(System.getProperty("veles.simd", "true"))) {
        return ScalarKernels.INSTANCE;
      }
      try {
        // Loading SimdKernels fails with a LinkageError when jdk.incubator.vector is not resolved.
        VectorKernels simd = SimdKernels.create();
        return simd != null ? simd : ScalarKernels.INSTANCE;
      } catch (LinkageError e) {
        return ScalarKernels.INSTANCE;
      }
    }
  }
}

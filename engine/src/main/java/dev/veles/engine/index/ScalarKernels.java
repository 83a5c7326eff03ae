package dev.veles.engine.index;

import java.lang.foreign.MemorySegment;

/** Plain Java kernels: the fallback when the Vector API is disabled or missing. Stateless. */
final class ScalarKernels implements VectorKernels {
  static final ScalarKernels INSTANCE = new ScalarKernels();

  private ScalarKernels() {}

  private static float f(MemorySegment s, long off, int i) {
    return s.get(LE_FLOAT, off + 4L * i);
  }

  @Override
  public float dot(float[] q, MemorySegment s, long off) {
    float r = 0;
    for (int i = 0; i < q.length; i++) {
      r += q[i] * f(s, off, i);
    }
    return r;
  }

  @Override
  public float l2sq(float[] q, MemorySegment s, long off) {
    float r = 0;
    for (int i = 0; i < q.length; i++) {
      float d = q[i] - f(s, off, i);
      r += d * d;
    }
    return r;
  }

  @Override
  public float l1(float[] q, MemorySegment s, long off) {
    float r = 0;
    for (int i = 0; i < q.length; i++) {
      r += Math.abs(q[i] - f(s, off, i));
    }
    return r;
  }

  @Override
  public float dotOverNorm(float[] q, MemorySegment s, long off) {
    float dot = 0;
    float nn = 0;
    for (int i = 0; i < q.length; i++) {
      float v = f(s, off, i);
      dot += q[i] * v;
      nn += v * v;
    }
    return nn == 0 ? 0f : (float) (dot / Math.sqrt(nn));
  }

  @Override
  public void l2sqGather(
      float[] q, MemorySegment s, int[] slots, int count, long stride, float[] out) {
    for (int j = 0; j < count; j++) {
      out[j] = l2sq(q, s, slots[j] * stride);
    }
  }

  @Override
  public void dotGather(
      float[] q, MemorySegment s, int[] slots, int count, long stride, float[] out) {
    for (int j = 0; j < count; j++) {
      out[j] = dot(q, s, slots[j] * stride);
    }
  }

  @Override
  public void l2sqRange(float[] q, MemorySegment s, long off, long stride, int count, float[] out) {
    for (int j = 0; j < count; j++) {
      out[j] = l2sq(q, s, off + j * stride);
    }
  }

  @Override
  public void dotRange(float[] q, MemorySegment s, long off, long stride, int count, float[] out) {
    for (int j = 0; j < count; j++) {
      out[j] = dot(q, s, off + j * stride);
    }
  }

  @Override
  public float normSq(MemorySegment s, long off, int dim) {
    float r = 0;
    for (int i = 0; i < dim; i++) {
      float v = f(s, off, i);
      r += v * v;
    }
    return r;
  }

  @Override
  public float dot(MemorySegment a, long offA, MemorySegment b, long offB, int dim) {
    float r = 0;
    for (int i = 0; i < dim; i++) {
      r += f(a, offA, i) * f(b, offB, i);
    }
    return r;
  }

  @Override
  public float l2sq(MemorySegment a, long offA, MemorySegment b, long offB, int dim) {
    float r = 0;
    for (int i = 0; i < dim; i++) {
      float d = f(a, offA, i) - f(b, offB, i);
      r += d * d;
    }
    return r;
  }

  @Override
  public float l1(MemorySegment a, long offA, MemorySegment b, long offB, int dim) {
    float r = 0;
    for (int i = 0; i < dim; i++) {
      r += Math.abs(f(a, offA, i) - f(b, offB, i));
    }
    return r;
  }

  @Override
  public float dot(float[] a, float[] b) {
    float r = 0;
    for (int i = 0; i < a.length; i++) {
      r += a[i] * b[i];
    }
    return r;
  }

  @Override
  public float l2sq(float[] a, float[] b) {
    float r = 0;
    for (int i = 0; i < a.length; i++) {
      float d = a[i] - b[i];
      r += d * d;
    }
    return r;
  }

  @Override
  public float l1(float[] a, float[] b) {
    float r = 0;
    for (int i = 0; i < a.length; i++) {
      r += Math.abs(a[i] - b[i]);
    }
    return r;
  }

  @Override
  public String name() {
    return "scalar";
  }
}

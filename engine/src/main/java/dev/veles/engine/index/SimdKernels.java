package dev.veles.engine.index;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels on {@link FloatVector#SPECIES_PREFERRED}, loading stored vectors straight from
 * the segment in little-endian order. Loops keep four independent accumulators so that the FMA
 * latency (4 cycles) does not serialise the loop; the scalar tail handles {@code dim % lanes}.
 * Stateless and thread-safe.
 */
final class SimdKernels implements VectorKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  private SimdKernels() {}

  /** Returns the kernels, or null when the preferred species is too narrow to pay off. */
  static VectorKernels create() {
    return L >= 4 ? new SimdKernels() : null;
  }

  private static float f(MemorySegment s, long off, int i) {
    return s.get(LE_FLOAT, off + 4L * i);
  }

  // The hot loops below repeat one shape per operation instead of sharing a lambda: C2 does not
  // reliably inline a functional argument into a vectorised loop, and these are the query path.
  // For the same reason they call FloatVector.fromMemorySegment (always inlined) rather than a
  // helper of ours: a helper that C2 once compiles on its own is then sometimes left out of a
  // kernel's compilation ("already compiled into a medium method"), and every loaded vector is
  // then boxed on the heap; a k-NN query ran 1.5x slower when that happened.

  @Override
  public float dot(float[] q, MemorySegment s, long off) {
    int n = q.length;
    int i = 0;
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    for (int b = n - n % (4 * L); i < b; i += 4 * L) {
      a0 =
          FloatVector.fromArray(S, q, i)
              .fma(FloatVector.fromMemorySegment(S, s, off + 4L * i, LE), a0);
      a1 =
          FloatVector.fromArray(S, q, i + L)
              .fma(FloatVector.fromMemorySegment(S, s, off + 4L * (i + L), LE), a1);
      a2 =
          FloatVector.fromArray(S, q, i + 2 * L)
              .fma(FloatVector.fromMemorySegment(S, s, off + 4L * (i + 2 * L), LE), a2);
      a3 =
          FloatVector.fromArray(S, q, i + 3 * L)
              .fma(FloatVector.fromMemorySegment(S, s, off + 4L * (i + 3 * L), LE), a3);
    }
    for (int b = S.loopBound(n); i < b; i += L) {
      a0 =
          FloatVector.fromArray(S, q, i)
              .fma(FloatVector.fromMemorySegment(S, s, off + 4L * i, LE), a0);
    }
    float r = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      r += q[i] * f(s, off, i);
    }
    return r;
  }

  @Override
  public float l2sq(float[] q, MemorySegment s, long off) {
    int n = q.length;
    int i = 0;
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    for (int b = n - n % (4 * L); i < b; i += 4 * L) {
      FloatVector d0 =
          FloatVector.fromArray(S, q, i).sub(FloatVector.fromMemorySegment(S, s, off + 4L * i, LE));
      FloatVector d1 =
          FloatVector.fromArray(S, q, i + L)
              .sub(FloatVector.fromMemorySegment(S, s, off + 4L * (i + L), LE));
      FloatVector d2 =
          FloatVector.fromArray(S, q, i + 2 * L)
              .sub(FloatVector.fromMemorySegment(S, s, off + 4L * (i + 2 * L), LE));
      FloatVector d3 =
          FloatVector.fromArray(S, q, i + 3 * L)
              .sub(FloatVector.fromMemorySegment(S, s, off + 4L * (i + 3 * L), LE));
      a0 = d0.fma(d0, a0);
      a1 = d1.fma(d1, a1);
      a2 = d2.fma(d2, a2);
      a3 = d3.fma(d3, a3);
    }
    for (int b = S.loopBound(n); i < b; i += L) {
      FloatVector d =
          FloatVector.fromArray(S, q, i).sub(FloatVector.fromMemorySegment(S, s, off + 4L * i, LE));
      a0 = d.fma(d, a0);
    }
    float r = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      float d = q[i] - f(s, off, i);
      r += d * d;
    }
    return r;
  }

  @Override
  public float l1(float[] q, MemorySegment s, long off) {
    int n = q.length;
    int i = 0;
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = a0;
    for (int b = n - n % (2 * L); i < b; i += 2 * L) {
      a0 =
          a0.add(
              FloatVector.fromArray(S, q, i)
                  .sub(FloatVector.fromMemorySegment(S, s, off + 4L * i, LE))
                  .abs());
      a1 =
          a1.add(
              FloatVector.fromArray(S, q, i + L)
                  .sub(FloatVector.fromMemorySegment(S, s, off + 4L * (i + L), LE))
                  .abs());
    }
    for (int b = S.loopBound(n); i < b; i += L) {
      a0 =
          a0.add(
              FloatVector.fromArray(S, q, i)
                  .sub(FloatVector.fromMemorySegment(S, s, off + 4L * i, LE))
                  .abs());
    }
    float r = a0.add(a1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      r += Math.abs(q[i] - f(s, off, i));
    }
    return r;
  }

  @Override
  public float dotOverNorm(float[] q, MemorySegment s, long off) {
    int n = q.length;
    int i = 0;
    FloatVector d0 = FloatVector.zero(S);
    FloatVector d1 = d0;
    FloatVector n0 = d0;
    FloatVector n1 = d0;
    for (int b = n - n % (2 * L); i < b; i += 2 * L) {
      FloatVector v0 = FloatVector.fromMemorySegment(S, s, off + 4L * i, LE);
      FloatVector v1 = FloatVector.fromMemorySegment(S, s, off + 4L * (i + L), LE);
      d0 = FloatVector.fromArray(S, q, i).fma(v0, d0);
      d1 = FloatVector.fromArray(S, q, i + L).fma(v1, d1);
      n0 = v0.fma(v0, n0);
      n1 = v1.fma(v1, n1);
    }
    for (int b = S.loopBound(n); i < b; i += L) {
      FloatVector v = FloatVector.fromMemorySegment(S, s, off + 4L * i, LE);
      d0 = FloatVector.fromArray(S, q, i).fma(v, d0);
      n0 = v.fma(v, n0);
    }
    float dot = d0.add(d1).reduceLanes(VectorOperators.ADD);
    float nn = n0.add(n1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      float v = f(s, off, i);
      dot += q[i] * v;
      nn += v * v;
    }
    return nn == 0 ? 0f : (float) (dot / Math.sqrt(nn));
  }

  // Gather kernels: four stored vectors per pass share each query load and give four independent
  // FMA chains and four outstanding fetches; the graph walk scores a node's neighbours with them.
  // A tail of one to three vectors takes a pass of its own with its last vector repeated: the
  // repeats read cache lines already fetched, so the tail costs about what its vectors' fetches
  // cost, where scoring them one by one (about a quarter of the batches' vectors at M = 16) cost
  // about twice that per vector. And every vector gets the same arithmetic wherever it falls.

  @Override
  public void l2sqGather(
      float[] q, MemorySegment s, int[] slots, int count, long stride, float[] out) {
    int n = q.length;
    int bound = S.loopBound(n);
    int last = count - 1;
    for (int j = 0; j < count; j += 4) {
      long o0 = slots[j] * stride;
      long o1 = slots[Math.min(j + 1, last)] * stride;
      long o2 = slots[Math.min(j + 2, last)] * stride;
      long o3 = slots[Math.min(j + 3, last)] * stride;
      FloatVector a0 = FloatVector.zero(S);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      for (int i = 0; i < bound; i += L) {
        FloatVector qv = FloatVector.fromArray(S, q, i);
        FloatVector d0 = qv.sub(FloatVector.fromMemorySegment(S, s, o0 + 4L * i, LE));
        FloatVector d1 = qv.sub(FloatVector.fromMemorySegment(S, s, o1 + 4L * i, LE));
        FloatVector d2 = qv.sub(FloatVector.fromMemorySegment(S, s, o2 + 4L * i, LE));
        FloatVector d3 = qv.sub(FloatVector.fromMemorySegment(S, s, o3 + 4L * i, LE));
        a0 = d0.fma(d0, a0);
        a1 = d1.fma(d1, a1);
        a2 = d2.fma(d2, a2);
        a3 = d3.fma(d3, a3);
      }
      float r0 = a0.reduceLanes(VectorOperators.ADD);
      float r1 = a1.reduceLanes(VectorOperators.ADD);
      float r2 = a2.reduceLanes(VectorOperators.ADD);
      float r3 = a3.reduceLanes(VectorOperators.ADD);
      for (int i = bound; i < n; i++) {
        float x = q[i];
        float e0 = x - f(s, o0, i);
        float e1 = x - f(s, o1, i);
        float e2 = x - f(s, o2, i);
        float e3 = x - f(s, o3, i);
        r0 += e0 * e0;
        r1 += e1 * e1;
        r2 += e2 * e2;
        r3 += e3 * e3;
      }
      put(out, j, count, r0, r1, r2, r3);
    }
  }

  @Override
  public void dotGather(
      float[] q, MemorySegment s, int[] slots, int count, long stride, float[] out) {
    int n = q.length;
    int bound = S.loopBound(n);
    int last = count - 1;
    // Eight vectors per pass first: eight fetches in flight. At 60k x 784 (cosine, ef 64) this
    // took 4 % less CPU per query than four (InterleavedBuilds, both loader orders, twice). The
    // L2 kernel was not measured at eight and stays at four.
    int j8 = 0;
    for (; j8 + 8 <= count; j8 += 8) {
      long o0 = slots[j8] * stride;
      long o1 = slots[j8 + 1] * stride;
      long o2 = slots[j8 + 2] * stride;
      long o3 = slots[j8 + 3] * stride;
      long o4 = slots[j8 + 4] * stride;
      long o5 = slots[j8 + 5] * stride;
      long o6 = slots[j8 + 6] * stride;
      long o7 = slots[j8 + 7] * stride;
      FloatVector a0 = FloatVector.zero(S);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      FloatVector a4 = a0;
      FloatVector a5 = a0;
      FloatVector a6 = a0;
      FloatVector a7 = a0;
      for (int i = 0; i < bound; i += L) {
        FloatVector qv = FloatVector.fromArray(S, q, i);
        a0 = qv.fma(FloatVector.fromMemorySegment(S, s, o0 + 4L * i, LE), a0);
        a1 = qv.fma(FloatVector.fromMemorySegment(S, s, o1 + 4L * i, LE), a1);
        a2 = qv.fma(FloatVector.fromMemorySegment(S, s, o2 + 4L * i, LE), a2);
        a3 = qv.fma(FloatVector.fromMemorySegment(S, s, o3 + 4L * i, LE), a3);
        a4 = qv.fma(FloatVector.fromMemorySegment(S, s, o4 + 4L * i, LE), a4);
        a5 = qv.fma(FloatVector.fromMemorySegment(S, s, o5 + 4L * i, LE), a5);
        a6 = qv.fma(FloatVector.fromMemorySegment(S, s, o6 + 4L * i, LE), a6);
        a7 = qv.fma(FloatVector.fromMemorySegment(S, s, o7 + 4L * i, LE), a7);
      }
      float r0 = a0.reduceLanes(VectorOperators.ADD);
      float r1 = a1.reduceLanes(VectorOperators.ADD);
      float r2 = a2.reduceLanes(VectorOperators.ADD);
      float r3 = a3.reduceLanes(VectorOperators.ADD);
      float r4 = a4.reduceLanes(VectorOperators.ADD);
      float r5 = a5.reduceLanes(VectorOperators.ADD);
      float r6 = a6.reduceLanes(VectorOperators.ADD);
      float r7 = a7.reduceLanes(VectorOperators.ADD);
      for (int i = bound; i < n; i++) {
        float x = q[i];
        r0 += x * f(s, o0, i);
        r1 += x * f(s, o1, i);
        r2 += x * f(s, o2, i);
        r3 += x * f(s, o3, i);
        r4 += x * f(s, o4, i);
        r5 += x * f(s, o5, i);
        r6 += x * f(s, o6, i);
        r7 += x * f(s, o7, i);
      }
      out[j8] = r0;
      out[j8 + 1] = r1;
      out[j8 + 2] = r2;
      out[j8 + 3] = r3;
      out[j8 + 4] = r4;
      out[j8 + 5] = r5;
      out[j8 + 6] = r6;
      out[j8 + 7] = r7;
    }
    for (int j = j8; j < count; j += 4) {
      long o0 = slots[j] * stride;
      long o1 = slots[Math.min(j + 1, last)] * stride;
      long o2 = slots[Math.min(j + 2, last)] * stride;
      long o3 = slots[Math.min(j + 3, last)] * stride;
      FloatVector a0 = FloatVector.zero(S);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      for (int i = 0; i < bound; i += L) {
        FloatVector qv = FloatVector.fromArray(S, q, i);
        a0 = qv.fma(FloatVector.fromMemorySegment(S, s, o0 + 4L * i, LE), a0);
        a1 = qv.fma(FloatVector.fromMemorySegment(S, s, o1 + 4L * i, LE), a1);
        a2 = qv.fma(FloatVector.fromMemorySegment(S, s, o2 + 4L * i, LE), a2);
        a3 = qv.fma(FloatVector.fromMemorySegment(S, s, o3 + 4L * i, LE), a3);
      }
      float r0 = a0.reduceLanes(VectorOperators.ADD);
      float r1 = a1.reduceLanes(VectorOperators.ADD);
      float r2 = a2.reduceLanes(VectorOperators.ADD);
      float r3 = a3.reduceLanes(VectorOperators.ADD);
      for (int i = bound; i < n; i++) {
        float x = q[i];
        r0 += x * f(s, o0, i);
        r1 += x * f(s, o1, i);
        r2 += x * f(s, o2, i);
        r3 += x * f(s, o3, i);
      }
      put(out, j, count, r0, r1, r2, r3);
    }
  }

  /** Stores a gather pass's scores for the slots {@code j..j+3} that are below {@code count}. */
  private static void put(float[] out, int j, int count, float r0, float r1, float r2, float r3) {
    out[j] = r0;
    if (j + 3 < count) {
      out[j + 1] = r1;
      out[j + 2] = r2;
      out[j + 3] = r3;
    } else if (j + 1 < count) {
      out[j + 1] = r1;
      if (j + 2 < count) {
        out[j + 2] = r2;
      }
    }
  }

  // The range kernels score consecutive vectors one at a time, each with four accumulators; on a
  // sequential scan this beat interleaving four vectors per pass (the gather kernels above, which
  // the graph walk needs to overlap random fetches). The per-vector body is written out here
  // rather than calling l2sq/dot: those are larger than C2's inlining limit (FreqInlineSize, 325
  // bytes), and the call per vector cost a few percent of the scan, which now runs at 92-107 % of
  // the benchmark's sequential read (bench/results/ann-summary.md).

  @Override
  public void l2sqRange(float[] q, MemorySegment s, long off, long stride, int count, float[] out) {
    int n = q.length;
    int body = n - n % (4 * L);
    for (int j = 0; j < count; j++, off += stride) {
      FloatVector a0 = FloatVector.zero(S);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      int i = 0;
      for (; i < body; i += 4 * L) {
        FloatVector d0 =
            FloatVector.fromArray(S, q, i)
                .sub(FloatVector.fromMemorySegment(S, s, off + 4L * i, LE));
        FloatVector d1 =
            FloatVector.fromArray(S, q, i + L)
                .sub(FloatVector.fromMemorySegment(S, s, off + 4L * (i + L), LE));
        FloatVector d2 =
            FloatVector.fromArray(S, q, i + 2 * L)
                .sub(FloatVector.fromMemorySegment(S, s, off + 4L * (i + 2 * L), LE));
        FloatVector d3 =
            FloatVector.fromArray(S, q, i + 3 * L)
                .sub(FloatVector.fromMemorySegment(S, s, off + 4L * (i + 3 * L), LE));
        a0 = d0.fma(d0, a0);
        a1 = d1.fma(d1, a1);
        a2 = d2.fma(d2, a2);
        a3 = d3.fma(d3, a3);
      }
      float r = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
      for (; i < n; i++) {
        float d = q[i] - f(s, off, i);
        r += d * d;
      }
      out[j] = r;
    }
  }

  @Override
  public void dotRange(float[] q, MemorySegment s, long off, long stride, int count, float[] out) {
    int n = q.length;
    int body = n - n % (4 * L);
    for (int j = 0; j < count; j++, off += stride) {
      FloatVector a0 = FloatVector.zero(S);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      int i = 0;
      for (; i < body; i += 4 * L) {
        a0 =
            FloatVector.fromArray(S, q, i)
                .fma(FloatVector.fromMemorySegment(S, s, off + 4L * i, LE), a0);
        a1 =
            FloatVector.fromArray(S, q, i + L)
                .fma(FloatVector.fromMemorySegment(S, s, off + 4L * (i + L), LE), a1);
        a2 =
            FloatVector.fromArray(S, q, i + 2 * L)
                .fma(FloatVector.fromMemorySegment(S, s, off + 4L * (i + 2 * L), LE), a2);
        a3 =
            FloatVector.fromArray(S, q, i + 3 * L)
                .fma(FloatVector.fromMemorySegment(S, s, off + 4L * (i + 3 * L), LE), a3);
      }
      float r = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
      for (; i < n; i++) {
        r += q[i] * f(s, off, i);
      }
      out[j] = r;
    }
  }

  @Override
  public float normSq(MemorySegment s, long off, int dim) {
    return dot(s, off, s, off, dim);
  }

  @Override
  public float dot(MemorySegment a, long offA, MemorySegment b, long offB, int n) {
    int i = 0;
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = a0;
    for (int e = n - n % (2 * L); i < e; i += 2 * L) {
      a0 =
          FloatVector.fromMemorySegment(S, a, offA + 4L * i, LE)
              .fma(FloatVector.fromMemorySegment(S, b, offB + 4L * i, LE), a0);
      a1 =
          FloatVector.fromMemorySegment(S, a, offA + 4L * (i + L), LE)
              .fma(FloatVector.fromMemorySegment(S, b, offB + 4L * (i + L), LE), a1);
    }
    for (int e = S.loopBound(n); i < e; i += L) {
      a0 =
          FloatVector.fromMemorySegment(S, a, offA + 4L * i, LE)
              .fma(FloatVector.fromMemorySegment(S, b, offB + 4L * i, LE), a0);
    }
    float r = a0.add(a1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      r += f(a, offA, i) * f(b, offB, i);
    }
    return r;
  }

  @Override
  public float l2sq(MemorySegment a, long offA, MemorySegment b, long offB, int n) {
    int i = 0;
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = a0;
    for (int e = n - n % (2 * L); i < e; i += 2 * L) {
      FloatVector d0 =
          FloatVector.fromMemorySegment(S, a, offA + 4L * i, LE)
              .sub(FloatVector.fromMemorySegment(S, b, offB + 4L * i, LE));
      FloatVector d1 =
          FloatVector.fromMemorySegment(S, a, offA + 4L * (i + L), LE)
              .sub(FloatVector.fromMemorySegment(S, b, offB + 4L * (i + L), LE));
      a0 = d0.fma(d0, a0);
      a1 = d1.fma(d1, a1);
    }
    for (int e = S.loopBound(n); i < e; i += L) {
      FloatVector d =
          FloatVector.fromMemorySegment(S, a, offA + 4L * i, LE)
              .sub(FloatVector.fromMemorySegment(S, b, offB + 4L * i, LE));
      a0 = d.fma(d, a0);
    }
    float r = a0.add(a1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      float d = f(a, offA, i) - f(b, offB, i);
      r += d * d;
    }
    return r;
  }

  @Override
  public float l1(MemorySegment a, long offA, MemorySegment b, long offB, int n) {
    int i = 0;
    FloatVector a0 = FloatVector.zero(S);
    for (int e = S.loopBound(n); i < e; i += L) {
      a0 =
          a0.add(
              FloatVector.fromMemorySegment(S, a, offA + 4L * i, LE)
                  .sub(FloatVector.fromMemorySegment(S, b, offB + 4L * i, LE))
                  .abs());
    }
    float r = a0.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      r += Math.abs(f(a, offA, i) - f(b, offB, i));
    }
    return r;
  }

  @Override
  public float dot(float[] x, float[] y) {
    int n = x.length;
    int i = 0;
    FloatVector a0 = FloatVector.zero(S);
    for (int e = S.loopBound(n); i < e; i += L) {
      a0 = FloatVector.fromArray(S, x, i).fma(FloatVector.fromArray(S, y, i), a0);
    }
    float r = a0.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      r += x[i] * y[i];
    }
    return r;
  }

  @Override
  public float l2sq(float[] x, float[] y) {
    int n = x.length;
    int i = 0;
    FloatVector a0 = FloatVector.zero(S);
    for (int e = S.loopBound(n); i < e; i += L) {
      FloatVector d = FloatVector.fromArray(S, x, i).sub(FloatVector.fromArray(S, y, i));
      a0 = d.fma(d, a0);
    }
    float r = a0.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      float d = x[i] - y[i];
      r += d * d;
    }
    return r;
  }

  @Override
  public float l1(float[] x, float[] y) {
    int n = x.length;
    int i = 0;
    FloatVector a0 = FloatVector.zero(S);
    for (int e = S.loopBound(n); i < e; i += L) {
      a0 = a0.add(FloatVector.fromArray(S, x, i).sub(FloatVector.fromArray(S, y, i)).abs());
    }
    float r = a0.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      r += Math.abs(x[i] - y[i]);
    }
    return r;
  }

  @Override
  public String name() {
    return "simd-" + S.vectorBitSize();
  }
}

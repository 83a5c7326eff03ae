package dev.veles.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veles.engine.Metric;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** SIMD and scalar kernels against each other and against a double-precision reference. */
class KernelsTest {
  private static final long SEED = Long.getLong("veles.seed", System.nanoTime());
  private static final int[] DIMS = {
    1, 2, 3, 7, 15, 16, 17, 31, 64, 100, 128, 384, 768, 1000, 1536
  };

  private static final VectorKernels SIMD = SimdKernels.create();
  private static final VectorKernels SCALAR = ScalarKernels.INSTANCE;

  @Test
  void defaultIsSimdUnlessDisabled() {
    boolean disabled = "false".equals(System.getProperty("veles.simd"));
    assertEquals(disabled ? "scalar" : SIMD.name(), Distance.kernels());
    assertTrue(SIMD.name().startsWith("simd-"), SIMD.name());
  }

  @Test
  void simdMatchesScalarAndReference() {
    SplittableRandom rnd = new SplittableRandom(SEED);
    try (Arena arena = Arena.ofConfined()) {
      for (int dim : DIMS) {
        for (int rep = 0; rep < 20; rep++) {
          float[] a = random(rnd, dim);
          float[] b = random(rnd, dim);
          // Odd slot positions: offsets that are multiples of 4 but not of the vector width.
          long offA = 4L * rnd.nextInt(0, 9);
          long offB = offA + 4L * dim + 4L * rnd.nextInt(0, 5);
          MemorySegment s = arena.allocate(offB + 4L * dim + 64);
          write(s, offA, a);
          write(s, offB, b);
          check(dim, a, b, s, offA, offB);
        }
      }
    } catch (AssertionError e) {
      throw new AssertionError("seed " + SEED + ": " + e.getMessage(), e);
    }
  }

  private static void check(int dim, float[] a, float[] b, MemorySegment s, long oa, long ob) {
    double dot = 0;
    double l2 = 0;
    double l1 = 0;
    double nb = 0;
    for (int i = 0; i < dim; i++) {
      dot += (double) a[i] * b[i];
      l2 += (double) (a[i] - b[i]) * (a[i] - b[i]);
      l1 += Math.abs((double) a[i] - b[i]);
      nb += (double) b[i] * b[i];
    }
    double mag = 0;
    for (int i = 0; i < dim; i++) {
      mag += Math.abs((double) a[i] * b[i]);
    }
    for (VectorKernels k : new VectorKernels[] {SIMD, SCALAR}) {
      String w = k.name() + " dim " + dim;
      near(dot, k.dot(a, s, ob), mag, w + " dot");
      near(dot, k.dot(a, b), mag, w + " dot[]");
      near(dot, k.dot(s, oa, s, ob, dim), mag, w + " dot seg");
      near(l2, k.l2sq(a, s, ob), l2, w + " l2");
      near(l2, k.l2sq(a, b), l2, w + " l2[]");
      near(l2, k.l2sq(s, oa, s, ob, dim), l2, w + " l2 seg");
      near(l1, k.l1(a, s, ob), l1, w + " l1");
      near(l1, k.l1(a, b), l1, w + " l1[]");
      near(l1, k.l1(s, oa, s, ob, dim), l1, w + " l1 seg");
      near(nb, k.normSq(s, ob, dim), nb, w + " normSq");
      near(dot / Math.sqrt(nb), k.dotOverNorm(a, s, ob), mag / Math.sqrt(nb), w + " dotOverNorm");
    }
    for (Metric m : Metric.values()) {
      float x = Distance.distance(SIMD, m, a, b);
      float y = Distance.distance(SCALAR, m, a, b);
      // a dot product's rounding error scales with the sum of |a_i * b_i|, not with its result
      double scale = m == Metric.INNER_PRODUCT ? Math.max(mag, 1) : Math.max(1, Math.abs(y));
      near(y, x, scale, m + " dim " + dim + " simd vs scalar");
    }
  }

  private static void near(double expected, float actual, double magnitude, String what) {
    double tol = 1e-5 * Math.max(magnitude, 1e-6) + 1e-6;
    assertTrue(
        Math.abs(expected - actual) <= tol, what + ": expected " + expected + " got " + actual);
  }

  @Test
  void rangeKernelsMatchSingleOnes() {
    SplittableRandom rnd = new SplittableRandom(SEED);
    try (Arena arena = Arena.ofConfined()) {
      for (int dim : DIMS) {
        // Every tail a gather pass can leave (1 to 3 vectors), alone and after passes of 4 and 8
        for (int count = 1; count <= 13; count++) {
          long stride = 4L * dim;
          long off = 4L * rnd.nextInt(0, 5);
          MemorySegment s = arena.allocate(off + count * stride);
          for (int j = 0; j < count; j++) {
            write(s, off + j * stride, random(rnd, dim));
          }
          float[] q = random(rnd, dim);
          for (VectorKernels k : new VectorKernels[] {SIMD, SCALAR}) {
            float[] l2 = new float[count];
            float[] dot = new float[count];
            k.l2sqRange(q, s, off, stride, count, l2);
            k.dotRange(q, s, off, stride, count, dot);
            // Gathered in reverse slot order: the segment starts at off, so shift by one slot.
            MemorySegment g = s.asSlice(off);
            int[] slots = new int[count];
            for (int j = 0; j < count; j++) {
              slots[j] = count - 1 - j;
            }
            // Longer than count, as the search's scratch is: nothing past count is written
            float[] gl2 = new float[count + 3];
            float[] gdot = new float[count + 3];
            java.util.Arrays.fill(gl2, -7f);
            java.util.Arrays.fill(gdot, -7f);
            k.l2sqGather(q, g, slots, count, stride, gl2);
            k.dotGather(q, g, slots, count, stride, gdot);
            for (int j = 0; j < count; j++) {
              assertEquals(l2[count - 1 - j], gl2[j], 1e-3f * Math.max(1, l2[count - 1 - j]));
              assertEquals(dot[count - 1 - j], gdot[j], 1e-3f * dim);
            }
            for (int j = count; j < count + 3; j++) {
              assertEquals(-7f, gl2[j], k.name() + " l2sqGather wrote past count " + count);
              assertEquals(-7f, gdot[j], k.name() + " dotGather wrote past count " + count);
            }
            for (int j = 0; j < count; j++) {
              float e = SCALAR.l2sq(q, s, off + j * stride);
              near(e, l2[j], Math.max(1, e), k.name() + " l2sqRange dim " + dim + " #" + j);
              float d = SCALAR.dot(q, s, off + j * stride);
              near(d, dot[j], dim, k.name() + " dotRange dim " + dim + " #" + j);
            }
          }
        }
      }
    } catch (AssertionError e) {
      throw new AssertionError("seed " + SEED + ": " + e.getMessage(), e);
    }
  }

  @Test
  void publicDistancesFollowTheirDefinitions() {
    float[] a = {1, 0, 0};
    float[] b = {0, 3, 4};
    assertEquals(Math.sqrt(26), Distance.distance(Metric.L2, a, b), 1e-6);
    assertEquals(8, Distance.distance(Metric.L1, a, b), 1e-6);
    assertEquals(-0.0, Distance.distance(Metric.INNER_PRODUCT, a, b), 1e-6);
    assertEquals(1, Distance.distance(Metric.COSINE, a, b), 1e-6);
    assertEquals(0, Distance.distance(Metric.COSINE, b, new float[] {0, 6, 8}), 1e-6);
    assertEquals(2, Distance.distance(Metric.COSINE, a, new float[] {-2, 0, 0}), 1e-6);
    assertEquals(1, Distance.distance(Metric.COSINE, a, new float[3]), 1e-6);
    assertEquals(-5, Distance.distance(Metric.INNER_PRODUCT, b, new float[] {0, 3, -1}), 1e-6);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment s = arena.allocate(64);
      write(s, 8, b);
      for (Metric m : Metric.values()) {
        assertEquals(Distance.distance(m, a, b), Distance.distance(m, a, s, 8), 1e-6, m.name());
      }
    }
    assertThrows(
        IllegalArgumentException.class, () -> Distance.distance(Metric.L2, a, new float[2]));
  }

  private static float[] random(SplittableRandom rnd, int dim) {
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = (float) (rnd.nextDouble() * 2 - 1);
    }
    return v;
  }

  private static void write(MemorySegment s, long off, float[] v) {
    for (int i = 0; i < v.length; i++) {
      s.set(VectorKernels.LE_FLOAT, off + 4L * i, v[i]);
    }
  }
}

package dev.veles.engine.index;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

/**
 * Test vectors in an Arena-allocated segment laid out like the storage file (little-endian float32,
 * slot-major). Closing releases the memory.
 */
final class TestVectors implements VectorSource, AutoCloseable {
  private final Arena arena = Arena.ofShared();
  private final int dim;
  private final MemorySegment seg;
  private final int slots;

  TestVectors(int slots, int dim) {
    this.dim = dim;
    this.slots = slots;
    this.seg = arena.allocate(Math.max(4L, (long) slots * dim * 4), 64);
  }

  /** Clustered Gaussian data: like embeddings, neighbours are meaningful and not all equal. */
  static TestVectors clustered(int n, int dim, long seed) {
    TestVectors tv = new TestVectors(n, dim);
    SplittableRandom rnd = new SplittableRandom(seed);
    int clusters = Math.max(2, n / 200);
    float[][] centres = new float[clusters][dim];
    for (float[] c : centres) {
      for (int i = 0; i < dim; i++) {
        c[i] = (float) gaussian(rnd);
      }
    }
    float[] v = new float[dim];
    for (int s = 0; s < n; s++) {
      float[] c = centres[rnd.nextInt(clusters)];
      for (int i = 0; i < dim; i++) {
        v[i] = c[i] + 1.0f * (float) gaussian(rnd);
      }
      tv.set(s, v);
    }
    return tv;
  }

  static double gaussian(SplittableRandom rnd) {
    double u = rnd.nextDouble();
    double w = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
  }

  /** A query near the data: a random stored vector plus noise. */
  float[] query(SplittableRandom rnd) {
    float[] q = get(rnd.nextInt(slots));
    for (int i = 0; i < dim; i++) {
      q[i] += 0.7f * (float) gaussian(rnd);
    }
    return q;
  }

  void set(int slot, float[] v) {
    long off = (long) slot * dim * 4;
    for (int i = 0; i < dim; i++) {
      seg.set(VectorKernels.LE_FLOAT, off + 4L * i, v[i]);
    }
  }

  float[] get(int slot) {
    float[] v = new float[dim];
    long off = (long) slot * dim * 4;
    for (int i = 0; i < dim; i++) {
      v[i] = seg.get(VectorKernels.LE_FLOAT, off + 4L * i);
    }
    return v;
  }

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public MemorySegment segment() {
    return seg;
  }

  @Override
  public int slotCount() {
    return slots;
  }

  @Override
  public void close() {
    arena.close();
  }
}

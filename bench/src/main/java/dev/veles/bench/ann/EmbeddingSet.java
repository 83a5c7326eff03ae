package dev.veles.bench.ann;

import dev.veles.engine.Hit;
import dev.veles.engine.Metric;
import dev.veles.engine.index.Bits;
import dev.veles.engine.index.FlatIndex;
import dev.veles.engine.index.VectorSource;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A synthetic data set that behaves like text embeddings, with exact ground truth.
 *
 * <p>Model: a random orthogonal basis Q; per-axis variances following a power law {@code λ_i =
 * (i+1)^-alpha}; about {@code clusters} centres {@code c_j = Q (sqrt(λ) ⊙ g_j)} with mixture
 * weights drawn from a Dirichlet distribution (unequal cluster sizes); points {@code x = c_j +
 * sigma Q (sqrt(λ) ⊙ g)}, L2-normalised. Queries are fresh draws from the same mixture. Files
 * (fvecs/ivecs, little-endian, as used by the classic ANN benchmarks) are written to a cache
 * directory named after the parameters, plus {@code base.f32}: the raw storage layout Veles maps.
 */
final class EmbeddingSet {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  final int n;
  final int dim;
  final float[][] base;
  final float[][] queries;
  final int[][] truth;
  final Path dir;

  private EmbeddingSet(Path dir, float[][] base, float[][] queries, int[][] truth) {
    this.dir = dir;
    this.base = base;
    this.queries = queries;
    this.truth = truth;
    this.n = base.length;
    this.dim = base[0].length;
  }

  /** Parameters of the generator. */
  record Spec(
      int n,
      int dim,
      int queries,
      int clusters,
      double alpha,
      double sigma,
      double dirichlet,
      long seed) {
    String name() {
      return String.format(
          "emb-%dx%d-q%d-c%d-a%.2f-s%.2f-d%.2f-%d",
          n, dim, queries, clusters, alpha, sigma, dirichlet, seed);
    }
  }

  /** Loads the set from the cache or generates and caches it. */
  static EmbeddingSet obtain(Spec spec, Path root, int k) throws IOException {
    Path dir = root.resolve(spec.name());
    if (Files.exists(dir.resolve("groundtruth.ivecs"))) {
      float[][] base = readFvecs(dir.resolve("base.fvecs"));
      float[][] q = readFvecs(dir.resolve("query.fvecs"));
      int[][] gt = readIvecs(dir.resolve("groundtruth.ivecs"));
      System.out.printf("loaded %s from %s%n", spec.name(), dir);
      return new EmbeddingSet(dir, base, q, gt);
    }
    Files.createDirectories(dir);
    long t0 = System.nanoTime();
    SplittableRandom rnd = new SplittableRandom(spec.seed());
    float[][] basis = orthogonalBasis(spec.dim(), rnd);
    double[] sd = new double[spec.dim()];
    for (int i = 0; i < sd.length; i++) {
      sd[i] = Math.pow(i + 1, -spec.alpha() / 2);
    }
    float[][] centres = new float[spec.clusters()][];
    double[] cum = new double[spec.clusters()];
    double total = 0;
    for (int j = 0; j < centres.length; j++) {
      centres[j] = coefficients(sd, 1.0, rnd);
      total += gamma(spec.dirichlet(), rnd);
      cum[j] = total;
    }
    float[][] base = draw(spec.n(), basis, centres, cum, sd, spec.sigma(), rnd.split());
    float[][] queries = draw(spec.queries(), basis, centres, cum, sd, spec.sigma(), rnd.split());
    System.out.printf("generated %s in %.1f s%n", spec.name(), (System.nanoTime() - t0) / 1e9);
    writeFvecs(dir.resolve("base.fvecs"), base);
    writeFvecs(dir.resolve("query.fvecs"), queries);
    writeRaw(dir.resolve("base.f32"), base);
    EmbeddingSet set = new EmbeddingSet(dir, base, queries, null);
    long t1 = System.nanoTime();
    int[][] gt = set.exactTruth(k);
    System.out.printf("exact ground truth in %.1f s%n", (System.nanoTime() - t1) / 1e9);
    writeIvecs(dir.resolve("groundtruth.ivecs"), gt);
    return new EmbeddingSet(dir, base, queries, gt);
  }

  /** Maps {@code base.f32} read-only: the layout storage keeps, as the Veles index reads it. */
  VectorSource map(Arena arena) throws IOException {
    Path raw = dir.resolve("base.f32");
    if (!Files.exists(raw)) {
      writeRaw(raw, base);
    }
    try (FileChannel ch = FileChannel.open(raw, StandardOpenOption.READ)) {
      MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      return VectorSource.of(seg, dim);
    }
  }

  private int[][] exactTruth(int k) throws IOException {
    try (Arena arena = Arena.ofShared()) {
      VectorSource src = map(arena);
      FlatIndex flat = new FlatIndex(src, Metric.L2);
      for (int s = 0; s < n; s++) {
        flat.insert(s, s);
      }
      int[][] gt = new int[queries.length][];
      IntStream.range(0, queries.length)
          .parallel()
          .forEach(
              i -> {
                List<Hit> hits = flat.search(queries[i], k, 0, Bits.ALL);
                gt[i] = hits.stream().mapToInt(h -> (int) h.id()).toArray();
              });
      return gt;
    }
  }

  /**
   * Relative contrast: mean distance from a query to a random base point over the distance to its
   * nearest neighbour, averaged over queries. Near 1 means hopeless; 1.5-3 is typical of
   * embeddings.
   */
  double relativeContrast(SplittableRandom rnd) {
    double sum = 0;
    int sample = Math.min(n, 2000);
    for (int i = 0; i < queries.length; i++) {
      double mean = 0;
      for (int j = 0; j < sample; j++) {
        mean += Math.sqrt(l2(queries[i], base[rnd.nextInt(n)]));
      }
      mean /= sample;
      sum += mean / Math.max(1e-12, Math.sqrt(l2(queries[i], base[truth[i][0]])));
    }
    return sum / queries.length;
  }

  static double l2(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }

  private static float[][] draw(
      int count,
      float[][] basis,
      float[][] centres,
      double[] cum,
      double[] sd,
      double sigma,
      SplittableRandom rnd) {
    float[][] out = new float[count][];
    long[] seeds = new long[count];
    int[] cluster = new int[count];
    double total = cum[cum.length - 1];
    for (int i = 0; i < count; i++) {
      seeds[i] = rnd.nextLong();
      int c = java.util.Arrays.binarySearch(cum, rnd.nextDouble() * total);
      cluster[i] = c >= 0 ? c : Math.min(cum.length - 1, -c - 1);
    }
    IntStream.range(0, count)
        .parallel()
        .forEach(
            i -> {
              SplittableRandom r = new SplittableRandom(seeds[i]);
              float[] coef = coefficients(sd, sigma, r);
              float[] c = centres[cluster[i]];
              for (int j = 0; j < coef.length; j++) {
                coef[j] += c[j];
              }
              float[] x = new float[coef.length];
              double norm = 0;
              for (int row = 0; row < x.length; row++) {
                x[row] = dot(basis[row], coef);
                norm += (double) x[row] * x[row];
              }
              float inv = (float) (1 / Math.sqrt(norm));
              for (int row = 0; row < x.length; row++) {
                x[row] *= inv;
              }
              out[i] = x;
            });
    return out;
  }

  private static float[] coefficients(double[] sd, double scale, SplittableRandom rnd) {
    float[] c = new float[sd.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = (float) (scale * sd[i] * gaussian(rnd));
    }
    return c;
  }

  /** A random orthogonal matrix: modified Gram-Schmidt on Gaussian rows. */
  private static float[][] orthogonalBasis(int d, SplittableRandom rnd) {
    double[][] q = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        q[i][j] = gaussian(rnd);
      }
      for (int p = 0; p < i; p++) {
        double dot = 0;
        for (int j = 0; j < d; j++) {
          dot += q[i][j] * q[p][j];
        }
        for (int j = 0; j < d; j++) {
          q[i][j] -= dot * q[p][j];
        }
      }
      double norm = 0;
      for (int j = 0; j < d; j++) {
        norm += q[i][j] * q[i][j];
      }
      norm = Math.sqrt(norm);
      for (int j = 0; j < d; j++) {
        q[i][j] /= norm;
      }
    }
    float[][] f = new float[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        f[i][j] = (float) q[i][j];
      }
    }
    return f;
  }

  private static float dot(float[] a, float[] b) {
    FloatVector acc = FloatVector.zero(S);
    int i = 0;
    for (int e = S.loopBound(a.length); i < e; i += S.length()) {
      acc = FloatVector.fromArray(S, a, i).fma(FloatVector.fromArray(S, b, i), acc);
    }
    float r = acc.reduceLanes(VectorOperators.ADD);
    for (; i < a.length; i++) {
      r += a[i] * b[i];
    }
    return r;
  }

  static double gaussian(SplittableRandom rnd) {
    double u = rnd.nextDouble();
    double w = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
  }

  /**
   * Gamma(shape, 1) by Marsaglia-Tsang, boosted for shape &lt; 1; Dirichlet = normalised gammas.
   */
  static double gamma(double shape, SplittableRandom rnd) {
    if (shape < 1) {
      return gamma(shape + 1, rnd) * Math.pow(rnd.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = gaussian(rnd);
      double v = Math.pow(1 + c * x, 3);
      if (v > 0 && Math.log(1 - rnd.nextDouble()) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  static void writeFvecs(Path file, float[][] vs) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      ByteBuffer b = ByteBuffer.allocate(4 + 4 * vs[0].length).order(ByteOrder.LITTLE_ENDIAN);
      for (float[] v : vs) {
        b.clear();
        b.putInt(v.length);
        for (float f : v) {
          b.putFloat(f);
        }
        out.write(b.array(), 0, b.position());
      }
    }
  }

  static void writeIvecs(Path file, int[][] vs) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      for (int[] v : vs) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(v.length);
        for (int x : v) {
          b.putInt(x);
        }
        out.write(b.array());
      }
    }
  }

  static void writeRaw(Path file, float[][] vs) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      ByteBuffer b = ByteBuffer.allocate(4 * vs[0].length).order(ByteOrder.LITTLE_ENDIAN);
      for (float[] v : vs) {
        b.clear();
        for (float f : v) {
          b.putFloat(f);
        }
        out.write(b.array());
      }
    }
  }

  static float[][] readFvecs(Path file) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
      long size = Files.size(file);
      int d = Integer.reverseBytes(in.readInt());
      int count = (int) (size / (4 + 4L * d));
      float[][] out = new float[count][d];
      byte[] row = new byte[4 * d];
      for (int i = 0; i < count; i++) {
        if (i > 0) {
          in.readInt();
        }
        in.readFully(row);
        ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out[i]);
      }
      return out;
    }
  }

  static int[][] readIvecs(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    java.util.ArrayList<int[]> rows = new java.util.ArrayList<>();
    while (b.hasRemaining()) {
      int[] r = new int[b.getInt()];
      for (int i = 0; i < r.length; i++) {
        r[i] = b.getInt();
      }
      rows.add(r);
    }
    return rows.toArray(new int[0][]);
  }

  /** Copies a mapped segment into nothing but a checksum: the sequential-read baseline. */
  static double sumSequential(MemorySegment seg) {
    // Four independent accumulators, so the add latency never limits the read.
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    long step = 4L * S.length();
    long end = seg.byteSize() - seg.byteSize() % (4 * step);
    for (long off = 0; off < end; off += 4 * step) {
      a0 = a0.add(FloatVector.fromMemorySegment(S, seg, off, ByteOrder.LITTLE_ENDIAN));
      a1 = a1.add(FloatVector.fromMemorySegment(S, seg, off + step, ByteOrder.LITTLE_ENDIAN));
      a2 = a2.add(FloatVector.fromMemorySegment(S, seg, off + 2 * step, ByteOrder.LITTLE_ENDIAN));
      a3 = a3.add(FloatVector.fromMemorySegment(S, seg, off + 3 * step, ByteOrder.LITTLE_ENDIAN));
    }
    double r = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    for (long off = end; off < seg.byteSize(); off += 4) {
      r += seg.get(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), off);
    }
    return r;
  }
}

package dev.veles.bench.sql;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * The synthetic embedding set of {@code dev.veles.bench.ann.EmbeddingSet} (same generator, same
 * cache directory, same parameters as the ANN benchmark), seen from this package: base vectors,
 * queries and the exact top-{@code k} ids of each query (L2 on unit vectors, the same order as
 * cosine distance).
 *
 * <p>{@code EmbeddingSet} is package-private in {@code dev.veles.bench.ann}, which this benchmark
 * may not edit; it is reached through reflection (one class loader, no module boundary) so the
 * generator exists once. Making it public would let this class call it directly.
 *
 * <p>Immutable after {@link #obtain}; the arrays are shared, not copied, and must not be modified.
 */
final class SqlDataset {
  private static final String SET = "dev.veles.bench.ann.EmbeddingSet";
  static final double DEFAULT_SIGMA = 0.9;

  final float[][] base;
  final float[][] queries;
  final int[][] truth;
  final Path dir;

  private SqlDataset(float[][] base, float[][] queries, int[][] truth, Path dir) {
    this.base = base;
    this.queries = queries;
    this.truth = truth;
    this.dir = dir;
  }

  int n() {
    return base.length;
  }

  int dim() {
    return base[0].length;
  }

  /**
   * Loads the set from {@code cache} or generates and caches it: {@code n} unit vectors of {@code
   * dim} floats in 1,000 clusters (power-law spectrum 1.0, sigma 0.9, Dirichlet 0.5, seed 7 — the
   * ANN benchmark's defaults), {@code queries} queries, ground truth of depth {@code k}.
   */
  static SqlDataset obtain(int n, int dim, int queries, int k, Path cache) throws Exception {
    return obtain(n, dim, queries, k, DEFAULT_SIGMA, cache);
  }

  /**
   * As {@link #obtain(int, int, int, int, Path)} with the clusters' spread {@code sigma}: a larger
   * one makes the clusters overlap more, so a search needs a larger ef for the same recall.
   */
  static SqlDataset obtain(int n, int dim, int queries, int k, double sigma, Path cache)
      throws Exception {
    if (n < k || dim < 1 || queries < 1) {
      throw new IllegalArgumentException(
          "need n >= k, dim >= 1, queries >= 1; got n=" + n + " dim=" + dim + " q=" + queries);
    }
    Class<?> set = Class.forName(SET);
    Class<?> spec = Class.forName(SET + "$Spec");
    Constructor<?> make =
        spec.getDeclaredConstructor(
            int.class,
            int.class,
            int.class,
            int.class,
            double.class,
            double.class,
            double.class,
            long.class);
    make.setAccessible(true);
    Object s = make.newInstance(n, dim, queries, 1000, 1.0, sigma, 0.5, 7L);
    Method obtain = set.getDeclaredMethod("obtain", spec, Path.class, int.class);
    obtain.setAccessible(true);
    Object es;
    try {
      es = obtain.invoke(null, s, cache, k);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception x ? x : e;
    }
    return new SqlDataset(
        (float[][]) field(set, es, "base"),
        (float[][]) field(set, es, "queries"),
        (int[][]) field(set, es, "truth"),
        (Path) field(set, es, "dir"));
  }

  private static Object field(Class<?> type, Object instance, String name) throws Exception {
    Field f = type.getDeclaredField(name);
    f.setAccessible(true);
    return f.get(instance);
  }

  /** Recall@k of {@code found} (ids per query) against the ground truth. */
  double recall(long[][] found, int k) {
    long hits = 0;
    for (int i = 0; i < found.length; i++) {
      for (long f : found[i]) {
        for (int j = 0; j < k; j++) {
          if (truth[i][j] == f) {
            hits++;
            break;
          }
        }
      }
    }
    return hits / (double) (found.length * (long) k);
  }
}

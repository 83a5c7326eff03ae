package dev.veles.calcite.function;

import dev.veles.calcite.FloatList;
import dev.veles.calcite.SqlState;
import dev.veles.calcite.Vectors;
import dev.veles.calcite.VelesException;
import dev.veles.engine.Metric;
import java.util.List;

/**
 * The SQL vector functions, evaluated exactly. Arguments arrive in whatever shape SQL gives them
 * (an ARRAY value, a {@code float[]} parameter, the text form) and are converted by {@link
 * Vectors}. Distance functions take pgvector's names and semantics.
 */
public final class VectorFunctions {
  private VectorFunctions() {}

  public static double l2Distance(Object a, Object b) {
    return distance(Metric.L2, a, b);
  }

  public static double cosineDistance(Object a, Object b) {
    return distance(Metric.COSINE, a, b);
  }

  /** The inner product itself (pgvector's {@code inner_product}); larger is closer. */
  public static double innerProduct(Object a, Object b) {
    return -distance(Metric.INNER_PRODUCT, a, b);
  }

  /** The negative inner product (pgvector's {@code <#>}); smaller is closer. */
  public static double negativeInnerProduct(Object a, Object b) {
    return distance(Metric.INNER_PRODUCT, a, b);
  }

  public static double l1Distance(Object a, Object b) {
    return distance(Metric.L1, a, b);
  }

  // Three-argument forms: the third argument is the ef_search of a k-NN search that uses the
  // function (written by the /*+ ef_search(n) */ hint); evaluated exactly, it does not matter.

  public static double l2Distance(Object a, Object b, Object efSearch) {
    return l2Distance(a, b);
  }

  public static double cosineDistance(Object a, Object b, Object efSearch) {
    return cosineDistance(a, b);
  }

  public static double innerProduct(Object a, Object b, Object efSearch) {
    return innerProduct(a, b);
  }

  public static double negativeInnerProduct(Object a, Object b, Object efSearch) {
    return negativeInnerProduct(a, b);
  }

  public static double l1Distance(Object a, Object b, Object efSearch) {
    return l1Distance(a, b);
  }

  public static int vectorDims(Object v) {
    return Vectors.toFloats(v).length;
  }

  public static double vectorNorm(Object v) {
    double sum = 0;
    for (float x : Vectors.toFloats(v)) {
      sum += (double) x * x;
    }
    return Math.sqrt(sum);
  }

  /** Parses the text form {@code '[1, 2, 3]'} into a vector. */
  public static List<Float> vec(Object text) {
    return new FloatList(text instanceof String s ? Vectors.parse(s) : Vectors.toFloats(text));
  }

  /**
   * {@link #vec(Object)} checked to have {@code dimension} components: {@code CAST(x AS
   * VECTOR(n))}.
   */
  public static List<Float> vec(Object value, Object dimension) {
    float[] v = value instanceof String s ? Vectors.parse(s) : Vectors.toFloats(value);
    int n = ((Number) dimension).intValue();
    if (v.length != n) {
      throw new VelesException(
          SqlState.INVALID_PARAMETER_VALUE, "expected " + n + " dimensions, not " + v.length);
    }
    return new FloatList(v);
  }

  /** The text form of a vector. */
  public static String vecText(Object v) {
    return Vectors.format(Vectors.toFloats(v));
  }

  /** The distance under {@code metric} as SQL reports it. */
  public static double distance(Metric metric, Object a, Object b) {
    float[] x = Vectors.toFloats(a);
    float[] y = Vectors.toFloats(b);
    if (x.length != y.length) {
      throw new VelesException(
          SqlState.INVALID_PARAMETER_VALUE,
          "different vector dimensions " + x.length + " and " + y.length);
    }
    return metric.distance(x, y);
  }
}

package dev.veles.engine;

import java.util.Locale;

/** A distance between two vectors; smaller is closer for every metric. */
public enum Metric {
  /** Euclidean distance (not squared), as pgvector's {@code <->}. */
  L2,
  /** One minus the cosine similarity, as pgvector's {@code <=>}. */
  COSINE,
  /** Negative inner product, as pgvector's {@code <#>}: larger products rank first. */
  INNER_PRODUCT,
  /** Manhattan distance, as pgvector's {@code <+>}. */
  L1;

  /** Parses a metric name such as {@code cosine} or {@code inner_product}, ignoring case. */
  public static Metric parse(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    if (n.equals("IP") || n.equals("DOT")) {
      return INNER_PRODUCT;
    }
    if (n.equals("EUCLIDEAN")) {
      return L2;
    }
    try {
      return valueOf(n);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown metric '" + name + "': use one of cosine, l2, inner_product, l1");
    }
  }

  /**
   * The distance between two vectors of equal length under this metric, computed in a plain loop:
   * the reference definition that faster kernels are tested against.
   *
   * @throws IllegalArgumentException if the lengths differ
   */
  public float distance(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "vectors of different dimensions: " + a.length + " and " + b.length);
    }
    switch (this) {
      case L2 -> {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
          double d = a[i] - b[i];
          sum += d * d;
        }
        return (float) Math.sqrt(sum);
      }
      case COSINE -> {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
          dot += (double) a[i] * b[i];
          na += (double) a[i] * a[i];
          nb += (double) b[i] * b[i];
        }
        // pgvector returns NaN for a zero vector; a distance must order, so treat it as orthogonal
        return na == 0 || nb == 0 ? 1f : (float) (1 - dot / Math.sqrt(na * nb));
      }
      case INNER_PRODUCT -> {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
          dot += (double) a[i] * b[i];
        }
        return (float) -dot;
      }
      case L1 -> {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
          sum += Math.abs(a[i] - b[i]);
        }
        return (float) sum;
      }
      default -> throw new AssertionError(this);
    }
  }

  /** The lower-case name used in SQL options and {@code collection.json}. */
  public String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

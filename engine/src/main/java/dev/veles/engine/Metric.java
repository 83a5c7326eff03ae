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

  /** The lower-case name used in SQL options and {@code collection.json}. */
  public String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package dev.veles.springai;

import org.springframework.ai.observation.conventions.VectorStoreSimilarityMetric;

/**
 * The distance a Veles table is built for, its SQL function, and Spring AI's similarity score of a
 * distance (higher is more similar, compared with {@code similarityThreshold}). Immutable.
 *
 * <p>Scores: cosine {@code 1 - d} (the cosine similarity, as Spring AI's PgVectorStore reports), L2
 * {@code 1 / (1 + d)} for the Euclidean distance d, inner product the inner product itself ({@code
 * -d} of pgvector's negative inner product). The raw distance is in each document's {@code
 * distance} metadata.
 */
public enum VelesDistance {
  /** Cosine distance {@code 1 - cos}; the default. */
  COSINE("cosine", "cosine_distance", VectorStoreSimilarityMetric.COSINE),
  /** Euclidean distance. */
  L2("l2", "l2_distance", VectorStoreSimilarityMetric.EUCLIDEAN),
  /** Negative inner product, so nearer is smaller. */
  INNER_PRODUCT("inner_product", "negative_inner_product", VectorStoreSimilarityMetric.DOT);

  private final String sqlName;
  private final String function;
  private final VectorStoreSimilarityMetric observed;

  VelesDistance(String sqlName, String function, VectorStoreSimilarityMetric observed) {
    this.sqlName = sqlName;
    this.function = function;
    this.observed = observed;
  }

  String sqlName() {
    return sqlName;
  }

  String function() {
    return function;
  }

  String observedName() {
    return observed.value();
  }

  /** Spring AI's similarity score of a distance returned by this metric's function. */
  public double score(double distance) {
    return switch (this) {
      case COSINE -> 1 - distance;
      case L2 -> 1 / (1 + distance);
      case INNER_PRODUCT -> -distance;
    };
  }
}

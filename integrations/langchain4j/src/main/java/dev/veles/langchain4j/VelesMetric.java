package dev.veles.langchain4j;

import dev.langchain4j.store.embedding.RelevanceScore;

/**
 * The distance a Veles table is built for, with the SQL function that measures it and the mapping
 * from that distance to LangChain4j's relevance score in [0, 1]. Immutable.
 *
 * <p>LangChain4j defines the score for cosine only ({@link RelevanceScore#fromCosineSimilarity}):
 * {@code (1 + cos) / 2}, and Veles's {@code cosine_distance} is {@code 1 - cos}, so the score is
 * {@code 1 - d / 2}. For the other metrics this store uses: L2 (Euclidean distance d) {@code 1 / (1
 * + d)}, and inner product {@code (1 + ip) / 2}, which equals the cosine score for unit vectors (as
 * MiniLM's are). Scores are clamped to [0, 1] against float rounding.
 */
public enum VelesMetric {
  /** Cosine distance {@code 1 - cos(a, b)}; the store's default, the one LangChain4j scores. */
  COSINE("cosine", "cosine_distance"),
  /** Euclidean distance. */
  L2("l2", "l2_distance"),
  /** Negative inner product (pgvector's {@code <#>}), so nearer is smaller. */
  INNER_PRODUCT("inner_product", "negative_inner_product");

  private final String sqlName;
  private final String function;

  VelesMetric(String sqlName, String function) {
    this.sqlName = sqlName;
    this.function = function;
  }

  /** The metric's name in {@code CREATE TABLE ... WITH (metric = '...')}. */
  public String sqlName() {
    return sqlName;
  }

  /** The SQL distance function that the table's index answers under ORDER BY ... LIMIT. */
  String function() {
    return function;
  }

  /** LangChain4j's relevance score of a distance returned by {@link #function()}. */
  public double score(double distance) {
    double s =
        switch (this) {
          case COSINE -> RelevanceScore.fromCosineSimilarity(1 - distance);
          case L2 -> 1 / (1 + distance);
          case INNER_PRODUCT -> (1 - distance) / 2;
        };
    return Math.clamp(s, 0.0, 1.0);
  }
}

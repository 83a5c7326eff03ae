package dev.veles.engine;

/**
 * HNSW parameters of a collection.
 *
 * @param m the number of neighbours per node on upper layers (twice that on layer 0)
 * @param efConstruction the candidate list size while inserting
 * @param efSearch the default candidate list size while searching
 */
public record IndexParams(int m, int efConstruction, int efSearch) {
  public static final IndexParams DEFAULT = new IndexParams(16, 200, 64);

  public IndexParams {
    if (m < 2 || m > 512) {
      throw new IllegalArgumentException("m must be in 2..512, got " + m);
    }
    if (efConstruction < 1 || efConstruction > 10_000) {
      throw new IllegalArgumentException(
          "ef_construction must be in 1..10000, got " + efConstruction);
    }
    if (efSearch < 1 || efSearch > 10_000) {
      throw new IllegalArgumentException("ef_search must be in 1..10000, got " + efSearch);
    }
  }
}

package dev.veles.bench.ann;

/**
 * One ANN implementation under test: built once over a data set, then searched from one thread.
 * Every library uses Euclidean distance, M=16 (jvector: degree 32) and ef_construction=200.
 */
interface AnnLibrary extends AutoCloseable {
  String name();

  /** Builds the index over every base vector with ids 0..n-1, on {@code threads} threads. */
  void build(EmbeddingSet set, int threads) throws Exception;

  /** The ids of the {@code k} nearest base vectors found with a search beam of {@code ef}. */
  int[] search(float[] query, int k, int ef) throws Exception;

  @Override
  default void close() throws Exception {}
}

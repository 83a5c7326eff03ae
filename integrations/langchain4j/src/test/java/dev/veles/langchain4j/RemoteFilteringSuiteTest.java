package dev.veles.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithFilteringIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * LangChain4j's filtering suite (with its EmbeddingStoreIT cases), unmodified, through a Veles
 * server.
 */
class RemoteFilteringSuiteTest extends EmbeddingStoreWithFilteringIT {
  private static VelesDatabase db;
  private static VelesEmbeddingStore store;

  @BeforeAll
  static void open() throws Exception {
    db = VelesDatabase.remote();
    store =
        VelesEmbeddingStore.builder()
            .dataSource(db.dataSource())
            .table("suite")
            .dimension(384)
            .build();
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  @Override
  protected EmbeddingStore<TextSegment> embeddingStore() {
    return store;
  }

  @Override
  protected EmbeddingModel embeddingModel() {
    return VelesDatabase.MINILM;
  }

  @Override
  protected void clearStore() {
    store.removeAll();
  }

  /** Veles evaluates containsString (LIKE on columns, LangChain4j's own test on JSON keys). */
  @Override
  protected boolean supportsContains() {
    return true;
  }
}

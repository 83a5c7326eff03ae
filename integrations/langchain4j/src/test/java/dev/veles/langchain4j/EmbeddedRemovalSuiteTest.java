package dev.veles.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithRemovalIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** LangChain4j's removal suite, unmodified, on an embedded Veles. */
class EmbeddedRemovalSuiteTest extends EmbeddingStoreWithRemovalIT {
  private static VelesDatabase db;
  private static VelesEmbeddingStore store;

  @BeforeAll
  static void open() throws Exception {
    db = VelesDatabase.embedded();
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

  /** The removal suite has no clearing hook; every case starts from an empty table. */
  @BeforeEach
  void clear() {
    store.removeAll();
  }
}

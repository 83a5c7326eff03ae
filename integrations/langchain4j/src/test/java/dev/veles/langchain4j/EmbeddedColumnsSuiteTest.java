package dev.veles.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * LangChain4j's EmbeddingStoreIT, unmodified, on an embedded Veles with declared metadata columns.
 */
class EmbeddedColumnsSuiteTest extends EmbeddingStoreIT {
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
            // The suite's metadata half in typed columns, half in JSON: both round-trip exactly.
            .metadataColumn("string_abc", ColumnType.TEXT)
            .metadataColumn("string_empty", ColumnType.TEXT)
            .metadataColumn("uuid", ColumnType.TEXT)
            .metadataColumn("integer_min", ColumnType.INTEGER)
            .metadataColumn("long_max", ColumnType.BIGINT)
            .metadataColumn("long_1746714878034235396", ColumnType.BIGINT)
            .metadataColumn("float_123", ColumnType.REAL)
            .metadataColumn("float_0", ColumnType.REAL)
            .metadataColumn("double_0", ColumnType.DOUBLE)
            .metadataColumn("double_123", ColumnType.DOUBLE)
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
}

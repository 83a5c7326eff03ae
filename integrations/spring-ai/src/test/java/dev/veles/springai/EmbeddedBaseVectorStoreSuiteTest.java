package dev.veles.springai;

import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.ai.test.vectorstore.BaseVectorStoreTests;
import org.springframework.ai.vectorstore.VectorStore;

/** Spring AI's BaseVectorStoreTests, unmodified, on a Veles database (Embedded). */
class EmbeddedBaseVectorStoreSuiteTest extends BaseVectorStoreTests {
  private static VelesDatabase db;
  private static VelesVectorStore store;

  @BeforeAll
  static void open() throws Exception {
    db = new VelesDatabase(false);
    store =
        VelesVectorStore.builder(db.dataSource(), MiniLmEmbeddingModel.INSTANCE)
            .initializeSchema(true)
            .build();
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  @Override
  protected void executeTest(Consumer<VectorStore> testFunction) {
    testFunction.accept(store);
  }
}

package dev.veles.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veles.springai.autoconfigure.VelesVectorStoreAutoConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The Boot auto-configuration: the dependency plus two properties give a working store. */
class VelesVectorStoreAutoConfigurationTest {
  @TempDir Path dir;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(VelesVectorStoreAutoConfiguration.class))
          .withBean(EmbeddingModel.class, () -> MiniLmEmbeddingModel.INSTANCE);

  @Test
  void twoPropertiesGiveAWorkingVectorStore() {
    runner
        .withPropertyValues(
            "spring.ai.vectorstore.veles.path=" + dir.resolve("db"),
            "spring.ai.vectorstore.veles.initialize-schema=true")
        .run(
            context -> {
              VectorStore store = context.getBean(VectorStore.class);
              assertThat(store).isInstanceOf(VelesVectorStore.class);
              store.add(
                  List.of(
                      new Document("a", "Veles is a vector database", java.util.Map.of()),
                      new Document("b", "Bread needs flour and water", java.util.Map.of())));
              List<Document> hits =
                  store.similaritySearch(
                      SearchRequest.builder().query("which database?").topK(1).build());
              assertThat(hits).extracting(Document::getId).containsExactly("a");
            });
    assertThat(Files.exists(dir.resolve("db"))).isTrue();
  }

  @Test
  void indexAndTableProperties() {
    runner
        .withPropertyValues(
            "spring.ai.vectorstore.veles.path=" + dir.resolve("db2"),
            "spring.ai.vectorstore.veles.initialize-schema=true",
            "spring.ai.vectorstore.veles.table=notes",
            "spring.ai.vectorstore.veles.metric=L2",
            "spring.ai.vectorstore.veles.index.m=8",
            "spring.ai.vectorstore.veles.index.ef-construction=64")
        .run(
            context -> {
              VelesVectorStore store = context.getBean(VelesVectorStore.class);
              javax.sql.DataSource ds = store.<javax.sql.DataSource>getNativeClient().orElseThrow();
              try (var c = ds.getConnection();
                  var rs =
                      c.createStatement()
                          .executeQuery(
                              "SELECT metric, m, ef_construction FROM veles.collections"
                                  + " WHERE table_name = 'notes'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("l2");
                assertThat(rs.getInt(2)).isEqualTo(8);
                assertThat(rs.getInt(3)).isEqualTo(64);
              }
            });
  }

  @Test
  void withoutADatabaseTheContextFailsWithTheFix() {
    runner.run(
        context ->
            assertThat(context.getStartupFailure())
                .rootCause()
                .hasMessageContaining("spring.ai.vectorstore.veles.url or .path"));
  }
}

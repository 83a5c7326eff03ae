package dev.veles.springai;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.FilterExpressionTextParser;

/**
 * The store's own behaviour, in the style of Spring AI's store tests: topK, similarity threshold,
 * every filter operator on a declared column and on a JSON key (same answers), text filter
 * expressions, the filter inside the index search (EXPLAIN), keys and values full of quotes,
 * batching and observations. Embedded; the suites cover remote.
 */
class VelesVectorStoreTest {
  private static final String ODD_KEY = "it's \"odd\"";
  private static final String ODD_VALUE = "O'Brien \"x\"; DROP TABLE t; --";
  private static VelesDatabase db;
  private static VelesVectorStore store;
  private static final TestObservationRegistry observations = TestObservationRegistry.create();
  private static final List<Integer> batchSizes = new ArrayList<>();

  @BeforeAll
  static void open() throws Exception {
    db = new VelesDatabase(false);
    BatchingStrategy pairs =
        docs -> {
          List<List<Document>> out = new ArrayList<>();
          for (int i = 0; i < docs.size(); i += 2) {
            out.add(docs.subList(i, Math.min(docs.size(), i + 2)));
            batchSizes.add(out.getLast().size());
          }
          return out;
        };
    store =
        VelesVectorStore.builder(db.dataSource(), MiniLmEmbeddingModel.INSTANCE)
            .table("docs")
            .initializeSchema(true)
            .metadataColumn("year", ColumnType.BIGINT)
            .metadataColumn("country", ColumnType.TEXT)
            .batchingStrategy(pairs)
            .observationRegistry(observations)
            .build();
    List<Document> docs = new ArrayList<>();
    String[] texts = {
      "The cat sleeps on the sofa",
      "Dogs bark at the postman",
      "Stock markets fell today",
      "A recipe for apple pie",
      "The football match ended in a draw"
    };
    String[] countries = {"BG", "NL", "BG", "DE", "NL"};
    for (int i = 0; i < texts.length; i++) {
      // year is a declared column, rank a JSON key with the same values: filters must agree
      Map<String, Object> m = new java.util.HashMap<>();
      m.put("country", countries[i]);
      m.put("genre", countries[i]);
      if (i != 4) {
        m.put("year", 2020 + i);
        m.put("rank", 2020 + i);
      }
      if (i == 2) {
        m.put("country", ODD_VALUE);
        m.put(ODD_KEY, ODD_VALUE);
      }
      docs.add(Document.builder().id("d" + i).text(texts[i]).metadata(m).build());
    }
    store.add(docs);
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  private static Set<String> ids(String filter) {
    return store
        .similaritySearch(
            SearchRequest.builder().query("anything").topK(10).filterExpression(filter).build())
        .stream()
        .map(Document::getId)
        .collect(Collectors.toSet());
  }

  @Test
  void addEmbedsInTheStrategysBatchesAndIsObserved() {
    assertThat(batchSizes).containsExactly(2, 2, 1);
    TestObservationRegistryAssert.assertThat(observations)
        .hasObservationWithNameEqualTo("db.vector.client.operation")
        .that()
        .hasBeenStarted()
        .hasBeenStopped()
        .hasLowCardinalityKeyValue("db.system", "veles");
  }

  @Test
  void topKAndThreshold() {
    List<Document> two =
        store.similaritySearch(SearchRequest.builder().query("a sleeping cat").topK(2).build());
    assertThat(two).hasSize(2);
    assertThat(two.get(0).getId()).isEqualTo("d0");
    assertThat(two.get(0).getScore()).isGreaterThan(two.get(1).getScore());
    assertThat(two.get(0).getMetadata()).containsKey("distance");
    List<Document> close =
        store.similaritySearch(
            SearchRequest.builder()
                .query("The cat sleeps on the sofa")
                .topK(5)
                .similarityThreshold(0.99)
                .build());
    assertThat(close).extracting(Document::getId).containsExactly("d0");
    assertThat(close.get(0).getScore()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
  }

  @Test
  void everyOperatorOnColumnsAndJsonAgrees() {
    String[][] cases = {
      {"K == 2021", "d1"},
      {"K != 2021", "d0,d2,d3"},
      {"K > 2021", "d2,d3"},
      {"K >= 2021", "d1,d2,d3"},
      {"K < 2021", "d0"},
      {"K <= 2021", "d0,d1"},
      {"K in [2020, 2023]", "d0,d3"},
      {"K nin [2020, 2023]", "d1,d2"},
      {"K == 2020 || K == 2022", "d0,d2"},
      {"K >= 2021 && K <= 2022", "d1,d2"},
      {"not(K == 2021)", "d0,d2,d3"},
      {"K IS NULL", "d4"},
      {"K IS NOT NULL", "d0,d1,d2,d3"},
    };
    for (String[] c : cases) {
      Set<String> expected = Set.of(c[1].split(","));
      assertThat(ids(c[0].replace("K", "year"))).as(c[0] + " on a column").isEqualTo(expected);
      assertThat(ids(c[0].replace("K", "rank"))).as(c[0] + " on JSON").isEqualTo(expected);
    }
    assertThat(ids("country == 'NL' && rank > 2020")).containsExactly("d1");
    assertThat(ids("genre in ['NL', 'DE'] || year == 2020"))
        .isEqualTo(Set.of("d0", "d1", "d3", "d4"));
  }

  @Test
  void filtersOnColumnsRunInsideTheIndexSearch() {
    var filter = new FilterExpressionTextParser().parse("country == 'BG' && year >= 2021");
    String plan = store.explain(filter, 3);
    assertThat(plan).startsWith("VelesScan(").contains("filter=[AND(").contains("index=[hnsw]");
  }

  @Test
  void keysAndValuesFullOfQuotesAreBoundNotConcatenated() {
    var column =
        new org.springframework.ai.vectorstore.filter.Filter.Expression(
            org.springframework.ai.vectorstore.filter.Filter.ExpressionType.EQ,
            new org.springframework.ai.vectorstore.filter.Filter.Key("country"),
            new org.springframework.ai.vectorstore.filter.Filter.Value(ODD_VALUE));
    var json =
        new org.springframework.ai.vectorstore.filter.Filter.Expression(
            org.springframework.ai.vectorstore.filter.Filter.ExpressionType.EQ,
            new org.springframework.ai.vectorstore.filter.Filter.Key(ODD_KEY),
            new org.springframework.ai.vectorstore.filter.Filter.Value(ODD_VALUE));
    for (var f : List.of(column, json)) {
      List<Document> hits =
          store.similaritySearch(
              SearchRequest.builder().query("markets").topK(5).filterExpression(f).build());
      assertThat(hits).extracting(Document::getId).containsExactly("d2");
      assertThat(hits.get(0).getMetadata()).containsEntry("country", ODD_VALUE);
      assertThat(hits.get(0).getMetadata()).containsEntry(ODD_KEY, ODD_VALUE);
    }
  }
}

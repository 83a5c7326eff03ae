package dev.veles.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.logical.Not;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store's own behaviour: every filter operator gives the same rows on a declared column (SQL
 * inside the index search, shown by EXPLAIN) and on a JSON key (LangChain4j's own test), keys and
 * values full of quotes, scores per metric, minScore. Embedded; the suites cover remote.
 */
class VelesEmbeddingStoreTest {
  private static final String ODD_KEY = "it's \"odd\"";
  private static final String ODD_VALUE = "O'Brien \"x\"; DROP TABLE t; --";
  private static VelesDatabase db;
  private static VelesEmbeddingStore store;

  @BeforeAll
  static void open() throws Exception {
    db = VelesDatabase.embedded();
    store =
        VelesEmbeddingStore.builder()
            .dataSource(db.dataSource())
            .table("docs")
            .dimension(3)
            .metadataColumn("year", ColumnType.INTEGER)
            .metadataColumn("name", ColumnType.TEXT)
            .build();
    String[] names = {"alpha", "beta", "gamma", "delta", "alphabet"};
    List<Embedding> embeddings = new ArrayList<>();
    List<TextSegment> segments = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      // year/name are columns, rank/label JSON keys with the same values: filters must agree
      Metadata m = new Metadata().put("name", names[i]).put("label", names[i]);
      if (i != 4) {
        m.put("year", 2020 + i).put("rank", 2020 + i);
      }
      if (i == 2) {
        m.put("name", ODD_VALUE).put(ODD_KEY, ODD_VALUE);
      }
      embeddings.add(Embedding.from(new float[] {1, i, 0}));
      segments.add(TextSegment.from("doc " + i, m));
    }
    store.addAll(List.of("d0", "d1", "d2", "d3", "d4"), embeddings, segments);
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  private static Set<String> ids(Filter filter) {
    return store
        .search(
            EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(new float[] {1, 0, 0}))
                .maxResults(10)
                .filter(filter)
                .build())
        .matches()
        .stream()
        .map(EmbeddingMatch::embeddingId)
        .collect(Collectors.toSet());
  }

  @Test
  void everyOperatorOnColumnsAndJsonAgrees() {
    List<Function<String, Filter>> filters =
        List.of(
            k -> metadataKey(k).isEqualTo(2021),
            k -> metadataKey(k).isNotEqualTo(2021),
            k -> metadataKey(k).isGreaterThan(2021),
            k -> metadataKey(k).isGreaterThanOrEqualTo(2021),
            k -> metadataKey(k).isLessThan(2021),
            k -> metadataKey(k).isLessThanOrEqualTo(2021),
            k -> metadataKey(k).isIn(2020, 2023),
            k -> metadataKey(k).isNotIn(2020, 2023),
            k -> metadataKey(k).isEqualTo(2020).or(metadataKey(k).isEqualTo(2022)),
            k -> metadataKey(k).isGreaterThan(2020).and(metadataKey(k).isLessThan(2023)),
            k -> new Not(metadataKey(k).isLessThan(2022)));
    String[] expected = {
      "d1",
      "d0,d2,d3,d4",
      "d2,d3",
      "d1,d2,d3",
      "d0",
      "d0,d1",
      "d0,d3",
      "d1,d2,d4",
      "d0,d2",
      "d1,d2",
      "d2,d3,d4"
    };
    for (int i = 0; i < filters.size(); i++) {
      Set<String> want = Set.of(expected[i].split(","));
      assertThat(ids(filters.get(i).apply("year"))).as("case %d on a column", i).isEqualTo(want);
      assertThat(ids(filters.get(i).apply("rank"))).as("case %d on JSON", i).isEqualTo(want);
    }
    for (String k : List.of("name", "label")) {
      assertThat(ids(metadataKey(k).containsString("alpha"))).isEqualTo(Set.of("d0", "d4"));
      assertThat(ids(metadataKey(k).containsString("%"))).isEmpty();
      assertThat(ids(new Not(metadataKey(k).containsString("alpha"))))
          .isEqualTo(Set.of("d1", "d2", "d3"));
    }
    // a column AND a JSON key: the column part goes to SQL, the whole is tested per row
    assertThat(ids(metadataKey("name").isEqualTo("beta").and(metadataKey("rank").isEqualTo(2021))))
        .containsExactly("d1");
  }

  @Test
  void filtersOnColumnsRunInsideTheIndexSearch() {
    String plan =
        store.explain(metadataKey("name").isEqualTo("beta").and(metadataKey("year").isIn(1, 2)), 3);
    assertThat(plan).startsWith("VelesScan(").contains("filter=[").contains("index=[hnsw]");
    // a JSON key cannot be a WHERE: an exact scan in distance order, tested per row
    assertThat(store.explain(metadataKey("rank").isEqualTo(1), 3)).doesNotContain("knn=");
  }

  @Test
  void keysAndValuesFullOfQuotesAreBoundNotConcatenated() {
    // a value full of quotes in a column, a key and value full of quotes in JSON
    for (String key : List.of("name", ODD_KEY)) {
      assertThat(ids(metadataKey(key).isEqualTo(ODD_VALUE))).containsExactly("d2");
    }
    var match =
        store
            .search(
                EmbeddingSearchRequest.builder()
                    .queryEmbedding(Embedding.from(new float[] {1, 2, 0}))
                    .maxResults(1)
                    .build())
            .matches()
            .getFirst();
    assertThat(match.embedded().metadata().getString("name")).isEqualTo(ODD_VALUE);
    assertThat(match.embedded().metadata().getString(ODD_KEY)).isEqualTo(ODD_VALUE);
    // a key that is no valid column name cannot be declared: it stays in JSON
    assertThatThrownBy(() -> metadataKeyStore(ODD_KEY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid table or column name");
  }

  private static void metadataKeyStore(String key) {
    VelesEmbeddingStore.builder().metadataColumn(key, ColumnType.TEXT);
  }

  @Test
  void scoresFollowTheMetric() throws Exception {
    float[] a = {1, 0};
    float[] b = {0.6f, 0.8f}; // unit vectors, cos = 0.6, L2 distance sqrt(0.8)
    for (VelesMetric metric : VelesMetric.values()) {
      VelesEmbeddingStore s =
          VelesEmbeddingStore.builder()
              .dataSource(db.dataSource())
              .table("scores_" + metric.sqlName())
              .dimension(2)
              .metric(metric)
              .build();
      s.add("b", Embedding.from(b));
      double score =
          s.search(
                  EmbeddingSearchRequest.builder()
                      .queryEmbedding(Embedding.from(a))
                      .maxResults(1)
                      .build())
              .matches()
              .getFirst()
              .score();
      double want =
          switch (metric) {
            case COSINE, INNER_PRODUCT -> (1 + 0.6) / 2;
            case L2 -> 1 / (1 + Math.sqrt(0.8));
          };
      assertThat(score)
          .as(metric.name())
          .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-6));
      var none =
          s.search(
              EmbeddingSearchRequest.builder()
                  .queryEmbedding(Embedding.from(a))
                  .maxResults(1)
                  .minScore(want + 0.01)
                  .build());
      assertThat(none.matches()).isEmpty();
    }
  }

  @Test
  void removeAllByColumnFilterIsOneDelete() throws Exception {
    VelesEmbeddingStore s =
        VelesEmbeddingStore.builder()
            .dataSource(db.dataSource())
            .table("removals")
            .dimension(2)
            .metadataColumn("kind", ColumnType.TEXT)
            .build();
    s.addAll(
        List.of("x", "y", "z"),
        List.of(
            Embedding.from(new float[] {1, 0}),
            Embedding.from(new float[] {0, 1}),
            Embedding.from(new float[] {1, 1})),
        List.of(
            TextSegment.from("x", new Metadata().put("kind", "a")),
            TextSegment.from("y", new Metadata().put("kind", "b")),
            TextSegment.from("z", new Metadata().put("kind", "a"))));
    s.removeAll(metadataKey("kind").isEqualTo("a"));
    var left =
        s.search(
            EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(new float[] {1, 0}))
                .maxResults(10)
                .build());
    assertThat(left.matches()).extracting(EmbeddingMatch::embeddingId).containsExactly("y");
  }
}

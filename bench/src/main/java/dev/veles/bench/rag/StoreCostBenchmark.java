package dev.veles.bench.rag;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.veles.langchain4j.VelesEmbeddingStore;
import dev.veles.springai.VelesVectorStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.vectorstore.SearchRequest;

/**
 * What the LangChain4j and Spring AI stores cost over plain JDBC on the same embedded database:
 * ingest of N precomputed 384-d embeddings (store {@code addAll}/{@code add} against one {@code
 * executeBatch} of the same UPSERT) and top-10 k-NN (store {@code search} against a reused {@code
 * PreparedStatement} of the same SQL), in interleaved rounds, medians reported.
 *
 * <p>Options: {@code --n=10000 --queries=1000 --rounds=5 --dir=bench/target/rag-bench}. Seeded
 * (seed 42); Spring AI's embedding step is a lookup of the precomputed vectors, so it measures the
 * store.
 */
public final class StoreCostBenchmark {
  private static final int DIM = 384;

  private StoreCostBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>(Map.of("n", "10000", "queries", "1000", "rounds", "5"));
    o.put("dir", "bench/target/rag-bench-" + System.currentTimeMillis());
    for (String a : args) {
      String[] kv = a.replaceFirst("^--", "").split("=", 2);
      o.put(kv[0], kv[1]);
    }
    int n = Integer.parseInt(o.get("n"));
    int queries = Integer.parseInt(o.get("queries"));
    int rounds = Integer.parseInt(o.get("rounds"));
    Random random = new Random(42);
    float[][] vectors = new float[n][];
    Map<String, float[]> byText = new HashMap<>();
    for (int i = 0; i < n; i++) {
      vectors[i] = unit(random);
      byText.put("chunk " + i, vectors[i]);
    }
    float[][] qs = new float[queries][];
    for (int i = 0; i < queries; i++) {
      qs[i] = unit(random);
      byText.put("query " + i, qs[i]);
    }
    Files.createDirectories(Path.of(o.get("dir")));
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:veles:path=" + o.get("dir"));
    config.setMaximumPoolSize(2);
    System.out.printf("seed 42, n=%d, dim=%d, queries=%d, rounds=%d%n", n, DIM, queries, rounds);
    try (HikariDataSource ds = new HikariDataSource(config)) {
      ingest(ds, vectors, new Lookup(byText), rounds);
      search(ds, vectors, qs, new Lookup(byText), rounds);
    }
  }

  private static void ingest(HikariDataSource ds, float[][] v, Lookup model, int rounds)
      throws SQLException {
    List<Embedding> embeddings = new ArrayList<>();
    List<TextSegment> segments = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      embeddings.add(Embedding.from(v[i]));
      segments.add(TextSegment.from("chunk " + i));
      ids.add("id-" + i);
      docs.add(Document.builder().id("id-" + i).text("chunk " + i).build());
    }
    double[] plain = new double[rounds];
    double[] lc4j = new double[rounds];
    double[] sai = new double[rounds];
    for (int r = -1; r < rounds; r++) { // round -1 warms the JIT on 500 rows and is not counted
      String suffix = r < 0 ? "warm" : String.valueOf(r);
      int rows = r < 0 ? Math.min(500, v.length) : v.length;
      VelesEmbeddingStore l = lc4jStore(ds, "ing_l_" + suffix);
      VelesVectorStore s = springStore(ds, model, "ing_s_" + suffix);
      lc4jStore(ds, "ing_p_" + suffix); // the plain table: the same shape
      Timed[] runs = {
        () -> plainBatch(ds, "ing_p_" + suffix, ids, v, rows),
        () -> {
          long t = System.nanoTime();
          l.addAll(ids.subList(0, rows), embeddings.subList(0, rows), segments.subList(0, rows));
          return (System.nanoTime() - t) / 1e6;
        },
        () -> {
          long t = System.nanoTime();
          s.add(docs.subList(0, rows));
          return (System.nanoTime() - t) / 1e6;
        }
      };
      double[] ms = new double[3];
      for (int k = 0; k < 3; k++) { // rotate who goes first
        int which = (k + Math.max(r, 0)) % 3;
        ms[which] = runs[which].run();
      }
      if (r >= 0) {
        plain[r] = ms[0];
        lc4j[r] = ms[1];
        sai[r] = ms[2];
      }
    }
    double p = median(plain);
    System.out.printf(
        "ingest %d: executeBatch %.0f ms, LangChain4j addAll %.0f ms (ratio %.2f), Spring AI add %.0f"
            + " ms (ratio %.2f)   [ratio = plain time / store time, medians]%n",
        v.length, p, median(lc4j), p / median(lc4j), median(sai), p / median(sai));
  }

  private static void search(
      HikariDataSource ds, float[][] v, float[][] qs, Lookup model, int rounds)
      throws SQLException {
    VelesEmbeddingStore l = lc4jStore(ds, "ing_l_0");
    VelesVectorStore s = springStore(ds, model, "ing_s_0");
    double[] plain = new double[rounds];
    double[] lc4j = new double[rounds];
    double[] sai = new double[rounds];
    String sql =
        "SELECT id, embedding, text, metadata, cosine_distance(embedding, ?) AS distance"
            + " FROM \"ing_l_0\" ORDER BY distance LIMIT ?";
    long sink = 0;
    for (int r = -1; r < rounds; r++) { // round -1 warms up and is not counted
      double[] qps = new double[3];
      for (int k = 0; k < 3; k++) {
        int which = (k + Math.max(r, 0)) % 3;
        long t = System.nanoTime();
        sink +=
            switch (which) {
              case 0 -> plainSearch(ds, sql, qs);
              case 1 -> lc4jSearch(l, qs);
              default -> springSearch(s, qs.length);
            };
        qps[which] = qs.length / ((System.nanoTime() - t) / 1e9);
      }
      if (r >= 0) {
        plain[r] = qps[0];
        lc4j[r] = qps[1];
        sai[r] = qps[2];
      }
    }
    if (sink == 42) {
      System.out.print("");
    }
    double p = median(plain);
    System.out.printf(
        "search k=10: plain JDBC %.0f QPS, LangChain4j %.0f QPS (ratio %.2f), Spring AI %.0f QPS"
            + " (ratio %.2f)   [ratio = store QPS / plain QPS, medians]%n",
        p, median(lc4j), median(lc4j) / p, median(sai), median(sai) / p);
  }

  private static long plainSearch(HikariDataSource ds, String sql, float[][] qs)
      throws SQLException {
    long sink = 0;
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (float[] q : qs) {
        ps.setObject(1, q);
        ps.setInt(2, 10);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            sink += rs.getString(1).length() + (rs.getObject(2) == null ? 0 : 1);
            sink += rs.getString(3).length() + (int) rs.getDouble(5);
          }
        }
      }
    }
    return sink;
  }

  private static long lc4jSearch(VelesEmbeddingStore l, float[][] qs) {
    long sink = 0;
    for (float[] q : qs) {
      sink +=
          l.search(
                  EmbeddingSearchRequest.builder()
                      .queryEmbedding(Embedding.from(q))
                      .maxResults(10)
                      .build())
              .matches()
              .size();
    }
    return sink;
  }

  private static long springSearch(VelesVectorStore s, int queries) {
    long sink = 0;
    for (int i = 0; i < queries; i++) {
      sink +=
          s.similaritySearch(SearchRequest.builder().query("query " + i).topK(10).build()).size();
    }
    return sink;
  }

  /** One timed run, in milliseconds. */
  private interface Timed {
    double run() throws SQLException;
  }

  private static double plainBatch(
      HikariDataSource ds, String table, List<String> ids, float[][] v, int rows)
      throws SQLException {
    long t = System.nanoTime();
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPSERT INTO \""
                    + table
                    + "\" (id, embedding, text, metadata) VALUES (?, ?, ?, ?)")) {
      for (int i = 0; i < rows; i++) {
        ps.setString(1, ids.get(i));
        ps.setObject(2, v[i]);
        ps.setString(3, "chunk " + i);
        ps.setString(4, null);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return (System.nanoTime() - t) / 1e6;
  }

  private static VelesEmbeddingStore lc4jStore(HikariDataSource ds, String table) {
    return VelesEmbeddingStore.builder().dataSource(ds).table(table).dimension(DIM).build();
  }

  private static VelesVectorStore springStore(HikariDataSource ds, Lookup model, String table) {
    return VelesVectorStore.builder(ds, model)
        .table(table)
        .dimension(DIM)
        .initializeSchema(true)
        .batchingStrategy(docs -> List.of(docs))
        .build();
  }

  private static float[] unit(Random random) {
    float[] v = new float[DIM];
    double norm = 0;
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    for (int i = 0; i < DIM; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  /** Precomputed embeddings looked up by text, so Spring AI's embedding step costs a map get. */
  private record Lookup(Map<String, float[]> byText) implements EmbeddingModel {
    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
      List<org.springframework.ai.embedding.Embedding> out = new ArrayList<>();
      for (String text : request.getInstructions()) {
        out.add(
            new org.springframework.ai.embedding.Embedding(byText.get(text.strip()), out.size()));
      }
      return new EmbeddingResponse(out);
    }

    @Override
    public float[] embed(Document document) {
      return byText.get(document.getText());
    }

    @Override
    public int dimensions() {
      return DIM;
    }
  }
}

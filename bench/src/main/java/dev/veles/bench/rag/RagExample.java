package dev.veles.bench.rag;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.veles.langchain4j.ColumnType;
import dev.veles.langchain4j.VelesEmbeddingStore;
import dev.veles.springai.VelesVectorStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;

/**
 * The RAG example: cuts the repository's Markdown docs into chunks, embeds them with the offline
 * MiniLM model, stores them in {@code ./veles-data} through the LangChain4j store and through the
 * Spring AI store, and answers a question (the arguments) with the nearest chunks of each.
 */
public final class RagExample {
  private static final int CHUNK = 250;

  private RagExample() {}

  public static void main(String[] args) throws Exception {
    String question =
        args.length > 0 ? String.join(" ", args) : "How does Veles make a write durable?";
    List<String[]> chunks = chunks(Path.of("."));
    System.out.printf("%d chunks from the repository's Markdown files%n", chunks.size());
    var model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:veles:path=veles-data");
    config.setMaximumPoolSize(2);
    try (HikariDataSource ds = new HikariDataSource(config)) {
      langChain4j(ds, model, chunks, question);
      springAi(ds, new MiniLmSpringAiModel(model), chunks, question);
    }
  }

  private static void langChain4j(
      HikariDataSource ds,
      AllMiniLmL6V2QuantizedEmbeddingModel model,
      List<String[]> chunks,
      String question) {
    VelesEmbeddingStore store =
        VelesEmbeddingStore.builder()
            .dataSource(ds)
            .table("docs_langchain4j")
            .dimension(384)
            .metadataColumn("source", ColumnType.TEXT)
            .build();
    store.removeAll();
    List<TextSegment> segments = new ArrayList<>();
    for (String[] c : chunks) {
      segments.add(TextSegment.from(c[1], new Metadata().put("source", c[0])));
    }
    long t0 = System.nanoTime();
    List<Embedding> embeddings = model.embedAll(segments).content();
    store.addAll(embeddings, segments);
    System.out.printf(
        "%nLangChain4j: embedded and stored %d chunks in %.1f s%n",
        segments.size(), (System.nanoTime() - t0) / 1e9);
    System.out.println("Q: " + question);
    List<EmbeddingMatch<TextSegment>> hits =
        store
            .search(
                EmbeddingSearchRequest.builder()
                    .queryEmbedding(model.embed(question).content())
                    .maxResults(3)
                    .filter(metadataKey("source").containsString(".md"))
                    .build())
            .matches();
    for (EmbeddingMatch<TextSegment> h : hits) {
      System.out.printf(
          "  %.3f  [%s] %s%n",
          h.score(), h.embedded().metadata().getString("source"), oneLine(h.embedded().text()));
    }
  }

  private static void springAi(
      HikariDataSource ds, MiniLmSpringAiModel model, List<String[]> chunks, String question) {
    VelesVectorStore store =
        VelesVectorStore.builder(ds, model)
            .table("docs_spring_ai")
            .initializeSchema(true)
            .metadataColumn("source", dev.veles.springai.ColumnType.TEXT)
            .build();
    store.delete("source IS NOT NULL");
    List<Document> docs = new ArrayList<>();
    for (String[] c : chunks) {
      docs.add(new Document(c[1], Map.of("source", c[0])));
    }
    long t0 = System.nanoTime();
    store.add(docs);
    System.out.printf(
        "%nSpring AI: embedded and stored %d chunks in %.1f s%n",
        docs.size(), (System.nanoTime() - t0) / 1e9);
    System.out.println("Q: " + question);
    for (Document d :
        store.similaritySearch(
            SearchRequest.builder()
                .query(question)
                .topK(3)
                .filterExpression("source != ''")
                .build())) {
      System.out.printf(
          "  %.3f  [%s] %s%n", d.getScore(), d.getMetadata().get("source"), oneLine(d.getText()));
    }
  }

  /** The Markdown files under {@code root} (build output aside) as (file, chunk) pairs. */
  static List<String[]> chunks(Path root) throws IOException {
    List<String[]> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".md"))
              .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/."))
              .sorted()
              .toList()) {
        StringBuilder chunk = new StringBuilder();
        for (String paragraph : Files.readString(f).split("\n\\s*\n")) {
          chunk.append(paragraph.strip()).append('\n');
          if (chunk.length() >= CHUNK) {
            out.add(new String[] {root.relativize(f).toString(), chunk.toString()});
            chunk.setLength(0);
          }
        }
        if (!chunk.isEmpty()) {
          out.add(new String[] {root.relativize(f).toString(), chunk.toString()});
        }
      }
    }
    return out;
  }

  private static String oneLine(String s) {
    String t = s.replaceAll("\\s+", " ").strip();
    return t.length() > 160 ? t.substring(0, 160) + "..." : t;
  }
}

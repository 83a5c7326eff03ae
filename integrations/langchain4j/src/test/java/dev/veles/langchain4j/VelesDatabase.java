package dev.veles.langchain4j;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.veles.server.VelesServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A Veles database for a test class: embedded ({@code jdbc:veles:path=}) or behind an in-process
 * {@link VelesServer} on loopback ({@code jdbc:veles:url=}), always through a HikariCP pool. Owns
 * the directory, the server and the pool; close it.
 */
final class VelesDatabase implements AutoCloseable {
  /** The offline MiniLM model of the suites (384 dimensions), loaded once per JVM. */
  static final EmbeddingModel MINILM = new AllMiniLmL6V2QuantizedEmbeddingModel();

  private final Path dir;
  private final VelesServer server;
  private final HikariDataSource pool;

  private VelesDatabase(boolean remote) throws IOException, java.sql.SQLException {
    dir = Files.createTempDirectory("veles-lc4j");
    server = remote ? VelesServer.builder().path(dir).port(0).start() : null;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(
        remote ? "jdbc:veles:url=" + server.httpUrl() : "jdbc:veles:path=" + dir.resolve("db"));
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(10_000);
    pool = new HikariDataSource(config);
  }

  static VelesDatabase embedded() throws Exception {
    return new VelesDatabase(false);
  }

  static VelesDatabase remote() throws Exception {
    return new VelesDatabase(true);
  }

  DataSource dataSource() {
    return pool;
  }

  @Override
  public void close() throws Exception {
    pool.close();
    if (server != null) {
      server.close();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

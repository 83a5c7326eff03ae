package dev.veles.springai;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.veles.server.VelesServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A Veles database for a test class: embedded ({@code jdbc:veles:path=}) or behind an in-process
 * {@link VelesServer} on loopback ({@code jdbc:veles:url=}), through a HikariCP pool. Owns the
 * directory, the server and the pool; close it.
 */
final class VelesDatabase implements AutoCloseable {
  final Path dir;
  private final VelesServer server;
  private final HikariDataSource pool;

  VelesDatabase(boolean remote) throws Exception {
    dir = Files.createTempDirectory("veles-sai");
    server = remote ? VelesServer.builder().path(dir.resolve("db")).port(0).start() : null;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(
        remote ? "jdbc:veles:url=" + server.httpUrl() : "jdbc:veles:path=" + dir.resolve("db"));
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(10_000);
    pool = new HikariDataSource(config);
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

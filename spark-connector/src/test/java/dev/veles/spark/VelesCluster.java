package dev.veles.spark;

import dev.veles.jdbc.remote.VelesRemoteDriver;
import dev.veles.server.VelesServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * A test cluster: N Veles servers in this JVM on loopback ephemeral ports, each over its own
 * temporary database, and a {@code local[2]} Spark session whose catalog {@code veles} names them.
 * Closing it stops Spark and the servers and deletes the databases. Not thread-safe.
 */
final class VelesCluster implements AutoCloseable {
  final List<VelesServer> servers = new ArrayList<>();
  final Path dir;
  final SparkSession spark;

  VelesCluster(int shards) throws IOException, SQLException {
    dir = Files.createTempDirectory("veles-spark");
    for (int i = 0; i < shards; i++) {
      servers.add(VelesServer.builder().path(dir.resolve("shard" + i)).port(0).start());
    }
    spark = session("veles", urls());
  }

  /** The servers' addresses, comma-separated, as the catalog option wants them. */
  String urls() {
    return String.join(",", servers.stream().map(VelesServer::httpUrl).toList());
  }

  static SparkSession session(String catalog, String urls) {
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
    return SparkSession.builder()
        .master("local[2]")
        .appName("veles-spark-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.catalog." + catalog, VelesCatalog.class.getName())
        .config("spark.sql.catalog." + catalog + ".shards", urls)
        .getOrCreate();
  }

  /** A JDBC connection straight to one shard. */
  Connection shard(int i) throws SQLException {
    Properties p = new Properties();
    p.setProperty("url", servers.get(i).httpUrl());
    return VelesRemoteDriver.open(p);
  }

  @Override
  public void close() throws Exception {
    spark.stop();
    for (VelesServer s : servers) {
      s.close();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

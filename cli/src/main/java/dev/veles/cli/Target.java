package dev.veles.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The database a command works on: {@code --path DIR} (embedded) or {@code --url URL}. */
final class Target {
  @Option(
      names = "--path",
      paramLabel = "DIR",
      description = "Embedded database directory (default ./veles-data).")
  Path path;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "Any JDBC URL, e.g. jdbc:avatica:remote:url=http://localhost:8765;serialization=protobuf")
  String url;

  /** The JDBC URL to connect to. */
  String jdbcUrl() {
    if (url != null && path != null) {
      throw new IllegalArgumentException("give either --path or --url, not both");
    }
    if (url != null) {
      return url;
    }
    Path dir = path != null ? path : Path.of("veles-data");
    return "jdbc:veles:path=" + dir.toAbsolutePath();
  }
}

package dev.veles.sql.quidem;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.stream.Stream;
import net.hydromatic.quidem.Quidem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every {@code sql/*.iq} test resource with <a href="https://github.com/julianhyde/quidem">
 * Quidem</a>, each against a fresh temporary database, and fails with the script name and a diff
 * when the output differs from the script.
 *
 * <p>A script connects with {@code !use veles} (an embedded {@code jdbc:veles:path=<tmpdir>}
 * connection; a second {@code !use veles} closes and reopens the same database, which scripts use
 * to check what survives a restart). Failures are reported by {@code !error} as {@code SQLSTATE
 * xxxxx: message} (see {@link SqlStateConnections}). The actual output of each script is also
 * written to {@code target/quidem/<name>.iq}, so that an intended change is reviewed with {@code
 * diff} and copied over the script.
 */
class QuidemTest {
  /** The folder of the scripts on the test class path. */
  static final String SCRIPTS = "sql";

  /** Where actual outputs go, relative to the module directory surefire runs in. */
  private static final Path OUTPUT = Path.of("target", "quidem");

  /** Longest stack trace printed for an unexpected failure; enough for the cause chain's top. */
  private static final int STACK_LIMIT = 4096;

  static Stream<String> scripts() throws IOException, URISyntaxException {
    URL url = QuidemTest.class.getClassLoader().getResource(SCRIPTS);
    if (url == null || !"file".equals(url.getProtocol())) {
      throw new IllegalStateException(
          "no script folder '" + SCRIPTS + "' on the class path: " + url);
    }
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      List<String> names =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".iq"))
              .sorted()
              .toList();
      return names.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void script(String name, @TempDir Path dir) throws Exception {
    String script = read(name);
    String actual = run(script, dir);
    Files.createDirectories(OUTPUT);
    Files.writeString(OUTPUT.resolve(name), actual, StandardCharsets.UTF_8);
    if (!actual.equals(script)) {
      fail(
          "script "
              + SCRIPTS
              + "/"
              + name
              + " differs from its output (written to "
              + OUTPUT.resolve(name).toAbsolutePath()
              + "):\n"
              + LineDiff.diff(script, actual));
    }
  }

  /** The harness itself must notice a wrong expectation, or no script proves anything. */
  @Test
  void wrongExpectationsAreReported(@TempDir Path dir) throws Exception {
    String script =
        """
        !use veles
        CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL);
        (0 rows modified)

        !update
        INSERT INTO t VALUES (1, ARRAY[1.0, 2.0]);
        (5 rows modified)

        !update
        SELECT * FROM nope;
        SQLSTATE 23505: wrong state
        !error
        """;
    String actual = run(script, dir);
    String diff = LineDiff.diff(script, actual);
    for (String expected :
        List.of(
            "-(5 rows modified)",
            "+(1 row modified)",
            "-SQLSTATE 23505: wrong state",
            "+java.sql.SQLException: SQLSTATE 42P01: relation \"nope\" does not exist"
                + " (line 1, column 15)")) {
      if (!diff.contains(expected)) {
        fail("the diff lacks '" + expected + "':\n" + diff);
      }
    }
  }

  /** Runs {@code script} against a new database in {@code dir} and returns Quidem's output. */
  static String run(String script, Path dir) {
    StringWriter out = new StringWriter();
    Quidem.ConnectionFactory factory = (db, reference) -> connect(db, reference, dir);
    Quidem.Config config =
        Quidem.configBuilder()
            .withReader(new StringReader(script))
            .withWriter(out)
            .withConnectionFactory(factory)
            .withStackLimit(STACK_LIMIT)
            .build();
    new Quidem(config).execute();
    return out.toString();
  }

  private static Connection connect(String db, boolean reference, Path dir) throws Exception {
    if (reference) {
      return null; // no reference database: scripts use !ok, never !verify
    }
    if (!"veles".equals(db)) {
      throw new IllegalArgumentException("unknown database '" + db + "': scripts use '!use veles'");
    }
    return SqlStateConnections.wrap(DriverManager.getConnection("jdbc:veles:path=" + dir));
  }

  private static String read(String name) throws IOException {
    try (var in = QuidemTest.class.getClassLoader().getResourceAsStream(SCRIPTS + "/" + name)) {
      if (in == null) {
        throw new IOException("missing script " + SCRIPTS + "/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

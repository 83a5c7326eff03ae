package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole path in one slice: DDL, inserts, an exact nearest-neighbour query and {@code CALL
 * flush()} through a HikariCP pool (embedded, or a server on an ephemeral port), then the directory
 * opened again by a new JVM that must find every row.
 */
class SliceTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Remote.Mode.class)
  void rowsSurviveIntoANewProcess(Remote.Mode mode) throws Exception {
    try (Remote r = new Remote(mode, dir, 2);
        Connection c = r.connection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(3) NOT NULL, label VARCHAR(20))");
      assertEquals(
          4,
          s.executeUpdate(
              "INSERT INTO t VALUES (1, ARRAY[0, 0, 0], 'origin'), (2, ARRAY[1, 0, 0], 'x'),"
                  + " (3, ARRAY[0, 2, 0], 'y'), (4, ARRAY[0, 0, 3], 'z')"));
      List<String> nearest = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT id, l2_distance(v, ARRAY[0.9, 0.1, 0]) AS d FROM t ORDER BY d LIMIT 2")) {
        while (rs.next()) {
          nearest.add(rs.getLong(1) + ":" + Math.round(rs.getDouble(2) * 1000));
        }
      }
      // exact distances: id 2 at sqrt(0.02), the origin at sqrt(0.82)
      assertEquals(List.of("2:141", "1:906"), nearest);
      s.execute("CALL flush()");
    }
    assertEquals(
        List.of(
            "1 [0.0,0.0,0.0] origin",
            "2 [1.0,0.0,0.0] x",
            "3 [0.0,2.0,0.0] y",
            "4 [0.0,0.0,3.0] z"),
        readInChildJvm(dir));
  }

  /** Runs {@link Reader} in a new JVM and returns what it printed. */
  private static List<String> readInChildJvm(Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "--add-modules",
                "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Reader.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("child JVM failed: " + out);
    }
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  /** The child: opens the directory and prints every row of {@code t}, one per line. */
  public static final class Reader {
    public static void main(String[] args) throws SQLException {
      try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + args[0]);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT id, vec_text(v), label FROM t ORDER BY id")) {
        while (rs.next()) {
          System.out.println(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3));
        }
      }
    }
  }
}

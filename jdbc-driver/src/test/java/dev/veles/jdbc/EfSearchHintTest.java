package dev.veles.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veles.calcite.VelesPrepare;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.rel.hint.RelHint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ef_search} query hint is known to Calcite's hint table, so preparing a hinted query
 * logs nothing (Calcite used to warn once per prepared statement that the hint is unregistered).
 * The logging binding of the tests (slf4j-simple) writes warnings to {@code System.err}, which is
 * captured around the prepare; a plain Calcite connection shows the capture does see the warning.
 */
class EfSearchHintTest {
  private static final String WARNING = "should be registered in the HintStrategyTable";

  @TempDir Path dir;

  @Test
  void theHintTableKnowsEfSearch() {
    assertTrue(
        VelesPrepare.HINTS.validateHint(RelHint.builder("ef_search").hintOption("64").build()));
    assertTrue(
        VelesPrepare.HINTS.validateHint(RelHint.builder("EF_SEARCH").hintOption("8").build()));
  }

  @Test
  void preparingAHintedQueryLogsNothing() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + dir)) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE h (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL) WITH (metric ="
                + " 'l2')");
        s.execute("INSERT INTO h VALUES (1, ARRAY[1, 0]), (2, ARRAY[0, 1])");
      }
      String log =
          stderrOf(
              () -> {
                // A text of its own, so the plan cache cannot have it from another test.
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "SELECT /*+ ef_search(37) */ id FROM h ORDER BY l2_distance(v, ?) LIMIT"
                            + " 1")) {
                  ps.setObject(1, new float[] {0.1f, 0.9f});
                  try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(2, rs.getLong(1));
                  }
                }
              });
      assertFalse(log.contains(WARNING), log);
    }
  }

  @Test
  void aBadHintArgumentIsAnInvalidParameterValue() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + dir);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE b (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  s.executeQuery(
                      "SELECT /*+ ef_search(many) */ id FROM b ORDER BY l2_distance(v, ARRAY[1,"
                          + " 0]) LIMIT 1"));
      assertEquals("22023", e.getSQLState(), e.toString());
      assertTrue(e.getMessage().contains("hint ef_search needs an integer"), e.getMessage());
    }
  }

  @Test
  void theCaptureSeesCalcitesWarning() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:calcite:")) {
      String log =
          stderrOf(
              () -> {
                try (PreparedStatement ps =
                    c.prepareStatement("SELECT /*+ ef_search(41) */ 1 AS x FROM (VALUES (1))")) {
                  ps.executeQuery().close();
                }
              });
      assertTrue(log.contains(WARNING), log);
    }
  }

  private interface SqlRun {
    void run() throws SQLException;
  }

  private static String stderrOf(SqlRun run) throws SQLException {
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      run.run();
    } finally {
      System.setErr(saved);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}

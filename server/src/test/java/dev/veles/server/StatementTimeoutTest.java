package dev.veles.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No statement holds a server worker forever: the server's statement timeout ends a long query with
 * 57014 for both clients, and {@code Statement.cancel()} ends one on the embedded driver (the
 * connection the server holds per client); the connection stays usable.
 */
class StatementTimeoutTest {
  @TempDir Path dir;

  /** A three-way cross join over 1,500 rows: 3.4 billion combinations, minutes of work. */
  private static final String LONG_QUERY =
      "SELECT count(*) FROM t a, t b, t c WHERE a.id + b.id + c.id > 0";

  private static void fill(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2))");
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ARRAY[0.1, 0.2])")) {
      for (int i = 0; i < 1500; i++) {
        ps.setLong(1, i);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Test
  void theServersStatementTimeoutEndsALongQueryForBothClients() throws Exception {
    try (VelesServer server =
        VelesServer.builder()
            .path(dir.resolve("db"))
            .port(0)
            .statementTimeout(Duration.ofSeconds(2))
            .start()) {
      try (Connection c = DriverManager.getConnection(server.clientUrl())) {
        fill(c);
      }
      for (String url : List.of(server.clientUrl(), "jdbc:veles:url=" + server.httpUrl())) {
        try (Connection c = DriverManager.getConnection(url);
            Statement s = c.createStatement()) {
          long start = System.nanoTime();
          SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(LONG_QUERY));
          long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
          assertEquals("57014", e.getSQLState(), url + ": " + e.getMessage());
          assertTrue(e.getMessage().contains("statement timeout"), e.getMessage());
          assertTrue(seconds < 60, url + ": the timeout took " + seconds + " s");
          try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            assertTrue(rs.next());
            assertEquals(1500, rs.getLong(1));
          }
        }
      }
    }
  }

  @Test
  void cancelOfTheVelesDriverEndsTheStatementOnTheServer() throws Exception {
    try (VelesServer server = VelesServer.builder().path(dir.resolve("db")).port(0).start()) {
      try (Connection c = DriverManager.getConnection(server.clientUrl())) {
        fill(c);
      }
      try (Connection c = DriverManager.getConnection("jdbc:veles:url=" + server.httpUrl())) {
        for (boolean prepared : new boolean[] {false, true}) {
          Statement s = prepared ? c.prepareStatement(LONG_QUERY) : c.createStatement();
          Thread canceller =
              new Thread(
                  () -> {
                    try {
                      Thread.sleep(1500);
                      s.cancel();
                    } catch (InterruptedException | SQLException e) {
                      throw new AssertionError(e);
                    }
                  },
                  "canceller");
          long start = System.nanoTime();
          canceller.start();
          SQLException e =
              assertThrows(
                  SQLException.class,
                  () -> {
                    if (s instanceof PreparedStatement ps) {
                      ps.executeQuery();
                    } else {
                      s.executeQuery(LONG_QUERY);
                    }
                  });
          canceller.join();
          long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
          assertEquals("57014", e.getSQLState(), e.getMessage());
          assertTrue(e.getMessage().contains("statement canceled"), e.getMessage());
          assertTrue(seconds < 60, "the cancel took " + seconds + " s");
          s.close();
        }
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
          assertTrue(rs.next());
          assertEquals(1500, rs.getLong(1));
        }
      }
    }
  }

  @Test
  void cancelEndsARunningStatementOfTheEmbeddedDriver() throws Exception {
    String url = "jdbc:veles:path=" + dir.resolve("db").toAbsolutePath();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      fill(c);
      Thread canceller =
          new Thread(
              () -> {
                try {
                  Thread.sleep(1500);
                  s.cancel();
                } catch (InterruptedException | SQLException e) {
                  throw new AssertionError(e);
                }
              },
              "canceller");
      long start = System.nanoTime();
      canceller.start();
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(LONG_QUERY));
      canceller.join();
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(seconds < 60, "the cancel took " + seconds + " s");
      s.setQueryTimeout(1);
      SQLException timeout = assertThrows(SQLException.class, () -> s.executeQuery(LONG_QUERY));
      assertEquals("57014", timeout.getSQLState(), timeout.getMessage());
      s.setQueryTimeout(0);
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
        assertTrue(rs.next());
        assertEquals(1500, rs.getLong(1));
      }
    }
  }
}

package dev.veles.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statement text above the server's limit is refused with 54000 before parsing, by both clients.
 */
class StatementLimitTest {
  @TempDir Path dir;

  private static String padded(int length) {
    StringBuilder b = new StringBuilder("VALUES 1 /*");
    while (b.length() < length - 2) {
      b.append('x');
    }
    return b.append("*/").toString();
  }

  private static void refused(Runnable attempt, String what) {
    try {
      attempt.run();
      fail(what + ": a statement over the limit ran");
    } catch (RuntimeException e) {
      SQLException sql = (SQLException) e.getCause();
      String state = null;
      StringBuilder messages = new StringBuilder();
      for (Throwable t = sql; t != null; t = t.getCause()) {
        messages.append(t.getMessage()).append(" | ");
        if (t instanceof org.apache.calcite.avatica.AvaticaSqlException a) {
          messages.append(a.getStackTraces()).append(" | ");
        }
        if (state == null && t instanceof SQLException s && "54000".equals(s.getSQLState())) {
          state = s.getSQLState();
        }
      }
      assertEquals("54000", state, what + ": " + sql);
      assertTrue(messages.toString().contains("statement too long"), messages.toString());
    }
  }

  private interface SqlAction {
    void run() throws SQLException;
  }

  private static Runnable unchecked(SqlAction a) {
    return () -> {
      try {
        a.run();
      } catch (SQLException e) {
        throw new RuntimeException(e);
      }
    };
  }

  @Test
  void longStatementsAreRefusedShortOnesRun() throws Exception {
    try (VelesServer server =
        VelesServer.builder().path(dir.resolve("db")).port(0).maxStatementChars(1000).start()) {
      for (String url : List.of(server.clientUrl(), "jdbc:veles:url=" + server.httpUrl())) {
        try (Connection c = DriverManager.getConnection(url);
            Statement s = c.createStatement()) {
          String ok = padded(1000);
          String tooLong = padded(1001);
          try (ResultSet rs = s.executeQuery(ok)) {
            assertTrue(rs.next(), url);
          }
          refused(unchecked(() -> s.executeQuery(tooLong).close()), url + " execute");
          refused(unchecked(() -> c.prepareStatement(tooLong).close()), url + " prepare");
          // The connection is still usable.
          try (ResultSet rs = s.executeQuery("VALUES 2")) {
            assertTrue(rs.next());
            assertEquals(2, rs.getInt(1));
          }
        }
      }
    }
  }
}

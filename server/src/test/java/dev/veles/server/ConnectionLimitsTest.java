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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection limits refuse the newcomer with 53300 instead of evicting anyone (issue 13: 1,100
 * connections from one client evicted 112 others), per client address and in total; idle
 * connections expire and stop counting.
 */
class ConnectionLimitsTest {
  @TempDir Path dir;

  private static int select1(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("VALUES 1")) {
      assertTrue(rs.next());
      return rs.getInt(1);
    }
  }

  private static String refusal(String url) {
    try (Connection c = DriverManager.getConnection(url)) {
      select1(c);
    } catch (SQLException | RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        String state =
            t instanceof SQLException s
                ? s.getSQLState()
                : t instanceof AvaticaClientRuntimeException a ? a.getSqlState() : null;
        if ("53300".equals(state)) {
          return t.getMessage();
        }
      }
      fail("refused without 53300", e);
    }
    fail("a connection over the limit was admitted");
    return null;
  }

  @Test
  void newcomersAreRefusedAndNobodyIsEvicted() throws Exception {
    for (int[] limits : new int[][] {{100, 3}, {3, 100}}) {
      try (VelesServer server =
          VelesServer.builder()
              .path(dir.resolve("db"))
              .port(0)
              .maxConnections(limits[0], limits[1])
              .start()) {
        for (String url : List.of(server.clientUrl(), "jdbc:veles:url=" + server.httpUrl())) {
          List<Connection> held = new ArrayList<>();
          try {
            for (int i = 0; i < 3; i++) {
              held.add(DriverManager.getConnection(url));
              assertEquals(1, select1(held.get(i)));
            }
            for (int attempt = 0; attempt < 5; attempt++) {
              String m = refusal(url);
              assertTrue(m.contains("too many connections"), m);
              assertTrue(
                  m.contains(limits[1] == 3 ? "client address" : "the server has its limit"), m);
            }
            // Every connection held before the refusals still works.
            for (Connection c : held) {
              assertEquals(1, select1(c));
            }
            held.remove(0).close();
            try (Connection again = DriverManager.getConnection(url)) {
              assertEquals(1, select1(again));
            }
          } finally {
            for (Connection c : held) {
              c.close();
            }
          }
        }
      }
    }
  }

  @Test
  void idleConnectionsExpireAndStopCounting() throws Exception {
    try (VelesServer server =
        VelesServer.builder()
            .path(dir.resolve("db"))
            .port(0)
            .maxConnections(2, 2)
            .idleTimeout(Duration.ofSeconds(1))
            .start()) {
      Connection idle1 = DriverManager.getConnection(server.clientUrl());
      Connection idle2 = DriverManager.getConnection(server.clientUrl());
      assertEquals(1, select1(idle1));
      assertEquals(1, select1(idle2));
      refusal(server.clientUrl());
      Thread.sleep(2_500);
      try (Connection fresh = DriverManager.getConnection(server.clientUrl())) {
        assertEquals(1, select1(fresh));
      }
      // The expired connection is gone on the server: its next use fails with a SQLSTATE.
      try {
        select1(idle1);
        fail("an expired connection still worked");
      } catch (SQLException | RuntimeException e) {
        assertTrue(e.getMessage() != null, e.toString());
      } finally {
        try {
          idle1.close();
          idle2.close();
        } catch (SQLException | RuntimeException ignored) {
          // closing a connection the server already dropped
        }
      }
    }
  }

  /**
   * The idle timeout counts from a connection's last request of any kind: executing one prepared
   * statement for longer than the timeout keeps the connection, whose next connection-level call (a
   * new statement, a commit) then works. A million-row ingest lost its connection this way.
   */
  @Test
  void aConnectionBusyWithOnePreparedStatementDoesNotExpire() throws Exception {
    try (VelesServer server =
            VelesServer.builder()
                .path(dir.resolve("db"))
                .port(0)
                .idleTimeout(Duration.ofSeconds(1))
                .start();
        Connection c = DriverManager.getConnection(server.clientUrl())) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, n INTEGER)");
      }
      long end = System.nanoTime() + 3_000_000_000L;
      int rows = 0;
      try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
        while (System.nanoTime() < end) {
          ps.setLong(1, rows++);
          ps.setInt(2, rows);
          ps.executeUpdate();
          Thread.sleep(100);
        }
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
        assertTrue(rs.next());
        assertEquals(rows, rs.getInt(1));
      }
    }
  }
}

package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.veles.jdbc.remote.RemoteConnection;
import dev.veles.server.VelesServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Veles driver's remote mode when the network or the server fails, against a real server behind
 * a {@link FaultyProxy}: a hung server fails the client within its timeouts (08001 at connect,
 * 57014 for a query timeout, 08006 then 08003 otherwise); a write whose reply is lost after the
 * server applied it is not retried (one row, one increment, counted after a restart); a socket the
 * server closed while idle is replaced without an error; a restarted server's stale connection is
 * replaced by a HikariCP pool.
 */
class RemoteTransportTest {
  @TempDir Path dir;

  private static String url(int port, String extra) {
    return "jdbc:veles:url=http://localhost:" + port + extra;
  }

  @Test
  void aHungServerFailsTheClientWithinItsTimeouts() throws Exception {
    try (VelesServer server = VelesServer.builder().path(dir).port(0).start();
        FaultyProxy proxy = new FaultyProxy(server.port())) {
      // Set up and warm the plans directly: a cold server plans its first statements slowly.
      try (Connection direct = DriverManager.getConnection(url(server.port(), ""));
          Statement s = direct.createStatement()) {
        s.execute("CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
        s.executeUpdate("INSERT INTO t VALUES (1, ARRAY[1, 2])");
        assertEquals(1, count(direct, "t"));
      }
      hang(proxy);
    }
  }

  private static void hang(FaultyProxy proxy) throws Exception {
    try (Connection c = DriverManager.getConnection(url(proxy.port(), ";socket_timeout=3000"));
        Statement s = c.createStatement();
        Statement q = c.createStatement()) {
      // A query timeout: 57014, and the connection stays usable once the server answers again.
      q.setQueryTimeout(1);
      proxy.hang(true);
      long queryStart = System.nanoTime();
      SQLException timeout =
          assertThrows(SQLException.class, () -> q.executeQuery("SELECT count(*) FROM t"));
      long queryMs = elapsedMs(queryStart);
      assertInstanceOf(SQLTimeoutException.class, timeout, timeout.toString());
      assertEquals("57014", timeout.getSQLState(), timeout.toString());
      assertTrue(queryMs >= 990 && queryMs < 6_000, "query timeout after " + queryMs + " ms");
      proxy.hang(false);
      assertTrue(c.isValid(5), "a query timeout does not break the connection");
      assertEquals(1, count(c, "t"));

      // No query timeout: socket_timeout ends the wait and breaks the connection.
      proxy.hang(true);
      long start = System.nanoTime();
      SQLException e =
          assertThrows(SQLException.class, () -> s.executeQuery("SELECT count(*) FROM t"));
      long ms = elapsedMs(start);
      assertEquals("08006", e.getSQLState(), e.toString());
      assertTrue(ms >= 2_990 && ms < 10_000, "gave up after " + ms + " ms");
      assertFalse(c.isValid(1), "a broken connection is not valid");
      SQLException after = assertThrows(SQLException.class, () -> count(c, "t"));
      assertEquals("08003", after.getSQLState(), after.toString());

      // A new connection to the hung server: 08001 within the same bound.
      start = System.nanoTime();
      SQLException connect =
          assertThrows(
              SQLException.class,
              () -> DriverManager.getConnection(url(proxy.port(), ";socket_timeout=3000")));
      ms = elapsedMs(start);
      assertEquals("08001", connect.getSQLState(), connect.toString());
      assertTrue(ms >= 2_990 && ms < 10_000, "connect gave up after " + ms + " ms");
    }
  }

  @Test
  void aReplyLostAfterTheWriteRanIsNotRetried() throws Exception {
    int port;
    try (VelesServer server = VelesServer.builder().path(dir).port(0).start();
        FaultyProxy proxy = new FaultyProxy(server.port())) {
      port = server.port();
      try (Connection c = DriverManager.getConnection(url(proxy.port(), ""));
          Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL, n DOUBLE)");
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO t VALUES (?, ?, 0)")) {
          ins.setLong(1, 1);
          ins.setObject(2, new float[] {1f, 2f});
          assertEquals(1, ins.executeUpdate());
          ins.setLong(1, 2);
          ins.setObject(2, new float[] {3f, 4f});
          proxy.dropNextReply();
          SQLException e = assertThrows(SQLException.class, ins::executeUpdate);
          assertEquals("08006", e.getSQLState(), e.toString());
          assertTrue(e.getMessage().contains("may or may not"), e.getMessage());
          assertEquals(1, proxy.dropped.get());
        }
        assertFalse(c.isValid(1));
      }
      // An increment, which a resend would apply twice: its reply is lost too.
      try (Connection c = DriverManager.getConnection(url(proxy.port(), ""));
          Statement s = c.createStatement()) {
        assertEquals(1, s.executeUpdate("UPDATE t SET n = n + 1 WHERE id = 1"));
        proxy.dropNextReply();
        SQLException e =
            assertThrows(
                SQLException.class, () -> s.executeUpdate("UPDATE t SET n = n + 1 WHERE id = 1"));
        assertEquals("08006", e.getSQLState(), e.toString());
        assertEquals(2, proxy.dropped.get());
      }
    }
    // After a restart, the server has both rows once and the increment applied twice, not three
    // times: each write whose reply was lost ran exactly once.
    try (VelesServer restarted = VelesServer.builder().path(dir).port(port).start();
        Connection c = DriverManager.getConnection(url(restarted.port(), ""));
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT id, count(*), max(n) FROM t GROUP BY id ORDER BY id")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getLong(1));
      assertEquals(1, rs.getLong(2));
      assertEquals(2.0, rs.getDouble(3), "the increment whose reply was lost ran exactly once");
      assertTrue(rs.next());
      assertEquals(2, rs.getLong(1));
      assertEquals(1, rs.getLong(2), "the insert whose reply was lost ran exactly once");
      assertFalse(rs.next());
    }
  }

  @Test
  void aSocketTheServerClosedWhileIdleIsReplacedWithoutError() throws Exception {
    try (VelesServer server = VelesServer.builder().path(dir).port(0).start();
        FaultyProxy proxy = new FaultyProxy(server.port());
        Connection c = DriverManager.getConnection(url(proxy.port(), ""));
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
      for (int i = 0; i < 5; i++) {
        proxy.closeClientSockets(); // as the server's idle timeout would
        Thread.sleep(50); // the quiet period in which the close arrives
        // An insert is never resent, so it succeeds only if the closed socket was not used.
        assertEquals(1, s.executeUpdate("INSERT INTO t VALUES (" + i + ", ARRAY[1, 2])"));
      }
      assertEquals(5, count(c, "t"));
      assertTrue(c.isValid(1));
    }
  }

  @Test
  void aPoolReplacesTheConnectionsOfARestartedServer() throws Exception {
    VelesServer server = VelesServer.builder().path(dir).port(0).start();
    int port = server.port();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url(port, ""));
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(10_000);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      RemoteConnection first;
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
        s.executeUpdate("INSERT INTO t VALUES (1, ARRAY[1, 2])");
        first = c.unwrap(RemoteConnection.class);
      }
      server.close(); // the server's sessions are gone with it
      server = VelesServer.builder().path(dir).port(port).start();
      Thread.sleep(600); // past HikariCP's 500 ms window in which it skips validation
      try (Connection c = pool.getConnection()) {
        assertNotSame(first, c.unwrap(RemoteConnection.class), "the stale connection is replaced");
        assertEquals(1, count(c, "t"));
      }
      assertFalse(first.isValid(1));
    } finally {
      server.close();
    }
  }

  @Test
  void anotherAvaticaHttpClientCanBeNamed() throws Exception {
    try (VelesServer server = VelesServer.builder().path(dir).port(0).start();
        Connection c =
            DriverManager.getConnection(
                url(
                    server.port(),
                    ";httpclient_impl="
                        + org.apache.calcite.avatica.remote.AvaticaCommonsHttpClientImpl.class
                            .getName()));
        Statement s = c.createStatement()) {
      assertNull(c.unwrap(RemoteConnection.class).transport(), "Avatica's client sends");
      s.execute("CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
        ins.setLong(1, 1);
        ins.setObject(2, new float[] {1f, 2f}); // still packed
        assertEquals(1, ins.executeUpdate());
      }
      assertEquals(1, count(c, "t"));
      assertTrue(c.isValid(5));
    }
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  private static long elapsedMs(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }
}

package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.veles.server.VelesServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Transactions through {@code ./veles server}: the SQL statements and the commit/rollback calls
 * from the stock Avatica client (protobuf and JSON) and the Veles driver, savepoints in the Veles
 * driver, rollback when a connection closes or idles in a transaction, and a pool that does not
 * hand a transaction to its next borrower.
 */
class RemoteTransactionTest {
  @TempDir Path dir;

  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void run(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static VelesServer server(Path dir, Serialization ser) throws Exception {
    return VelesServer.builder()
        .path(dir)
        .port(0)
        .serialization(ser)
        .idleInTransactionTimeout(Duration.ofSeconds(1))
        .start();
  }

  enum Client {
    PROTOBUF,
    JSON,
    VELES
  }

  private static String url(VelesServer s, Client c) {
    return c == Client.VELES ? "jdbc:veles:url=" + s.httpUrl() : s.clientUrl();
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void sqlStatementsAndJdbcCallsEndTransactions(Client client) throws Exception {
    Serialization ser = client == Client.JSON ? Serialization.JSON : Serialization.PROTOBUF;
    try (VelesServer server = server(dir, ser);
        Connection a = DriverManager.getConnection(url(server, client));
        Connection b = DriverManager.getConnection(url(server, client))) {
      run(a, "CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
      run(a, "BEGIN");
      run(a, "INSERT INTO t VALUES (1, ARRAY[1, 0])");
      assertEquals(1, count(a, "t"), "own write visible");
      assertEquals(0, count(b, "t"), "not yet committed");
      run(a, "ROLLBACK");
      assertEquals(0, count(a, "t"));
      run(a, "START TRANSACTION");
      run(a, "INSERT INTO t VALUES (2, ARRAY[1, 0])");
      run(a, "SAVEPOINT s");
      run(a, "INSERT INTO t VALUES (3, ARRAY[1, 0])");
      run(a, "ROLLBACK TO SAVEPOINT s");
      run(a, "COMMIT");
      assertEquals(1, count(b, "t"));
      a.setAutoCommit(false);
      run(a, "INSERT INTO t VALUES (4, ARRAY[1, 0])");
      a.rollback();
      run(a, "INSERT INTO t VALUES (5, ARRAY[1, 0])");
      a.commit();
      assertEquals(2, count(b, "t"));
      if (client == Client.VELES) {
        run(a, "INSERT INTO t VALUES (6, ARRAY[1, 0])");
        Savepoint sp = a.setSavepoint("x");
        run(a, "INSERT INTO t VALUES (7, ARRAY[1, 0])");
        a.rollback(sp);
        a.releaseSavepoint(sp);
        a.commit();
        assertEquals(3, count(b, "t"), "6 committed, 7 rolled back to the savepoint");
      }
      a.setAutoCommit(true);
      run(a, "BEGIN");
      run(a, "INSERT INTO t VALUES (8, ARRAY[1, 0])");
      a.close(); // the server rolls back
      assertEquals(0, countId(b, 8));
    }
  }

  /** A batch that opens a manual-commit transaction belongs to it: rollback() undoes it. */
  @ParameterizedTest
  @EnumSource(Client.class)
  void batchAsFirstStatementOfATransactionIsRolledBack(Client client) throws Exception {
    Serialization ser = client == Client.JSON ? Serialization.JSON : Serialization.PROTOBUF;
    try (VelesServer server = server(dir, ser);
        Connection a = DriverManager.getConnection(url(server, client));
        Connection b = DriverManager.getConnection(url(server, client))) {
      run(a, "CREATE TABLE d (id VARCHAR(20) PRIMARY KEY, body TEXT)");
      a.setAutoCommit(false);
      try (PreparedStatement ps = a.prepareStatement("UPSERT INTO d VALUES (?, ?)")) {
        for (int i = 0; i < 5; i++) {
          ps.setString(1, "k" + i);
          ps.setString(2, "v");
          ps.addBatch();
        }
        ps.executeBatch();
      }
      assertEquals(5, count(a, "d"));
      assertEquals(0, count(b, "d"), "not committed yet");
      a.rollback();
      assertEquals(0, count(a, "d"));
      try (Statement s = a.createStatement()) {
        s.addBatch("INSERT INTO d VALUES ('x', 'y')");
        s.executeBatch();
      }
      a.commit();
      assertEquals(1, count(b, "d"));
    }
  }

  private static long countId(Connection c, long id) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM t WHERE id = " + id)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void idleTransactionIsRolledBackAndItsSessionClosed() throws Exception {
    try (VelesServer server = server(dir, Serialization.PROTOBUF);
        Connection a = DriverManager.getConnection(server.clientUrl());
        Connection b = DriverManager.getConnection(server.clientUrl())) {
      run(a, "CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
      run(a, "BEGIN");
      run(a, "INSERT INTO t VALUES (1, ARRAY[1, 0])");
      long deadline = System.nanoTime() + 10_000_000_000L;
      boolean closed = false;
      while (!closed && System.nanoTime() < deadline) {
        Thread.sleep(250);
        try (Connection probe = DriverManager.getConnection(server.clientUrl())) {
          // b's writes to the same row fail with 40001 while a's transaction holds it.
          try {
            run(probe, "INSERT INTO t VALUES (1, ARRAY[2, 0])");
            closed = true;
          } catch (SQLException e) {
            assertEquals("40001", e.getSQLState(), e.toString());
          }
        }
      }
      assertTrue(closed, "the idle transaction still holds its row after 10 s");
      assertEquals(1, count(b, "t"));
      // The stock client reports the closed session as its own runtime exception.
      assertThrows(Exception.class, () -> count(a, "t"), "the idle session is still open");
    }
  }

  /**
   * HikariCP on return calls {@code rollback()} only when the pool runs with auto-commit off and
   * the borrower ran a statement (its {@code ProxyConnection.close}); otherwise it resets only what
   * the borrower changed through JDBC setters and calls {@code clearWarnings()}, which the stock
   * client answers locally: nothing reaches the server. A pool of the stock client therefore runs
   * with auto-commit off, and the server rolls back what a borrower left open.
   */
  @Test
  void pooledStockClientConnectionDoesNotLeakATransaction() throws Exception {
    try (VelesServer server = server(dir, Serialization.PROTOBUF)) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(server.clientUrl());
      config.setMaximumPoolSize(1);
      config.setAutoCommit(false);
      config.setPoolName("tx-leak");
      try (HikariDataSource pool = new HikariDataSource(config)) {
        try (Connection c = pool.getConnection()) {
          run(c, "CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
          c.commit();
        }
        try (Connection c = pool.getConnection()) {
          run(c, "BEGIN");
          run(c, "INSERT INTO t VALUES (1, ARRAY[1, 0])");
        } // returned without commit
        try (Connection c = pool.getConnection()) {
          assertEquals(0, count(c, "t"), "the next borrower sees nothing of it");
          run(c, "INSERT INTO t VALUES (2, ARRAY[1, 0])");
          c.commit();
        }
        try (Connection other = DriverManager.getConnection(server.clientUrl())) {
          assertEquals(1, count(other, "t"));
        }
      }
    }
  }
}

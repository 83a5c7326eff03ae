package dev.veles.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roles of the user file, enforced at the SQL layer's one write check: {@code read} only reads,
 * {@code write} also writes rows and flushes, {@code admin} also runs DDL and maintenance; a {@code
 * read_only} connection is refused the same statements (including every procedure, which used to
 * bypass it), through both clients and embedded.
 */
class RolesTest {
  private static final List<String> ADMIN_ONLY =
      List.of(
          "CREATE TABLE other (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)",
          "CALL compact('t')",
          "CALL rebuild_index('t')",
          "DROP TABLE t");
  private static final List<String> WRITES =
      List.of(
          "INSERT INTO t VALUES (100, ARRAY[1.0, 2.0])",
          "UPSERT INTO t VALUES (1, ARRAY[3.0, 4.0])",
          "UPDATE t SET v = ARRAY[5.0, 6.0] WHERE id = 1",
          "DELETE FROM t WHERE id = 100",
          "CALL flush()");

  @TempDir static Path dir;
  private static VelesServer server;

  @BeforeAll
  static void start() throws Exception {
    Path db = dir.resolve("db");
    try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + db);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
      s.execute("INSERT INTO t VALUES (1, ARRAY[1.0, 2.0])");
    }
    Path users =
        Files.writeString(
            dir.resolve("users"), "r: rpw,read\nw: wpw,write\na: apw,admin,read\nn: npw,veles\n");
    server =
        VelesServer.builder()
            .path(db)
            .port(0)
            .authentication(VelesServer.Auth.BASIC, users)
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static List<String> urls() {
    return List.of(
        server.clientUrl(), "jdbc:veles:url=" + server.httpUrl() + ";authentication=BASIC");
  }

  private static Connection connect(String url, String user, String password, boolean readOnly)
      throws SQLException {
    Properties p = new Properties();
    p.setProperty("avatica_user", user);
    p.setProperty("avatica_password", password);
    if (readOnly) {
      p.setProperty("read_only", "true");
    }
    return DriverManager.getConnection(url, p);
  }

  private static void refused(Statement s, String sql, String state) {
    SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
    assertEquals(state, e.getSQLState(), sql + ": " + e.getMessage());
  }

  private static long count(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  @Test
  void readRoleOnlyReads() throws Exception {
    for (String url : urls()) {
      try (Connection c = connect(url, "r", "rpw", false);
          Statement s = c.createStatement()) {
        long before = count(s);
        s.execute("SET ef_search = 20"); // a session setting is not a write, and lifts nothing
        for (String sql : WRITES) {
          refused(s, sql, "25006");
        }
        for (String sql : ADMIN_ONLY) {
          refused(s, sql, "25006");
        }
        assertEquals(before, count(s));
      }
    }
  }

  @Test
  void writeRoleWritesRowsAndFlushesButNoDdlOrMaintenance() throws Exception {
    for (String url : urls()) {
      try (Connection c = connect(url, "w", "wpw", false);
          Statement s = c.createStatement()) {
        for (String sql : WRITES) {
          s.execute(sql);
        }
        for (String sql : ADMIN_ONLY) {
          refused(s, sql, "42501");
        }
      }
    }
  }

  @Test
  void adminMayMaintainAndReadOnlyPropertyNarrowsIt() throws Exception {
    for (String url : urls()) {
      try (Connection c = connect(url, "a", "apw", false);
          Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS other (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
        s.execute("CALL compact('t')");
        s.execute("CALL rebuild_index('t')");
        s.execute("CALL flush()");
        s.execute("DROP TABLE other");
      }
      try (Connection c = connect(url, "a", "apw", true);
          Statement s = c.createStatement()) {
        refused(s, "CALL compact('t')", "25006");
        refused(s, "CALL flush()", "25006");
        refused(s, "INSERT INTO t VALUES (7, ARRAY[1.0, 2.0])", "25006");
      }
    }
  }

  @Test
  void userWithoutRoleCannotConnect() {
    for (String url : urls()) {
      try (Connection c = connect(url, "n", "npw", false)) {
        c.createStatement().execute("VALUES 1");
        fail("a user without a role connected through " + url);
      } catch (SQLException | RuntimeException e) {
        assertTrue(String.valueOf(messages(e)).contains("403"), messages(e));
      }
    }
  }

  /** The bypass of issue 13: procedures on an embedded read-only connection. */
  @Test
  void embeddedReadOnlyRefusesEveryProcedure() throws Exception {
    Path db = dir.resolve("embedded");
    try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + db);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
    }
    try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + db + ";read_only=true");
        Statement s = c.createStatement()) {
      for (String sql : WRITES) {
        refused(s, sql, "25006");
      }
      for (String sql : ADMIN_ONLY) {
        refused(s, sql, "25006");
      }
    }
  }

  private static String messages(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (; t != null; t = t.getCause()) {
      b.append(t.getMessage()).append(" | ");
    }
    return b.toString();
  }
}

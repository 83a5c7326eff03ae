package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ALTER TABLE, CREATE / DROP VIEW and CREATE TABLE ... AS embedded and through the server (stock
 * Avatica client with protobuf and JSON, the Veles driver's remote mode): the statements run, the
 * rows and the catalog follow (getTables reports a view as VIEW), and refusals keep their SQLSTATE.
 */
class RemoteDdlTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Remote.Mode.class)
  void ddlWorksEveryWay(Remote.Mode mode) throws Exception {
    try (Remote r = new Remote(mode, dir, 2);
        Connection c = r.connection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE docs (id BIGINT PRIMARY KEY, embedding VECTOR(3), title TEXT)");
      s.executeUpdate(
          "INSERT INTO docs VALUES (1, '[1,0,0]', 'a'), (2, '[0,1,0]', 'b'), (3, '[0,0,1]', 'c')");
      s.execute("ALTER TABLE docs ADD COLUMN price DOUBLE DEFAULT 2.5");
      s.execute("ALTER TABLE docs RENAME COLUMN title TO name");
      assertEquals(
          List.of("1 a 2.5", "2 b 2.5", "3 c 2.5"),
          rows(s, "SELECT id, name, price FROM docs ORDER BY id"));

      s.execute("CREATE VIEW cheap AS SELECT id, name FROM docs WHERE id < 3");
      assertEquals(List.of("1 a", "2 b"), rows(s, "SELECT * FROM cheap ORDER BY id"));
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getTables(null, null, "cheap", null)) {
        assertTrue(rs.next(), "getTables lists the view");
        assertEquals("VIEW", rs.getString("TABLE_TYPE"));
      }
      try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE"})) {
        List<String> names = new ArrayList<>();
        while (rs.next()) {
          names.add(rs.getString("TABLE_NAME"));
        }
        assertTrue(names.contains("docs") && !names.contains("cheap"), names.toString());
      }

      s.execute("CREATE TABLE copy AS SELECT id, embedding, name FROM docs WHERE id > 1");
      assertEquals(
          List.of("3"), rows(s, "SELECT id FROM copy ORDER BY embedding <-> '[0,0,1]' LIMIT 1"));

      assertState("2BP01", r, "DROP TABLE docs");
      assertState("0A000", r, "ALTER TABLE docs ADD CONSTRAINT k UNIQUE (name)");
      assertState("0A000", r, "ALTER TABLE docs ALTER COLUMN price TYPE INTEGER");
      assertState("0A000", r, "CREATE SCHEMA other");
      assertState("42701", r, "ALTER TABLE docs ADD COLUMN price DOUBLE");
      s.execute("DROP VIEW cheap");
      s.execute("DROP TABLE docs");
      s.execute("DROP TABLE copy");
      assertEquals(
          List.of(),
          rows(
              s, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"));
    }
  }

  private static List<String> rows(Statement s, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(i > 1 ? " " : "").append(rs.getString(i));
        }
        out.add(b.toString());
      }
    }
    return out;
  }

  /** On a connection of its own: the pool (HikariCP) retires a connection that saw 0A000. */
  private static void assertState(String state, Remote r, String sql) throws SQLException {
    try (Connection c = r.connection();
        Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
      assertEquals(state, e.getSQLState(), sql + ": " + e);
    }
  }
}

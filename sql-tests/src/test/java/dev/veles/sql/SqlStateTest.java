package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each SQLSTATE a client reacts to, raised where the failure happens (engine, SQL layer, Calcite's
 * validator and parser), as every client sees it: embedded, and through the server with both wire
 * formats and the Veles driver. Each failure is checked on a plain statement and on a prepared one,
 * since the two reach the validator along different paths.
 */
class SqlStateTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Remote.Mode.class)
  void everyStateReachesEveryClient(Remote.Mode mode) throws Exception {
    try (Remote r = new Remote(mode, dir, 1);
        Connection c = r.connection()) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(3) NOT NULL, name"
                + " VARCHAR(10))");
        s.execute("INSERT INTO t VALUES (1, ARRAY[1, 0, 0], 'one')");
      }
      assertState(c, "42P01", "SELECT * FROM nope", "relation \"nope\" does not exist");
      assertState(c, "42P01", "INSERT INTO nope VALUES (1)", "relation \"nope\" does not exist");
      assertState(c, "42P01", "SELECT * FROM veles.nope", "relation \"veles.nope\" does not exist");
      assertState(c, "42703", "SELECT missing FROM t", "column \"missing\" does not exist");
      assertState(c, "42703", "SELECT t.missing FROM t", "column \"missing\" does not exist");
      assertState(c, "42703", "UPDATE t SET missing = 1", "column \"missing\" does not exist");
      assertState(
          c, "42883", "SELECT euclid(v, ARRAY[1, 0, 0]) FROM t", "No match found for function");
      assertState(c, "23502", "INSERT INTO t (id, name) VALUES (2, 'x')", "does not allow NULLs");
      assertState(c, "42601", "SELEC id FROM t", "Non-query expression");
      assertState(c, "42601", "SELECT id FROM t WHERE", "syntax error at end of input");
      assertState(
          c, "23505", "INSERT INTO t VALUES (1, ARRAY[0, 1, 0], 'dup')", "duplicate id 1 in t");
      assertState(
          c,
          "22023",
          "INSERT INTO t VALUES (3, ARRAY[1, 0], 'short')",
          "vector dimension 2 does not match t's dimension 3");
      if (mode == Remote.Mode.EMBEDDED || mode == Remote.Mode.VELES) {
        // The Veles driver raises the JDBC subclass of each state's class, as frameworks expect.
        assertClass(c, SQLSyntaxErrorException.class, "SELECT * FROM nope");
        assertClass(
            c,
            SQLIntegrityConstraintViolationException.class,
            "INSERT INTO t VALUES (1, ARRAY[0, 1, 0], 'dup')");
        assertClass(c, SQLDataException.class, "INSERT INTO t VALUES (3, ARRAY[1, 0], 'short')");
      }
      // A failure leaves the connection usable and the table as it was.
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getLong(1));
      }
      if (mode == Remote.Mode.EMBEDDED || mode == Remote.Mode.VELES) {
        // last: HikariCP retires a connection that raised 0A000
        assertClass(c, SQLFeatureNotSupportedException.class, "CREATE TABLE bad (a GEOMETRY)");
      }
    }
  }

  /**
   * Number and boolean getters read a text column as pgjdbc's do: a number's text converts, other
   * text is a {@link SQLDataException} (22P02, or 22003 out of range) naming the type and the text,
   * which the sqllogictest runner and frameworks test for.
   */
  @ParameterizedTest
  @EnumSource(
      value = Remote.Mode.class,
      names = {"EMBEDDED", "VELES"})
  void numberGettersReadText(Remote.Mode mode) throws Exception {
    try (Remote r = new Remote(mode, dir, 1);
        Connection c = r.connection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT ' 12 ', '-7.9', 'abc', CAST(NULL AS VARCHAR), '99999999999', 'on', '1e3'")) {
      assertTrue(rs.next());
      assertEquals(12, rs.getInt(1));
      assertEquals(12L, rs.getLong(1));
      assertEquals((short) 12, rs.getShort(1));
      assertEquals(12.0, rs.getDouble(1));
      assertEquals(new java.math.BigDecimal("12"), rs.getBigDecimal(1));
      assertEquals(-7, rs.getInt(2), "the whole part, as pgjdbc reads it");
      assertEquals(-7.9f, rs.getFloat(2));
      SQLDataException bad = assertThrows(SQLDataException.class, () -> rs.getLong(3));
      assertEquals("22P02", bad.getSQLState());
      assertEquals("invalid input syntax for type bigint: \"abc\"", bad.getMessage());
      assertEquals(
          "22P02", assertThrows(SQLDataException.class, () -> rs.getDouble(3)).getSQLState());
      assertEquals(
          "22P02", assertThrows(SQLDataException.class, () -> rs.getBoolean(3)).getSQLState());
      assertEquals(0, rs.getInt(4));
      assertTrue(rs.wasNull());
      assertEquals(99_999_999_999L, rs.getLong(5));
      SQLDataException range = assertThrows(SQLDataException.class, () -> rs.getInt(5));
      assertEquals("22003", range.getSQLState());
      assertTrue(rs.getBoolean(6));
      assertEquals(1000, rs.getInt(7));
      // the connection is still usable after the refused reads
      assertEquals("abc", rs.getString(3));
    }
  }

  /**
   * Text that a statement reads as a number at run time (a cast of a text column, arithmetic on
   * one) and that is no number fails as PostgreSQL says it: 22P02, "invalid input syntax".
   */
  @ParameterizedTest
  @EnumSource(
      value = Remote.Mode.class,
      names = {"EMBEDDED", "VELES"})
  void textThatIsNoNumberIs22P02(Remote.Mode mode) throws Exception {
    try (Remote r = new Remote(mode, dir, 1);
        Connection c = r.connection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE words (id BIGINT NOT NULL PRIMARY KEY, w VARCHAR)");
      s.execute("INSERT INTO words VALUES (1, 'abc')");
      SQLException integer =
          assertThrows(
              SQLException.class, () -> readAll(s, "SELECT CAST(w AS INTEGER) FROM words"));
      assertEquals("22P02", integer.getSQLState(), integer.toString());
      assertEquals("invalid input syntax for type numeric: \"abc\"", integer.getMessage());
      SQLException decimal =
          assertThrows(
              SQLException.class, () -> readAll(s, "SELECT CAST(w AS DECIMAL(10, 2)) FROM words"));
      assertEquals("22P02", decimal.getSQLState(), decimal.toString());
      assertTrue(
          decimal.getMessage().startsWith("invalid input syntax for type numeric"),
          decimal.getMessage());
      SQLException arithmetic =
          assertThrows(SQLException.class, () -> readAll(s, "SELECT w + 1 FROM words"));
      assertEquals("22P02", arithmetic.getSQLState(), arithmetic.toString());
      // nothing is lost: the connection goes on
      try (ResultSet rs = s.executeQuery("SELECT w FROM words")) {
        assertTrue(rs.next());
        assertEquals("abc", rs.getString(1));
      }
    }
  }

  /** Runs {@code sql} and reads every row: a failure may come with the first row. */
  private static void readAll(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rs.getObject(1);
      }
    }
  }

  private static void assertClass(Connection c, Class<? extends SQLException> type, String sql)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
      assertTrue(type.isInstance(e), sql + ": " + e.getClass().getName() + ": " + e);
    }
  }

  private static void assertState(Connection c, String state, String sql, String words)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
      assertEquals(state, e.getSQLState(), sql + ": " + e);
      assertTrue(e.getMessage().contains(words), sql + ": " + e.getMessage());
    }
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> {
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.execute();
              }
            },
            sql);
    assertEquals(state, e.getSQLState(), "prepared " + sql + ": " + e);
  }
}

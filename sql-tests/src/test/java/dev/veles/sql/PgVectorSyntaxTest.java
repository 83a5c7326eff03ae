package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * pgvector's syntax, as a PostgreSQL + pgvector user writes it: the distance operators, {@code
 * ::vector} casts, and vectors as text in INSERT, UPDATE and parameters; embedded and through the
 * server with the stock client (protobuf, JSON) and the Veles driver.
 */
class PgVectorSyntaxTest {
  @TempDir Path dir;

  private static List<Long> ids(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return ids(rs);
    }
  }

  private static List<Long> ids(ResultSet rs) throws SQLException {
    List<Long> out = new ArrayList<>();
    while (rs.next()) {
      out.add(rs.getLong(1));
    }
    return out;
  }

  private static ResultSet explain(PreparedStatement ps, String query) throws SQLException {
    if (query.contains("?")) {
      ps.setString(1, "[1,2,3]");
    }
    return ps.executeQuery();
  }

  private static double value(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getDouble(1);
    }
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @ParameterizedTest
  @EnumSource(Remote.Mode.class)
  void operatorsCastsAndTextVectors(Remote.Mode mode) throws Exception {
    try (Remote r = new Remote(mode, dir, 1);
        Connection c = r.connection()) {
      // pgvector's setup step: the type is built in, so both forms succeed and do nothing.
      exec(c, "CREATE EXTENSION vector");
      exec(c, "CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public CASCADE");
      exec(
          c,
          "CREATE TABLE items (id BIGINT NOT NULL PRIMARY KEY, embedding VECTOR(3) NOT NULL,"
              + " name VARCHAR(20))");
      // Text literals where a vector is expected, as pgvector's quick start writes them.
      exec(c, "INSERT INTO items VALUES (1, '[1,2,3]', 'a'), (2, '[4,5,6]', 'b')");
      exec(c, "INSERT INTO items (name, id, embedding) VALUES ('c', 3, '[1, 1, 1]')");
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO items VALUES (?, ?::vector, ?)")) {
        ps.setLong(1, 4);
        ps.setString(2, "[0,0,9]");
        ps.setString(3, "d");
        assertEquals(1, ps.executeUpdate());
      }
      exec(c, "UPDATE items SET embedding = '[9,9,9]' WHERE id = 2");

      // Each operator orders like its function and returns its value.
      String[][] pairs = {
        {"<->", "l2_distance"},
        {"<=>", "cosine_distance"},
        {"<#>", "negative_inner_product"},
        {"<+>", "l1_distance"}
      };
      for (String[] p : pairs) {
        String byOperator =
            "SELECT id FROM items ORDER BY embedding " + p[0] + " '[1,2,3]' LIMIT 4";
        String byFunction =
            "SELECT id FROM items ORDER BY " + p[1] + "(embedding, vec('[1,2,3]')) LIMIT 4";
        assertEquals(ids(c, byFunction), ids(c, byOperator), p[0]);
        assertEquals(
            value(c, "SELECT " + p[1] + "(embedding, vec('[1,2,3]')) FROM items WHERE id = 3"),
            value(c, "SELECT embedding " + p[0] + " '[1,2,3]'::vector FROM items WHERE id = 3"),
            1e-9,
            p[0]);
      }
      assertEquals(
          List.of(1L, 3L), ids(c, "SELECT id FROM items ORDER BY embedding <-> '[1,2,3]' LIMIT 2"));
      assertEquals(
          Math.sqrt(5), value(c, "SELECT embedding <-> '[1,2,3]' FROM items WHERE id = 3"), 1e-6);
      assertEquals(-14, value(c, "SELECT embedding <#> '[1,2,3]' FROM items WHERE id = 1"), 1e-6);
      // Precedence as in PostgreSQL: below + and -, above comparisons; :: binds tightest.
      assertEquals(
          List.of(1L), ids(c, "SELECT id FROM items WHERE embedding <-> '[1,2,3]' < 0 + 1"));
      assertEquals(-1, value(c, "SELECT -1::integer"), 0);

      // The text and array forms of the query vector as parameters.
      try (PreparedStatement ps =
          c.prepareStatement("SELECT id FROM items ORDER BY embedding <-> ?::vector(3) LIMIT 1")) {
        ps.setString(1, "[9, 9, 9.5]");
        try (ResultSet rs = ps.executeQuery()) {
          assertEquals(List.of(2L), ids(rs));
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT id FROM items ORDER BY embedding <=> CAST(? AS VECTOR) LIMIT 1")) {
        ps.setString(1, "[0, 0, 1]");
        try (ResultSet rs = ps.executeQuery()) {
          assertEquals(List.of(4L), ids(rs));
        }
      }

      // The operator is pushed into the index like the function, whatever form the vector has.
      for (String query : new String[] {"'[1,2,3]'", "'[1,2,3]'::vector(3)", "?::vector", "?"}) {
        try (PreparedStatement ps =
                c.prepareStatement(
                    "EXPLAIN PLAN FOR SELECT id FROM items ORDER BY embedding <-> "
                        + query
                        + " LIMIT 5");
            ResultSet rs = explain(ps, query)) {
          assertTrue(rs.next());
          String plan = rs.getString(1);
          assertTrue(plan.contains("knn=[embedding]") && plan.contains("metric=[l2]"), plan);
        }
      }

      // setString binds the text form to a plain vector parameter.
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO items VALUES (?, ?, ?)")) {
        ps.setLong(1, 5);
        ps.setString(2, "[5, 5, 5]");
        ps.setString(3, "e");
        assertEquals(1, ps.executeUpdate());
      }
      assertEquals(
          List.of(5L), ids(c, "SELECT id FROM items ORDER BY embedding <-> '[5,5,5.1]' LIMIT 1"));
      exec(c, "DELETE FROM items WHERE id = 5");

      // Bad vectors are 22023 with the reason.
      SQLException e =
          assertThrows(
              SQLException.class, () -> value(c, "SELECT vector_dims('[1,2]'::vector(3))"));
      assertEquals("22023", e.getSQLState());
      assertTrue(e.getMessage().contains("expected 3 dimensions, not 2"), e.getMessage());
      e = assertThrows(SQLException.class, () -> exec(c, "INSERT INTO items VALUES (9, 'x', 'e')"));
      assertEquals("22023", e.getSQLState());
      e =
          assertThrows(
              SQLException.class, () -> exec(c, "INSERT INTO items VALUES (9, '[1,2]', 'e')"));
      assertEquals("22023", e.getSQLState());
      assertEquals(4, (int) value(c, "SELECT COUNT(*) FROM items"));
      // Another extension is refused (last: a pool evicts a connection after 0A000).
      SQLException other =
          assertThrows(SQLException.class, () -> exec(c, "CREATE EXTENSION postgis"));
      assertEquals("0A000", other.getSQLState(), other.getMessage());
    }
  }
}

package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedSliceTest {
  @TempDir Path dir;

  private Connection open() throws SQLException {
    return DriverManager.getConnection("jdbc:veles:path=" + dir);
  }

  @Test
  void createInsertSearchFlush() throws Exception {
    try (Connection c = open();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(3) NOT NULL, label VARCHAR(20))");
      assertEquals(
          3,
          s.executeUpdate(
              "INSERT INTO t VALUES (1, ARRAY[1.0, 0.0, 0.0], 'x'),"
                  + " (2, ARRAY[0.0, 1.0, 0.0], 'y'), (3, ARRAY[0.9, 0.1, 0.0], 'z')"));
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT id, l2_distance(v, ARRAY[1.0, 0.0, 0.0]) AS d FROM t ORDER BY d LIMIT 2")) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      assertEquals(List.of(1L, 3L), ids);
      s.execute("CALL flush()");
      try (ResultSet rs = s.executeQuery("SELECT * FROM t WHERE id = 2")) {
        assertTrue(rs.next());
        Array a = rs.getArray("v");
        assertArrayEquals(new float[] {0f, 1f, 0f}, (float[]) a.getArray());
        assertEquals("y", rs.getString("label"));
        assertFalse(rs.next());
      }
    }
    try (Connection c = open();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
      assertTrue(rs.next());
      assertEquals(3, rs.getLong(1));
    }
  }

  @Test
  void duplicateIdIsUniqueViolation() throws Exception {
    try (Connection c = open();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE d (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
      s.executeUpdate("INSERT INTO d VALUES (1, ARRAY[1.0, 2.0])");
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  s.executeUpdate(
                      "INSERT INTO d VALUES (2, ARRAY[1.0, 2.0]), (1, ARRAY[3.0, 4.0])"));
      assertEquals("23505", e.getSQLState(), e.toString());
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM d")) {
        rs.next();
        assertEquals(1, rs.getLong(1));
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO d VALUES (?, ?)")) {
        ps.setLong(1, 7);
        ps.setObject(2, new float[] {0.5f, 0.25f});
        assertEquals(1, ps.executeUpdate());
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT v FROM d WHERE id = ?")) {
        ps.setLong(1, 7);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertArrayEquals(new float[] {0.5f, 0.25f}, (float[]) rs.getArray(1).getArray());
        }
      }
    }
  }
}

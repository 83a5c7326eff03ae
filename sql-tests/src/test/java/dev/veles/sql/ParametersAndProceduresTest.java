package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way of binding a vector, LIMIT and OFFSET parameters, procedures and transactions. */
class ParametersAndProceduresTest {
  @TempDir Path dir;
  Connection c;

  @BeforeEach
  void setUp() throws SQLException {
    c = DriverManager.getConnection("jdbc:veles:path=" + dir);
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE p (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL) WITH (metric = 'l2')");
    }
  }

  @org.junit.jupiter.api.AfterEach
  void tearDown() throws SQLException {
    c.close();
  }

  private List<Long> nearest(PreparedStatement ps) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  @Test
  void vectorParametersInEveryShape() throws Exception {
    try (PreparedStatement ins = c.prepareStatement("INSERT INTO p VALUES (?, ?)")) {
      ins.setLong(1, 1);
      ins.setObject(2, new float[] {1, 0});
      ins.executeUpdate();
      ins.setLong(1, 2);
      ins.setObject(2, List.of(0f, 1f));
      ins.executeUpdate();
      ins.setLong(1, 3);
      ins.setArray(2, c.createArrayOf("REAL", new Float[] {1f, 1f}));
      ins.executeUpdate();
      ins.setLong(1, 4);
      ins.setObject(2, new double[] {-1, 0});
      ins.executeUpdate();
    }
    try (PreparedStatement ins = c.prepareStatement("INSERT INTO p VALUES (?, vec(?))")) {
      ins.setLong(1, 5);
      ins.setString(2, "[0, -1]");
      ins.executeUpdate();
    }
    String knn = "SELECT id FROM p ORDER BY l2_distance(v, ?) LIMIT ? OFFSET ?";
    try (PreparedStatement ps = c.prepareStatement(knn)) {
      ps.setObject(1, new float[] {0.9f, 0.1f});
      ps.setInt(2, 2);
      ps.setInt(3, 0);
      assertEquals(List.of(1L, 3L), nearest(ps));
      ps.setObject(1, List.of(0f, 0.9f));
      ps.setInt(2, 1);
      ps.setInt(3, 1);
      assertEquals(List.of(3L), nearest(ps));
      ps.setArray(1, c.createArrayOf("REAL", new Float[] {-1f, 0f}));
      ps.setInt(2, 1);
      ps.setInt(3, 0);
      assertEquals(List.of(4L), nearest(ps));
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM p ORDER BY cosine_distance(v, vec(?)) LIMIT 1")) {
      ps.setString(1, "[0, -2]");
      assertEquals(List.of(5L), nearest(ps));
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT v FROM p WHERE id = ?")) {
      ps.setLong(1, 4);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertArrayEquals(new float[] {-1, 0}, (float[]) rs.getArray(1).getArray());
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO p VALUES (?, ?)")) {
      ps.setLong(1, 9);
      ps.setObject(2, new float[] {1, Float.NaN});
      assertEquals("22023", assertThrows(SQLException.class, ps::executeUpdate).getSQLState());
      ps.setObject(2, new float[] {1, 2, 3});
      assertEquals("22023", assertThrows(SQLException.class, ps::executeUpdate).getSQLState());
    }
  }

  @Test
  void proceduresRunEagerlyEveryWay() throws Exception {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO p VALUES (1, ARRAY[1, 2]), (2, ARRAY[3, 4])");
      assertFalse(s.execute("CALL flush()"));
      assertEquals(0, s.executeUpdate("CALL flush()"));
      s.executeUpdate("DELETE FROM p WHERE id = 1");
    }
    try (PreparedStatement ps = c.prepareStatement("CALL compact(?)")) {
      ps.setString(1, "p");
      ps.executeUpdate();
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT fragmentation, row_count FROM veles.collections")) {
      assertTrue(rs.next());
      assertEquals(0.0, rs.getDouble(1));
      assertEquals(1, rs.getLong(2));
    }
    try (PreparedStatement ps = c.prepareStatement("CALL compact(?)")) {
      ps.setString(1, "nosuch");
      assertEquals("42P01", assertThrows(SQLException.class, ps::executeUpdate).getSQLState());
    }
  }

  @Test
  void rebuildIndexKeepsSearchesAnsweringAndOtherConnectionsSeeNewTables() throws Exception {
    try (Statement s = c.createStatement()) {
      for (int i = 0; i < 50; i++) {
        s.executeUpdate("INSERT INTO p VALUES (" + i + ", ARRAY[" + i + ", " + (i % 7) + "])");
      }
      s.execute("CALL rebuild_index('p')");
      try (ResultSet rs =
          s.executeQuery("SELECT id FROM p ORDER BY l2_distance(v, ARRAY[20, 6]) LIMIT 1")) {
        assertTrue(rs.next());
        assertEquals(20, rs.getLong(1));
      }
    }
    try (Connection other = DriverManager.getConnection("jdbc:veles:path=" + dir);
        Statement s = other.createStatement()) {
      s.execute("CREATE TABLE made_elsewhere (id BIGINT NOT NULL PRIMARY KEY, n INTEGER)");
      s.executeUpdate("INSERT INTO made_elsewhere VALUES (1, 10)");
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT n FROM made_elsewhere")) {
      assertTrue(rs.next());
      assertEquals(10, rs.getInt(1));
    }
  }

  @Test
  void commitEndsTheTransactionAndIsTheBarrierInAutoCommit() throws Exception {
    assertTrue(c.getAutoCommit());
    c.commit(); // auto-commit, nothing open: the durability barrier
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO p VALUES (7, ARRAY[1, 2])");
    }
    c.commit();
    c.rollback(); // nothing open: nothing to undo
    try (Connection other = DriverManager.getConnection("jdbc:veles:path=" + dir);
        Statement s = other.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM p")) {
      rs.next();
      assertEquals(1, rs.getLong(1));
    }
  }
}

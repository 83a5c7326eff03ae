package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JDBC batches, multi-row INSERT and INSERT … SELECT: each one engine call, all or nothing. */
class BatchTest {
  @TempDir Path dir;

  private long count(Statement s, String table) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void batchInsertsAllOrNothing() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + dir);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE b (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL, n INTEGER)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO b VALUES (?, ?, ?)")) {
        for (int i = 0; i < 500; i++) {
          ps.setLong(1, i);
          ps.setObject(2, new float[] {i, -i});
          ps.setInt(3, i % 7);
          ps.addBatch();
        }
        int[] counts = ps.executeBatch();
        assertEquals(500, counts.length);
        assertEquals(1, counts[499]);
      }
      assertEquals(500, count(s, "b"));
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO b VALUES (?, ?, ?)")) {
        for (long id : List.of(1000L, 1001L, 5L)) {
          ps.setLong(1, id);
          ps.setObject(2, new float[] {1, 2});
          ps.setNull(3, java.sql.Types.INTEGER);
          ps.addBatch();
        }
        BatchUpdateException e = assertThrows(BatchUpdateException.class, ps::executeBatch);
        assertEquals("23505", e.getSQLState());
      }
      assertEquals(500, count(s, "b"), "a failed batch applies nothing");
      s.addBatch("INSERT INTO b VALUES (2000, ARRAY[1, 1], 1)");
      s.addBatch("DELETE FROM b WHERE id = 2000");
      s.addBatch("UPSERT INTO b VALUES (3, ARRAY[9, 9], 9)");
      s.executeBatch();
      try (ResultSet rs = s.executeQuery("SELECT id, v, n FROM b WHERE id IN (2000, 3)")) {
        rs.next();
        assertEquals(3, rs.getLong(1));
        assertArrayEquals(new float[] {9, 9}, (float[]) rs.getArray(2).getArray());
        assertEquals(9, rs.getInt(3));
        assertEquals(false, rs.next());
      }
    }
  }

  @Test
  void insertSelectAndMultiRow() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + dir);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE src (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL, tag VARCHAR(5))");
      s.execute(
          "CREATE TABLE dst (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL, tag VARCHAR(5))");
      assertEquals(
          3,
          s.executeUpdate(
              "INSERT INTO src VALUES (1, ARRAY[1,0], 'a'), (2, ARRAY[0,1], 'b'), (3, ARRAY[1,1], 'a')"));
      assertEquals(
          2, s.executeUpdate("INSERT INTO dst SELECT id + 10, v, tag FROM src WHERE tag = 'a'"));
      assertEquals(2, count(s, "dst"));
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> s.executeUpdate("INSERT INTO dst SELECT id + 9, v, tag FROM src"));
      assertEquals("23505", e.getSQLState());
      assertEquals(2, count(s, "dst"), "the failed INSERT ... SELECT applied nothing");
    }
  }
}

package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One SQL suite, run embedded and through the server with protobuf and JSON, over HikariCP. */
class RemoteSqlSuiteTest {
  @TempDir Path dir;

  private static void create(Connection c, String table, int dim) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE "
              + table
              + " (id BIGINT NOT NULL PRIMARY KEY, embedding VECTOR("
              + dim
              + ") NOT NULL, title VARCHAR(40))");
    }
  }

  @ParameterizedTest
  @EnumSource(Remote.Mode.class)
  void vectorsRoundTripEveryWay(Remote.Mode mode) throws Exception {
    float[] a = {0.25f, -1.5f, 3f};
    float[] b = {1f, 2f, 3.5f};
    float[] d = {-0.125f, 0f, 7f};
    try (Remote r = new Remote(mode, dir, 2);
        Connection c = r.connection()) {
      create(c, "docs", 3);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO docs VALUES (?, ?, ?)")) {
        ps.setLong(1, 1);
        ps.setArray(2, c.createArrayOf("REAL", Remote.boxed(a)));
        ps.setString(3, "setArray");
        assertEquals(1, ps.executeUpdate());
        ps.setLong(1, 3);
        if (mode == Remote.Mode.PROTOBUF) {
          // The stock protobuf client cannot encode float[]: it fails before sending.
          ps.setObject(2, d);
          Exception e = assertThrows(Exception.class, ps::executeUpdate);
          assertTrue(e.toString().contains("Unhandled value: OBJECT"), e.toString());
          ps.setArray(2, c.createArrayOf("REAL", Remote.boxed(d)));
        } else {
          ps.setObject(2, d);
        }
        ps.setString(3, "setObject");
        assertEquals(1, ps.executeUpdate());
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO docs VALUES (?, vec(?), 'text')")) {
        ps.setLong(1, 2);
        ps.setString(2, "[1, 2, 3.5]");
        assertEquals(1, ps.executeUpdate());
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM docs ORDER BY id")) {
        float[][] expected = {a, b, d};
        for (float[] e : expected) {
          assertTrue(rs.next());
          assertArrayEquals(e, Remote.floats(rs.getArray("EMBEDDING")));
          Object o = rs.getObject(2);
          assertInstanceOf(Array.class, o);
          assertArrayEquals(e, Remote.floats((Array) o));
        }
        assertFalse(rs.next());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Remote.Mode.class)
  void knnMatchesBruteForce(Remote.Mode mode) throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    int n = 300;
    int dim = 8;
    float[][] data = new float[n][dim];
    try (Remote r = new Remote(mode, dir, 2);
        Connection c = r.connection()) {
      create(c, "pts", dim);
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO pts (id, embedding) VALUES (?, ?)")) {
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < dim; j++) {
            data[i][j] = random.nextFloat() * 2 - 1;
          }
          ps.setLong(1, i);
          r.bindVector(c, ps, 2, data[i]);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      int hits = 0;
      int queries = 10;
      int k = 10;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT id, l2_distance(embedding, ?) AS d FROM pts ORDER BY d LIMIT " + k)) {
        for (int q = 0; q < queries; q++) {
          float[] query = new float[dim];
          for (int j = 0; j < dim; j++) {
            query[j] = random.nextFloat() * 2 - 1;
          }
          r.bindVector(c, ps, 1, query);
          Set<Long> got = new HashSet<>();
          double last = -1;
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              got.add(rs.getLong(1));
              assertTrue(rs.getDouble(2) >= last, "ordered by distance, seed " + seed);
              last = rs.getDouble(2);
            }
          }
          assertEquals(k, got.size(), "seed " + seed);
          for (long id : exact(data, query, k)) {
            hits += got.contains(id) ? 1 : 0;
          }
        }
      }
      double recall = hits / (double) (queries * k);
      assertTrue(recall >= 0.9, "recall@10 " + recall + " seed " + seed);
    }
  }

  private static List<Long> exact(float[][] data, float[] q, int k) {
    return IntStream.range(0, data.length)
        .boxed()
        .sorted(Comparator.comparingDouble(i -> l2(data[i], q)))
        .limit(k)
        .map(Integer::longValue)
        .toList();
  }

  private static double l2(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }

  @ParameterizedTest
  @EnumSource(Remote.Mode.class)
  void updateDeleteFlushAndSqlStates(Remote.Mode mode) throws Exception {
    try (Remote r = new Remote(mode, dir, 2);
        Connection c = r.connection();
        Statement s = c.createStatement()) {
      create(c, "t", 2);
      s.executeUpdate("INSERT INTO t VALUES (1, ARRAY[1.0, 0.0], 'a'), (2, ARRAY[0.0, 1.0], 'b')");
      assertEquals(1, s.executeUpdate("UPDATE t SET title = 'z' WHERE id = 2"));
      try (PreparedStatement del = c.prepareStatement("DELETE FROM t WHERE id = ?")) {
        del.setLong(1, 1);
        assertEquals(1, del.executeUpdate());
      }
      s.execute("CALL flush()");
      c.commit();
      SQLException dup =
          assertThrows(
              SQLException.class,
              () -> s.executeUpdate("INSERT INTO t VALUES (2, ARRAY[1.0, 1.0], 'dup')"));
      assertEquals("23505", dup.getSQLState(), dup.toString());
      SQLException missing =
          assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM nosuch"));
      assertTrue(missing.getMessage().toLowerCase().contains("nosuch"), missing.toString());
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT id, title FROM t")) {
        while (rs.next()) {
          rows.add(rs.getLong(1) + ":" + rs.getString(2));
        }
      }
      assertEquals(List.of("2:z"), rows);
    }
  }
}

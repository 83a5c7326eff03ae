package dev.veles.pgwire;

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
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pgjdbc, the PostgreSQL JDBC driver, against the wire protocol listener. */
class PgJdbcTest {
  @TempDir Path dir;
  private PgServer server;

  @BeforeEach
  void start() throws Exception {
    server = PgServer.builder().url("jdbc:veles:path=" + dir + ";create=true").port(0).start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private Connection connect(Properties extra) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "tester");
    p.putAll(extra);
    return DriverManager.getConnection(server.jdbcUrl(), p);
  }

  private Connection connect() throws SQLException {
    return connect(new Properties());
  }

  @Test
  void simpleAndPreparedStatementsWithEveryType() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(3) NOT NULL, name VARCHAR(20),"
              + " x DOUBLE, f REAL, i INTEGER, b BOOLEAN, d DATE, ts TIMESTAMP) WITH (metric = 'l2')");
      assertEquals(
          1,
          s.executeUpdate(
              "INSERT INTO t VALUES (1, ARRAY[1,2,3], 'a', 1.5, 2.5, 3, true, DATE '2020-01-02',"
                  + " TIMESTAMP '2020-01-02 03:04:05.123')"));
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO t (id, v, name, x, i, b) VALUES (?, ?::vector, ?, ?, ?, ?)")) {
        for (int k = 2; k <= 11; k++) {
          ps.setLong(1, k);
          ps.setString(2, "[" + k + "," + (k + 1) + "," + (k + 2) + "]");
          ps.setString(3, "n" + k);
          ps.setDouble(4, k / 2.0);
          ps.setInt(5, k);
          ps.setBoolean(6, k % 2 == 0);
          assertEquals(1, ps.executeUpdate());
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT * FROM t WHERE id = 1")) {
        ResultSetMetaData md = rs.getMetaData();
        assertEquals("int8", md.getColumnTypeName(1));
        assertEquals("varchar", md.getColumnTypeName(3));
        assertEquals("float8", md.getColumnTypeName(4));
        assertEquals("timestamp", md.getColumnTypeName(9));
        assertTrue(rs.next());
        assertEquals(1L, rs.getLong("id"));
        assertEquals("[1,2,3]", rs.getString("v"));
        assertEquals("a", rs.getString("name"));
        assertEquals(1.5, rs.getDouble("x"));
        assertEquals(2.5f, rs.getFloat("f"));
        assertEquals(3, rs.getInt("i"));
        assertTrue(rs.getBoolean("b"));
        assertEquals(java.sql.Date.valueOf("2020-01-02"), rs.getDate("d"));
        assertEquals(java.sql.Timestamp.valueOf("2020-01-02 03:04:05.123"), rs.getTimestamp("ts"));
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void onConflictAndReturningThroughPgjdbc() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE r (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL, n INTEGER)");
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO r VALUES (?, '[1,2]', 1) ON CONFLICT (id) DO UPDATE SET n = r.n + 1"
                  + " RETURNING id, n")) {
        for (int round = 1; round <= 2; round++) {
          ps.setLong(1, 5);
          try (ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            assertEquals(5, rs.getLong(1));
            assertEquals(round, rs.getInt(2));
            assertFalse(rs.next());
          }
        }
      }
      assertEquals(
          0, s.executeUpdate("INSERT INTO r VALUES (5, '[0,0]', 9) ON CONFLICT DO NOTHING"));
      try (ResultSet rs = s.executeQuery("DELETE FROM r WHERE id = 5 RETURNING n")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getInt(1));
      }
    }
  }

  @Test
  void knnWithVectorBoundAsPgObjectTextAndReusedBinary() throws Exception {
    long seed = System.nanoTime();
    System.out.println("seed " + seed);
    Random r = new Random(seed);
    int n = 200;
    float[][] rows = new float[n][4];
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE e (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(4) NOT NULL) WITH (metric = 'l2')");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO e VALUES (?, ?::vector)")) {
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < 4; j++) {
            rows[i][j] = r.nextFloat();
          }
          ps.setLong(1, i);
          ps.setString(2, java.util.Arrays.toString(rows[i]).replace(" ", ""));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      // prepareThreshold 1: pgjdbc switches to a named server statement and binary results.
      try (Connection c2 = connect(props("prepareThreshold", "1"));
          PreparedStatement q =
              c2.prepareStatement(
                  "SELECT id, v FROM e ORDER BY l2_distance(v, ?::vector) LIMIT 5")) {
        for (int round = 0; round < 5; round++) {
          float[] query = rows[r.nextInt(n)];
          q.setString(1, java.util.Arrays.toString(query).replace(" ", ""));
          try (ResultSet rs = q.executeQuery()) {
            assertTrue(rs.next());
            float[] back = PgValues.parseVector(rs.getString(2));
            assertArrayEquals(query, back, 0f);
            int count = 1;
            while (rs.next()) {
              count++;
            }
            assertEquals(5, count);
          }
        }
      }
    }
  }

  private static Properties props(String k, String v) {
    Properties p = new Properties();
    p.setProperty(k, v);
    return p;
  }

  @Test
  void fetchSizeSuspendsThePortal() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE f (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
      StringBuilder sb = new StringBuilder("INSERT INTO f VALUES ");
      for (int i = 0; i < 100; i++) {
        sb.append(i == 0 ? "" : ",")
            .append("(")
            .append(i)
            .append(", ARRAY[")
            .append(i)
            .append(",0])");
      }
      s.execute(sb.toString());
      c.setAutoCommit(true);
      // pgjdbc uses a portal with a row limit only inside a transaction; with autocommit it reads
      // everything, so fetch size exercises Execute's maxRows through a transaction when there is
      // one and through a plain Execute otherwise.
      s.setFetchSize(7);
      long total = 0;
      try (ResultSet rs = s.executeQuery("SELECT id FROM f")) {
        while (rs.next()) {
          total += rs.getLong(1);
        }
      }
      assertEquals(99 * 100 / 2, total);
    }
  }

  @Test
  void errorsCarrySqlStateAndPositionAndTheSessionGoesOn() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM nope"));
      assertEquals("42P01", e.getSQLState());
      e = assertThrows(SQLException.class, () -> s.executeQuery("SELEC 1"));
      assertEquals("42601", e.getSQLState());
      e = assertThrows(SQLException.class, () -> s.execute("CREATE EXTENSION postgis"));
      assertEquals("0A000", e.getSQLState());
      s.execute("CREATE EXTENSION IF NOT EXISTS vector");
      // pgjdbc sends BEGIN with the first statement after setAutoCommit(false): a real
      // transaction, rolled back and then committed, with a savepoint in between.
      s.execute("CREATE TABLE txt (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
      try (Connection tx = connect();
          Statement ts = tx.createStatement()) {
        tx.setAutoCommit(false);
        ts.execute("INSERT INTO txt VALUES (1, '[1,0]')");
        tx.rollback();
        ts.execute("INSERT INTO txt VALUES (2, '[0,1]')");
        java.sql.Savepoint sp = tx.setSavepoint("sp");
        ts.execute("INSERT INTO txt VALUES (3, '[1,1]')");
        tx.rollback(sp);
        try (ResultSet other = s.executeQuery("SELECT COUNT(*) FROM txt")) {
          assertTrue(other.next());
          assertEquals(0, other.getInt(1), "another session sees nothing uncommitted");
        }
        tx.commit();
      }
      try (ResultSet rs = s.executeQuery("SELECT id FROM txt")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getInt(1));
        assertFalse(rs.next());
      }
      try (ResultSet rs = s.executeQuery("SELECT 1 + 1")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getInt(1));
      }
    }
  }

  @Test
  void setShowAndSettings() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("SET hnsw.ef_search = 100");
      try (ResultSet rs = s.executeQuery("SHOW hnsw.ef_search")) {
        assertTrue(rs.next());
        assertEquals("100", rs.getString(1));
      }
      s.execute("SET work_mem = '64MB'");
      try (ResultSet rs = s.executeQuery("SHOW work_mem")) {
        assertTrue(rs.next());
        assertEquals("64MB", rs.getString(1));
      }
      s.execute("RESET work_mem");
      try (ResultSet rs = s.executeQuery("SHOW work_mem")) {
        assertTrue(rs.next());
        assertEquals("4MB", rs.getString(1));
      }
      try (ResultSet rs = s.executeQuery("SELECT version()")) {
        assertTrue(rs.next());
        assertTrue(rs.getString(1).startsWith("PostgreSQL 16"));
      }
      try (ResultSet rs =
          s.executeQuery("SELECT oid FROM pg_catalog.pg_type WHERE typname = 'vector'")) {
        assertTrue(rs.next());
        assertEquals(PgType.VECTOR_OID, rs.getInt(1));
      }
    }
  }
}

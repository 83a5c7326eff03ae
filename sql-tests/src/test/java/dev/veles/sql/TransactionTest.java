package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactions through the embedded driver: JDBC commit/rollback/savepoints, the SQL statements,
 * own writes in every kind of read, isolation from other connections, conflicts, batches.
 */
class TransactionTest {
  @TempDir Path dir;
  private Connection a;
  private Connection b;

  @BeforeEach
  void open() throws SQLException {
    a = DriverManager.getConnection("jdbc:veles:path=" + dir);
    b = DriverManager.getConnection("jdbc:veles:path=" + dir);
    try (Statement s = a.createStatement()) {
      s.execute(
          "CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL, price DOUBLE)"
              + " WITH (metric = 'l2')");
      s.execute(
          "CREATE TABLE u (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL, price DOUBLE)"
              + " WITH (metric = 'l2')");
      for (int i = 0; i < 20; i++) {
        s.executeUpdate("INSERT INTO t VALUES (" + i + ", ARRAY[" + i + ", 0], " + i + ")");
      }
    }
  }

  @AfterEach
  void close() throws SQLException {
    b.close();
    a.close();
  }

  private static long scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  private static List<Long> ids(Connection c, String sql) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }

  private static int update(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeUpdate(sql);
    }
  }

  @Test
  void commitAndRollbackAcrossTablesAndStatements() throws SQLException {
    a.setAutoCommit(false);
    update(a, "INSERT INTO t VALUES (100, ARRAY[100, 0], 1)");
    update(a, "INSERT INTO u VALUES (100, ARRAY[100, 0], 1)");
    update(a, "DELETE FROM t WHERE id = 1");
    assertEquals(0, scalar(b, "SELECT count(*) FROM u"), "uncommitted: invisible to others");
    assertEquals(1, scalar(b, "SELECT count(*) FROM t WHERE id = 1"));
    a.commit();
    assertEquals(1, scalar(b, "SELECT count(*) FROM u"));
    assertEquals(0, scalar(b, "SELECT count(*) FROM t WHERE id = 1"));
    update(a, "INSERT INTO u VALUES (101, ARRAY[1, 0], 1)");
    update(a, "UPDATE t SET price = 500 WHERE id = 2");
    a.rollback();
    assertEquals(1, scalar(a, "SELECT count(*) FROM u"));
    assertEquals(2, scalar(a, "SELECT price FROM t WHERE id = 2"));
    update(a, "INSERT INTO u VALUES (102, ARRAY[1, 0], 1)");
    a.setAutoCommit(true); // commits, as JDBC says
    assertEquals(1, scalar(b, "SELECT count(*) FROM u WHERE id = 102"));
    a.setAutoCommit(false);
    update(a, "INSERT INTO u VALUES (103, ARRAY[1, 0], 1)");
    a.close(); // rolls back
    assertEquals(0, scalar(b, "SELECT count(*) FROM u WHERE id = 103"));
    a = DriverManager.getConnection("jdbc:veles:path=" + dir);
  }

  @Test
  void ownWritesInPointReadsScansFiltersAggregatesAndKnn() throws SQLException {
    a.setAutoCommit(false);
    update(a, "INSERT INTO t VALUES (100, ARRAY[5.1, 0], 1000)");
    update(a, "DELETE FROM t WHERE id = 5");
    update(a, "UPDATE t SET price = 2000 WHERE id = 6");
    assertEquals(1000, scalar(a, "SELECT price FROM t WHERE id = 100"));
    assertEquals(0, scalar(a, "SELECT count(*) FROM t WHERE id = 5"));
    assertEquals(20, scalar(a, "SELECT count(*) FROM t"));
    assertEquals(List.of(6L, 100L), ids(a, "SELECT id FROM t WHERE price > 500 ORDER BY id"));
    assertEquals(3000, scalar(a, "SELECT sum(price) FROM t WHERE price > 500"));
    assertEquals(
        List.of(100L, 4L, 6L),
        ids(a, "SELECT id FROM t ORDER BY l2_distance(v, ARRAY[5, 0]) LIMIT 3"),
        "k-NN finds the row inserted here and not the one deleted here");
    assertEquals(
        List.of(4L, 6L, 3L),
        ids(a, "SELECT id FROM t ORDER BY l2_distance(v, ARRAY[5, 0]) LIMIT 3 OFFSET 1"));
    assertEquals(
        List.of(5L, 4L, 6L),
        ids(b, "SELECT id FROM t ORDER BY l2_distance(v, ARRAY[5, 0]) LIMIT 3"));
    assertEquals(
        List.of(100L),
        ids(a, "SELECT t.id FROM t JOIN t AS t2 ON t.id = t2.id WHERE t.price = 1000"));
    a.commit();
  }

  /**
   * A transaction's upserts by a declared text key find its own earlier rows by a hash lookup: a
   * batch of 20,000 ran for minutes when each row searched all the transaction's writes, so the
   * timeout fails a quadratic path; the rows themselves must be exactly the last written.
   */
  @Test
  @Timeout(120)
  void largeUpsertBatchesByTextKeyInOneTransaction() throws SQLException {
    try (Statement s = a.createStatement()) {
      s.execute("CREATE TABLE docs (id VARCHAR(40) PRIMARY KEY, body TEXT)");
      s.executeUpdate("INSERT INTO docs VALUES ('doc-7', 'committed'), ('doc-9', 'committed')");
    }
    a.setAutoCommit(false);
    int n = 20_000;
    try (PreparedStatement ps = a.prepareStatement("UPSERT INTO docs (id, body) VALUES (?, ?)")) {
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < n; i++) {
          ps.setString(1, "doc-" + i);
          ps.setString(2, "round " + round + " of " + i);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    update(a, "DELETE FROM docs WHERE id = 'doc-9'");
    try (PreparedStatement ps = a.prepareStatement("UPSERT INTO docs (id, body) VALUES (?, ?)")) {
      ps.setString(1, "doc-9");
      ps.setString(2, "again");
      ps.addBatch();
      ps.setString(1, "doc-7");
      ps.setString(2, "last");
      ps.addBatch();
      ps.executeBatch();
    }
    assertEquals(n, scalar(a, "SELECT COUNT(*) FROM docs"));
    assertEquals(n, scalar(a, "SELECT COUNT(DISTINCT id) FROM docs"));
    assertEquals(n - 2, scalar(a, "SELECT COUNT(*) FROM docs WHERE body LIKE 'round 1 of %'"));
    assertEquals(1, scalar(a, "SELECT COUNT(*) FROM docs WHERE id = 'doc-9' AND body = 'again'"));
    assertEquals(1, scalar(a, "SELECT COUNT(*) FROM docs WHERE id = 'doc-7' AND body = 'last'"));
    assertEquals(2, scalar(b, "SELECT COUNT(*) FROM docs"));
    a.rollback();
    assertEquals(2, scalar(a, "SELECT COUNT(*) FROM docs WHERE body = 'committed'"));
  }

  @Test
  void savepointsThroughJdbcAndSql() throws SQLException {
    a.setAutoCommit(false);
    update(a, "INSERT INTO u VALUES (1, ARRAY[1, 0], 1)");
    Savepoint s1 = a.setSavepoint();
    update(a, "INSERT INTO u VALUES (2, ARRAY[1, 0], 1)");
    Savepoint s2 = a.setSavepoint("two");
    update(a, "INSERT INTO u VALUES (3, ARRAY[1, 0], 1)");
    a.rollback(s2);
    assertEquals(List.of(1L, 2L), ids(a, "SELECT id FROM u ORDER BY id"));
    a.releaseSavepoint(s1);
    assertEquals("3B001", assertThrows(SQLException.class, () -> a.rollback(s1)).getSQLState());
    update(a, "SAVEPOINT sp");
    update(a, "INSERT INTO u VALUES (4, ARRAY[1, 0], 1)");
    update(a, "ROLLBACK TO SAVEPOINT sp");
    update(a, "INSERT INTO u VALUES (5, ARRAY[1, 0], 1)");
    update(a, "RELEASE SAVEPOINT sp");
    assertEquals(
        "3B001", assertThrows(SQLException.class, () -> update(a, "ROLLBACK TO sp")).getSQLState());
    a.commit();
    assertEquals(List.of(1L, 2L, 5L), ids(b, "SELECT id FROM u ORDER BY id"));
    a.setAutoCommit(true);
    assertEquals("25P01", assertThrows(SQLException.class, a::setSavepoint).getSQLState());
  }

  @Test
  void sqlBeginCommitRollbackInAutoCommitMode() throws SQLException {
    update(a, "BEGIN");
    update(a, "INSERT INTO u VALUES (1, ARRAY[1, 0], 1)");
    assertEquals(0, scalar(b, "SELECT count(*) FROM u"));
    update(a, "COMMIT");
    assertEquals(1, scalar(b, "SELECT count(*) FROM u"));
    update(a, "START TRANSACTION");
    update(a, "DELETE FROM u WHERE id = 1");
    update(a, "ROLLBACK WORK");
    assertEquals(1, scalar(b, "SELECT count(*) FROM u"));
    update(a, "INSERT INTO u VALUES (2, ARRAY[1, 0], 1)"); // auto-commit again
    assertEquals(2, scalar(b, "SELECT count(*) FROM u"));
  }

  @Test
  void ddlInsideATransactionIsRefused() throws SQLException {
    a.setAutoCommit(false);
    update(a, "INSERT INTO u VALUES (1, ARRAY[1, 0], 1)");
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> update(a, "CREATE TABLE w (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2))"));
    assertEquals("25001", e.getSQLState());
    assertEquals(
        "25001", assertThrows(SQLException.class, () -> update(a, "DROP TABLE u")).getSQLState());
    a.commit();
    update(a, "CREATE TABLE w (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2))");
  }

  @Test
  void writeConflictsFailAtOnceWith40001() throws SQLException {
    a.setAutoCommit(false);
    b.setAutoCommit(false);
    update(a, "UPDATE t SET price = 1 WHERE id = 3");
    update(b, "UPDATE t SET price = 2 WHERE id = 4"); // another row: fine
    SQLException e =
        assertThrows(SQLException.class, () -> update(b, "UPDATE t SET price = 2 WHERE id = 3"));
    assertEquals("40001", e.getSQLState());
    try (Connection auto = DriverManager.getConnection("jdbc:veles:path=" + dir)) {
      assertEquals(
          "40001",
          assertThrows(SQLException.class, () -> update(auto, "DELETE FROM t WHERE id = 3"))
              .getSQLState());
    }
    a.commit();
    b.commit();
    assertEquals(1, scalar(b, "SELECT price FROM t WHERE id = 3"));
    assertEquals(2, scalar(b, "SELECT price FROM t WHERE id = 4"));
  }

  @Test
  void failedBatchAppliesNothingAndMixedBatchIsOneTransaction() throws SQLException {
    try (Statement s = a.createStatement()) {
      s.addBatch("INSERT INTO u VALUES (1, ARRAY[1, 0], 1)");
      s.addBatch("DELETE FROM t WHERE id = 0");
      s.addBatch("INSERT INTO u VALUES (1, ARRAY[1, 0], 1)"); // duplicate
      BatchUpdateException e = assertThrows(BatchUpdateException.class, s::executeBatch);
      assertEquals("23505", e.getSQLState());
      assertEquals(0, e.getLargeUpdateCounts().length, "nothing of the batch was applied");
    }
    assertEquals(0, scalar(b, "SELECT count(*) FROM u"));
    assertEquals(1, scalar(b, "SELECT count(*) FROM t WHERE id = 0"));
    try (Statement s = a.createStatement()) {
      s.addBatch("INSERT INTO u VALUES (1, ARRAY[1, 0], 1)");
      s.addBatch("DELETE FROM t WHERE id = 0");
      s.addBatch("INSERT INTO u VALUES (2, ARRAY[1, 0], 1)");
      s.executeBatch();
    }
    assertEquals(2, scalar(b, "SELECT count(*) FROM u"));
    assertEquals(0, scalar(b, "SELECT count(*) FROM t WHERE id = 0"));
    a.setAutoCommit(false);
    update(a, "INSERT INTO u VALUES (3, ARRAY[1, 0], 1)");
    try (PreparedStatement ps = a.prepareStatement("INSERT INTO u VALUES (?, ARRAY[1, 0], 1)")) {
      ps.setLong(1, 4);
      ps.addBatch();
      ps.setLong(1, 3);
      ps.addBatch();
      assertThrows(BatchUpdateException.class, ps::executeBatch);
    }
    a.commit();
    assertEquals(List.of(1L, 2L, 3L), ids(b, "SELECT id FROM u ORDER BY id"), "batch undone alone");
  }

  /**
   * A join of two tables that one transaction writes together never sees half of it: a writer moves
   * "stock" between t and u in transactions, readers check that the total never changes.
   */
  @Test
  void joinNeverSeesHalfACommit() throws Exception {
    update(a, "DELETE FROM t");
    update(a, "INSERT INTO t VALUES (1, ARRAY[1, 0], 100)");
    update(a, "INSERT INTO u VALUES (1, ARRAY[1, 0], 0)");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread writer =
        new Thread(
            () -> {
              try (Connection w = DriverManager.getConnection("jdbc:veles:path=" + dir);
                  PreparedStatement pt = w.prepareStatement("UPDATE t SET price = ? WHERE id = 1");
                  PreparedStatement pu =
                      w.prepareStatement("UPDATE u SET price = ? WHERE id = 1")) {
                w.setAutoCommit(false);
                for (int i = 0; !stop.get() && i < 2000; i++) {
                  int x = i % 100;
                  pt.setDouble(1, 100 - x);
                  pt.executeUpdate();
                  pu.setDouble(1, x);
                  pu.executeUpdate();
                  w.commit();
                }
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            "tx-writer");
    writer.start();
    long deadline = System.nanoTime() + 3_000_000_000L;
    int checks = 0;
    try (PreparedStatement q =
        b.prepareStatement(
            "SELECT t.price + u.price FROM t JOIN u ON t.id = u.id WHERE t.id = 1")) {
      while (System.nanoTime() < deadline && writer.isAlive()) {
        try (ResultSet rs = q.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(100.0, rs.getDouble(1), "a join saw half of a commit");
          checks++;
        }
      }
    } finally {
      stop.set(true);
      writer.join(60_000);
    }
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    assertTrue(checks > 10, "only " + checks + " checks");
    long pause =
        dev.veles.calcite.VelesCalcite.txContext(
                b.unwrap(org.apache.calcite.jdbc.CalciteConnection.class).getRootSchema())
            .database()
            .maxApplyPauseNanos();
    System.out.printf(
        "joinNeverSeesHalfACommit: %d consistent joins; longest apply step %.3f ms%n",
        checks, pause / 1e6);
  }

  /**
   * {@code UPDATE ... SET price} logs what changed, not each row's vector: with 512-byte vectors, a
   * whole-row record per updated row would take more than the vectors themselves.
   */
  @Test
  void updateOfAColumnLogsTheColumnNotTheVector() throws Exception {
    try (Statement s = a.createStatement()) {
      s.execute(
          "CREATE TABLE w (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(128) NOT NULL,"
              + " title VARCHAR(400), price DOUBLE) WITH (metric = 'l2')");
      String title = "'" + "x".repeat(300) + "'";
      StringBuilder v = new StringBuilder("ARRAY[1");
      for (int i = 1; i < 128; i++) {
        v.append(", ").append(i);
      }
      v.append(']');
      for (int i = 0; i < 100; i++) {
        s.executeUpdate("INSERT INTO w VALUES (" + i + ", " + v + ", " + title + ", 1.0)");
      }
    }
    java.nio.file.Path wal = dir.resolve("w").resolve("vectors.wal");
    long before = java.nio.file.Files.size(wal);
    assertEquals(100, update(a, "UPDATE w SET price = 10 WHERE price = 1.0"));
    long perRow = (java.nio.file.Files.size(wal) - before) / 100;
    assertTrue(perRow < 64, "UPDATE logged " + perRow + " bytes per row");
    a.setAutoCommit(false);
    assertEquals(50, update(a, "UPDATE w SET price = 20 WHERE id < 50"));
    assertEquals(25, update(a, "DELETE FROM w WHERE id >= 75"));
    a.commit();
    a.setAutoCommit(true);
    assertEquals(50 * 20 + 25 * 10, scalar(a, "SELECT SUM(price) FROM w"));
    assertEquals(75, scalar(b, "SELECT COUNT(*) FROM w"));
  }

  /**
   * {@code TABLE(knn(...))} inside a transaction finds the rows it inserted, not those it deleted.
   */
  @Test
  void knnTableFunctionSeesTheTransactionsOwnWrites() throws Exception {
    a.setAutoCommit(false);
    update(a, "INSERT INTO t VALUES (100, ARRAY[500, 500], 1)");
    update(a, "DELETE FROM t WHERE id = 19");
    String knn = "SELECT id FROM TABLE(knn('t', ARRAY[500, 500], 2))";
    assertEquals(List.of(100L, 18L), ids(a, knn));
    assertEquals(List.of(19L, 18L), ids(b, knn), "another connection sees the committed rows");
    a.rollback();
    assertEquals(List.of(19L, 18L), ids(a, knn));
  }
}

package dev.veles.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded JDBC edge ({@link VelesConnection} and the objects it hands out): Veles's meaning of
 * transactions, one Veles object for each JDBC object whatever path reaches it, vectors bound as
 * primitive arrays, batches, metadata from the system tables, and a SQLSTATE on every failure.
 */
class VelesConnectionTest {
  @TempDir Path dir;
  private Connection c;

  @BeforeEach
  void open() throws SQLException {
    c = DriverManager.getConnection("jdbc:veles:path=" + dir);
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE docs (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL) WITH (metric ="
              + " 'l2')");
    }
  }

  @AfterEach
  void close() throws SQLException {
    c.close();
  }

  @Test
  void transactionsAreReadCommitted() throws SQLException {
    assertEquals(Connection.TRANSACTION_READ_COMMITTED, c.getTransactionIsolation());
    c.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED); // upgraded
    assertEquals(Connection.TRANSACTION_READ_COMMITTED, c.getTransactionIsolation());
    SQLException refused =
        assertThrows(
            SQLException.class,
            () -> c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE));
    assertEquals("0A000", refused.getSQLState());
    assertTrue(refused.getMessage().contains("READ COMMITTED"), refused.getMessage());
    c.setAutoCommit(false);
    assertFalse(c.getAutoCommit());
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO docs VALUES (1, ARRAY[1, 0])");
    }
    c.rollback();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM docs")) {
      rs.next();
      assertEquals(0, rs.getLong(1), "rolled back");
    }
    assertEquals("3B001", assertThrows(SQLException.class, () -> c.rollback(null)).getSQLState());
    Connection other = DriverManager.getConnection("jdbc:veles:path=" + dir);
    other.close();
    assertEquals("08000", assertThrows(SQLException.class, other::getAutoCommit).getSQLState());
    assertEquals("08000", assertThrows(SQLException.class, other::commit).getSQLState());
  }

  @Test
  void everyPathLeadsBackToTheVelesObjects() throws SQLException {
    try (Statement s = c.createStatement()) {
      assertSame(c, s.getConnection());
      assertTrue(s.execute("SELECT id FROM docs"));
      ResultSet rs = s.getResultSet();
      assertSame(rs, s.getResultSet());
      assertSame(s, rs.getStatement());
      rs.close();
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM docs WHERE id = ?")) {
      assertSame(c, ps.getConnection());
      ps.setLong(1, 1);
      try (ResultSet rs = ps.executeQuery()) {
        assertSame(ps, rs.getStatement());
      }
    }
    DatabaseMetaData md = c.getMetaData();
    assertSame(c, md.getConnection());
    try (ResultSet tables = md.getTables(null, null, "docs", null)) {
      // A Veles result set, possibly inside the filter that hides internal schemas.
      assertTrue(tables.isWrapperFor(VelesResultSet.class));
      assertTrue(tables.getClass().getPackageName().startsWith("dev.veles"));
      Statement owner = tables.getStatement();
      assertTrue(owner == null || owner.getConnection() == c);
    }
    assertInstanceOf(CalciteConnection.class, c.unwrap(CalciteConnection.class));
    assertSame(c, c.unwrap(VelesConnection.class));
  }

  @Test
  void vectorsBindAsPrimitiveArraysInEveryForm() throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO docs VALUES (?, ?)")) {
      ps.setLong(1, 1);
      ps.setObject(2, new float[] {1, 0});
      ps.executeUpdate();
      ps.setLong(1, 2);
      ps.setObject(2, new double[] {0, 1});
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM docs ORDER BY l2_distance(v, ?) LIMIT 1")) {
      ps.setObject(1, new float[] {0.1f, 0.9f});
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(2, rs.getLong(1));
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void batchesApplyAllOrNothingWithTheirState() throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO docs VALUES (?, ?)")) {
      for (long id = 1; id <= 3; id++) {
        ps.setLong(1, id);
        ps.setObject(2, new float[] {id, 0});
        ps.addBatch();
      }
      assertArrayEquals(new int[] {1, 1, 1}, ps.executeBatch());
      ps.setLong(1, 4);
      ps.setObject(2, new float[] {4, 0});
      ps.addBatch();
      ps.setLong(1, 1);
      ps.setObject(2, new float[] {5, 0});
      ps.addBatch();
      BatchUpdateException e = assertThrows(BatchUpdateException.class, ps::executeBatch);
      assertEquals("23505", e.getSQLState());
    }
    try (Statement s = c.createStatement()) {
      s.addBatch("INSERT INTO docs VALUES (10, ARRAY[1, 1])");
      s.addBatch("INSERT INTO docs VALUES (11, ARRAY[1, 1])");
      assertArrayEquals(new long[] {1, 1}, s.executeLargeBatch());
    }
    assertEquals(List.of(1L, 2L, 3L, 10L, 11L), ids());
  }

  @Test
  void metadataAnswersFromTheSystemTables() throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    try (ResultSet rs = md.getPrimaryKeys(null, null, "docs")) {
      assertTrue(rs.next());
      assertEquals("id", rs.getString("COLUMN_NAME"));
      assertFalse(rs.next());
      Statement st = rs.getStatement();
      rs.close();
      assertTrue(st.isClosed(), "the query's statement closes with its result set");
    }
    List<String> procedures = new ArrayList<>();
    try (ResultSet rs = md.getProcedures(null, null, "fl%")) {
      while (rs.next()) {
        procedures.add(rs.getString("PROCEDURE_NAME"));
      }
    }
    assertEquals(List.of("flush"), procedures);
  }

  @Test
  void everyFailureHasAState() throws SQLException {
    assertEquals(
        "0A000",
        assertThrows(SQLException.class, () -> c.prepareCall("CALL flush()")).getSQLState());
    try (Statement s = c.createStatement()) {
      SQLException e =
          assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM nowhere"));
      assertEquals("42P01", e.getSQLState());
    }
  }

  @Test
  void anInternalErrorOfCalciteIsAnSqlExceptionToo() {
    ResultSet failing =
        (ResultSet)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> {
                  throw new AssertionError("broken plan");
                });
    ResultSet rs = new VelesResultSet(failing, null, null);
    SQLException e = assertThrows(SQLException.class, rs::next);
    assertEquals("XX000", e.getSQLState());
    assertTrue(e.getMessage().contains("broken plan"), e.getMessage());
  }

  private List<Long> ids() throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM docs ORDER BY id")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }
}

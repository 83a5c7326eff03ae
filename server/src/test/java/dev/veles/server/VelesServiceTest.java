package dev.veles.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Execute requests without a signature ({@link VelesService}, {@link VelesMeta}): the server runs
 * them with the signature it kept from the prepare step, answers without one unless the result has
 * array columns, and still answers a stock request in full.
 */
class VelesServiceTest {
  private static final String QUERY = "SELECT x FROM (VALUES (1), (2), (3)) AS t(x) WHERE x > ?";
  private static final String ARRAYS =
      "SELECT x, ARRAY[x] AS a FROM (VALUES (1), (2), (3)) AS t(x) WHERE x > ?";

  private VelesMeta meta;
  private VelesService service;

  @BeforeEach
  void open() throws Exception {
    meta = new VelesMeta("jdbc:calcite:", new Properties(), ConnectionPropertyPolicy.standard());
    service = new VelesService(meta);
    service.apply(new Service.OpenConnectionRequest("c1", Map.of()));
  }

  @AfterEach
  void close() {
    meta.closeAll();
  }

  private Meta.StatementHandle prepare(String sql) {
    return service.apply(new Service.PrepareRequest("c1", sql, -1)).statement;
  }

  private Service.ResultSetResponse execute(Meta.StatementHandle h, int above) {
    Service.ExecuteResponse r =
        service.apply(
            new Service.ExecuteRequest(
                h, List.of(TypedValue.ofLocal(ColumnMetaData.Rep.INTEGER, above)), 100));
    assertFalse(r.missingStatement);
    assertEquals(1, r.results.size());
    return r.results.get(0);
  }

  private static Meta.StatementHandle bare(Meta.StatementHandle h) {
    return new Meta.StatementHandle(h.connectionId, h.id, null);
  }

  @Test
  void aBareRequestRunsWithTheKeptSignatureAndGetsABareAnswer() {
    Meta.StatementHandle h = prepare(QUERY);
    assertNotNull(h.signature);
    Service.ResultSetResponse lean = execute(bare(h), 1);
    assertNull(lean.signature);
    assertEquals(List.of(List.of(2), List.of(3)), rows(lean));
    // A stock client's request carries the signature and gets it back.
    Service.ResultSetResponse full = execute(h, 2);
    assertNotNull(full.signature);
    assertEquals(h.signature.columns.size(), full.signature.columns.size());
    assertEquals(List.of(List.of(3)), rows(full));
  }

  @Test
  void arrayColumnsKeepTheirSignature() {
    Meta.StatementHandle h = prepare(ARRAYS);
    Service.ResultSetResponse r = execute(bare(h), 2);
    assertNotNull(r.signature, "the first row refines the array's component type");
    assertEquals(2, r.signature.columns.size());
    assertEquals(1, rows(r).size());
  }

  @Test
  void keptStatementsGoWithTheirStatementOrConnection() {
    Meta.StatementHandle a = prepare(QUERY);
    Meta.StatementHandle b = prepare(QUERY);
    assertEquals(2, meta.preparedCount());
    assertEquals(List.of(List.of(3)), rows(execute(bare(b), 2)));
    service.apply(new Service.CloseStatementRequest("c1", a.id));
    assertEquals(1, meta.preparedCount());
    // A closed statement is gone: 26000, as for a stock request.
    assertTrue(executeMissing(bare(a)));
    service.apply(new Service.CloseConnectionRequest("c1"));
    assertEquals(0, meta.preparedCount());
    assertTrue(executeMissing(bare(b)));
  }

  @Test
  void statementsClosedByExpiryAreSwept() throws Exception {
    Properties expiring = new Properties();
    expiring.setProperty("avatica.statementcache.expiryduration", "200");
    expiring.setProperty("avatica.statementcache.expiryunit", "MILLISECONDS");
    VelesMeta m = new VelesMeta("jdbc:calcite:", expiring, ConnectionPropertyPolicy.standard());
    try {
      VelesService s = new VelesService(m);
      s.apply(new Service.OpenConnectionRequest("c2", Map.of()));
      s.apply(new Service.PrepareRequest("c2", QUERY, -1));
      assertEquals(1, m.preparedCount());
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (m.statementCount() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(50); // the cache closes the statement once it has expired and is cleaned up
      }
      assertEquals(0, m.statementCount());
      assertEquals(0, m.sweepClosed());
    } finally {
      m.closeAll();
    }
  }

  /**
   * Whether executing {@code h} fails as a statement the server no longer has: 26000 with a message
   * (Avatica's "missing statement" reply reaches the stock client as an exception without message
   * or state).
   */
  private boolean executeMissing(Meta.StatementHandle h) {
    try {
      service.apply(
          new Service.ExecuteRequest(
              h, List.of(TypedValue.ofLocal(ColumnMetaData.Rep.INTEGER, 1)), 100));
      return false;
    } catch (org.apache.calcite.avatica.remote.AvaticaRuntimeException e) {
      return "26000".equals(e.getSqlState()) && e.getErrorMessage().contains("prepare it again");
    }
  }

  private static List<Object> rows(Service.ResultSetResponse r) {
    List<Object> out = new java.util.ArrayList<>();
    for (Object row : r.firstFrame.rows) {
      out.add(row instanceof Object[] a ? List.of(a) : row);
    }
    return out;
  }
}

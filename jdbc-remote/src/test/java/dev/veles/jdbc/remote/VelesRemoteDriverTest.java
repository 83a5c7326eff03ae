package dev.veles.jdbc.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.Test;

/**
 * The thin driver without a server: which URLs it takes, its properties, the SQLSTATEs of failed
 * connects, and the request types it resends or bounds by a query timeout.
 */
class VelesRemoteDriverTest {
  private final VelesRemoteDriver driver = new VelesRemoteDriver();

  @Test
  void embeddedUrlsAreLeftToTheFullDriver() throws SQLException {
    assertNull(driver.connect("jdbc:veles:path=/tmp/db", new Properties()));
    assertNull(driver.connect("jdbc:veles:", new Properties()));
    assertNull(driver.connect("jdbc:avatica:remote:url=http://localhost:1", new Properties()));
    assertFalse(driver.acceptsURL("jdbc:veles:path=/tmp/db"));
    assertTrue(driver.acceptsURL("jdbc:veles:url=http://localhost:8765"));
    boolean registered = false;
    for (Driver d : DriverManager.drivers().toList()) {
      registered |= d instanceof VelesRemoteDriver;
    }
    assertTrue(registered, "registered through META-INF/services");
  }

  @Test
  void propertiesAreListedWithDefaultsAndAvaticaNamesAreHonoured() {
    DriverPropertyInfo[] info =
        driver.getPropertyInfo("jdbc:veles:url=http://h:1;http_response_timeout=5", null);
    List<String> names = Arrays.stream(info).map(p -> p.name).toList();
    assertTrue(
        names.containsAll(List.of("url", "connect_timeout", "socket_timeout")), names.toString());
    DriverPropertyInfo socket = info[names.indexOf("socket_timeout")];
    assertEquals("5", socket.value, "Avatica's name for the same setting");
    assertEquals("10000", info[names.indexOf("connect_timeout")].value);
    assertTrue(info[names.indexOf("url")].required);
    assertTrue(
        Arrays.stream(info).allMatch(p -> p.description != null && !p.description.isEmpty()));
  }

  @Test
  void failedConnectsCarryTheirState() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    SQLException refused =
        assertThrows(
            SQLException.class,
            () -> driver.connect("jdbc:veles:url=http://127.0.0.1:" + port, new Properties()));
    assertEquals("08001", refused.getSQLState(), refused.toString());
    assertTrue(refused.getMessage().contains("127.0.0.1:" + port), refused.getMessage());
    SQLException both =
        assertThrows(
            SQLException.class,
            () -> driver.connect("jdbc:veles:url=http://localhost:1;path=/x", new Properties()));
    assertEquals("08001", both.getSQLState());
    SQLException badTimeout =
        assertThrows(
            SQLException.class,
            () ->
                driver.connect(
                    "jdbc:veles:url=http://localhost:1;socket_timeout=soon", new Properties()));
    assertTrue(badTimeout.getMessage().contains("socket_timeout"), badTimeout.getMessage());
  }

  @Test
  void aHungServerFailsTheConnectWithinTheSocketTimeout() throws Exception {
    try (ScriptedHttpServer hung = new ScriptedHttpServer((n, r) -> ScriptedHttpServer.HANG)) {
      long start = System.nanoTime();
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  driver.connect(
                      "jdbc:veles:url=" + hung.url() + ";socket_timeout=700", new Properties()));
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertEquals("08001", e.getSQLState(), e.toString());
      assertTrue(ms >= 690 && ms < 5_000, "gave up after " + ms + " ms");
    }
  }

  @Test
  void resendableAndTimedRequestsFollowTheirType() {
    Meta.StatementHandle h = new Meta.StatementHandle("c", 7, null);
    List<Service.Request> neverResent =
        List.of(
            new Service.ExecuteRequest(h, List.of(), 100),
            new Service.PrepareAndExecuteRequest("c", 7, "INSERT", 100),
            new Service.FetchRequest("c", 7, 0, 100),
            new Service.ExecuteBatchRequest("c", 7, List.of()),
            new Service.PrepareAndExecuteBatchRequest("c", 7, List.of("INSERT")),
            new Service.SyncResultsRequest("c", 7, null, 0),
            new Service.CommitRequest("c"),
            new Service.RollbackRequest("c"),
            new Service.OpenConnectionRequest("c", null));
    for (Service.Request r : neverResent) {
      assertFalse(ServerLink.idempotent(r), r.getClass().getSimpleName());
    }
    for (Service.Request r : neverResent.subList(0, 8)) {
      assertTrue(ServerLink.runsSql(r), r.getClass().getSimpleName());
    }
    for (Service.Request r : neverResent.subList(0, 6)) {
      assertEquals(7, ServerLink.statementOf(r), r.getClass().getSimpleName());
    }
    List<Service.Request> resent =
        List.of(
            new Service.CatalogsRequest("c"),
            new Service.TablesRequest("c", null, null, null, null),
            new Service.ColumnsRequest("c", null, null, null, null),
            new Service.TypeInfoRequest("c"),
            new Service.DatabasePropertyRequest("c"),
            new Service.ConnectionSyncRequest("c", new ConnectionPropertiesImpl()),
            new Service.PrepareRequest("c", "SELECT 1", 100),
            new Service.CreateStatementRequest("c"),
            new Service.CloseStatementRequest("c", 7),
            new Service.CloseConnectionRequest("c"));
    for (Service.Request r : resent) {
      assertTrue(ServerLink.idempotent(r), r.getClass().getSimpleName());
      assertFalse(ServerLink.runsSql(r), r.getClass().getSimpleName());
    }
  }
}

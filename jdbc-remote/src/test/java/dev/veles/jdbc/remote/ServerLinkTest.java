package dev.veles.jdbc.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ServerLink} against a server that never answers: a query timeout fails one statement with
 * 57014 and leaves the connection usable (that statement's further fetches fail until it runs
 * again); the socket timeout breaks the connection with 08006, after which only closes pass.
 */
class ServerLinkTest {
  private static final byte[] BODY = {1, 2, 3};
  private ScriptedHttpServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private ServerLink link(int socketTimeoutMs) throws Exception {
    server = new ScriptedHttpServer((n, r) -> ScriptedHttpServer.HANG);
    HttpTransport t =
        new HttpTransport(
            URI.create(server.url()).toURL(),
            new HttpTransport.Settings(1_000, socketTimeoutMs, 30_000, 4));
    return new ServerLink(t, socketTimeoutMs);
  }

  @Test
  void aQueryTimeoutFailsOnlyThatStatement() throws Exception {
    ServerLink link = link(60_000);
    link.queryTimeout(7, 200);
    Service.FetchRequest fetch = new Service.FetchRequest("c", 7, 100, 100);
    RemoteFailure first = assertThrows(RemoteFailure.class, () -> link.call(fetch, BODY, -1));
    assertEquals(RemoteSqlState.QUERY_CANCELED, first.state());
    assertTrue(first.toSqlException() instanceof java.sql.SQLTimeoutException);
    assertTrue(link.usable());
    assertEquals(1, cancels(), "the expired statement is canceled on the server");
    RemoteFailure again = assertThrows(RemoteFailure.class, () -> link.call(fetch, BODY, -1));
    assertEquals(RemoteSqlState.QUERY_CANCELED, again.state());
    assertEquals(1, avaticaRequests(), "the unknown cursor is not fetched from again");
    Service.ExecuteRequest execute =
        new Service.ExecuteRequest(new Meta.StatementHandle("c", 7, null), List.of(), 100);
    RemoteFailure rerun = assertThrows(RemoteFailure.class, () -> link.call(execute, BODY, -1));
    assertEquals(RemoteSqlState.QUERY_CANCELED, rerun.state());
    assertEquals(2, avaticaRequests(), "executing again is allowed");
    assertTrue(link.usable());
  }

  private long cancels() {
    return server.requests.stream()
        .filter(r -> HttpTransport.CANCEL_TYPE.equals(r.header("content-type")))
        .count();
  }

  private long avaticaRequests() {
    return server.requests.size() - cancels();
  }

  @Test
  void theSocketTimeoutBreaksTheConnection() throws Exception {
    ServerLink link = link(300);
    Service.ExecuteRequest execute =
        new Service.ExecuteRequest(new Meta.StatementHandle("c", 3, null), List.of(), 100);
    RemoteFailure broken = assertThrows(RemoteFailure.class, () -> link.call(execute, BODY, -1));
    assertEquals(RemoteSqlState.CONNECTION_FAILURE, broken.state());
    assertTrue(broken.getMessage().contains("may or may not"), broken.getMessage());
    assertFalse(link.usable());
    RemoteFailure after =
        assertThrows(
            RemoteFailure.class, () -> link.call(new Service.CommitRequest("c"), BODY, -1));
    assertEquals(RemoteSqlState.CONNECTION_DOES_NOT_EXIST, after.state());
    assertNull(link.call(new Service.CloseConnectionRequest("c"), BODY, -1), "closes complete");
    assertEquals(1, server.requests.size());
  }
}

package dev.veles.jdbc.remote;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.Service;

/**
 * One connection's way to its server: sends each Avatica request with the read timeout and the
 * resend permission its type calls for, turns transport failures into SQLSTATEs, and remembers when
 * the connection is broken.
 *
 * <p><b>Read timeouts.</b> A request that runs SQL (execute, prepare-and-execute, batches, fetches
 * of further rows, result syncs, commit, rollback) waits for its statement's query timeout when one
 * is set ({@link #queryTimeout}), else for {@code socket_timeout}; any other request (open and
 * close, create statement, prepare, metadata, property sync) does no data work and waits at most
 * {@link #CONTROL_TIMEOUT_MS} (or {@code socket_timeout} if shorter).
 *
 * <p><b>Resending.</b> The transport resends a request that was not fully written (the server
 * cannot have executed it). After the request was written, only the requests in {@link #idempotent}
 * are resent: they read metadata, set connection properties to given values, or create or close a
 * handle, so a second execution changes no data (a resent prepare or create statement leaves an
 * unused statement on the server until the connection closes). Never resent: {@code
 * ExecuteRequest}, {@code PrepareAndExecuteRequest}, {@code ExecuteBatchRequest}, {@code
 * PrepareAndExecuteBatchRequest} (they may write), {@code FetchRequest} and {@code
 * SyncResultsRequest} (they move the server's cursor: a second fetch would skip rows), {@code
 * CommitRequest} and {@code RollbackRequest} (transaction boundaries), and {@code
 * OpenConnectionRequest} (a second open of the same id fails).
 *
 * <p><b>Broken.</b> Any failure after which the server may or may not have executed a request, and
 * any socket failure, breaks the connection: the request fails with 08006, every later request with
 * 08003, and {@code isValid} returns false, so that a pool replaces the connection. A query timeout
 * (57014) does not break it: the timed-out socket is closed (its late reply is never read), the
 * server's statement finishes on its own, and the connection's other requests use other sockets;
 * only that statement's further fetches fail (57014) until it is executed again, since the server
 * may have moved its cursor.
 *
 * <p>Thread-safe. Owns the transport; {@link #close} closes it.
 */
final class ServerLink implements AutoCloseable {
  /** The longest wait for a request that runs no SQL: it does no data work on the server. */
  static final int CONTROL_TIMEOUT_MS = 60_000;

  /** The longest wait for the server to acknowledge a cancel; the cancel is best effort. */
  static final int CANCEL_TIMEOUT_MS = 2_000;

  private final HttpTransport transport;
  private final AvaticaHttpClient foreign;
  private final int socketTimeoutMs;
  private final int controlTimeoutMs;
  private final Map<Integer, Integer> queryTimeouts = new ConcurrentHashMap<>();

  /**
   * Statements whose last request timed out: the server may have moved their cursor, so their
   * results are unknown until they are executed again.
   */
  private final Set<Integer> timedOut = ConcurrentHashMap.newKeySet();

  private volatile RemoteFailure broken;
  private volatile boolean closed;

  /** A link over the driver's own transport. */
  ServerLink(HttpTransport transport, int socketTimeoutMs) {
    this.transport = transport;
    this.foreign = null;
    this.socketTimeoutMs = socketTimeoutMs;
    this.controlTimeoutMs =
        socketTimeoutMs == 0 ? CONTROL_TIMEOUT_MS : Math.min(socketTimeoutMs, CONTROL_TIMEOUT_MS);
  }

  /**
   * A link over another Avatica HTTP client ({@code httpclient_impl}): requests go out as that
   * client sends them, with its own timeouts and resends; failures still break the connection.
   */
  ServerLink(AvaticaHttpClient foreign) {
    this.transport = null;
    this.foreign = foreign;
    this.socketTimeoutMs = 0;
    this.controlTimeoutMs = 0;
  }

  /** The transport, or null when another client sends the requests. */
  HttpTransport transport() {
    return transport;
  }

  /** Sets the query timeout of a statement's requests; 0 removes it. */
  void queryTimeout(int statementId, int millis) {
    if (millis > 0) {
      queryTimeouts.put(statementId, millis);
    } else {
      queryTimeouts.remove(statementId);
    }
  }

  /** Forgets a closed statement. */
  void forget(int statementId) {
    queryTimeouts.remove(statementId);
    timedOut.remove(statementId);
  }

  /** Whether the connection can still send requests. */
  boolean usable() {
    return !closed && broken == null;
  }

  /** Marks the connection broken, for a failure seen above the transport. */
  void markBroken(RemoteFailure cause) {
    if (broken == null) {
      broken = cause;
    }
  }

  /**
   * Sends a serialized request.
   *
   * @param readTimeoutMs the read timeout, or -1 for the one the request's type calls for
   * @return the serialized reply, or null for a close request on a broken connection, which the
   *     caller completes locally (the server's session is gone or unreachable)
   * @throws RemoteFailure with the SQLSTATE of the failure
   */
  byte[] call(Service.Request request, byte[] body, int readTimeoutMs) {
    boolean close =
        request instanceof Service.CloseStatementRequest
            || request instanceof Service.CloseConnectionRequest;
    RemoteFailure b = broken;
    if (close && (closed || b != null)) {
      return null;
    }
    if (closed) {
      throw new RemoteFailure(
          RemoteSqlState.CONNECTION_DOES_NOT_EXIST, "the connection is closed", null);
    }
    if (b != null) {
      throw new RemoteFailure(
          RemoteSqlState.CONNECTION_DOES_NOT_EXIST,
          "the connection is broken by an earlier failure (" + b.getMessage() + "); open a new one",
          b);
    }
    if (foreign != null) {
      try {
        return foreign.send(body);
      } catch (RuntimeException e) {
        throw fail(request, RemoteSqlState.CONNECTION_FAILURE, "request failed: " + e, e);
      }
    }
    int statement = statementOf(request);
    if (statement >= 0
        && !timedOut.isEmpty()
        && continues(request)
        && timedOut.contains(statement)) {
      throw new RemoteFailure(
          RemoteSqlState.QUERY_CANCELED,
          "the statement's previous request timed out, so its results are unknown; execute it"
              + " again",
          null);
    }
    if (statement >= 0 && !continues(request)) {
      timedOut.remove(statement);
    }
    Integer queryTimeout = statement >= 0 ? queryTimeouts.get(statement) : null;
    int timeout =
        readTimeoutMs >= 0
            ? readTimeoutMs
            : queryTimeout != null
                ? queryTimeout
                : runsSql(request) ? socketTimeoutMs : controlTimeoutMs;
    try {
      return transport.exchange(body, timeout, idempotent(request));
    } catch (TransportException e) {
      RemoteFailure f = failure(request, e, queryTimeout != null && readTimeoutMs < 0);
      if (f.state() == RemoteSqlState.QUERY_CANCELED) {
        timedOut.add(statement);
        // The server would go on running the statement: stop it there too.
        String connection = connectionOf(request);
        if (connection != null) {
          cancel(connection, statement);
        }
      }
      if (request instanceof Service.OpenConnectionRequest) {
        close(); // the connection is not made: nobody else will close the sockets
      }
      throw f;
    }
  }

  private RemoteFailure failure(Service.Request request, TransportException e, boolean queryTimer) {
    String at = transport.address();
    if (e.kind() == TransportException.Kind.TIMEOUT && queryTimer) {
      return new RemoteFailure(
          RemoteSqlState.QUERY_CANCELED,
          "query timeout expired: "
              + e.getMessage()
              + " from "
              + at
              + "; the server may still complete the statement",
          e);
    }
    if (e.kind() == TransportException.Kind.STATUS) {
      int s = e.status();
      if (s == 401 || s == 403 || s == 413) {
        RemoteSqlState state =
            s == 413 ? RemoteSqlState.PROGRAM_LIMIT_EXCEEDED : RemoteSqlState.INVALID_AUTHORIZATION;
        return new RemoteFailure(state, e.getMessage() + " (from " + at + ")", e);
      }
    }
    String what =
        switch (e.kind()) {
          case CONNECT -> "cannot reach the server";
          case WRITE -> "the request could not be sent";
          case TIMEOUT -> "the server did not answer in time";
          case READ -> "the connection failed before the reply";
          case STATUS -> "the server answered with an error";
        };
    String message =
        what
            + " ("
            + at
            + ": "
            + e.getMessage()
            + ")"
            + (e.kind().mayHaveExecuted() ? "; the request may or may not have been executed" : "");
    return fail(request, RemoteSqlState.CONNECTION_FAILURE, message, e);
  }

  /** A failure that breaks the connection; at connect time it says the connect failed. */
  private RemoteFailure fail(
      Service.Request request, RemoteSqlState state, String message, Throwable cause) {
    if (request instanceof Service.OpenConnectionRequest) {
      return new RemoteFailure(RemoteSqlState.CANNOT_CONNECT, message, cause);
    }
    RemoteFailure f = new RemoteFailure(state, message, cause);
    markBroken(f);
    return f;
  }

  /**
   * Asks the server to cancel what statement {@code statementId} is running (best effort; nothing
   * when another HTTP client sends the requests).
   */
  void cancel(String connectionId, int statementId) {
    if (transport != null && !closed) {
      transport.cancel(connectionId, statementId, Math.min(controlTimeoutMs, CANCEL_TIMEOUT_MS));
    }
  }

  /** The connection of a request that runs a statement, or null. */
  static String connectionOf(Service.Request request) {
    return switch (request) {
      case Service.ExecuteRequest r -> r.statementHandle.connectionId;
      case Service.PrepareAndExecuteRequest r -> r.connectionId;
      case Service.FetchRequest r -> r.connectionId;
      case Service.ExecuteBatchRequest r -> r.connectionId;
      case Service.PrepareAndExecuteBatchRequest r -> r.connectionId;
      case Service.SyncResultsRequest r -> r.connectionId;
      default -> null;
    };
  }

  /** The statement a request runs, or -1. */
  static int statementOf(Service.Request request) {
    return switch (request) {
      case Service.ExecuteRequest r -> r.statementHandle.id;
      case Service.PrepareAndExecuteRequest r -> r.statementId;
      case Service.FetchRequest r -> r.statementId;
      case Service.ExecuteBatchRequest r -> r.statementId;
      case Service.PrepareAndExecuteBatchRequest r -> r.statementId;
      case Service.SyncResultsRequest r -> r.statementId;
      default -> -1;
    };
  }

  /** Whether a request continues a statement's results rather than executing it afresh. */
  static boolean continues(Service.Request request) {
    return request instanceof Service.FetchRequest || request instanceof Service.SyncResultsRequest;
  }

  /** Whether a request runs SQL or ends a transaction (data work of unknown length). */
  static boolean runsSql(Service.Request request) {
    return statementOf(request) >= 0
        || request instanceof Service.CommitRequest
        || request instanceof Service.RollbackRequest;
  }

  /** Whether a second execution of a request changes nothing that the first did not. */
  static boolean idempotent(Service.Request request) {
    return switch (request) {
      case Service.CatalogsRequest r -> true;
      case Service.SchemasRequest r -> true;
      case Service.TablesRequest r -> true;
      case Service.TableTypesRequest r -> true;
      case Service.TypeInfoRequest r -> true;
      case Service.ColumnsRequest r -> true;
      case Service.DatabasePropertyRequest r -> true;
      case Service.ConnectionSyncRequest r -> true;
      case Service.PrepareRequest r -> true;
      case Service.CreateStatementRequest r -> true;
      case Service.CloseStatementRequest r -> true;
      case Service.CloseConnectionRequest r -> true;
      default -> false;
    };
  }

  /** Closes the transport's sockets; later requests fail with 08003 (closes pass). */
  @Override
  public void close() {
    closed = true;
    if (transport != null) {
      transport.close();
    }
  }
}

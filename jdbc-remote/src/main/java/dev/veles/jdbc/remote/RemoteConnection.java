package dev.veles.jdbc.remote;

import dev.veles.jdbc.forwarding.ForwardingConnection;
import java.sql.CallableStatement;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.concurrent.Executor;
import org.apache.calcite.avatica.AvaticaConnection;

/**
 * A connection to a Veles server ({@code jdbc:veles:url=...}): Avatica's remote connection with its
 * own {@link ServerLink}, whose statements pack vector parameters and honour query timeouts, and
 * whose failures carry SQLSTATEs. {@link #isValid} asks the server, so that a pool notices a
 * restarted server; a broken connection answers false without asking.
 *
 * <p>As thread-safe as Avatica's connection. Owns the link and its sockets: {@link #close} and
 * {@link #abort} close them.
 */
public final class RemoteConnection extends ForwardingConnection {
  private final AvaticaConnection avatica;
  private final LinkedService service;
  private final java.util.concurrent.atomic.AtomicInteger savepoints =
      new java.util.concurrent.atomic.AtomicInteger();

  RemoteConnection(AvaticaConnection avatica, LinkedService service) {
    super(avatica);
    this.avatica = avatica;
    this.service = service;
  }

  ServerLink link() {
    return service.link();
  }

  /** The transport of this connection, or null when {@code httpclient_impl} names another. */
  public HttpTransport transport() {
    return service.link().transport();
  }

  @Override
  protected SQLException translate(Exception e) {
    return RemoteErrors.translate(e, service.link());
  }

  @Override
  protected Statement wrap(Statement s) throws SQLException {
    return new RemoteStatement(s, this);
  }

  @Override
  protected PreparedStatement wrap(PreparedStatement s) throws SQLException {
    return new RemotePreparedStatement(s, this);
  }

  @Override
  protected CallableStatement wrap(CallableStatement s) throws SQLException {
    s.close();
    throw RemoteSqlState.FEATURE_NOT_SUPPORTED.exception(
        "callable statements are not supported remotely; use CALL in a prepared statement", null);
  }

  @Override
  protected DatabaseMetaData wrap(DatabaseMetaData md) {
    return new RemoteDatabaseMetaData(md, this);
  }

  /**
   * True if the connection is open, not broken, and the server still holds its session (asked with
   * a property sync, which reads and changes nothing). A server that does not answer in {@code
   * seconds} (or 60 s when 0), or does not know the connection, breaks it.
   */
  @Override
  public boolean isValid(int seconds) throws SQLException {
    if (seconds < 0) {
      throw RemoteSqlState.INVALID_PARAMETER_VALUE.exception(
          "isValid timeout must be >= 0, got " + seconds, null);
    }
    if (avatica.isClosed() || !service.link().usable()) {
      return false;
    }
    try {
      service.ping(avatica.id, seconds == 0 ? ServerLink.CONTROL_TIMEOUT_MS : seconds * 1000);
      return true;
    } catch (RuntimeException e) {
      SQLException why = translate(e);
      service.link().markBroken(new RemoteFailure(RemoteSqlState.CONNECTION_FAILURE, "" + why, e));
      return false;
    }
  }

  /**
   * Sets a savepoint by sending SQL {@code SAVEPOINT} (Avatica has no savepoint call); the server
   * refuses it outside a transaction (25P01).
   */
  @Override
  public Savepoint setSavepoint() throws SQLException {
    return setSavepoint(null);
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    RemoteSavepoint sp = new RemoteSavepoint(name, savepoints.incrementAndGet());
    run("SAVEPOINT " + sp.quoted());
    return sp;
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    run("ROLLBACK TO SAVEPOINT " + RemoteSavepoint.of(savepoint).quoted());
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    run("RELEASE SAVEPOINT " + RemoteSavepoint.of(savepoint).quoted());
  }

  private void run(String sql) throws SQLException {
    try (Statement s = createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      avatica.close();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    } finally {
      service.link().close();
    }
  }

  /** Closes the sockets at once, then the connection's client-side state on {@code executor}. */
  @Override
  public void abort(Executor executor) throws SQLException {
    if (executor == null) {
      throw RemoteSqlState.INVALID_PARAMETER_VALUE.exception("abort needs an executor", null);
    }
    service.link().close();
    executor.execute(
        () -> {
          try {
            avatica.close();
          } catch (SQLException | RuntimeException e) {
            // The connection is gone either way; the server expires its session.
          }
        });
  }
}

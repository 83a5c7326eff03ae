package dev.veles.jdbc.remote;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/**
 * The SQLSTATEs the remote client raises itself (the server's own errors keep the state the server
 * sent). Each state makes the {@link SQLException} subclass a pool or an application tests for:
 * HikariCP, for one, evicts a connection on any {@code 08} state.
 */
public enum RemoteSqlState {
  /** The client could not reach the server, or the server refused to open a session. */
  CANNOT_CONNECT("08001"),
  /** The connection is closed, broken by an earlier failure, or unknown to the server. */
  CONNECTION_DOES_NOT_EXIST("08003"),
  /** The server stopped answering or the socket failed while a request was in flight. */
  CONNECTION_FAILURE("08006"),
  /** A value bound as a vector parameter is not a vector of finite numbers. */
  INVALID_PARAMETER_VALUE("22023"),
  /** The server refused the credentials (HTTP 401 or 403). */
  INVALID_AUTHORIZATION("28000"),
  /** The server refused a request larger than its limit (HTTP 413). */
  PROGRAM_LIMIT_EXCEEDED("54000"),
  /** The statement's query timeout expired before the server answered. */
  QUERY_CANCELED("57014"),
  /** A failure inside the client that has no better state (a defect, reported as such). */
  INTERNAL_ERROR("XX000"),
  /** A JDBC feature the remote client does not offer. */
  FEATURE_NOT_SUPPORTED("0A000"),
  /** A savepoint that this connection does not hold. */
  INVALID_SAVEPOINT("3B001");

  private final String state;

  RemoteSqlState(String state) {
    this.state = state;
  }

  /** The five-character SQLSTATE. */
  public String state() {
    return state;
  }

  /** An exception with this state, of the JDBC subclass that matches it. */
  public SQLException exception(String message, Throwable cause) {
    return switch (this) {
      case CANNOT_CONNECT -> new SQLTransientConnectionException(message, state, cause);
      case CONNECTION_DOES_NOT_EXIST, CONNECTION_FAILURE ->
          new SQLNonTransientConnectionException(message, state, cause);
      case INVALID_PARAMETER_VALUE -> new SQLDataException(message, state, cause);
      case INVALID_AUTHORIZATION -> new SQLInvalidAuthorizationSpecException(message, state, cause);
      case QUERY_CANCELED -> new SQLTimeoutException(message, state, cause);
      case FEATURE_NOT_SUPPORTED ->
          new java.sql.SQLFeatureNotSupportedException(message, state, cause);
      default -> new SQLException(message, state, cause);
    };
  }
}

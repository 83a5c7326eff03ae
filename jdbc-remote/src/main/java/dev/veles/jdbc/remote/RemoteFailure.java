package dev.veles.jdbc.remote;

import java.sql.SQLException;

/**
 * A failure of the remote client with its SQLSTATE, unchecked so that it passes through Avatica's
 * client code (which wraps it, as the cause of its own exceptions) to the JDBC objects of this
 * package, where {@link RemoteErrors#translate} turns it into the caller's {@link SQLException}.
 */
final class RemoteFailure extends RuntimeException {
  private final RemoteSqlState state;

  RemoteFailure(RemoteSqlState state, String message, Throwable cause) {
    super(message, cause);
    this.state = state;
  }

  RemoteSqlState state() {
    return state;
  }

  SQLException toSqlException() {
    return state.exception(getMessage(), getCause() != null ? getCause() : this);
  }
}

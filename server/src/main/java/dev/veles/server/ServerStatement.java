package dev.veles.server;

import dev.veles.jdbc.forwarding.ForwardingStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A statement of a {@link ServerConnection}: its result sets hand out vectors that Avatica can
 * serialise ({@link ServerResultSet}).
 *
 * <p>Not thread-safe, like any JDBC statement; Avatica uses a statement from one request at a time.
 */
final class ServerStatement extends ForwardingStatement {
  private final ServerConnection connection;

  ServerStatement(Statement target, ServerConnection connection) {
    super(target);
    this.connection = connection;
  }

  @Override
  protected ResultSet wrap(ResultSet rs) {
    return rs == null ? null : new ServerResultSet(rs, this);
  }

  @Override
  public Connection getConnection() {
    return connection;
  }
}

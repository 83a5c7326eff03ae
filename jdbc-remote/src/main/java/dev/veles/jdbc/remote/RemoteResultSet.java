package dev.veles.jdbc.remote;

import dev.veles.jdbc.forwarding.ForwardingResultSet;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A result set of a {@link RemoteConnection}: fetches of further rows fail with the client's
 * SQLSTATEs, and {@link #getStatement} is the client's statement.
 *
 * <p>Not thread-safe, like any JDBC result set.
 */
final class RemoteResultSet extends ForwardingResultSet {
  private final RemoteConnection connection;
  private final Statement statement;

  /** {@code statement} is null for metadata results, whose statement Avatica made. */
  RemoteResultSet(ResultSet target, RemoteConnection connection, Statement statement) {
    super(target);
    this.connection = connection;
    this.statement = statement;
  }

  @Override
  protected SQLException translate(Exception e) {
    return connection.translate(e);
  }

  @Override
  protected Statement wrap(Statement s) throws SQLException {
    return statement != null || s == null ? statement : new RemoteStatement(s, connection);
  }
}

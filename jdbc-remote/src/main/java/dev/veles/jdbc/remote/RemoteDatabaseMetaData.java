package dev.veles.jdbc.remote;

import dev.veles.jdbc.forwarding.ForwardingDatabaseMetaData;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The metadata of a {@link RemoteConnection}: Avatica's, with the client's result sets, failures
 * and connection.
 *
 * <p>As thread-safe as Avatica's.
 */
final class RemoteDatabaseMetaData extends ForwardingDatabaseMetaData {
  private final RemoteConnection connection;

  RemoteDatabaseMetaData(DatabaseMetaData target, RemoteConnection connection) {
    super(target);
    this.connection = connection;
  }

  @Override
  protected SQLException translate(Exception e) {
    return connection.translate(e);
  }

  @Override
  protected Connection wrap(Connection c) {
    return connection;
  }

  @Override
  protected ResultSet wrap(ResultSet rs) {
    return rs == null ? null : new RemoteResultSet(rs, connection, null);
  }
}

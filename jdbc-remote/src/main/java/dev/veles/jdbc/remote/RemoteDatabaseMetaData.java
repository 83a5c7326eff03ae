package dev.veles.jdbc.remote;

import dev.veles.jdbc.forwarding.ForwardingDatabaseMetaData;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

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

  // Avatica's protocol has no request for these three; Avatica's client answers them empty.

  @Override
  public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
    return query(MetadataQueries.primaryKeys(schema, table));
  }

  @Override
  public ResultSet getIndexInfo(
      String catalog, String schema, String table, boolean unique, boolean approximate)
      throws SQLException {
    return query(MetadataQueries.indexInfo(schema, table, unique));
  }

  @Override
  public ResultSet getProcedures(String catalog, String schemaPattern, String namePattern)
      throws SQLException {
    return query(MetadataQueries.procedures(schemaPattern, namePattern));
  }

  /** Runs a query whose statement closes with its result set. */
  private ResultSet query(String sql) throws SQLException {
    Statement st = connection.createStatement();
    try {
      st.closeOnCompletion();
      return st.executeQuery(sql);
    } catch (SQLException e) {
      st.close();
      throw e;
    }
  }
}

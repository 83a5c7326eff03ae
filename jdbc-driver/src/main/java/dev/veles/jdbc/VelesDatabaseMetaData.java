package dev.veles.jdbc;

import dev.veles.jdbc.forwarding.ForwardingDatabaseMetaData;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The metadata of a {@link VelesConnection}: Calcite's, with Veles's SQLSTATEs, and the calls that
 * Calcite answers empty ({@link #getPrimaryKeys}, {@link #getProcedures}) answered from Veles's
 * system tables {@code veles.primary_keys} and {@code veles.procedures}.
 *
 * <p>As thread-safe as the connection.
 */
final class VelesDatabaseMetaData extends ForwardingDatabaseMetaData {
  private final VelesConnection connection;

  VelesDatabaseMetaData(DatabaseMetaData target, VelesConnection connection) {
    super(target);
    this.connection = connection;
  }

  @Override
  protected SQLException translate(Exception e) {
    return SqlExceptions.translate(e);
  }

  @Override
  protected ResultSet wrap(ResultSet rs) {
    return rs == null ? null : new VelesResultSet(rs, connection, null);
  }

  /** Transactions: READ COMMITTED (READ UNCOMMITTED is accepted and upgraded), savepoints. */
  @Override
  public boolean supportsTransactions() {
    return true;
  }

  @Override
  public boolean supportsTransactionIsolationLevel(int level) {
    return level == Connection.TRANSACTION_READ_COMMITTED
        || level == Connection.TRANSACTION_READ_UNCOMMITTED;
  }

  @Override
  public int getDefaultTransactionIsolation() {
    return Connection.TRANSACTION_READ_COMMITTED;
  }

  @Override
  public boolean supportsSavepoints() {
    return true;
  }

  /** DDL is refused inside a transaction (25001), never committing it implicitly. */
  @Override
  public boolean supportsDataManipulationTransactionsOnly() {
    return true;
  }

  @Override
  public boolean supportsDataDefinitionAndDataManipulationTransactions() {
    return false;
  }

  @Override
  public boolean dataDefinitionCausesTransactionCommit() {
    return false;
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  /** Calcite's columns without the hidden row id of keyless tables ({@link WithoutHiddenId}). */
  @Override
  public ResultSet getColumns(
      String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
      throws SQLException {
    ResultSet rs = super.getColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern);
    return rs == null ? null : new WithoutHiddenId(rs);
  }

  @Override
  public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
    return query(
        "SELECT * FROM veles.primary_keys WHERE TRUE"
            + (table == null ? "" : " AND \"TABLE_NAME\" = " + literal(table))
            + (schema == null ? "" : " AND \"TABLE_SCHEM\" = " + literal(schema))
            + " ORDER BY \"TABLE_NAME\", \"COLUMN_NAME\"");
  }

  @Override
  public ResultSet getProcedures(String catalog, String schemaPattern, String namePattern)
      throws SQLException {
    return query(
        "SELECT * FROM veles.procedures WHERE \"PROCEDURE_NAME\" LIKE "
            + literal(namePattern == null ? "%" : namePattern)
            + (schemaPattern == null
                ? ""
                : " AND \"PROCEDURE_SCHEM\" LIKE " + literal(schemaPattern))
            + " ORDER BY \"PROCEDURE_NAME\"");
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

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}

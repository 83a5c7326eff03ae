package dev.veles.jdbc;

import dev.veles.jdbc.forwarding.ForwardingDatabaseMetaData;
import dev.veles.jdbc.forwarding.ForwardingResultSet;
import dev.veles.jdbc.remote.MetadataQueries;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The metadata of a {@link VelesConnection}: Calcite's, with Veles's SQLSTATEs, and the calls that
 * Calcite answers empty or wrongly ({@link #getPrimaryKeys}, {@link #getProcedures}, {@link
 * #getIndexInfo}, {@link #getTypeInfo}) answered from Veles's system tables in schema {@code
 * veles}, so that embedded and remote clients get the same answer.
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
    return rs == null ? null : new PublicOnly(new WithoutHiddenId(rs));
  }

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
  public ResultSet getTypeInfo() throws SQLException {
    return query("SELECT * FROM veles.type_info ORDER BY \"DATA_TYPE\", \"TYPE_NAME\"");
  }

  @Override
  public ResultSet getProcedures(String catalog, String schemaPattern, String namePattern)
      throws SQLException {
    return query(MetadataQueries.procedures(schemaPattern, namePattern));
  }

  /**
   * Identifiers: unquoted ones fold to lower case, quoted ones keep their case, and names match
   * case-insensitively either way (the connection's {@code caseSensitive=false}).
   */
  @Override
  public boolean storesLowerCaseIdentifiers() {
    return true;
  }

  @Override
  public boolean storesUpperCaseIdentifiers() {
    return false;
  }

  @Override
  public boolean storesMixedCaseIdentifiers() {
    return false;
  }

  @Override
  public boolean supportsMixedCaseIdentifiers() {
    return false;
  }

  @Override
  public boolean storesMixedCaseQuotedIdentifiers() {
    return true;
  }

  @Override
  public boolean storesLowerCaseQuotedIdentifiers() {
    return false;
  }

  @Override
  public boolean storesUpperCaseQuotedIdentifiers() {
    return false;
  }

  @Override
  public boolean supportsMixedCaseQuotedIdentifiers() {
    return false;
  }

  // The schemas that route UPSERT and CALL ("$upsert", "$proc") are not the user's: hidden.

  @Override
  public ResultSet getTables(String catalog, String schema, String table, String[] types)
      throws SQLException {
    return new PublicOnly(super.getTables(catalog, schema, table, types));
  }

  @Override
  public ResultSet getSchemas() throws SQLException {
    return new PublicOnly(super.getSchemas());
  }

  @Override
  public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
    return new PublicOnly(super.getSchemas(catalog, schemaPattern));
  }

  /** A metadata result set without the rows of internal schemas (whose names start with '$'). */
  private static final class PublicOnly extends ForwardingResultSet {
    PublicOnly(ResultSet target) {
      super(target);
    }

    @Override
    public boolean next() throws SQLException {
      while (super.next()) {
        String schema = getString("TABLE_SCHEM");
        if (schema == null || !schema.startsWith("$")) {
          return true;
        }
      }
      return false;
    }

    @Override
    protected SQLException translate(Exception e) {
      return SqlExceptions.translate(e);
    }
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

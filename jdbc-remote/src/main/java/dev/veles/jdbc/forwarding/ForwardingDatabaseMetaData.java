package dev.veles.jdbc.forwarding;

import java.sql.*;

/**
 * A {@link DatabaseMetaData} that forwards every call to another one. Subclasses override what they
 * change; {@link #translate} turns every failure of the target into the {@link SQLException} the
 * caller sees, and the {@code wrap} hooks of {@link Forwarding} wrap the JDBC objects it returns.
 *
 * <p>Generated from the {@code java.sql} interface of JDK 25 (every method, defaults included), so
 * that no call reaches the target unwrapped; as thread-safe as the target.
 */
public abstract class ForwardingDatabaseMetaData extends Forwarding implements DatabaseMetaData {
  private final DatabaseMetaData target;

  protected ForwardingDatabaseMetaData(DatabaseMetaData target) {
    super(target);
    this.target = target;
  }

  /** The object this one forwards to. */
  @Override
  public DatabaseMetaData target() {
    return target;
  }

  @Override
  public boolean allProceduresAreCallable() throws SQLException {
    try {
      return target.allProceduresAreCallable();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean allTablesAreSelectable() throws SQLException {
    try {
      return target.allTablesAreSelectable();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean autoCommitFailureClosesAllResultSets() throws SQLException {
    try {
      return target.autoCommitFailureClosesAllResultSets();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean dataDefinitionCausesTransactionCommit() throws SQLException {
    try {
      return target.dataDefinitionCausesTransactionCommit();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean dataDefinitionIgnoredInTransactions() throws SQLException {
    try {
      return target.dataDefinitionIgnoredInTransactions();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean deletesAreDetected(int a0) throws SQLException {
    try {
      return target.deletesAreDetected(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean doesMaxRowSizeIncludeBlobs() throws SQLException {
    try {
      return target.doesMaxRowSizeIncludeBlobs();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean generatedKeyAlwaysReturned() throws SQLException {
    try {
      return target.generatedKeyAlwaysReturned();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getAttributes(String a0, String a1, String a2, String a3) throws SQLException {
    try {
      return wrap(target.getAttributes(a0, a1, a2, a3));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getBestRowIdentifier(String a0, String a1, String a2, int a3, boolean a4)
      throws SQLException {
    try {
      return wrap(target.getBestRowIdentifier(a0, a1, a2, a3, a4));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String getCatalogSeparator() throws SQLException {
    try {
      return target.getCatalogSeparator();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String getCatalogTerm() throws SQLException {
    try {
      return target.getCatalogTerm();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getCatalogs() throws SQLException {
    try {
      return wrap(target.getCatalogs());
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getClientInfoProperties() throws SQLException {
    try {
      return wrap(target.getClientInfoProperties());
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getColumnPrivileges(String a0, String a1, String a2, String a3)
      throws SQLException {
    try {
      return wrap(target.getColumnPrivileges(a0, a1, a2, a3));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getColumns(String a0, String a1, String a2, String a3) throws SQLException {
    try {
      return wrap(target.getColumns(a0, a1, a2, a3));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      return wrap(target.getConnection());
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getCrossReference(
      String a0, String a1, String a2, String a3, String a4, String a5) throws SQLException {
    try {
      return wrap(target.getCrossReference(a0, a1, a2, a3, a4, a5));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getDatabaseMajorVersion() throws SQLException {
    try {
      return target.getDatabaseMajorVersion();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getDatabaseMinorVersion() throws SQLException {
    try {
      return target.getDatabaseMinorVersion();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String getDatabaseProductName() throws SQLException {
    try {
      return target.getDatabaseProductName();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String getDatabaseProductVersion() throws SQLException {
    try {
      return target.getDatabaseProductVersion();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getDefaultTransactionIsolation() throws SQLException {
    try {
      return target.getDefaultTransactionIsolation();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getDriverMajorVersion() {
    return target.getDriverMajorVersion();
  }

  @Override
  public int getDriverMinorVersion() {
    return target.getDriverMinorVersion();
  }

  @Override
  public String getDriverName() throws SQLException {
    try {
      return target.getDriverName();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String getDriverVersion() throws SQLException {
    try {
      return target.getDriverVersion();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getExportedKeys(String a0, String a1, String a2) throws SQLException {
    try {
      return wrap(target.getExportedKeys(a0, a1, a2));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String getExtraNameCharacters() throws SQLException {
    try {
      return target.getExtraNameCharacters();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getFunctionColumns(String a0, String a1, String a2, String a3)
      throws SQLException {
    try {
      return wrap(target.getFunctionColumns(a0, a1, a2, a3));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getFunctions(String a0, String a1, String a2) throws SQLException {
    try {
      return wrap(target.getFunctions(a0, a1, a2));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String getIdentifierQuoteString() throws SQLException {
    try {
      return target.getIdentifierQuoteString();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getImportedKeys(String a0, String a1, String a2) throws SQLException {
    try {
      return wrap(target.getImportedKeys(a0, a1, a2));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getIndexInfo(String a0, String a1, String a2, boolean a3, boolean a4)
      throws SQLException {
    try {
      return wrap(target.getIndexInfo(a0, a1, a2, a3, a4));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getJDBCMajorVersion() throws SQLException {
    try {
      return target.getJDBCMajorVersion();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getJDBCMinorVersion() throws SQLException {
    try {
      return target.getJDBCMinorVersion();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getMaxBinaryLiteralLength() throws SQLException {
    try {
      return target.getMaxBinaryLiteralLength();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getMaxCatalogNameLength() throws SQLException {
    try {
      return target.getMaxCatalogNameLength();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getMaxCharLiteralLength() throws SQLException {
    try {
      return target.getMaxCharLiteralLength();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getMaxColumnNameLength() throws SQLException {
    try {
      return target.getMaxColumnNameLength();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getMaxColumnsInGroupBy() throws SQLException {
    try {
      return target.getMaxColumnsInGroupBy();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getMaxColumnsInIndex() throws SQLException {
    try {
      return target.getMaxColumnsInIndex();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getMaxColumnsInOrderBy() throws SQLException {
    try {
      return target.getMaxColumnsInOrderBy();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getMaxColumnsInSelect() throws SQLException {
    try {
      return target.getMaxColumnsInSelect();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getMaxColumnsInTable() throws SQLException {
    try {
      return target.getMaxColumnsInTable();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getMaxConnections() throws SQLException {
    try {
      return target.getMaxConnections();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getMaxCursorNameLength() throws SQLException {
    try {
      return target.getMaxCursorNameLength();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getMaxIndexLength() throws SQLException {
    try {
      return target.getMaxIndexLength();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public long getMaxLogicalLobSize() throws SQLException {
    try {
      return target.getMaxLogicalLobSize();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getMaxProcedureNameLength() throws SQLException {
    try {
      return target.getMaxProcedureNameLength();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getMaxRowSize() throws SQLException {
    try {
      return target.getMaxRowSize();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getMaxSchemaNameLength() throws SQLException {
    try {
      return target.getMaxSchemaNameLength();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getMaxStatementLength() throws SQLException {
    try {
      return target.getMaxStatementLength();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getMaxStatements() throws SQLException {
    try {
      return target.getMaxStatements();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getMaxTableNameLength() throws SQLException {
    try {
      return target.getMaxTableNameLength();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getMaxTablesInSelect() throws SQLException {
    try {
      return target.getMaxTablesInSelect();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getMaxUserNameLength() throws SQLException {
    try {
      return target.getMaxUserNameLength();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String getNumericFunctions() throws SQLException {
    try {
      return target.getNumericFunctions();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getPrimaryKeys(String a0, String a1, String a2) throws SQLException {
    try {
      return wrap(target.getPrimaryKeys(a0, a1, a2));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getProcedureColumns(String a0, String a1, String a2, String a3)
      throws SQLException {
    try {
      return wrap(target.getProcedureColumns(a0, a1, a2, a3));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String getProcedureTerm() throws SQLException {
    try {
      return target.getProcedureTerm();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getProcedures(String a0, String a1, String a2) throws SQLException {
    try {
      return wrap(target.getProcedures(a0, a1, a2));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getPseudoColumns(String a0, String a1, String a2, String a3)
      throws SQLException {
    try {
      return wrap(target.getPseudoColumns(a0, a1, a2, a3));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    try {
      return target.getResultSetHoldability();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public RowIdLifetime getRowIdLifetime() throws SQLException {
    try {
      return target.getRowIdLifetime();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String getSQLKeywords() throws SQLException {
    try {
      return target.getSQLKeywords();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getSQLStateType() throws SQLException {
    try {
      return target.getSQLStateType();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String getSchemaTerm() throws SQLException {
    try {
      return target.getSchemaTerm();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getSchemas() throws SQLException {
    try {
      return wrap(target.getSchemas());
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getSchemas(String a0, String a1) throws SQLException {
    try {
      return wrap(target.getSchemas(a0, a1));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String getSearchStringEscape() throws SQLException {
    try {
      return target.getSearchStringEscape();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String getStringFunctions() throws SQLException {
    try {
      return target.getStringFunctions();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getSuperTables(String a0, String a1, String a2) throws SQLException {
    try {
      return wrap(target.getSuperTables(a0, a1, a2));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getSuperTypes(String a0, String a1, String a2) throws SQLException {
    try {
      return wrap(target.getSuperTypes(a0, a1, a2));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String getSystemFunctions() throws SQLException {
    try {
      return target.getSystemFunctions();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getTablePrivileges(String a0, String a1, String a2) throws SQLException {
    try {
      return wrap(target.getTablePrivileges(a0, a1, a2));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getTableTypes() throws SQLException {
    try {
      return wrap(target.getTableTypes());
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getTables(String a0, String a1, String a2, String[] a3) throws SQLException {
    try {
      return wrap(target.getTables(a0, a1, a2, a3));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String getTimeDateFunctions() throws SQLException {
    try {
      return target.getTimeDateFunctions();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getTypeInfo() throws SQLException {
    try {
      return wrap(target.getTypeInfo());
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getUDTs(String a0, String a1, String a2, int[] a3) throws SQLException {
    try {
      return wrap(target.getUDTs(a0, a1, a2, a3));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String getURL() throws SQLException {
    try {
      return target.getURL();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String getUserName() throws SQLException {
    try {
      return target.getUserName();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getVersionColumns(String a0, String a1, String a2) throws SQLException {
    try {
      return wrap(target.getVersionColumns(a0, a1, a2));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean insertsAreDetected(int a0) throws SQLException {
    try {
      return target.insertsAreDetected(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean isCatalogAtStart() throws SQLException {
    try {
      return target.isCatalogAtStart();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    try {
      return target.isReadOnly();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean locatorsUpdateCopy() throws SQLException {
    try {
      return target.locatorsUpdateCopy();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean nullPlusNonNullIsNull() throws SQLException {
    try {
      return target.nullPlusNonNullIsNull();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean nullsAreSortedAtEnd() throws SQLException {
    try {
      return target.nullsAreSortedAtEnd();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean nullsAreSortedAtStart() throws SQLException {
    try {
      return target.nullsAreSortedAtStart();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean nullsAreSortedHigh() throws SQLException {
    try {
      return target.nullsAreSortedHigh();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean nullsAreSortedLow() throws SQLException {
    try {
      return target.nullsAreSortedLow();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean othersDeletesAreVisible(int a0) throws SQLException {
    try {
      return target.othersDeletesAreVisible(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean othersInsertsAreVisible(int a0) throws SQLException {
    try {
      return target.othersInsertsAreVisible(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean othersUpdatesAreVisible(int a0) throws SQLException {
    try {
      return target.othersUpdatesAreVisible(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean ownDeletesAreVisible(int a0) throws SQLException {
    try {
      return target.ownDeletesAreVisible(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean ownInsertsAreVisible(int a0) throws SQLException {
    try {
      return target.ownInsertsAreVisible(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean ownUpdatesAreVisible(int a0) throws SQLException {
    try {
      return target.ownUpdatesAreVisible(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean storesLowerCaseIdentifiers() throws SQLException {
    try {
      return target.storesLowerCaseIdentifiers();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
    try {
      return target.storesLowerCaseQuotedIdentifiers();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean storesMixedCaseIdentifiers() throws SQLException {
    try {
      return target.storesMixedCaseIdentifiers();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
    try {
      return target.storesMixedCaseQuotedIdentifiers();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean storesUpperCaseIdentifiers() throws SQLException {
    try {
      return target.storesUpperCaseIdentifiers();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
    try {
      return target.storesUpperCaseQuotedIdentifiers();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsANSI92EntryLevelSQL() throws SQLException {
    try {
      return target.supportsANSI92EntryLevelSQL();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsANSI92FullSQL() throws SQLException {
    try {
      return target.supportsANSI92FullSQL();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsANSI92IntermediateSQL() throws SQLException {
    try {
      return target.supportsANSI92IntermediateSQL();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsAlterTableWithAddColumn() throws SQLException {
    try {
      return target.supportsAlterTableWithAddColumn();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsAlterTableWithDropColumn() throws SQLException {
    try {
      return target.supportsAlterTableWithDropColumn();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsBatchUpdates() throws SQLException {
    try {
      return target.supportsBatchUpdates();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsCatalogsInDataManipulation() throws SQLException {
    try {
      return target.supportsCatalogsInDataManipulation();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsCatalogsInIndexDefinitions() throws SQLException {
    try {
      return target.supportsCatalogsInIndexDefinitions();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException {
    try {
      return target.supportsCatalogsInPrivilegeDefinitions();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsCatalogsInProcedureCalls() throws SQLException {
    try {
      return target.supportsCatalogsInProcedureCalls();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsCatalogsInTableDefinitions() throws SQLException {
    try {
      return target.supportsCatalogsInTableDefinitions();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsColumnAliasing() throws SQLException {
    try {
      return target.supportsColumnAliasing();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsConvert() throws SQLException {
    try {
      return target.supportsConvert();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsConvert(int a0, int a1) throws SQLException {
    try {
      return target.supportsConvert(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsCoreSQLGrammar() throws SQLException {
    try {
      return target.supportsCoreSQLGrammar();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsCorrelatedSubqueries() throws SQLException {
    try {
      return target.supportsCorrelatedSubqueries();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
    try {
      return target.supportsDataDefinitionAndDataManipulationTransactions();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsDataManipulationTransactionsOnly() throws SQLException {
    try {
      return target.supportsDataManipulationTransactionsOnly();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsDifferentTableCorrelationNames() throws SQLException {
    try {
      return target.supportsDifferentTableCorrelationNames();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsExpressionsInOrderBy() throws SQLException {
    try {
      return target.supportsExpressionsInOrderBy();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsExtendedSQLGrammar() throws SQLException {
    try {
      return target.supportsExtendedSQLGrammar();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsFullOuterJoins() throws SQLException {
    try {
      return target.supportsFullOuterJoins();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsGetGeneratedKeys() throws SQLException {
    try {
      return target.supportsGetGeneratedKeys();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsGroupBy() throws SQLException {
    try {
      return target.supportsGroupBy();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsGroupByBeyondSelect() throws SQLException {
    try {
      return target.supportsGroupByBeyondSelect();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsGroupByUnrelated() throws SQLException {
    try {
      return target.supportsGroupByUnrelated();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsIntegrityEnhancementFacility() throws SQLException {
    try {
      return target.supportsIntegrityEnhancementFacility();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsLikeEscapeClause() throws SQLException {
    try {
      return target.supportsLikeEscapeClause();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsLimitedOuterJoins() throws SQLException {
    try {
      return target.supportsLimitedOuterJoins();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsMinimumSQLGrammar() throws SQLException {
    try {
      return target.supportsMinimumSQLGrammar();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsMixedCaseIdentifiers() throws SQLException {
    try {
      return target.supportsMixedCaseIdentifiers();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
    try {
      return target.supportsMixedCaseQuotedIdentifiers();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsMultipleOpenResults() throws SQLException {
    try {
      return target.supportsMultipleOpenResults();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsMultipleResultSets() throws SQLException {
    try {
      return target.supportsMultipleResultSets();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsMultipleTransactions() throws SQLException {
    try {
      return target.supportsMultipleTransactions();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsNamedParameters() throws SQLException {
    try {
      return target.supportsNamedParameters();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsNonNullableColumns() throws SQLException {
    try {
      return target.supportsNonNullableColumns();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsOpenCursorsAcrossCommit() throws SQLException {
    try {
      return target.supportsOpenCursorsAcrossCommit();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsOpenCursorsAcrossRollback() throws SQLException {
    try {
      return target.supportsOpenCursorsAcrossRollback();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsOpenStatementsAcrossCommit() throws SQLException {
    try {
      return target.supportsOpenStatementsAcrossCommit();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsOpenStatementsAcrossRollback() throws SQLException {
    try {
      return target.supportsOpenStatementsAcrossRollback();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsOrderByUnrelated() throws SQLException {
    try {
      return target.supportsOrderByUnrelated();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsOuterJoins() throws SQLException {
    try {
      return target.supportsOuterJoins();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsPositionedDelete() throws SQLException {
    try {
      return target.supportsPositionedDelete();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsPositionedUpdate() throws SQLException {
    try {
      return target.supportsPositionedUpdate();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsRefCursors() throws SQLException {
    try {
      return target.supportsRefCursors();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsResultSetConcurrency(int a0, int a1) throws SQLException {
    try {
      return target.supportsResultSetConcurrency(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsResultSetHoldability(int a0) throws SQLException {
    try {
      return target.supportsResultSetHoldability(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsResultSetType(int a0) throws SQLException {
    try {
      return target.supportsResultSetType(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsSavepoints() throws SQLException {
    try {
      return target.supportsSavepoints();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsSchemasInDataManipulation() throws SQLException {
    try {
      return target.supportsSchemasInDataManipulation();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsSchemasInIndexDefinitions() throws SQLException {
    try {
      return target.supportsSchemasInIndexDefinitions();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException {
    try {
      return target.supportsSchemasInPrivilegeDefinitions();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsSchemasInProcedureCalls() throws SQLException {
    try {
      return target.supportsSchemasInProcedureCalls();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsSchemasInTableDefinitions() throws SQLException {
    try {
      return target.supportsSchemasInTableDefinitions();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsSelectForUpdate() throws SQLException {
    try {
      return target.supportsSelectForUpdate();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsSharding() throws SQLException {
    try {
      return target.supportsSharding();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsStatementPooling() throws SQLException {
    try {
      return target.supportsStatementPooling();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException {
    try {
      return target.supportsStoredFunctionsUsingCallSyntax();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsStoredProcedures() throws SQLException {
    try {
      return target.supportsStoredProcedures();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsSubqueriesInComparisons() throws SQLException {
    try {
      return target.supportsSubqueriesInComparisons();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsSubqueriesInExists() throws SQLException {
    try {
      return target.supportsSubqueriesInExists();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsSubqueriesInIns() throws SQLException {
    try {
      return target.supportsSubqueriesInIns();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsSubqueriesInQuantifieds() throws SQLException {
    try {
      return target.supportsSubqueriesInQuantifieds();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsTableCorrelationNames() throws SQLException {
    try {
      return target.supportsTableCorrelationNames();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsTransactionIsolationLevel(int a0) throws SQLException {
    try {
      return target.supportsTransactionIsolationLevel(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsTransactions() throws SQLException {
    try {
      return target.supportsTransactions();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsUnion() throws SQLException {
    try {
      return target.supportsUnion();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean supportsUnionAll() throws SQLException {
    try {
      return target.supportsUnionAll();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean updatesAreDetected(int a0) throws SQLException {
    try {
      return target.updatesAreDetected(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean usesLocalFilePerTable() throws SQLException {
    try {
      return target.usesLocalFilePerTable();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean usesLocalFiles() throws SQLException {
    try {
      return target.usesLocalFiles();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }
}

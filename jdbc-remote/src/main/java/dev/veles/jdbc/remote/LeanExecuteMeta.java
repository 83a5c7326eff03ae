package dev.veles.jdbc.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * The client's {@link Meta}: Avatica's remote meta, except that executions of a prepared statement
 * go out without the statement's signature and get it back in their result.
 *
 * <p>Avatica sends a prepared statement's full signature with every execution and the server echoes
 * it back; the Veles server keeps it from the prepare step ({@code VelesService}), so the request
 * and the reply are smaller. A reply that does carry a signature (one with array columns, whose
 * component type the server refines on the first row) is used as it comes. Every other call is
 * forwarded unchanged.
 *
 * <p>As thread-safe as the remote meta it wraps.
 */
final class LeanExecuteMeta implements Meta {
  private final Meta remote;

  LeanExecuteMeta(Meta remote) {
    this.remote = remote;
  }

  @Override
  public ExecuteResult execute(
      StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    if (h.signature == null) {
      return remote.execute(h, parameterValues, maxRowsInFirstFrame);
    }
    StatementHandle bare = new StatementHandle(h.connectionId, h.id, null);
    return withSignature(remote.execute(bare, parameterValues, maxRowsInFirstFrame), h.signature);
  }

  @SuppressWarnings("deprecation")
  @Deprecated
  @Override
  public ExecuteResult execute(
      StatementHandle h, List<TypedValue> parameterValues, long maxRowCount)
      throws NoSuchStatementException {
    if (h.signature == null) {
      return remote.execute(h, parameterValues, maxRowCount);
    }
    StatementHandle bare = new StatementHandle(h.connectionId, h.id, null);
    return withSignature(remote.execute(bare, parameterValues, maxRowCount), h.signature);
  }

  /** The result with the client's signature where the server left it out. */
  static ExecuteResult withSignature(ExecuteResult r, Signature signature) {
    if (r == null || r.resultSets == null) {
      return r;
    }
    List<MetaResultSet> sets = new ArrayList<>(r.resultSets.size());
    for (MetaResultSet rs : r.resultSets) {
      // Avatica's client replaces a missing signature with one of no columns; a query always has
      // at least one.
      boolean omitted =
          rs.signature == null || rs.signature.columns == null || rs.signature.columns.isEmpty();
      sets.add(
          omitted && rs.updateCount == -1
              ? MetaResultSet.create(
                  rs.connectionId, rs.statementId, rs.ownStatement, signature, rs.firstFrame)
              : rs);
    }
    return new ExecuteResult(sets);
  }

  @Override
  public Map<DatabaseProperty, Object> getDatabaseProperties(ConnectionHandle ch) {
    return remote.getDatabaseProperties(ch);
  }

  @Override
  public MetaResultSet getTables(
      ConnectionHandle ch,
      String catalog,
      Pat schemaPattern,
      Pat tableNamePattern,
      List<String> typeList) {
    return remote.getTables(ch, catalog, schemaPattern, tableNamePattern, typeList);
  }

  @Override
  public MetaResultSet getColumns(
      ConnectionHandle ch,
      String catalog,
      Pat schemaPattern,
      Pat tableNamePattern,
      Pat columnNamePattern) {
    return remote.getColumns(ch, catalog, schemaPattern, tableNamePattern, columnNamePattern);
  }

  @Override
  public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
    return remote.getSchemas(ch, catalog, schemaPattern);
  }

  @Override
  public MetaResultSet getCatalogs(ConnectionHandle ch) {
    return remote.getCatalogs(ch);
  }

  @Override
  public MetaResultSet getTableTypes(ConnectionHandle ch) {
    return remote.getTableTypes(ch);
  }

  @Override
  public MetaResultSet getProcedures(
      ConnectionHandle ch, String catalog, Pat schemaPattern, Pat procedureNamePattern) {
    return remote.getProcedures(ch, catalog, schemaPattern, procedureNamePattern);
  }

  @Override
  public MetaResultSet getProcedureColumns(
      ConnectionHandle ch,
      String catalog,
      Pat schemaPattern,
      Pat procedureNamePattern,
      Pat columnNamePattern) {
    return remote.getProcedureColumns(
        ch, catalog, schemaPattern, procedureNamePattern, columnNamePattern);
  }

  @Override
  public MetaResultSet getColumnPrivileges(
      ConnectionHandle ch, String catalog, String schema, String table, Pat columnNamePattern) {
    return remote.getColumnPrivileges(ch, catalog, schema, table, columnNamePattern);
  }

  @Override
  public MetaResultSet getTablePrivileges(
      ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern) {
    return remote.getTablePrivileges(ch, catalog, schemaPattern, tableNamePattern);
  }

  @Override
  public MetaResultSet getBestRowIdentifier(
      ConnectionHandle ch,
      String catalog,
      String schema,
      String table,
      int scope,
      boolean nullable) {
    return remote.getBestRowIdentifier(ch, catalog, schema, table, scope, nullable);
  }

  @Override
  public MetaResultSet getVersionColumns(
      ConnectionHandle ch, String catalog, String schema, String table) {
    return remote.getVersionColumns(ch, catalog, schema, table);
  }

  @Override
  public MetaResultSet getPrimaryKeys(
      ConnectionHandle ch, String catalog, String schema, String table) {
    return remote.getPrimaryKeys(ch, catalog, schema, table);
  }

  @Override
  public MetaResultSet getImportedKeys(
      ConnectionHandle ch, String catalog, String schema, String table) {
    return remote.getImportedKeys(ch, catalog, schema, table);
  }

  @Override
  public MetaResultSet getExportedKeys(
      ConnectionHandle ch, String catalog, String schema, String table) {
    return remote.getExportedKeys(ch, catalog, schema, table);
  }

  @Override
  public MetaResultSet getCrossReference(
      ConnectionHandle ch,
      String parentCatalog,
      String parentSchema,
      String parentTable,
      String foreignCatalog,
      String foreignSchema,
      String foreignTable) {
    return remote.getCrossReference(
        ch, parentCatalog, parentSchema, parentTable, foreignCatalog, foreignSchema, foreignTable);
  }

  @Override
  public MetaResultSet getTypeInfo(ConnectionHandle ch) {
    return remote.getTypeInfo(ch);
  }

  @Override
  public MetaResultSet getIndexInfo(
      ConnectionHandle ch,
      String catalog,
      String schema,
      String table,
      boolean unique,
      boolean approximate) {
    return remote.getIndexInfo(ch, catalog, schema, table, unique, approximate);
  }

  @Override
  public MetaResultSet getUDTs(
      ConnectionHandle ch, String catalog, Pat schemaPattern, Pat typeNamePattern, int[] types) {
    return remote.getUDTs(ch, catalog, schemaPattern, typeNamePattern, types);
  }

  @Override
  public MetaResultSet getSuperTypes(
      ConnectionHandle ch, String catalog, Pat schemaPattern, Pat typeNamePattern) {
    return remote.getSuperTypes(ch, catalog, schemaPattern, typeNamePattern);
  }

  @Override
  public MetaResultSet getSuperTables(
      ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern) {
    return remote.getSuperTables(ch, catalog, schemaPattern, tableNamePattern);
  }

  @Override
  public MetaResultSet getAttributes(
      ConnectionHandle ch,
      String catalog,
      Pat schemaPattern,
      Pat typeNamePattern,
      Pat attributeNamePattern) {
    return remote.getAttributes(ch, catalog, schemaPattern, typeNamePattern, attributeNamePattern);
  }

  @Override
  public MetaResultSet getClientInfoProperties(ConnectionHandle ch) {
    return remote.getClientInfoProperties(ch);
  }

  @Override
  public MetaResultSet getFunctions(
      ConnectionHandle ch, String catalog, Pat schemaPattern, Pat functionNamePattern) {
    return remote.getFunctions(ch, catalog, schemaPattern, functionNamePattern);
  }

  @Override
  public MetaResultSet getFunctionColumns(
      ConnectionHandle ch,
      String catalog,
      Pat schemaPattern,
      Pat functionNamePattern,
      Pat columnNamePattern) {
    return remote.getFunctionColumns(
        ch, catalog, schemaPattern, functionNamePattern, columnNamePattern);
  }

  @Override
  public MetaResultSet getPseudoColumns(
      ConnectionHandle ch,
      String catalog,
      Pat schemaPattern,
      Pat tableNamePattern,
      Pat columnNamePattern) {
    return remote.getPseudoColumns(ch, catalog, schemaPattern, tableNamePattern, columnNamePattern);
  }

  @Override
  public Iterable<Object> createIterable(
      StatementHandle stmt,
      QueryState state,
      Signature signature,
      List<TypedValue> parameters,
      Frame firstFrame) {
    return remote.createIterable(stmt, state, signature, parameters, firstFrame);
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    return remote.prepare(ch, sql, maxRowCount);
  }

  @SuppressWarnings("deprecation")
  @Deprecated
  @Override
  public ExecuteResult prepareAndExecute(
      StatementHandle h, String sql, long maxRowCount, PrepareCallback callback)
      throws NoSuchStatementException {
    return remote.prepareAndExecute(h, sql, maxRowCount, callback);
  }

  @Override
  public ExecuteResult prepareAndExecute(
      StatementHandle h,
      String sql,
      long maxRowCount,
      int maxRowsInFirstFrame,
      PrepareCallback callback)
      throws NoSuchStatementException {
    return remote.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback);
  }

  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
      throws NoSuchStatementException {
    return remote.prepareAndExecuteBatch(h, sqlCommands);
  }

  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues)
      throws NoSuchStatementException {
    return remote.executeBatch(h, parameterValues);
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    return remote.fetch(h, offset, fetchMaxRowCount);
  }

  @Override
  public StatementHandle createStatement(ConnectionHandle ch) {
    return remote.createStatement(ch);
  }

  @Override
  public void closeStatement(StatementHandle h) {
    remote.closeStatement(h);
  }

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    remote.openConnection(ch, info);
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    remote.closeConnection(ch);
  }

  @Override
  public boolean syncResults(StatementHandle sh, QueryState state, long offset)
      throws NoSuchStatementException {
    return remote.syncResults(sh, state, offset);
  }

  @Override
  public void commit(ConnectionHandle ch) {
    remote.commit(ch);
  }

  @Override
  public void rollback(ConnectionHandle ch) {
    remote.rollback(ch);
  }

  @Override
  public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties connProps) {
    return remote.connectionSync(ch, connProps);
  }
}

package dev.veles.jdbc.remote;

/**
 * The SQL over Veles's system tables ({@code veles.primary_keys}, {@code veles.index_info}, {@code
 * veles.procedures}) that answers the {@link java.sql.DatabaseMetaData} calls Avatica's protocol
 * has no request for; both the embedded driver and the remote one send it, so they answer alike.
 * Arguments become quoted literals. Stateless.
 */
public final class MetadataQueries {
  private MetadataQueries() {}

  /** {@code getPrimaryKeys(catalog, schema, table)}. */
  public static String primaryKeys(String schema, String table) {
    return "SELECT * FROM veles.primary_keys WHERE TRUE"
        + (table == null ? "" : " AND \"TABLE_NAME\" = " + literal(table))
        + (schema == null ? "" : " AND \"TABLE_SCHEM\" = " + literal(schema))
        + " ORDER BY \"TABLE_NAME\", \"COLUMN_NAME\"";
  }

  /** {@code getIndexInfo(catalog, schema, table, unique, approximate)}. */
  public static String indexInfo(String schema, String table, boolean unique) {
    return "SELECT * FROM veles.index_info WHERE TRUE"
        + (table == null ? "" : " AND \"TABLE_NAME\" = " + literal(table))
        + (schema == null ? "" : " AND \"TABLE_SCHEM\" = " + literal(schema))
        + (unique ? " AND NOT \"NON_UNIQUE\"" : "")
        + " ORDER BY \"NON_UNIQUE\", \"TYPE\", \"INDEX_NAME\", \"ORDINAL_POSITION\"";
  }

  /** {@code getProcedures(catalog, schemaPattern, namePattern)}. */
  public static String procedures(String schemaPattern, String namePattern) {
    return "SELECT * FROM veles.procedures WHERE \"PROCEDURE_NAME\" LIKE "
        + literal(namePattern == null ? "%" : namePattern)
        + (schemaPattern == null ? "" : " AND \"PROCEDURE_SCHEM\" LIKE " + literal(schemaPattern))
        + " ORDER BY \"PROCEDURE_NAME\"";
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}

package dev.veles.cli;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The table an import writes to and its columns, read from the connection's metadata.
 *
 * <p>Names are matched exactly: {@link DatabaseMetaData#getColumns} takes LIKE patterns, so the
 * table name is passed with {@code _} and {@code %} escaped and the rows that come back are still
 * compared with the name, so that {@code doc_s} never picks up {@code docXs}. A name given in
 * another case than the table's is tried in lower case too, as SQL folds an unquoted name.
 * Immutable.
 *
 * @param name the table's name as it is stored
 * @param columns every column, in table order
 */
record TargetTable(String name, List<ImportColumn> columns) {

  /**
   * Looks {@code given} up in the connection's current schema.
   *
   * @throws SQLException with SQLSTATE 42P01 when there is no such table
   */
  static TargetTable lookup(Connection c, String given) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    String schema = c.getSchema();
    String lower = given.toLowerCase(Locale.ROOT);
    for (String candidate : lower.equals(given) ? List.of(given) : List.of(given, lower)) {
      List<ImportColumn> columns = columns(md, schema, candidate);
      if (!columns.isEmpty()) {
        return new TargetTable(candidate, columns);
      }
    }
    throw new SQLException(
        "table '" + given + "' does not exist" + (schema == null ? "" : " in schema " + schema),
        "42P01");
  }

  private static List<ImportColumn> columns(DatabaseMetaData md, String schema, String table)
      throws SQLException {
    String escape = md.getSearchStringEscape();
    // JDBC orders getColumns by table, then ORDINAL_POSITION: one table's rows come in table order.
    List<ImportColumn> columns = new ArrayList<>();
    try (ResultSet rs = md.getColumns(null, pattern(schema, escape), pattern(table, escape), "%")) {
      while (rs.next()) {
        if (!table.equals(rs.getString("TABLE_NAME"))
            || schema != null && !schema.equals(rs.getString("TABLE_SCHEM"))) {
          continue; // the driver treated the pattern loosely; only the exact name counts
        }
        int type = rs.getInt("DATA_TYPE");
        ImportColumn.Kind kind = ImportColumn.Kind.of(type);
        String name = rs.getString("COLUMN_NAME");
        int size = rs.getInt("COLUMN_SIZE");
        columns.add(
            new ImportColumn(
                name,
                kind,
                type,
                kind == ImportColumn.Kind.VECTOR ? Math.max(size, 0) : 0,
                rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls));
      }
    }
    return Collections.unmodifiableList(columns);
  }

  /** {@code s} as a LIKE pattern that matches only itself. */
  static String pattern(String s, String escape) {
    if (s == null || escape == null || escape.isEmpty()) {
      return s;
    }
    return s.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
  }

  /**
   * The column a file names: the exact name, else the one column equal to it ignoring case.
   *
   * @throws IllegalArgumentException when there is none, or several equal ignoring case
   */
  ImportColumn column(String fileName) {
    for (ImportColumn c : columns) {
      if (c.name().equals(fileName)) {
        return c;
      }
    }
    List<ImportColumn> folded =
        columns.stream().filter(c -> c.name().equalsIgnoreCase(fileName)).toList();
    if (folded.size() == 1) {
      return folded.getFirst();
    }
    throw new IllegalArgumentException(
        (folded.isEmpty() ? "table " + name + " has no column '" : "column name is ambiguous: '")
            + fileName
            + "'; its columns are "
            + columns.stream().map(ImportColumn::name).toList());
  }

  /** The {@code INSERT} (or {@code UPSERT}) of {@code targets}, with every name quoted. */
  String insertSql(List<ImportColumn> targets, boolean upsert) {
    StringBuilder sql = new StringBuilder(upsert ? "UPSERT INTO " : "INSERT INTO ");
    sql.append(quote(name)).append(" (");
    for (int i = 0; i < targets.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(quote(targets.get(i).name()));
    }
    sql.append(") VALUES (").append(String.join(", ", Collections.nCopies(targets.size(), "?")));
    return sql.append(')').toString();
  }

  private static String quote(String identifier) {
    return '"' + Objects.requireNonNull(identifier).replace("\"", "\"\"") + '"';
  }
}

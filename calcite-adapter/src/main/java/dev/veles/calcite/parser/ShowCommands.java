package dev.veles.calcite.parser;

import dev.veles.calcite.SqlState;
import dev.veles.calcite.VelesException;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * {@code SHOW TABLES}, {@code SHOW COLUMNS FROM t} and {@code DESCRIBE [TABLE] t}: rewritten into
 * queries of {@code information_schema}, so they run like any query (parameters, remote clients,
 * result set metadata). Stateless.
 */
public final class ShowCommands {
  private ShowCommands() {}

  /** {@code SHOW what}: {@code TABLES} is the one listing that needs no table. */
  public static SqlNode show(SqlIdentifier what) {
    if (what.isSimple() && what.getSimple().equalsIgnoreCase("tables")) {
      return query(
          "SELECT \"table_name\" FROM \"information_schema\".\"tables\""
              + " WHERE \"table_schema\" = 'public' ORDER BY \"table_name\"");
    }
    throw notSupported("SHOW " + what);
  }

  /** {@code SHOW what FROM table}: {@code COLUMNS} (or {@code FIELDS}) of a table. */
  public static SqlNode show(SqlIdentifier what, SqlIdentifier table) {
    String w = what.isSimple() ? what.getSimple().toLowerCase(Locale.ROOT) : "";
    if (w.equals("columns") || w.equals("fields")) {
      return columns(table);
    }
    throw notSupported("SHOW " + what + " FROM " + table);
  }

  /** {@code DESCRIBE [TABLE] t}: its columns, as {@code SHOW COLUMNS FROM t}. */
  public static SqlNode columns(SqlIdentifier table) {
    List<String> names = table.names;
    if (names.size() > 2) {
      throw new VelesException(SqlState.SYNTAX_ERROR, "too many name parts in " + table);
    }
    String schema = names.size() == 2 ? names.get(0) : "public";
    String name = names.get(names.size() - 1);
    return query(
        "SELECT \"column_name\", \"data_type\", \"is_nullable\", \"character_maximum_length\","
            + " \"column_default\" FROM \"information_schema\".\"columns\""
            + " WHERE \"table_schema\" = "
            + literal(schema)
            + " AND \"table_name\" = "
            + literal(name)
            + " ORDER BY \"ordinal_position\"");
  }

  private static VelesException notSupported(String what) {
    return new VelesException(
        SqlState.FEATURE_NOT_SUPPORTED,
        what + " is not supported; SHOW TABLES, SHOW COLUMNS FROM t and DESCRIBE t are");
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** Parses a fixed query; every identifier in it is quoted, so any parser settings read it. */
  private static SqlNode query(String sql) {
    try {
      return SqlParser.create(sql).parseQuery();
    } catch (SqlParseException e) {
      throw new IllegalStateException("bad built-in query: " + sql, e);
    }
  }
}

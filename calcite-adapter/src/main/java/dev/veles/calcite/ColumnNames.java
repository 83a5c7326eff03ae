package dev.veles.calcite;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Util;

/**
 * Names unnamed select items as PostgreSQL does, before validation: a function or aggregate call by
 * the function ({@code count(*)} is {@code count}), a cast by its type ({@code int4}), a {@code
 * CASE} as {@code case}, anything else {@code ?column?}. Clients and BI tools show these names;
 * Calcite's own ({@code EXPR$0}) mean nothing to them. Unlike PostgreSQL, a name is not given twice
 * in one list (Calcite resolves {@code ORDER BY 1} and references by name): a later item that would
 * repeat one keeps Calcite's name.
 */
final class ColumnNames {
  private ColumnNames() {}

  /** The PostgreSQL names of SQL types in a cast. */
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("INTEGER", "int4"),
          Map.entry("INT", "int4"),
          Map.entry("BIGINT", "int8"),
          Map.entry("SMALLINT", "int2"),
          Map.entry("TINYINT", "int2"),
          Map.entry("DOUBLE", "float8"),
          Map.entry("FLOAT", "float8"),
          Map.entry("REAL", "float4"),
          Map.entry("BOOLEAN", "bool"),
          Map.entry("DECIMAL", "numeric"),
          Map.entry("CHAR", "bpchar"));

  /** Gives every unnamed expression of {@code select}'s list its PostgreSQL name. */
  static void name(SqlSelect select) {
    SqlNodeList items = select.getSelectList();
    if (items == null) {
      return;
    }
    Set<String> taken = new HashSet<>();
    for (SqlNode item : items) {
      if (item instanceof SqlIdentifier id && !id.isStar()) {
        taken.add(Util.last(id.names));
      } else if (item.getKind() == SqlKind.AS && item instanceof SqlCall as) {
        taken.add(as.operand(1).toString());
      }
    }
    for (int i = 0; i < items.size(); i++) {
      SqlNode item = items.get(i);
      String name = nameOf(item);
      // A name twice would make ORDER BY 1 or a reference ambiguous: a later one keeps EXPR$n.
      if (name != null && taken.add(name)) {
        SqlParserPos pos = item.getParserPosition();
        items.set(
            i,
            SqlStdOperatorTable.AS.createCall(
                pos, item, new SqlIdentifier(name, SqlParserPos.QUOTED_ZERO)));
      }
    }
  }

  /** The name PostgreSQL gives an unnamed item, or null if it has one (or is a star). */
  private static String nameOf(SqlNode item) {
    if (item instanceof SqlIdentifier || !(item instanceof SqlCall call)) {
      return item instanceof SqlIdentifier ? null : "?column?";
    }
    SqlKind kind = call.getKind();
    if (kind == SqlKind.AS) {
      return null;
    }
    if (kind == SqlKind.CAST && call.operandCount() == 2) {
      if (call.operand(1) instanceof SqlDataTypeSpec spec) {
        String type = spec.getTypeName().getSimple().toUpperCase(Locale.ROOT);
        return TYPES.getOrDefault(type, type.toLowerCase(Locale.ROOT));
      }
      return "?column?";
    }
    if (kind == SqlKind.CASE) {
      return "case";
    }
    if (call instanceof SqlBasicCall && call.getOperator() instanceof SqlFunction f) {
      return f.getName().toLowerCase(Locale.ROOT);
    }
    return "?column?";
  }
}

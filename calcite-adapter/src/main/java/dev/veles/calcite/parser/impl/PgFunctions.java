package dev.veles.calcite.parser.impl;

import dev.veles.calcite.SqlState;
import dev.veles.calcite.VelesCalcite;
import dev.veles.calcite.VelesException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * PostgreSQL functions that Calcite's PostgreSQL library lacks or orders differently, expressed
 * with Calcite's own operators right after parsing:
 *
 * <ul>
 *   <li>{@code date_trunc('month', ts)} (unit first, as in PostgreSQL) as {@code FLOOR(ts TO
 *       MONTH)}, weeks starting on Monday;
 *   <li>{@code now()} as {@code CURRENT_TIMESTAMP} (the statement's start, as in PostgreSQL);
 *   <li>{@code CURRENT_SCHEMA} as the schema of tables, which Calcite cannot evaluate;
 *   <li>{@code version()} as the server's version text, which names the PostgreSQL version whose
 *       protocol and catalog Veles follows (clients such as SQLAlchemy parse that part).
 * </ul>
 */
final class PgFunctions {
  private PgFunctions() {}

  /** The text of {@code version()}. */
  static final String VERSION = "PostgreSQL 16.0 (Veles 0.1.0, a vector database on the JVM)";

  private static final Map<String, TimeUnit> UNITS =
      units(
          Map.entry("microseconds", TimeUnit.MICROSECOND),
          Map.entry("milliseconds", TimeUnit.MILLISECOND),
          Map.entry("second", TimeUnit.SECOND),
          Map.entry("minute", TimeUnit.MINUTE),
          Map.entry("hour", TimeUnit.HOUR),
          Map.entry("day", TimeUnit.DAY),
          Map.entry("week", TimeUnit.WEEK),
          Map.entry("month", TimeUnit.MONTH),
          Map.entry("quarter", TimeUnit.QUARTER),
          Map.entry("year", TimeUnit.YEAR),
          Map.entry("decade", TimeUnit.DECADE),
          Map.entry("century", TimeUnit.CENTURY),
          Map.entry("millennium", TimeUnit.MILLENNIUM));

  /** The units in order, so that an error lists them from the smallest up. */
  @SafeVarargs
  private static Map<String, TimeUnit> units(Map.Entry<String, TimeUnit>... entries) {
    Map<String, TimeUnit> m = new LinkedHashMap<>();
    for (Map.Entry<String, TimeUnit> e : entries) {
      m.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(m);
  }

  static SqlNode apply(SqlNode node) {
    if (node == null) {
      return null;
    }
    return node.accept(
        new SqlShuttle() {
          @Override
          public SqlNode visit(SqlIdentifier id) {
            // A niladic function without parentheses reaches the parser as an identifier.
            return id.isSimple() && id.getSimple().equalsIgnoreCase("current_schema")
                ? SqlLiteral.createCharString(VelesCalcite.SCHEMA, id.getParserPosition())
                : id;
          }

          @Override
          public SqlNode visit(SqlCall call) {
            SqlNode c = super.visit(call);
            // By name: DATE_TRUNC is also a keyword of Calcite's grammar (BigQuery's form).
            return c instanceof SqlBasicCall b
                ? rewrite(b, b.getOperator().getName().toLowerCase(Locale.ROOT))
                : c;
          }
        });
  }

  private static SqlNode rewrite(SqlBasicCall call, String name) {
    SqlParserPos pos = call.getParserPosition();
    return switch (name) {
      case "now" ->
          call.operandCount() == 0 ? SqlStdOperatorTable.CURRENT_TIMESTAMP.createCall(pos) : call;
      case "version" -> call.operandCount() == 0 ? SqlLiteral.createCharString(VERSION, pos) : call;
      case "date_trunc" -> dateTrunc(call, pos);
      default -> call;
    };
  }

  private static SqlNode dateTrunc(SqlBasicCall call, SqlParserPos pos) {
    if (call.operandCount() != 2 || !(call.operand(0) instanceof SqlCharStringLiteral unit)) {
      throw new VelesException(
          SqlState.FEATURE_NOT_SUPPORTED,
          "date_trunc is supported with a literal unit first, as in date_trunc('month', ts)");
    }
    String u = unit.getValueAs(String.class).trim().toLowerCase(Locale.ROOT);
    TimeUnit t =
        UNITS.get(u.endsWith("s") && !UNITS.containsKey(u) ? u.substring(0, u.length() - 1) : u);
    if (t == null) {
      throw new VelesException(
          SqlState.INVALID_PARAMETER_VALUE,
          "date_trunc unit '" + u + "' is not recognized; use one of " + UNITS.keySet());
    }
    SqlNode ts = call.operand(1);
    if (t != TimeUnit.WEEK) {
      return SqlStdOperatorTable.FLOOR.createCall(pos, ts, new SqlIntervalQualifier(t, null, pos));
    }
    // PostgreSQL's weeks start on Monday, Calcite's FLOOR(... TO WEEK) on Sunday: shift by a day.
    SqlNode day =
        SqlLiteral.createInterval(1, "1", new SqlIntervalQualifier(TimeUnit.DAY, null, pos), pos);
    SqlNode sunday =
        SqlStdOperatorTable.FLOOR.createCall(
            pos,
            SqlStdOperatorTable.MINUS.createCall(pos, ts, day),
            new SqlIntervalQualifier(TimeUnit.WEEK, null, pos));
    return SqlStdOperatorTable.PLUS.createCall(pos, sunday, day);
  }
}

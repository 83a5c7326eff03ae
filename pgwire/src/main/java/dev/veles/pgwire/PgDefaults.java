package dev.veles.pgwire;

import dev.veles.calcite.ColumnDefault;
import java.util.Locale;

/**
 * A column's {@code DEFAULT} as PostgreSQL's {@code pg_get_expr} prints it from {@code
 * pg_attrdef.adbin}: what psql's {@code \d} shows in its Default column and pgjdbc reports as
 * {@code COLUMN_DEF}. A number is bare ({@code 0}, {@code 1.5}), a negative one and any other
 * constant a quoted literal cast to the column's type ({@code '-1'::integer}, {@code 'x'::character
 * varying}), a boolean {@code true}/{@code false}, and the functions as PostgreSQL names them
 * ({@code CURRENT_TIMESTAMP}, {@code CURRENT_DATE}, {@code gen_random_uuid()}). Stateless.
 */
final class PgDefaults {
  private PgDefaults() {}

  /**
   * The expression of {@code d} on a column of type {@code type}, or null for {@code DEFAULT NULL}
   * (PostgreSQL stores no default for a null constant, so the column has none).
   */
  static String expression(ColumnDefault d, PgType type) {
    if (d.function() != null) {
      return switch (d.function()) {
        case "current_timestamp" -> "CURRENT_TIMESTAMP";
        case "current_date" -> "CURRENT_DATE";
        default -> d.function() + "()";
      };
    }
    String literal = d.literal();
    if (literal == null) {
      return null;
    }
    boolean numeric = type.category == 'N' && type != PgType.REGCLASS && type != PgType.REGTYPE;
    if (numeric && isNumber(literal) && !literal.startsWith("-")) {
      return literal;
    }
    if (type == PgType.BOOL) {
      return literal.toLowerCase(Locale.ROOT);
    }
    return "'" + literal.replace("'", "''") + "'::" + PgFunctions.format_type(type.oid, -1);
  }

  private static boolean isNumber(String s) {
    try {
      new java.math.BigDecimal(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}

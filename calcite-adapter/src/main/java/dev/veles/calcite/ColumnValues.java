package dev.veles.calcite;

import dev.veles.engine.ColumnSpec;
import java.math.BigDecimal;

/** Converts SQL values in Calcite's representation to the Java type of an engine column. */
final class ColumnValues {
  private ColumnValues() {}

  static Object coerce(ColumnSpec column, Object v) {
    if (v == null) {
      if (!column.nullable()) {
        throw new VelesException(
            SqlState.NOT_NULL_VIOLATION, "column " + column.name() + " must not be NULL");
      }
      return null;
    }
    try {
      return switch (column.type()) {
        case BIGINT, TIMESTAMP -> exactLong(column, (Number) v);
        case INTEGER, DATE -> Math.toIntExact(exactLong(column, (Number) v));
        case DOUBLE -> ((Number) v).doubleValue();
        case REAL -> ((Number) v).floatValue();
        case BOOLEAN -> (Boolean) v;
        case VARCHAR -> {
          String s = v.toString();
          if (column.length() > 0 && s.length() > column.length()) {
            throw new VelesException(
                SqlState.STRING_DATA_RIGHT_TRUNCATION,
                "value of length "
                    + s.length()
                    + " too long for "
                    + column.name()
                    + " VARCHAR("
                    + column.length()
                    + ")");
          }
          yield s;
        }
      };
    } catch (ClassCastException | ArithmeticException e) {
      throw new VelesException(
          SqlState.INVALID_PARAMETER_VALUE,
          "value " + v + " does not fit column " + column.name() + " " + column.type(),
          e);
    }
  }

  /**
   * A UUID in its canonical text form (lower-case, hyphenated), the form UUID columns store and
   * return.
   */
  static String uuid(String column, String text) {
    try {
      java.util.UUID u = java.util.UUID.fromString(text.trim());
      String canonical = u.toString();
      // UUID.fromString accepts short groups ("1-2-3-4-5"); PostgreSQL does not
      if (!canonical.equalsIgnoreCase(text.trim())) {
        throw new IllegalArgumentException(text);
      }
      return canonical;
    } catch (IllegalArgumentException e) {
      throw new VelesException(
          SqlState.INVALID_TEXT_REPRESENTATION,
          "invalid input syntax for type uuid: \"" + text + "\" (column " + column + ")");
    }
  }

  private static long exactLong(ColumnSpec column, Number n) {
    if (n instanceof BigDecimal b) {
      return b.longValueExact();
    }
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (d != Math.rint(d) || Double.isInfinite(d)) {
        throw new ArithmeticException("not an integer: " + d);
      }
      return (long) d;
    }
    return n.longValue();
  }
}

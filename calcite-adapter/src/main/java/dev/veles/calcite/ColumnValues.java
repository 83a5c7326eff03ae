package dev.veles.calcite;

import dev.veles.engine.ColumnSpec;
import dev.veles.engine.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Converts SQL values in Calcite's representation to the Java type of an engine column and back,
 * with the SQLSTATEs PostgreSQL gives a value that does not fit: 22003 out of range, 22001 too
 * long.
 */
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
            throw tooLong(column, s.length(), "VARCHAR(" + column.length() + ")");
          }
          yield s;
        }
        case SMALLINT -> (short) inRange(column, exactLong(column, (Number) v), Short.MIN_VALUE);
        case TINYINT -> (byte) inRange(column, exactLong(column, (Number) v), Byte.MIN_VALUE);
        case DECIMAL -> decimal(column, (Number) v);
        case CHAR -> padded(column, v.toString());
        case TIME -> Math.multiplyExact(((Number) v).longValue(), 1000L);
        case TIMESTAMP_TZ -> Math.multiplyExact(((Number) v).longValue(), 1000L);
        case VARBINARY -> {
          byte[] b = v instanceof ByteString bs ? bs.getBytes() : (byte[]) v;
          int max = column.length() > 0 ? column.length() : ColumnSpec.MAX_VARBINARY;
          if (b.length > max) {
            throw new VelesException(
                column.length() > 0
                    ? SqlState.STRING_DATA_RIGHT_TRUNCATION
                    : SqlState.PROGRAM_LIMIT_EXCEEDED,
                "value of "
                    + b.length
                    + " bytes too long for "
                    + column.name()
                    + (column.length() > 0
                        ? " (declared length " + max + ")"
                        : " (a binary value holds at most " + max + " bytes)"));
          }
          yield b;
        }
      };
    } catch (ClassCastException | ArithmeticException e) {
      throw new VelesException(
          SqlState.INVALID_PARAMETER_VALUE,
          "value " + v + " does not fit column " + column.name() + " " + column.type(),
          e);
    }
  }

  private static VelesException tooLong(ColumnSpec column, int length, String type) {
    return new VelesException(
        SqlState.STRING_DATA_RIGHT_TRUNCATION,
        "value of length " + length + " too long for " + column.name() + " " + type);
  }

  /** {@code v} if a SMALLINT ({@code min} -32768) or TINYINT ({@code min} -128) holds it. */
  private static long inRange(ColumnSpec column, long v, long min) {
    if (v < min || v > -min - 1) {
      throw new VelesException(
          SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
          "value " + v + " out of range for " + column.type() + " column " + column.name());
    }
    return v;
  }

  /** Rounded half up to the column's scale, as PostgreSQL does; 22003 past its precision. */
  private static BigDecimal decimal(ColumnSpec column, Number n) {
    BigDecimal d =
        switch (n) {
          case BigDecimal b -> b;
          case BigInteger b -> new BigDecimal(b);
          case Double x -> finite(column, x);
          case Float x -> finite(column, x.doubleValue());
          default -> BigDecimal.valueOf(n.longValue());
        };
    BigDecimal r = d.setScale(column.scale(), RoundingMode.HALF_UP);
    if (r.signum() != 0 && r.precision() > column.length()) {
      throw new VelesException(
          SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
          "numeric field overflow: value "
              + d.toPlainString()
              + " does not fit "
              + column.name()
              + " DECIMAL("
              + column.length()
              + ", "
              + column.scale()
              + "), which holds absolute values below 10^"
              + (column.length() - column.scale()));
    }
    return r;
  }

  private static BigDecimal finite(ColumnSpec column, double x) {
    if (!Double.isFinite(x)) {
      throw new VelesException(
          SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
          "value " + x + " out of range for DECIMAL column " + column.name());
    }
    return BigDecimal.valueOf(x); // the shortest decimal that reads back as x, as PostgreSQL casts
  }

  /** A CHAR(n) value blank-padded to n; blanks past n are cut and anything else is 22001. */
  private static String padded(ColumnSpec column, String s) {
    int n = column.length();
    int len = s.codePointCount(0, s.length());
    if (len <= n) {
      return len == n ? s : s + " ".repeat(n - len);
    }
    int cut = s.offsetByCodePoints(0, n);
    if (s.substring(cut).chars().anyMatch(ch -> ch != ' ')) {
      throw tooLong(column, len, "CHAR(" + n + ")");
    }
    return s.substring(0, cut);
  }

  /** A BINARY(n) value padded with zero bytes to n, as the SQL standard's fixed binary type. */
  static byte[] zeroPadded(byte[] b, ColumnSpec column) {
    return b.length >= column.length() ? b : Arrays.copyOf(b, column.length());
  }

  /** Whether values of this engine type differ from Calcite's representation of them. */
  static boolean converted(ColumnType t) {
    return t == ColumnType.TIME || t == ColumnType.TIMESTAMP_TZ || t == ColumnType.VARBINARY;
  }

  /**
   * An engine value of a {@link #converted} type in Calcite's representation: TIME as int
   * milliseconds, TIMESTAMP WITH LOCAL TIME ZONE as long milliseconds, bytes as a {@link
   * ByteString}.
   */
  static Object toSql(ColumnType t, Object v) {
    if (v == null) {
      return null;
    }
    return switch (t) {
      case TIME -> (int) ((Long) v / 1000L);
      case TIMESTAMP_TZ -> Math.floorDiv((Long) v, 1000L);
      case VARBINARY -> new ByteString((byte[]) v);
      default -> v;
    };
  }

  /** A comparison constant (Calcite's representation) as the engine compares it, else null. */
  static Object toEngine(ColumnType t, Object v) {
    if (v == null) {
      return null;
    }
    return switch (t) {
      case TIME, TIMESTAMP_TZ -> v instanceof Number n ? n.longValue() * 1000L : null;
      case VARBINARY -> v instanceof ByteString b ? b.getBytes() : v instanceof byte[] ? v : null;
      default -> v;
    };
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

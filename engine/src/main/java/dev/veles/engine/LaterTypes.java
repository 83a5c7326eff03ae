package dev.veles.engine;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;

/**
 * Value rules and encodings of the column types added after the first schema format (SMALLINT,
 * TINYINT, DECIMAL, CHAR, TIME, TIMESTAMP_TZ, VARBINARY), kept apart so that the paths of the older
 * types stay as they were. Stateless and thread-safe.
 */
final class LaterTypes {
  static final long MICROS_PER_DAY = 86_400_000_000L;

  private LaterTypes() {}

  /**
   * A value normalized to the column's type (see {@link ColumnType}), or null if its class cannot
   * be one.
   *
   * @throws IllegalArgumentException naming the column if the value is out of its range or too long
   */
  static Object normalize(ColumnSpec c, Object v) {
    return switch (c.type()) {
      case SMALLINT ->
          integral(c, v, Short.MIN_VALUE, Short.MAX_VALUE) instanceof Long l
              ? (Object) (short) (long) l
              : null;
      case TINYINT ->
          integral(c, v, Byte.MIN_VALUE, Byte.MAX_VALUE) instanceof Long l
              ? (Object) (byte) (long) l
              : null;
      case DECIMAL -> decimal(c, v);
      case CHAR -> v instanceof String s ? padded(c, s) : null;
      case TIME -> {
        Object l = integral(c, v, Long.MIN_VALUE, Long.MAX_VALUE);
        if (l instanceof Long micros && (micros < 0 || micros >= MICROS_PER_DAY)) {
          throw new IllegalArgumentException(
              "column " + c.name() + ": TIME " + micros + " is not in [0, 86400 * 10^6) micros");
        }
        yield l;
      }
      case TIMESTAMP_TZ -> integral(c, v, Long.MIN_VALUE, Long.MAX_VALUE);
      case VARBINARY -> {
        if (!(v instanceof byte[] b)) {
          yield null;
        }
        int max = c.length() > 0 ? c.length() : ColumnSpec.MAX_VARBINARY;
        if (b.length > max) {
          throw new IllegalArgumentException(
              "value of "
                  + b.length
                  + " bytes is longer than column "
                  + c.name()
                  + "'s limit of "
                  + max
                  + " bytes");
        }
        yield b.clone();
      }
      default -> throw new AssertionError(c.type());
    };
  }

  /** An integral value as a Long within [min, max], null if not an integral class. */
  private static Object integral(ColumnSpec c, Object v, long min, long max) {
    if (!(v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)) {
      return null;
    }
    long l = ((Number) v).longValue();
    if (l < min || l > max) {
      throw new IllegalArgumentException(
          "value " + l + " is out of range for " + c.type() + " column " + c.name());
    }
    return l;
  }

  private static BigDecimal decimal(ColumnSpec c, Object v) {
    BigDecimal d =
        switch (v) {
          case BigDecimal b -> b;
          case BigInteger b -> new BigDecimal(b);
          case Long l -> BigDecimal.valueOf(l);
          case Integer i -> BigDecimal.valueOf(i);
          case Short s -> BigDecimal.valueOf(s);
          case Byte b -> BigDecimal.valueOf(b);
          default -> null;
        };
    if (d == null) {
      return null;
    }
    // PostgreSQL rounds to the declared scale half away from zero, then checks the precision
    BigDecimal r = d.setScale(c.scale(), RoundingMode.HALF_UP);
    if (r.precision() > c.length() && r.signum() != 0) {
      throw new IllegalArgumentException(
          "value "
              + d.toPlainString()
              + " overflows column "
              + c.name()
              + " DECIMAL("
              + c.length()
              + ", "
              + c.scale()
              + "): it must round to an absolute value below 10^"
              + (c.length() - c.scale()));
    }
    return r;
  }

  /**
   * A CHAR value blank-padded to the column's length; trailing blanks past it are cut, as
   * PostgreSQL does, and any other excess is an error.
   */
  static String padded(ColumnSpec c, String s) {
    int n = c.length();
    int len = s.codePointCount(0, s.length());
    if (len == n) {
      return s;
    }
    if (len < n) {
      return s + " ".repeat(n - len);
    }
    int cut = s.offsetByCodePoints(0, n);
    if (s.substring(cut).chars().anyMatch(ch -> ch != ' ')) {
      throw new IllegalArgumentException(
          "value of " + len + " characters is longer than column " + c.name() + "'s limit " + n);
    }
    return s.substring(0, cut);
  }

  /** A CHAR value without its trailing blanks, the form CHAR comparisons use. */
  static String unpadded(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(0, end);
  }

  /** The encoded length of a normalized DECIMAL value of column {@code c}. */
  static int decimalLength(ColumnSpec c, BigDecimal d) {
    return c.length() <= ColumnSpec.LONG_DECIMAL_PRECISION
        ? 8
        : 2 + d.unscaledValue().toByteArray().length;
  }

  /** Writes a normalized DECIMAL value of column {@code c} (see {@link RowCodec}). */
  static void putDecimal(ByteBuffer out, ColumnSpec c, BigDecimal d) {
    if (c.length() <= ColumnSpec.LONG_DECIMAL_PRECISION) {
      out.putLong(d.unscaledValue().longValueExact());
    } else {
      byte[] b = d.unscaledValue().toByteArray();
      out.putShort((short) b.length);
      out.put(b);
    }
  }

  /**
   * Reads a DECIMAL value of column {@code c} at {@code p} (before {@code end}).
   *
   * @throws IllegalArgumentException if it runs past {@code end} or breaks the column's precision
   */
  static BigDecimal getDecimal(MemorySegment seg, long p, long end, ColumnSpec c) {
    BigDecimal d;
    if (c.length() <= ColumnSpec.LONG_DECIMAL_PRECISION) {
      d = BigDecimal.valueOf(seg.get(RowCodec.LONG_LE, p), c.scale());
    } else {
      int n = Short.toUnsignedInt(seg.get(RowCodec.SHORT_LE, p));
      if (n == 0 || p + 2 + n > end) {
        throw new IllegalArgumentException("DECIMAL length " + n + " past the record end");
      }
      byte[] b = seg.asSlice(p + 2, n).toArray(ValueLayout.JAVA_BYTE);
      d = new BigDecimal(new BigInteger(b), c.scale());
    }
    if (d.precision() > c.length() && d.signum() != 0) {
      throw new IllegalArgumentException("DECIMAL value " + d + " breaks column " + c.name());
    }
    return d;
  }
}

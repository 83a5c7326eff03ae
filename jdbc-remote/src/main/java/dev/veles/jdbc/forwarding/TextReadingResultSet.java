package dev.veles.jdbc.forwarding;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * A {@link ForwardingResultSet} whose number and boolean getters also read a text value, as
 * pgjdbc's do: {@code getInt} of a VARCHAR column holding {@code "12"} is 12, and text that is no
 * number fails with a {@link SQLDataException}, SQLSTATE 22P02 ({@code invalid input syntax for
 * type integer: "abc"}), or 22003 when out of the type's range. Avatica's accessors refuse every
 * such read with a {@code SQLDataException} without SQLSTATE ("cannot convert to long
 * (…Accessor@…)"), which is all this class acts on: a getter that succeeds costs nothing more than
 * the forwarding.
 *
 * <p>Integers take the whole part of a decimal text ({@code "1.9"} reads as 1), as pgjdbc does;
 * booleans take PostgreSQL's spellings ({@code t}, {@code true}, {@code yes}, {@code on}, {@code 1}
 * and their opposites), any case, surrounding blanks ignored.
 *
 * <p>Not thread-safe, like any JDBC result set.
 */
public abstract class TextReadingResultSet extends ForwardingResultSet {
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  protected TextReadingResultSet(ResultSet target) {
    super(target);
  }

  /** Whether {@code e} is the accessor's refusal to convert, which a text value may still meet. */
  private static boolean refusal(SQLException e) {
    return e instanceof SQLDataException && e.getSQLState() == null;
  }

  /** The column's text after a refused read; null for SQL NULL. */
  private String text(int column, SQLException refused) throws SQLException {
    try {
      return target().getString(column);
    } catch (SQLException | RuntimeException e) {
      e.addSuppressed(refused);
      throw translate(e);
    }
  }

  private static SQLDataException invalid(String type, String text) {
    return new SQLDataException(
        "invalid input syntax for type " + type + ": \"" + text + "\"", "22P02");
  }

  private static SQLDataException outOfRange(String type, String text) {
    return new SQLDataException("value \"" + text + "\" is out of range for type " + type, "22003");
  }

  /** An integer of at most {@code min}..{@code max} from a text. */
  private static long integer(String text, String type, long min, long max)
      throws SQLDataException {
    String s = text.strip();
    long value;
    try {
      value = Long.parseLong(s);
    } catch (NumberFormatException notLong) {
      BigInteger whole;
      try {
        whole = new BigDecimal(s).toBigInteger();
      } catch (NumberFormatException | ArithmeticException e) {
        throw invalid(type, text);
      }
      if (whole.compareTo(LONG_MIN) < 0 || whole.compareTo(LONG_MAX) > 0) {
        throw outOfRange(type, text);
      }
      value = whole.longValue();
    }
    if (value < min || value > max) {
      throw outOfRange(type, text);
    }
    return value;
  }

  private static double floating(String text, String type) throws SQLDataException {
    String s = text.strip();
    String lower = s.toLowerCase(Locale.ROOT);
    // Double.parseDouble also takes hexadecimal and a trailing d or f, which no SQL number has
    if (s.isEmpty() || lower.contains("x") || lower.endsWith("d") || lower.endsWith("f")) {
      throw invalid(type, text);
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw invalid(type, text);
    }
  }

  private long readInteger(int column, SQLException refused, String type, long min, long max)
      throws SQLException {
    String s = text(column, refused);
    return s == null ? 0 : integer(s, type, min, max);
  }

  @Override
  public long getLong(int column) throws SQLException {
    try {
      return target().getLong(column);
    } catch (SQLException e) {
      if (refusal(e)) {
        return readInteger(column, e, "bigint", Long.MIN_VALUE, Long.MAX_VALUE);
      }
      throw translate(e);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getInt(int column) throws SQLException {
    try {
      return target().getInt(column);
    } catch (SQLException e) {
      if (refusal(e)) {
        return (int) readInteger(column, e, "integer", Integer.MIN_VALUE, Integer.MAX_VALUE);
      }
      throw translate(e);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public short getShort(int column) throws SQLException {
    try {
      return target().getShort(column);
    } catch (SQLException e) {
      if (refusal(e)) {
        return (short) readInteger(column, e, "smallint", Short.MIN_VALUE, Short.MAX_VALUE);
      }
      throw translate(e);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public byte getByte(int column) throws SQLException {
    try {
      return target().getByte(column);
    } catch (SQLException e) {
      if (refusal(e)) {
        return (byte) readInteger(column, e, "tinyint", Byte.MIN_VALUE, Byte.MAX_VALUE);
      }
      throw translate(e);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public double getDouble(int column) throws SQLException {
    try {
      return target().getDouble(column);
    } catch (SQLException e) {
      if (refusal(e)) {
        String s = text(column, e);
        return s == null ? 0 : floating(s, "double precision");
      }
      throw translate(e);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public float getFloat(int column) throws SQLException {
    try {
      return target().getFloat(column);
    } catch (SQLException e) {
      if (refusal(e)) {
        String s = text(column, e);
        if (s == null) {
          return 0;
        }
        double d = floating(s, "real");
        if (Double.isFinite(d) && Math.abs(d) > Float.MAX_VALUE) {
          throw outOfRange("real", s);
        }
        return (float) d;
      }
      throw translate(e);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public BigDecimal getBigDecimal(int column) throws SQLException {
    try {
      return target().getBigDecimal(column);
    } catch (SQLException e) {
      if (refusal(e)) {
        String s = text(column, e);
        if (s == null) {
          return null;
        }
        try {
          return new BigDecimal(s.strip());
        } catch (NumberFormatException bad) {
          throw invalid("numeric", s);
        }
      }
      throw translate(e);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean getBoolean(int column) throws SQLException {
    try {
      return target().getBoolean(column);
    } catch (SQLException e) {
      if (refusal(e)) {
        String s = text(column, e);
        return s != null && bool(s);
      }
      throw translate(e);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  private static boolean bool(String text) throws SQLDataException {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "t", "true", "y", "yes", "on", "1" -> true;
      case "f", "false", "n", "no", "off", "0" -> false;
      default -> throw invalid("boolean", text);
    };
  }

  @Override
  public long getLong(String label) throws SQLException {
    return getLong(findColumn(label));
  }

  @Override
  public int getInt(String label) throws SQLException {
    return getInt(findColumn(label));
  }

  @Override
  public short getShort(String label) throws SQLException {
    return getShort(findColumn(label));
  }

  @Override
  public byte getByte(String label) throws SQLException {
    return getByte(findColumn(label));
  }

  @Override
  public double getDouble(String label) throws SQLException {
    return getDouble(findColumn(label));
  }

  @Override
  public float getFloat(String label) throws SQLException {
    return getFloat(findColumn(label));
  }

  @Override
  public BigDecimal getBigDecimal(String label) throws SQLException {
    return getBigDecimal(findColumn(label));
  }

  @Override
  public boolean getBoolean(String label) throws SQLException {
    return getBoolean(findColumn(label));
  }
}

package dev.veles.engine;

import java.util.Objects;

/**
 * A typed scalar column of a collection.
 *
 * @param name the column name, matching {@link Names#PATTERN}
 * @param type the value type
 * @param length the maximum length in characters for {@code VARCHAR}, the length of a {@code CHAR}
 *     (1 if 0 is given), the maximum length in bytes of a {@code VARBINARY}, the precision of a
 *     {@code DECIMAL} (1..{@value #MAX_DECIMAL_PRECISION}); 0 for unbounded or other types
 * @param scale the digits after the decimal point of a {@code DECIMAL} (0..length), else 0
 * @param nullable whether the column accepts nulls
 */
public record ColumnSpec(String name, ColumnType type, int length, int scale, boolean nullable) {
  /** The largest precision of a DECIMAL column. */
  public static final int MAX_DECIMAL_PRECISION = 1000;

  /** The longest VARBINARY value in bytes (also for a column declared without a length). */
  public static final int MAX_VARBINARY = 1 << 20;

  /** The largest precision of a DECIMAL column stored as one unscaled {@code long}. */
  static final int LONG_DECIMAL_PRECISION = 18;

  public ColumnSpec {
    Names.check(name, "column");
    Objects.requireNonNull(type, "type");
    if (length < 0) {
      throw new IllegalArgumentException("column " + name + ": negative length " + length);
    }
    if (type == ColumnType.CHAR && length == 0) {
      length = 1; // CHAR without a length is CHAR(1) in SQL and PostgreSQL
    }
    if (type == ColumnType.DECIMAL) {
      if (length < 1 || length > MAX_DECIMAL_PRECISION || scale < 0 || scale > length) {
        throw new IllegalArgumentException(
            "column "
                + name
                + ": DECIMAL("
                + length
                + ", "
                + scale
                + ") needs a precision in 1.."
                + MAX_DECIMAL_PRECISION
                + " and a scale in 0..precision");
      }
    } else if (scale != 0) {
      throw new IllegalArgumentException("column " + name + ": only DECIMAL has a scale");
    }
  }

  /** A column without a scale (every type but DECIMAL). */
  public ColumnSpec(String name, ColumnType type, int length, boolean nullable) {
    this(name, type, length, 0, nullable);
  }
}

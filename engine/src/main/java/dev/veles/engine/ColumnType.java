package dev.veles.engine;

import java.math.BigDecimal;

/**
 * The type of a scalar column, with the Java class its values have in {@link Row}.
 *
 * <p>Dates and timestamps use the same encoding as Calcite's internal representation so that no
 * layer has to convert them: a {@code DATE} is days since 1970-01-01 as an {@link Integer}, a
 * {@code TIMESTAMP} is milliseconds since 1970-01-01T00:00 (no time zone) as a {@link Long}. The
 * types after {@code TIMESTAMP} came later; a schema that uses one is written in a format that
 * builds before them refuse by its version ({@link SchemaJson#FORMAT_TYPES}), and their ordinals
 * (stored in checkpoints) follow the older ones:
 *
 * <ul>
 *   <li>{@code SMALLINT} and {@code TINYINT}: a {@link Short} and a {@link Byte}.
 *   <li>{@code DECIMAL}: a {@link BigDecimal} with exactly the column's scale ({@link
 *       ColumnSpec#scale()}) and at most its precision ({@link ColumnSpec#length()}) digits.
 *   <li>{@code CHAR}: a {@link String} blank-padded to the column's length, as PostgreSQL's {@code
 *       bpchar} stores it; comparisons ignore trailing blanks.
 *   <li>{@code TIME}: microseconds since midnight as a {@link Long}, in {@code [0, 86400 * 10^6)}.
 *   <li>{@code TIMESTAMP_TZ}: an instant, microseconds since 1970-01-01T00:00Z, as a {@link Long}.
 *   <li>{@code VARBINARY}: a {@code byte[]} (copied on the way in and out).
 * </ul>
 */
public enum ColumnType {
  BIGINT(Long.class, 8),
  INTEGER(Integer.class, 4),
  DOUBLE(Double.class, 8),
  REAL(Float.class, 4),
  BOOLEAN(Boolean.class, 1),
  VARCHAR(String.class, -1),
  DATE(Integer.class, 4),
  TIMESTAMP(Long.class, 8),
  SMALLINT(Short.class, 2),
  TINYINT(Byte.class, 1),
  DECIMAL(BigDecimal.class, -1),
  CHAR(String.class, -1),
  TIME(Long.class, 8),
  TIMESTAMP_TZ(Long.class, 8),
  VARBINARY(byte[].class, -1);

  private final Class<?> javaClass;
  private final int fixedWidth;

  ColumnType(Class<?> javaClass, int fixedWidth) {
    this.javaClass = javaClass;
    this.fixedWidth = fixedWidth;
  }

  /** The class of this type's values in a {@link Row}. */
  public Class<?> javaClass() {
    return javaClass;
  }

  /** Bytes per value, or -1 for variable-width types (and DECIMAL, whose width is per column). */
  public int fixedWidth() {
    return fixedWidth;
  }

  /** Whether this type came after the first schema format (see {@link SchemaJson#FORMAT_TYPES}). */
  boolean isLater() {
    return ordinal() > TIMESTAMP.ordinal();
  }
}

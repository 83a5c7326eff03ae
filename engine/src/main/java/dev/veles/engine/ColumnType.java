package dev.veles.engine;

/**
 * The type of a scalar column, with the Java class its values have in {@link Row}.
 *
 * <p>Dates and timestamps use the same encoding as Calcite's internal representation so that no
 * layer has to convert them: a {@code DATE} is days since 1970-01-01 as an {@link Integer}, a
 * {@code TIMESTAMP} is milliseconds since 1970-01-01T00:00 (no time zone) as a {@link Long}.
 */
public enum ColumnType {
  BIGINT(Long.class, 8),
  INTEGER(Integer.class, 4),
  DOUBLE(Double.class, 8),
  REAL(Float.class, 4),
  BOOLEAN(Boolean.class, 1),
  VARCHAR(String.class, -1),
  DATE(Integer.class, 4),
  TIMESTAMP(Long.class, 8);

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

  /** Bytes per value, or -1 for variable-width types. */
  public int fixedWidth() {
    return fixedWidth;
  }
}

package dev.veles.engine;

import java.util.Arrays;

/**
 * One row of a collection: its id, its vector and its column values.
 *
 * <p>Values are in schema column order, typed as {@link ColumnType#javaClass()}, {@code null} for
 * SQL NULL. The arrays are owned by the row's creator; the engine copies what it keeps.
 *
 * @param id the primary key
 * @param vector the vector, {@code null} only in a collection without vectors
 * @param values the column values in schema order
 */
public record Row(long id, float[] vector, Object[] values) {
  private static final Object[] NO_VALUES = new Object[0];

  /** A row with a vector and no column values. */
  public static Row of(long id, float[] vector) {
    return new Row(id, vector, NO_VALUES);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Row r
        && id == r.id
        && Arrays.equals(vector, r.vector)
        && Arrays.deepEquals(values, r.values); // VARBINARY values by content
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id) * 31 + Arrays.hashCode(vector);
  }

  @Override
  public String toString() {
    return "Row[id="
        + id
        + ", vector="
        + Arrays.toString(vector)
        + ", values="
        + Arrays.deepToString(values)
        + "]";
  }
}

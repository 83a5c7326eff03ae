package dev.veles.engine;

/**
 * The value a column takes in the existing rows when {@link Database#alter} adds it: a constant
 * default, or one computed per row.
 */
@FunctionalInterface
public interface ColumnFill {
  /** Every new column reads NULL in the existing rows. */
  ColumnFill NULLS = (id, column) -> null;

  /**
   * @param id the row's id
   * @param column the column's position in the new schema
   * @return the value (of any type the column accepts on insert), or null
   */
  Object value(long id, int column);
}

package dev.veles.engine;

import java.util.Objects;

/**
 * A typed scalar column of a collection.
 *
 * @param name the column name, matching {@link Names#PATTERN}
 * @param type the value type
 * @param length the maximum length in characters for {@code VARCHAR}, 0 for unbounded or other
 *     types
 * @param nullable whether the column accepts nulls
 */
public record ColumnSpec(String name, ColumnType type, int length, boolean nullable) {
  public ColumnSpec {
    Names.check(name, "column");
    Objects.requireNonNull(type, "type");
    if (length < 0) {
      throw new IllegalArgumentException("column " + name + ": negative length " + length);
    }
  }
}

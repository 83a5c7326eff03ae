package dev.veles.langchain4j;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The SQL type of a metadata key declared as its own column, and how LangChain4j's metadata values
 * ({@code String}, {@code UUID}, {@code Integer}, {@code Long}, {@code Float}, {@code Double}) are
 * bound to it and read back. Immutable.
 */
public enum ColumnType {
  /** {@code VARCHAR}: strings and UUIDs (as their text). */
  TEXT("VARCHAR"),
  /** {@code INTEGER}: read back as {@code Integer}. */
  INTEGER("INTEGER"),
  /** {@code BIGINT}: read back as {@code Long}. */
  BIGINT("BIGINT"),
  /** {@code REAL}: read back as {@code Float}. */
  REAL("REAL"),
  /** {@code DOUBLE}: read back as {@code Double}. */
  DOUBLE("DOUBLE");

  private final String sql;

  ColumnType(String sql) {
    this.sql = sql;
  }

  /** The column's type in {@code CREATE TABLE}. */
  public String sql() {
    return sql;
  }

  /**
   * Binds {@code value} (a metadata value or a filter's comparison value) as this column's type.
   *
   * @throws IllegalArgumentException when the value's kind does not fit the column (a string for a
   *     number column, a number for a text column), as LangChain4j's own filters reject it
   */
  void bind(PreparedStatement ps, int index, String key, Object value) throws SQLException {
    if (value == null) {
      ps.setNull(index, java.sql.Types.NULL);
      return;
    }
    boolean text = value instanceof String || value instanceof UUID;
    if ((this == TEXT) != text) {
      throw new IllegalArgumentException(
          "metadata key '"
              + key
              + "' is a "
              + name()
              + " column; the value '"
              + value
              + "' of type "
              + value.getClass().getName()
              + " does not fit it");
    }
    // Numbers go through their decimal text, as LangChain4j compares them, so 1.23f matches 1.23f.
    switch (this) {
      case TEXT -> ps.setString(index, value.toString());
      case INTEGER, BIGINT -> {
        BigDecimal d = new BigDecimal(value.toString());
        if (d.stripTrailingZeros().scale() <= 0) {
          ps.setLong(index, d.longValueExact());
        } else {
          ps.setBigDecimal(index, d);
        }
      }
      case REAL -> ps.setFloat(index, Float.parseFloat(value.toString()));
      case DOUBLE -> ps.setDouble(index, Double.parseDouble(value.toString()));
    }
  }

  /** The value of column {@code index} as LangChain4j's metadata type, or null. */
  Object read(ResultSet rs, int index) throws SQLException {
    Object v =
        switch (this) {
          case TEXT -> rs.getString(index);
          case INTEGER -> rs.getInt(index);
          case BIGINT -> rs.getLong(index);
          case REAL -> rs.getFloat(index);
          case DOUBLE -> rs.getDouble(index);
        };
    return rs.wasNull() ? null : v;
  }
}

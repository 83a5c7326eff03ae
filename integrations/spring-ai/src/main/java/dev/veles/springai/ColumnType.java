package dev.veles.springai;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** The SQL type of a metadata key declared as its own column; how values bind and read. */
public enum ColumnType {
  /** {@code VARCHAR}; values bound as their text. */
  TEXT("VARCHAR"),
  /** {@code BIGINT}; read back as {@code Long}. */
  BIGINT("BIGINT"),
  /** {@code DOUBLE}; read back as {@code Double}. */
  DOUBLE("DOUBLE"),
  /** {@code BOOLEAN}. */
  BOOLEAN("BOOLEAN");

  private final String sql;

  ColumnType(String sql) {
    this.sql = sql;
  }

  String sql() {
    return sql;
  }

  /**
   * Binds a metadata or filter value as this column's type.
   *
   * @throws IllegalArgumentException when the value does not fit the column
   */
  void bind(PreparedStatement ps, int index, String key, Object value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.NULL);
      return;
    }
    boolean fits =
        switch (this) {
          case TEXT -> !(value instanceof Number || value instanceof Boolean);
          case BIGINT, DOUBLE -> value instanceof Number;
          case BOOLEAN -> value instanceof Boolean;
        };
    if (!fits) {
      throw new IllegalArgumentException(
          "metadata key '" + key + "' is a " + name() + " column; '" + value + "' does not fit it");
    }
    switch (this) {
      case TEXT -> ps.setString(index, value.toString());
      case BIGINT -> {
        BigDecimal d = new BigDecimal(value.toString());
        if (d.stripTrailingZeros().scale() <= 0) {
          ps.setLong(index, d.longValueExact());
        } else {
          ps.setBigDecimal(index, d);
        }
      }
      case DOUBLE -> ps.setDouble(index, ((Number) value).doubleValue());
      case BOOLEAN -> ps.setBoolean(index, (Boolean) value);
    }
  }

  Object read(ResultSet rs, int index) throws SQLException {
    Object v =
        switch (this) {
          case TEXT -> rs.getString(index);
          case BIGINT -> rs.getLong(index);
          case DOUBLE -> rs.getDouble(index);
          case BOOLEAN -> rs.getBoolean(index);
        };
    return rs.wasNull() ? null : v;
  }
}

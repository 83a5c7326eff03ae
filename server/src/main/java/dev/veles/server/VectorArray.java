package dev.veles.server;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;

/**
 * A vector value as Avatica's server reads it: the wrapped array, except that {@link
 * #getResultSet()} is refused, which makes Avatica read the elements with {@link #getArray()}.
 * Calcite's arrays answer {@code getResultSet} with one column where Avatica reads two.
 *
 * <p>As thread-safe as the wrapped array.
 */
final class VectorArray implements Array {
  private final Array target;

  VectorArray(Array target) {
    this.target = target;
  }

  @Override
  public String getBaseTypeName() throws SQLException {
    return target.getBaseTypeName();
  }

  @Override
  public int getBaseType() throws SQLException {
    return target.getBaseType();
  }

  @Override
  public Object getArray() throws SQLException {
    return target.getArray();
  }

  @Override
  public Object getArray(Map<String, Class<?>> map) throws SQLException {
    return target.getArray(map);
  }

  @Override
  public Object getArray(long index, int count) throws SQLException {
    return target.getArray(index, count);
  }

  @Override
  public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException {
    return target.getArray(index, count, map);
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    throw notUsed();
  }

  @Override
  public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
    throw notUsed();
  }

  @Override
  public ResultSet getResultSet(long index, int count) throws SQLException {
    throw notUsed();
  }

  @Override
  public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map)
      throws SQLException {
    throw notUsed();
  }

  @Override
  public void free() throws SQLException {
    target.free();
  }

  @Override
  public String toString() {
    return target.toString();
  }

  private static SQLFeatureNotSupportedException notUsed() {
    return new SQLFeatureNotSupportedException(
        "Array.getResultSet is not used for vectors; read the values with getArray()", "0A000");
  }
}

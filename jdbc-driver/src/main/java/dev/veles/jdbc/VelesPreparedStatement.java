package dev.veles.jdbc;

import dev.veles.calcite.FloatList;
import dev.veles.calcite.Vectors;
import dev.veles.jdbc.forwarding.ForwardingPreparedStatement;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.Types;
import java.util.Locale;

/**
 * A prepared statement of a {@link VelesConnection}: as {@link VelesStatement}, and a vector bound
 * as {@code float[]} or {@code double[]} with any {@code setObject} is passed on as the list of
 * floats that Calcite binds to an ARRAY parameter (a primitive array would fail a cast later).
 *
 * <p>Not thread-safe, like any JDBC statement. Owns the Calcite statement.
 */
final class VelesPreparedStatement extends ForwardingPreparedStatement {
  private final VelesConnection connection;
  private VelesResultSet current;
  private boolean[] vectorParameters;

  VelesPreparedStatement(PreparedStatement target, VelesConnection connection) {
    super(target);
    this.connection = connection;
  }

  @Override
  protected SQLException translate(Exception e) {
    return SqlExceptions.translate(e);
  }

  /** The same wrapper for the same result set, so that repeated getResultSet calls agree. */
  @Override
  protected ResultSet wrap(ResultSet rs) {
    current = VelesResultSet.of(current, rs, connection, this);
    return current;
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public int[] executeBatch() throws SQLException {
    return Batches.run(connection.tx(), target()::executeBatch);
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    return Batches.run(connection.tx(), target()::executeLargeBatch);
  }

  /**
   * Binds pgvector's text form ({@code '[1,2,3]'}) where the parameter is a vector; any other
   * parameter gets the string itself.
   */
  @Override
  public void setString(int index, String x) throws SQLException {
    if (x != null && isVector(index)) {
      try {
        super.setObject(index, new FloatList(Vectors.parse(x)));
      } catch (RuntimeException e) {
        throw translate(e);
      }
    } else {
      super.setString(index, x);
    }
  }

  /**
   * Per parameter index, the range of a SMALLINT or TINYINT parameter ({@code [min, max]}), else
   * null; read once. Calcite narrows a wider bound integer to these types by wrapping it (40000
   * becomes -25536), so a value out of range is refused here, as PostgreSQL does (22003).
   */
  private long[][] narrowRanges;

  private void checkRange(int index, long v) throws SQLException {
    long[][] r = narrowRanges;
    if (r == null) {
      ParameterMetaData md = getParameterMetaData();
      r = new long[md.getParameterCount() + 1][];
      for (int i = 1; i < r.length; i++) {
        r[i] =
            switch (md.getParameterType(i)) {
              case Types.SMALLINT -> new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
              case Types.TINYINT -> new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE};
              default -> null;
            };
      }
      narrowRanges = r;
    }
    if (index > 0 && index < r.length && r[index] != null && (v < r[index][0] || v > r[index][1])) {
      throw new VelesSQLException(
          dev.veles.calcite.SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
          "value "
              + v
              + " out of range for the "
              + (r[index][1] == Byte.MAX_VALUE ? "TINYINT" : "SMALLINT")
              + " parameter "
              + index);
    }
  }

  @Override
  public void setInt(int index, int x) throws SQLException {
    checkRange(index, x);
    super.setInt(index, x);
  }

  @Override
  public void setLong(int index, long x) throws SQLException {
    checkRange(index, x);
    super.setLong(index, x);
  }

  private boolean isVector(int index) throws SQLException {
    boolean[] v = vectorParameters;
    if (v == null) {
      ParameterMetaData md = getParameterMetaData();
      v = new boolean[md.getParameterCount() + 1];
      for (int i = 1; i < v.length; i++) {
        v[i] =
            md.getParameterType(i) == Types.ARRAY
                && String.valueOf(md.getParameterTypeName(i))
                    .toUpperCase(Locale.ROOT)
                    .contains("REAL");
      }
      vectorParameters = v;
    }
    return index > 0 && index < v.length && v[index];
  }

  @Override
  public void setObject(int index, Object x) throws SQLException {
    if (x instanceof Integer || x instanceof Long) {
      checkRange(index, ((Number) x).longValue());
    }
    if (!dev.veles.jdbc.forwarding.JavaTimeValues.bind(this, index, x)) {
      super.setObject(index, bindable(x));
    }
  }

  @Override
  public void setObject(int index, Object x, int targetSqlType) throws SQLException {
    if (x instanceof Integer || x instanceof Long) {
      checkRange(index, ((Number) x).longValue());
    }
    super.setObject(index, bindable(x), targetSqlType);
  }

  @Override
  public void setObject(int index, Object x, int targetSqlType, int scaleOrLength)
      throws SQLException {
    super.setObject(index, bindable(x), targetSqlType, scaleOrLength);
  }

  @Override
  public void setObject(int index, Object x, SQLType targetSqlType) throws SQLException {
    super.setObject(index, bindable(x), targetSqlType);
  }

  @Override
  public void setObject(int index, Object x, SQLType targetSqlType, int scaleOrLength)
      throws SQLException {
    super.setObject(index, bindable(x), targetSqlType, scaleOrLength);
  }

  private static Object bindable(Object x) {
    return x instanceof float[] || x instanceof double[] ? new FloatList(Vectors.toFloats(x)) : x;
  }

  @Override
  public boolean execute() throws SQLException {
    try {
      CancelFlags.clear(target());
      return super.execute();
    } catch (AssertionError | StackOverflowError e) {
      throw SqlExceptions.internal(e);
    }
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    try {
      CancelFlags.clear(target());
      return super.executeQuery();
    } catch (AssertionError | StackOverflowError e) {
      throw SqlExceptions.internal(e);
    }
  }

  @Override
  public int executeUpdate() throws SQLException {
    try {
      CancelFlags.clear(target());
      return (int)
          dev.veles.jdbc.forwarding.UpdateCounts.checkNoResult(super.executeUpdate(), target());
    } catch (AssertionError | StackOverflowError e) {
      throw SqlExceptions.internal(e);
    }
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    try {
      CancelFlags.clear(target());
      return dev.veles.jdbc.forwarding.UpdateCounts.checkNoResult(
          super.executeLargeUpdate(), target());
    } catch (AssertionError | StackOverflowError e) {
      throw SqlExceptions.internal(e);
    }
  }
}

package dev.veles.jdbc.remote;

import dev.veles.jdbc.forwarding.ForwardingPreparedStatement;
import dev.veles.jdbc.forwarding.UpdateCounts;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.Types;
import org.apache.calcite.avatica.AvaticaStatement;

/**
 * A prepared statement of a {@link RemoteConnection}. A vector bound to a parameter the server
 * declares as an array ({@code setObject} with a {@code float[]}, {@code double[]}, {@code
 * Number[]} or a {@code List} of numbers, or {@code setArray}) travels as one packed binary value
 * ({@link VectorWire}) that the server unpacks, instead of one protobuf message per component; this
 * also makes {@code setObject(i, float[])} work, which Avatica's protobuf client refuses. The query
 * timeout bounds each request's wait, as in {@link RemoteStatement}.
 *
 * <p>Not thread-safe, like any JDBC statement.
 */
final class RemotePreparedStatement extends ForwardingPreparedStatement {
  private final RemoteConnection connection;
  private final AvaticaStatement avatica;

  /** Which parameters are arrays (index 1..n); computed on the first vector bound. */
  private boolean[] arrayParameters;

  RemotePreparedStatement(PreparedStatement target, RemoteConnection connection)
      throws SQLException {
    super(target);
    this.connection = connection;
    this.avatica = target.unwrap(AvaticaStatement.class);
  }

  @Override
  protected SQLException translate(Exception e) {
    return connection.translate(e);
  }

  @Override
  protected Connection wrap(Connection c) {
    return connection;
  }

  @Override
  protected ResultSet wrap(ResultSet rs) {
    return rs == null ? null : new RemoteResultSet(rs, connection, this);
  }

  /** Fails (0100E) after running a statement that returned rows, as pgjdbc does. */
  @Override
  public int executeUpdate() throws SQLException {
    return (int) UpdateCounts.checkNoResult(super.executeUpdate(), this);
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    return UpdateCounts.checkNoResult(super.executeLargeUpdate(), this);
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    super.setQueryTimeout(seconds);
    connection.link().queryTimeout(avatica.handle.id, seconds * 1000);
  }

  /**
   * Cancels on the server, which stops the running statement (its execution fails with 57014), then
   * locally: Avatica's own cancel waits for the statement's lock, which the execution holds until
   * the server answers.
   */
  @Override
  public void cancel() throws SQLException {
    connection.link().cancel(avatica.handle.connectionId, avatica.handle.id);
    super.cancel();
  }

  @Override
  public void close() throws SQLException {
    connection.link().forget(avatica.handle.id);
    super.close();
  }

  @Override
  public void setObject(int index, Object x) throws SQLException {
    if (!packed(index, x) && !dev.veles.jdbc.forwarding.JavaTimeValues.bind(this, index, x)) {
      super.setObject(index, x);
    }
  }

  @Override
  public void setObject(int index, Object x, int targetSqlType) throws SQLException {
    if (!packed(index, x)) {
      super.setObject(index, x, targetSqlType);
    }
  }

  @Override
  public void setObject(int index, Object x, int targetSqlType, int scaleOrLength)
      throws SQLException {
    if (!packed(index, x)) {
      super.setObject(index, x, targetSqlType, scaleOrLength);
    }
  }

  @Override
  public void setObject(int index, Object x, SQLType targetSqlType) throws SQLException {
    if (!packed(index, x)) {
      super.setObject(index, x, targetSqlType);
    }
  }

  @Override
  public void setObject(int index, Object x, SQLType targetSqlType, int scaleOrLength)
      throws SQLException {
    if (!packed(index, x)) {
      super.setObject(index, x, targetSqlType, scaleOrLength);
    }
  }

  @Override
  public void setArray(int index, Array x) throws SQLException {
    if (!packed(index, x)) {
      super.setArray(index, x);
    }
  }

  /** Binds {@code x} packed if it is a vector for an array parameter; false if it is not. */
  private boolean packed(int index, Object x) throws SQLException {
    if (x == null || !VectorParameters.isVector(x)) {
      return false;
    }
    try {
      if (!isArrayParameter(index)) {
        return false;
      }
      float[] v = VectorParameters.toFloats(x);
      byte[] packed = VectorWire.pack(v);
      if (VectorWire.startsLikeGzip(packed)) {
        // Avatica's Base64 decoder, on both sides, tries to gunzip a binary value that starts with
        // gzip's magic number (a vector in 65,536) and prints the failure: such a vector goes as
        // an array, which takes no Base64 step.
        Float[] boxed = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
          boxed[i] = v[i];
        }
        target().setArray(index, target().getConnection().createArrayOf("REAL", boxed));
      } else {
        target().setBytes(index, packed);
      }
      return true;
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  private boolean isArrayParameter(int index) throws SQLException {
    boolean[] arrays = arrayParameters;
    if (arrays == null) {
      ParameterMetaData md = target().getParameterMetaData();
      arrays = new boolean[md.getParameterCount() + 1];
      for (int i = 1; i < arrays.length; i++) {
        arrays[i] = md.getParameterType(i) == Types.ARRAY;
      }
      arrayParameters = arrays;
    }
    return index > 0 && index < arrays.length && arrays[index];
  }
}

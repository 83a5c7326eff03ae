package dev.veles.server;

import dev.veles.calcite.FloatList;
import dev.veles.calcite.SqlState;
import dev.veles.calcite.Vectors;
import dev.veles.calcite.VelesException;
import dev.veles.jdbc.forwarding.ForwardingPreparedStatement;
import dev.veles.jdbc.remote.VectorWire;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.Types;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.Meta;

/**
 * A prepared statement of a {@link ServerConnection}: a vector-shaped value bound with {@code
 * setObject} or {@code setArray} is converted to what Calcite binds ({@link VectorValues}), unless
 * the parameter is declared as a non-float array; a packed vector ({@code byte[]}, see {@link
 * VectorWire}) bound to a float array parameter is unpacked. Also keeps the signature {@link
 * VelesMeta} prepared it with.
 *
 * <p>Not thread-safe, like any JDBC statement; Avatica uses a statement from one request at a time.
 */
final class ServerPreparedStatement extends ForwardingPreparedStatement {
  private final ServerConnection connection;

  /** Per parameter index, the upper-case type name if it is an array, else null; read once. */
  private String[] arrayTypes;

  private volatile Meta.Signature signature;

  ServerPreparedStatement(PreparedStatement target, ServerConnection connection) {
    super(target);
    this.connection = connection;
  }

  /** The signature this statement was prepared with, or null. */
  Meta.Signature signature() {
    return signature;
  }

  void signature(Meta.Signature signature) {
    this.signature = signature;
  }

  @Override
  protected ResultSet wrap(ResultSet rs) {
    return rs == null ? null : new ServerResultSet(rs, this);
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public void setArray(int index, Array x) throws SQLException {
    Object value = bindable(index, x);
    if (value instanceof Array a) {
      super.setArray(index, a);
    } else {
      super.setObject(index, value);
    }
  }

  @Override
  public void setObject(int index, Object x) throws SQLException {
    super.setObject(index, bindable(index, x));
  }

  @Override
  public void setObject(int index, Object x, int targetSqlType) throws SQLException {
    super.setObject(index, bindable(index, x), targetSqlType);
  }

  @Override
  public void setObject(int index, Object x, int targetSqlType, int scaleOrLength)
      throws SQLException {
    super.setObject(index, bindable(index, x), targetSqlType, scaleOrLength);
  }

  @Override
  public void setObject(int index, Object x, SQLType targetSqlType) throws SQLException {
    super.setObject(index, bindable(index, x), targetSqlType);
  }

  @Override
  public void setObject(int index, Object x, SQLType targetSqlType, int scaleOrLength)
      throws SQLException {
    super.setObject(index, bindable(index, x), targetSqlType, scaleOrLength);
  }

  @Override
  public void setString(int index, String x) throws SQLException {
    super.setObject(index, bindable(index, x));
  }

  /** The value to bind for {@code value} at parameter {@code index}. */
  private Object bindable(int index, Object value) throws SQLException {
    if (value instanceof String text) {
      // pgvector's text form bound where a vector goes.
      String arrayType = arrayTypeName(index);
      if (arrayType == null || isNonFloat(arrayType)) {
        return value;
      }
      try {
        return new FloatList(Vectors.parse(text));
      } catch (VelesException e) {
        throw new SQLException(e.getMessage(), e.state().code(), e);
      }
    }
    if (!(value instanceof Array
        || value instanceof List
        || (value != null && value.getClass().isArray()))) {
      return value;
    }
    String arrayType = arrayTypeName(index);
    if (value instanceof byte[] bytes) {
      if (arrayType == null || isNonFloat(arrayType)) {
        return value;
      }
      try {
        return new FloatList(VectorWire.unpack(bytes));
      } catch (IllegalArgumentException e) {
        throw new SQLException(e.getMessage(), SqlState.INVALID_PARAMETER_VALUE.code(), e);
      }
    }
    if (arrayType != null && isNonFloat(arrayType)) {
      return value instanceof Array array ? List.of((Object[]) array.getArray()) : value;
    }
    return VectorValues.toBindable(value);
  }

  /**
   * The upper-case type name of parameter {@code index} if it is declared as an array, else null.
   */
  private String arrayTypeName(int index) {
    String[] types = arrayTypes;
    if (types == null) {
      try {
        ParameterMetaData md = getParameterMetaData();
        types = new String[md == null ? 1 : md.getParameterCount() + 1];
        for (int i = 1; i < types.length; i++) {
          types[i] =
              md.getParameterType(i) == Types.ARRAY
                  ? String.valueOf(md.getParameterTypeName(i)).toUpperCase(Locale.ROOT)
                  : null;
        }
      } catch (SQLException | RuntimeException e) {
        // Metadata is advisory here; an undescribed parameter is bound as a vector.
        types = new String[1];
      }
      arrayTypes = types;
    }
    return index > 0 && index < types.length ? types[index] : null;
  }

  private static boolean isNonFloat(String type) {
    return type.contains("CHAR")
        || type.contains("INT")
        || type.contains("BOOLEAN")
        || type.contains("DOUBLE")
        || type.contains("DECIMAL");
  }
}

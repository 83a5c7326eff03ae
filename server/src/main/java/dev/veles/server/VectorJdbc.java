package dev.veles.server;

import dev.veles.calcite.FloatList;
import dev.veles.calcite.SqlState;
import dev.veles.jdbc.Delegation;
import dev.veles.jdbc.remote.VectorWire;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Locale;

/**
 * Wraps the server's embedded JDBC objects so that Avatica's {@code JdbcMeta} can carry vector
 * ({@code REAL ARRAY}) values in both directions, without changing Avatica.
 *
 * <p>Two defects are repaired here, where the server touches JDBC:
 *
 * <ul>
 *   <li>Results: Avatica's server serialises an {@code ARRAY} column through {@link
 *       Array#getResultSet()} and reads its column 2, but Calcite's {@code ArrayImpl} returns a
 *       one-column result set ("invalid column ordinal: 2"). The wrapped {@link Array} answers
 *       {@code getResultSet} with {@link SQLFeatureNotSupportedException}, which makes Avatica fall
 *       back to {@link Array#getArray()} — the flat, documented path.
 *   <li>Parameters: Avatica binds an array parameter as its own {@code ArrayImpl} or, from JSON, as
 *       a list of {@code BigDecimal}; Calcite casts the value to a {@code List} of the component
 *       class. The wrapped {@link PreparedStatement} converts these with {@link VectorValues}.
 * </ul>
 *
 * <p>The proxies are as thread-safe as the objects they wrap; they hold no state of their own
 * beyond the wrapped object and its parent proxy. Closing a proxy closes the wrapped object.
 */
public final class VectorJdbc {
  private VectorJdbc() {}

  /** Wraps a connection; statements, result sets and arrays obtained from it are wrapped too. */
  public static Connection wrap(Connection connection) {
    return proxy(Connection.class, new ConnectionHandler(connection));
  }

  /** Wraps one array so that Avatica reads it through {@link Array#getArray()}. */
  public static Array wrap(Array array) {
    return array == null ? null : proxy(Array.class, new ArrayHandler(array));
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(
        Proxy.newProxyInstance(VectorJdbc.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    return Delegation.call(method, target, args);
  }

  /** Common part: unwrap/isWrapperFor/equals/hashCode go to the target. */
  private abstract static class Base implements InvocationHandler {
    final Object target;

    Base(Object target) {
      this.target = target;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        case "toString":
          return "VectorJdbc[" + target + "]";
        default:
          return handle(proxy, method, args);
      }
    }

    abstract Object handle(Object proxy, Method method, Object[] args) throws Throwable;
  }

  private static final class ConnectionHandler extends Base {
    ConnectionHandler(Connection target) {
      super(target);
    }

    @Override
    Object handle(Object proxy, Method method, Object[] args) throws Throwable {
      Object result = VectorJdbc.invoke(target, method, args);
      return switch (method.getName()) {
        case "createStatement" ->
            VectorJdbc.proxy(Statement.class, new StatementHandler((Statement) result, proxy));
        case "prepareStatement" ->
            VectorJdbc.proxy(
                PreparedStatement.class, new StatementHandler((Statement) result, proxy));
        case "prepareCall" ->
            VectorJdbc.proxy(
                CallableStatement.class, new StatementHandler((Statement) result, proxy));
        default -> result;
      };
    }
  }

  private static final class StatementHandler extends Base {
    private final Object connection;
    private Object statementProxy;
    private String[] arrayTypes;

    StatementHandler(Statement target, Object connection) {
      super(target);
      this.connection = connection;
    }

    @Override
    Object handle(Object proxy, Method method, Object[] args) throws Throwable {
      statementProxy = proxy;
      String name = method.getName();
      if ((name.equals("setObject") || name.equals("setArray")) && args.length >= 2) {
        args = args.clone();
        args[1] = bindable((Integer) args[0], args[1]);
      }
      if (name.equals("getConnection")) {
        return connection;
      }
      Object result = VectorJdbc.invoke(target, method, args);
      if (result instanceof ResultSet rs) {
        return VectorJdbc.proxy(ResultSet.class, new ResultSetHandler(rs, statementProxy));
      }
      return result;
    }

    /**
     * Converts a vector-shaped value unless the parameter is declared as a non-float array; a
     * packed vector ({@code byte[]}, see {@link VectorWire}) bound to a float array parameter is
     * unpacked.
     */
    private Object bindable(int index, Object value) throws SQLException {
      if (value == null || !(target instanceof PreparedStatement ps)) {
        return value;
      }
      if (!(value instanceof Array || value instanceof List || value.getClass().isArray())) {
        return value;
      }
      String arrayType = arrayTypeName(ps, index);
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
     * Read once per statement: a prepared statement's parameters do not change.
     */
    private String arrayTypeName(PreparedStatement ps, int index) {
      String[] types = arrayTypes;
      if (types == null) {
        try {
          ParameterMetaData md = ps.getParameterMetaData();
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

  private static final class ResultSetHandler extends Base {
    private final Object statement;

    ResultSetHandler(ResultSet target, Object statement) {
      super(target);
      this.statement = statement;
    }

    @Override
    Object handle(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getName().equals("getStatement")) {
        return statement;
      }
      Object result = VectorJdbc.invoke(target, method, args);
      if (result instanceof Array array) {
        return wrap(array);
      }
      return result;
    }
  }

  private static final class ArrayHandler extends Base {
    ArrayHandler(Array target) {
      super(target);
    }

    @Override
    Object handle(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getName().equals("getResultSet")) {
        throw new SQLFeatureNotSupportedException(
            "Array.getResultSet is not used for vectors; read the values with getArray()");
      }
      return VectorJdbc.invoke(target, method, args);
    }
  }
}

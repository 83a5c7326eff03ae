package dev.veles.jdbc;

import dev.veles.calcite.BatchCollector;
import dev.veles.calcite.FloatList;
import dev.veles.calcite.SqlState;
import dev.veles.calcite.Vectors;
import dev.veles.engine.Database;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.BatchUpdateException;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * The JDBC edge of a Veles connection: wraps Calcite's connection and everything it hands out so
 * that every failure is a {@link SQLException} with a SQLSTATE from {@link SqlState}, and gives
 * transactions Veles's meaning.
 *
 * <p>Veles applies each statement when it executes (there are no multi-statement transactions), so
 * a connection reports {@code autoCommit=true}; {@code commit()} is the durability barrier (like
 * {@code CALL flush()}); {@code rollback()} fails with SQLSTATE 0A000.
 */
final class JdbcProxy implements InvocationHandler {
  private static final Set<Class<?>> WRAPPED =
      Set.of(
          Connection.class,
          Statement.class,
          PreparedStatement.class,
          CallableStatement.class,
          ResultSet.class,
          DatabaseMetaData.class);

  private final Object target;
  private final Database db;
  private Object connectionProxy;

  private JdbcProxy(Object target, Database db, Object connectionProxy) {
    this.target = target;
    this.db = db;
    this.connectionProxy = connectionProxy;
  }

  static Connection connection(Connection target, Database db) {
    JdbcProxy h = new JdbcProxy(target, db, null);
    Connection proxy =
        (Connection)
            Proxy.newProxyInstance(
                JdbcProxy.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
    h.connectionProxy = proxy;
    return proxy;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (target instanceof Connection c) {
      Object special = connectionMethod(c, name, args);
      if (special != NONE) {
        return special;
      }
    }
    if (target instanceof DatabaseMetaData) {
      ResultSet answer = metadata(name, args);
      if (answer != null) {
        return answer;
      }
    }
    if (name.equals("getConnection") && method.getParameterCount() == 0) {
      return connectionProxy;
    }
    if (name.equals("equals") && method.getParameterCount() == 1) {
      return proxy == args[0];
    }
    if (name.equals("hashCode") && method.getParameterCount() == 0) {
      return System.identityHashCode(proxy);
    }
    if (name.equals("setObject")
        && target instanceof PreparedStatement
        && (args[1] instanceof float[] || args[1] instanceof double[])) {
      // Calcite represents an ARRAY value as a List; a primitive array would fail a cast later
      args[1] = new FloatList(Vectors.toFloats(args[1]));
    }
    if ((name.equals("executeBatch") || name.equals("executeLargeBatch"))
        && target instanceof Statement) {
      return executeBatch(method, args);
    }
    Object result;
    try {
      result = Delegation.invoke(method, target, args);
    } catch (InvocationTargetException e) {
      throw translate(e.getCause());
    }
    Class<?> type = method.getReturnType();
    if (result != null && WRAPPED.contains(type) && !(result instanceof Proxy)) {
      return Proxy.newProxyInstance(
          JdbcProxy.class.getClassLoader(),
          new Class<?>[] {type},
          new JdbcProxy(result, db, connectionProxy));
    }
    return result;
  }

  private static final Object NONE = new Object();

  /** Runs a JDBC batch with its inserts gathered into one engine call per table. */
  private Object executeBatch(Method method, Object[] args) throws SQLException {
    try (BatchCollector collector = BatchCollector.open()) {
      Object counts;
      try {
        counts = Delegation.invoke(method, target, args);
        collector.apply();
      } catch (InvocationTargetException e) {
        throw batchFailure(e.getCause());
      } catch (Exception e) {
        throw batchFailure(e);
      }
      return counts;
    }
  }

  private static BatchUpdateException batchFailure(Throwable t) {
    SQLException e = translate(t);
    return new BatchUpdateException(
        e.getMessage(), e.getSQLState(), e.getErrorCode(), new long[0], e);
  }

  private Object connectionMethod(Connection c, String name, Object[] args) throws SQLException {
    switch (name) {
      case "getAutoCommit":
        checkOpen(c);
        return true;
      case "setAutoCommit":
        checkOpen(c);
        return null; // every statement applies at once either way
      case "commit":
        checkOpen(c);
        try {
          db.flush();
        } catch (Exception e) {
          throw translate(e);
        }
        return null;
      case "rollback":
        checkOpen(c);
        throw new VelesSQLException(
            SqlState.FEATURE_NOT_SUPPORTED,
            "rollback is not supported: Veles applies each statement when it executes");
      case "getTransactionIsolation":
        return Connection.TRANSACTION_NONE;
      default:
        return NONE;
    }
  }

  /**
   * Answers the metadata calls that Calcite leaves empty from Veles's system tables, or returns
   * null for the others.
   */
  private ResultSet metadata(String name, Object[] args) throws SQLException {
    String sql =
        switch (name) {
          case "getPrimaryKeys" ->
              "SELECT * FROM veles.primary_keys WHERE \"TABLE_NAME\" = "
                  + literal((String) args[2])
                  + (args[1] == null ? "" : " AND \"TABLE_SCHEM\" = " + literal((String) args[1]))
                  + " ORDER BY \"COLUMN_NAME\"";
          case "getProcedures" ->
              "SELECT * FROM veles.procedures WHERE \"PROCEDURE_NAME\" LIKE "
                  + literal(args[2] == null ? "%" : (String) args[2])
                  + (args[1] == null
                      ? ""
                      : " AND \"PROCEDURE_SCHEM\" LIKE " + literal((String) args[1]))
                  + " ORDER BY \"PROCEDURE_NAME\"";
          default -> null;
        };
    if (sql == null) {
      return null;
    }
    Statement st = ((Connection) connectionProxy).createStatement();
    st.closeOnCompletion();
    return st.executeQuery(sql);
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static void checkOpen(Connection c) throws SQLException {
    if (c.isClosed()) {
      throw new VelesSQLException(SqlState.CONNECTION_EXCEPTION, "connection is closed");
    }
  }

  /** The exception a JDBC caller sees for {@code t}. */
  static SQLException translate(Throwable t) {
    if (t instanceof SQLException e && e.getSQLState() != null) {
      return e;
    }
    Throwable cause = t instanceof SQLException && t.getCause() != null ? t.getCause() : t;
    SqlState state = SqlState.of(cause);
    String message = message(t, cause);
    return new VelesSQLException(state, message, t);
  }

  private static String message(Throwable outer, Throwable cause) {
    String detail = rootMessage(cause);
    String m = outer.getMessage();
    if (m == null) {
      return detail;
    }
    return m.contains(detail) ? m : m + ": " + detail;
  }

  private static String rootMessage(Throwable t) {
    String best = t.getMessage();
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null) {
        best = c.getMessage();
      }
      if (c instanceof dev.veles.calcite.VelesException
          || c instanceof IllegalArgumentException
          || c instanceof IllegalStateException
          || c instanceof java.io.IOException) {
        return c.getMessage();
      }
    }
    return best == null ? t.toString() : best;
  }
}

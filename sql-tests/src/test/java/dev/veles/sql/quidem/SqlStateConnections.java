package dev.veles.sql.quidem;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Wraps a JDBC connection so that every {@link SQLException} thrown by its statements and result
 * sets carries its SQLSTATE at the start of the message: {@code SQLSTATE 23505: duplicate id 1 in
 * docs: ...}.
 *
 * <p>Quidem's {@code !error} compares the expected text with the printed stack trace of the
 * failure, which holds the message but not {@link SQLException#getSQLState()}; with this wrapper a
 * script asserts the state and the message together. The driver's generic prefix {@code Error while
 * executing SQL "...": } is dropped from the new message because the script already shows the
 * statement; the original exception stays attached as the cause.
 *
 * <p>Not thread-safe beyond what the wrapped connection guarantees. Closing the wrapper closes the
 * wrapped connection.
 */
final class SqlStateConnections {
  private static final Pattern EXECUTING_PREFIX =
      Pattern.compile("^Error while executing SQL \"(?s:.*?)\": ");

  private SqlStateConnections() {}

  /** Returns a connection that delegates to {@code c} and rewrites failures of its statements. */
  static Connection wrap(Connection c) {
    return proxy(Connection.class, c);
  }

  /** The message a failure is reported with: its SQLSTATE, then the driver's own words. */
  static String describe(SQLException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return "SQLSTATE "
        + e.getSQLState()
        + ": "
        + EXECUTING_PREFIX.matcher(message).replaceFirst("");
  }

  private static <T> T proxy(Class<T> type, T target) {
    InvocationHandler handler = (p, method, args) -> invoke(target, method, args);
    return type.cast(
        Proxy.newProxyInstance(
            SqlStateConnections.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    Object result;
    try {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SQLException s && !(target instanceof Connection)) {
        throw new SQLException(describe(s), s.getSQLState(), s.getErrorCode(), s);
      }
      throw cause;
    }
    // Wrapped by the interface the method declares, so the caller's view is unchanged; result
    // sets too, because a failure may surface only while rows are fetched.
    if (result instanceof PreparedStatement ps
        && method.getReturnType() == PreparedStatement.class) {
      return proxy(PreparedStatement.class, ps);
    }
    if (result instanceof Statement s && method.getReturnType() == Statement.class) {
      return proxy(Statement.class, s);
    }
    if (result instanceof ResultSet rs && method.getReturnType() == ResultSet.class) {
      return proxy(ResultSet.class, rs);
    }
    return result;
  }
}

package dev.veles.server;

import dev.veles.jdbc.Delegation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.ProtobufMeta;

/**
 * Keeps the SQLSTATE of server-side failures on their way to remote clients.
 *
 * <p>{@code JdbcMeta} wraps each {@link SQLException} in a plain {@code RuntimeException}, and
 * Avatica's handlers only copy the error code and SQLSTATE of an {@link AvaticaRuntimeException}
 * into the error response, so a remote client would see SQLSTATE {@code 00000} for a duplicate id.
 * This proxy rethrows such failures as an {@link AvaticaRuntimeException} carrying the state, code
 * and message of the innermost {@link SQLException} that has a SQLSTATE. Checked exceptions of the
 * {@code Meta} interface (no such statement, missing results) pass through unchanged, since the
 * client reacts to them.
 *
 * <p>As thread-safe as the wrapped meta.
 */
final class SqlStateMeta {
  private SqlStateMeta() {}

  static ProtobufMeta wrap(ProtobufMeta meta) {
    return (ProtobufMeta)
        Proxy.newProxyInstance(
            SqlStateMeta.class.getClassLoader(),
            new Class<?>[] {ProtobufMeta.class},
            (proxy, method, args) -> invoke(meta, method, args));
  }

  private static Object invoke(ProtobufMeta meta, Method method, Object[] args) throws Throwable {
    try {
      return Delegation.invoke(method, meta, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException && !(cause instanceof AvaticaRuntimeException)) {
        SQLException sql = withState(cause);
        if (sql != null) {
          throw new AvaticaRuntimeException(
              sql.getMessage(), sql.getErrorCode(), sql.getSQLState(), AvaticaSeverity.ERROR);
        }
      }
      throw cause;
    }
  }

  /** The first SQLException in the cause chain with a SQLSTATE, or null. */
  static SQLException withState(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException sql && sql.getSQLState() != null) {
        return sql;
      }
    }
    return null;
  }
}

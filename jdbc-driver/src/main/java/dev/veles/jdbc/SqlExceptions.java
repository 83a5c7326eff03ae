package dev.veles.jdbc;

import dev.veles.calcite.CalciteErrors;
import dev.veles.calcite.SqlState;
import dev.veles.calcite.VelesException;
import dev.veles.jdbc.remote.SqlStateClasses;
import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;

/**
 * The one place where a failure below the JDBC edge becomes the {@link SQLException} a caller sees,
 * with the SQLSTATE that {@link SqlState#of} finds in its cause chain and the message of the cause
 * that names the problem.
 *
 * <p>Stateless and thread-safe.
 */
final class SqlExceptions {
  private SqlExceptions() {}

  /** The exception a JDBC caller sees for {@code t}. */
  static SQLException translate(Throwable t) {
    if (t instanceof SQLException e && e.getSQLState() != null) {
      return e;
    }
    Throwable cause = t instanceof SQLException && t.getCause() != null ? t.getCause() : t;
    return SqlStateClasses.exception(message(t, cause), SqlState.of(cause).code(), 0, t);
  }

  /**
   * The exception a JDBC caller sees for an {@link Error} that Calcite raised for an internal
   * failure (an assertion, a plan too deep for the stack): SQLSTATE XX000, the error as the cause.
   * The forwarding classes translate exceptions only; the Veles classes catch these errors on the
   * calls that prepare or run SQL.
   */
  static SQLException internal(Error e) {
    return new VelesSQLException(
        SqlState.INTERNAL_ERROR,
        "internal error: " + (e.getMessage() == null ? e : e.getMessage()),
        e);
  }

  /** {@link #translate} as the {@link BatchUpdateException} that {@code executeBatch} throws. */
  static BatchUpdateException batchFailure(Throwable t) {
    SQLException e = translate(t);
    return new BatchUpdateException(
        e.getMessage(), e.getSQLState(), e.getErrorCode(), new long[0], e);
  }

  /**
   * The reason, never the statement: Calcite's JDBC layer wraps every failure in {@code Error while
   * executing SQL "<the whole statement>": }, so the message comes from the failure that states the
   * reason ({@link CalciteErrors#message}), else from the innermost cause that names the problem,
   * else from {@code outer} when it is not such a wrapper.
   */
  private static String message(Throwable outer, Throwable cause) {
    String reason = CalciteErrors.message(cause);
    if (reason != null) {
      return reason;
    }
    String detail = rootMessage(cause);
    String m = outer.getMessage();
    if (m == null || m.startsWith(CALCITE_WRAPPER)) {
      return detail;
    }
    return m.contains(detail) ? m : m + ": " + detail;
  }

  /** How Avatica's {@code Helper.createException}, used by Calcite's driver, starts a message. */
  private static final String CALCITE_WRAPPER = "Error while executing SQL \"";

  /** The message of the innermost cause that states the problem in the user's terms. */
  private static String rootMessage(Throwable t) {
    String best = t.getMessage();
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null) {
        best = c.getMessage();
      }
      if (c instanceof VelesException
          || c instanceof IllegalArgumentException
          || c instanceof IllegalStateException
          || c instanceof IOException) {
        return c.getMessage();
      }
    }
    return best == null ? t.toString() : best;
  }
}

package dev.veles.jdbc.remote;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.apache.calcite.avatica.remote.Service;

/**
 * Turns a failure seen by the remote JDBC objects into the caller's {@link SQLException}: the
 * client's own failures keep their state (wherever Avatica wrapped them), the server's errors the
 * state and the message the server sent (once, without the statement Avatica's client repeats), and
 * a server that no longer knows the connection (it restarted, or expired the session) breaks the
 * connection with 08003.
 *
 * <p>Stateless and thread-safe.
 */
final class RemoteErrors {
  private RemoteErrors() {}

  static SQLException translate(Exception e, ServerLink link) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RemoteFailure f) {
        return f.toSqlException();
      }
      if (t instanceof AvaticaClientRuntimeException a) {
        if (a.getErrorCode() == Service.ErrorResponse.MISSING_CONNECTION_ERROR_CODE) {
          RemoteFailure f =
              new RemoteFailure(
                  RemoteSqlState.CONNECTION_DOES_NOT_EXIST,
                  "the server does not know this connection (it restarted or expired the session);"
                      + " open a new one",
                  a);
          link.markBroken(f);
          return f.toSqlException();
        }
        // the server's message alone: not Avatica's "Error while executing SQL ..." around it
        return SqlStateClasses.exception(serverMessage(a), a.getSqlState(), a.getErrorCode(), e);
      }
    }
    if (e instanceof AvaticaSqlException a && a.getErrorMessage() != null) {
      // Avatica's client turns a server error into "Error while executing SQL "<statement>":
      // Remote driver error: <the server's message>" and drops the exception that held the
      // server's message alone
      String m = a.getErrorMessage();
      int at = m.indexOf(REMOTE_PREFIX);
      if (at >= 0) {
        return SqlStateClasses.exception(
            m.substring(at + REMOTE_PREFIX.length()), a.getSQLState(), a.getErrorCode(), a);
      }
    }
    if (e instanceof SQLException s && s.getSQLState() != null) {
      return s;
    }
    return RemoteSqlState.INTERNAL_ERROR.exception(String.valueOf(e.getMessage()), e);
  }

  /** How Avatica's client starts the message of an error reply, before the server's text. */
  private static final String REMOTE_PREFIX = "Remote driver error: ";

  /** The message the server sent, as it sent it. */
  static String serverMessage(AvaticaClientRuntimeException a) {
    String m = String.valueOf(a.getMessage());
    return m.startsWith(REMOTE_PREFIX) ? m.substring(REMOTE_PREFIX.length()) : m;
  }
}

package dev.veles.jdbc.remote;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.remote.Service;

/**
 * Turns a failure seen by the remote JDBC objects into the caller's {@link SQLException}: the
 * client's own failures keep their state (wherever Avatica wrapped them), the server's errors the
 * state the server sent, and a server that no longer knows the connection (it restarted, or expired
 * the session) breaks the connection with 08003.
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
        if (!(e instanceof SQLException)) {
          return new SQLException(a.getMessage(), a.getSqlState(), a.getErrorCode(), a);
        }
      }
    }
    if (e instanceof SQLException s && s.getSQLState() != null) {
      return s;
    }
    return RemoteSqlState.INTERNAL_ERROR.exception(String.valueOf(e.getMessage()), e);
  }
}

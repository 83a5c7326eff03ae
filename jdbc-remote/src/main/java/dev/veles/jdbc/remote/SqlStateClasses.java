package dev.veles.jdbc.remote;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;

/**
 * The {@link SQLException} subclass JDBC defines for a SQLSTATE's class, which frameworks test for
 * rather than the state (Spring's exception translation, Hibernate, the sqllogictest runner's
 * {@code SQLDataException}): 22 data, 23 integrity, 0A not supported, 42 syntax or access, 40
 * rollback, 28 authorization, 08 connection, 57014 canceled. Stateless.
 */
public final class SqlStateClasses {
  private SqlStateClasses() {}

  /** An exception with {@code state} (may be null), of the subclass its class calls for. */
  public static SQLException exception(
      String message, String state, int vendorCode, Throwable cause) {
    if (state == null || state.length() < 2) {
      return new SQLException(message, state, vendorCode, cause);
    }
    return switch (state.substring(0, 2)) {
      case "22" -> new SQLDataException(message, state, vendorCode, cause);
      case "23" -> new SQLIntegrityConstraintViolationException(message, state, vendorCode, cause);
      case "0A" -> new SQLFeatureNotSupportedException(message, state, vendorCode, cause);
      case "42" -> new SQLSyntaxErrorException(message, state, vendorCode, cause);
      case "40" -> new SQLTransactionRollbackException(message, state, vendorCode, cause);
      case "28" -> new SQLInvalidAuthorizationSpecException(message, state, vendorCode, cause);
      case "08" ->
          state.equals("08001")
              ? new SQLTransientConnectionException(message, state, vendorCode, cause)
              : new SQLNonTransientConnectionException(message, state, vendorCode, cause);
      default ->
          state.equals("57014")
              ? new SQLTimeoutException(message, state, vendorCode, cause)
              : new SQLException(message, state, vendorCode, cause);
    };
  }
}

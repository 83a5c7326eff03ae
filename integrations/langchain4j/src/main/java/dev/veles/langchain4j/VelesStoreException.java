package dev.veles.langchain4j;

import java.sql.SQLException;

/**
 * A store operation that the database refused or could not complete; the cause is the driver's
 * {@link SQLException} with its SQLSTATE ({@link #sqlState()}).
 */
public final class VelesStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  VelesStoreException(String what, Throwable cause) {
    super(
        what
            + " failed: "
            + cause.getMessage()
            + (cause instanceof SQLException s ? " (SQLSTATE " + s.getSQLState() + ")" : ""),
        cause);
  }

  /** The SQLSTATE of the database's error, or null when the cause was not an SQL error. */
  public String sqlState() {
    return getCause() instanceof SQLException s ? s.getSQLState() : null;
  }
}

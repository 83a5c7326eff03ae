package dev.veles.jdbc;

import dev.veles.calcite.SqlState;
import java.sql.SQLException;

/** A {@link SQLException} whose SQLSTATE comes from {@link SqlState}. */
public final class VelesSQLException extends SQLException {
  public VelesSQLException(SqlState state, String message) {
    super(message, state.code());
  }

  public VelesSQLException(SqlState state, String message, Throwable cause) {
    super(message, state.code(), cause);
  }

  /** Wraps {@code cause} with the state that describes it. */
  public static VelesSQLException of(String message, Throwable cause) {
    return new VelesSQLException(SqlState.of(cause), message, cause);
  }
}

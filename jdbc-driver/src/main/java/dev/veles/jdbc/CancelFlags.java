package dev.veles.jdbc;

import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.NoSuchStatementException;

/**
 * Clears a statement's cancel request before it executes again: {@code Statement.cancel()} sets the
 * statement's cancel flag, which Veles's scans check (57014), and Avatica never clears it, so
 * without this every later execution of a canceled statement would fail as canceled too.
 *
 * <p>Stateless and thread-safe.
 */
final class CancelFlags {
  private CancelFlags() {}

  static void clear(Statement target) throws SQLException {
    if (target.isWrapperFor(AvaticaStatement.class)) {
      AvaticaStatement s = target.unwrap(AvaticaStatement.class);
      if (s.getConnection() instanceof AvaticaConnection c) {
        try {
          c.getCancelFlag(s.handle).set(false);
        } catch (NoSuchStatementException e) {
          // a statement without a flag has nothing to clear
        }
      }
    }
  }
}

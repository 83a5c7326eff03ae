package dev.veles.jdbc.forwarding;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the Veles driver's {@code executeUpdate} does when the statement returned rows (a SELECT, or
 * DML with RETURNING), as PostgreSQL's pgjdbc does: the statement has run (and, in auto-commit
 * mode, committed); its rows are discarded and the call fails with SQLSTATE {@value #STATE}.
 * Avatica reports rows to executeUpdate as a count of -1 with a result set.
 *
 * <p>Stateless.
 */
public final class UpdateCounts {
  /** pgjdbc's state for a result where none was expected. */
  public static final String STATE = "0100E";

  private UpdateCounts() {}

  /** {@code count}, or the failure if {@code statement} returned rows instead. */
  public static long checkNoResult(long count, Statement statement) throws SQLException {
    if (count == -1) {
      ResultSet rs = statement.getResultSet();
      if (rs != null) {
        rs.close();
        throw new SQLException(
            "A result was returned when none was expected: use executeQuery or execute for a"
                + " statement that returns rows (RETURNING); the statement has run",
            STATE);
      }
    }
    return count;
  }
}

package dev.veles.jdbc;

import dev.veles.calcite.TableLayout;
import dev.veles.jdbc.forwarding.ForwardingResultSet;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The rows of {@code getColumns} without the hidden row id of tables that declare no integer key
 * ({@value TableLayout#HIDDEN_ID}, a name no declared column may have): tools that browse a table
 * see its declared columns only.
 *
 * <p>Not thread-safe, like any JDBC result set. Owns the result set it filters.
 */
final class WithoutHiddenId extends ForwardingResultSet {
  WithoutHiddenId(ResultSet target) {
    super(target);
  }

  @Override
  protected SQLException translate(Exception e) {
    return SqlExceptions.translate(e);
  }

  @Override
  public boolean next() throws SQLException {
    while (super.next()) {
      if (!TableLayout.HIDDEN_ID.equals(getString("COLUMN_NAME"))) {
        return true;
      }
    }
    return false;
  }
}

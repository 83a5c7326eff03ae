package dev.veles.slt;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import net.hydromatic.sqllogictest.OptionsParser;
import net.hydromatic.sqllogictest.SltSqlStatement;
import net.hydromatic.sqllogictest.executors.JdbcExecutor;

/**
 * The runner's JDBC executor pointed at an embedded Veles database in a directory of its own.
 *
 * <p>One instance per test file, used by one thread; {@link #closeConnection()} releases the
 * database, the caller deletes the directory.
 *
 * <p>The one departure from the runner's JDBC executor: a {@code CREATE INDEX} that Veles refuses
 * as not supported (SQLSTATE 0A000) is counted in {@link #skippedIndexes()} and the file goes on.
 * An index changes no query's result, so skipping it keeps every case's expectation valid, where
 * the runner would otherwise abandon the whole file at the first refused statement.
 */
final class VelesExecutor extends JdbcExecutor {
  private int skippedIndexes;

  VelesExecutor(OptionsParser.SuppliedOptions options, Path dir) {
    super(options, "jdbc:veles:path=" + dir, "", "");
  }

  int skippedIndexes() {
    return skippedIndexes;
  }

  @Override
  public void statement(SltSqlStatement statement) throws SQLException {
    if (!isCreateIndex(statement.statement)) {
      super.statement(statement);
      return;
    }
    try (Statement stmt = getConnection().createStatement()) {
      stmt.execute(statement.statement);
    } catch (SQLException e) {
      if (!"0A000".equals(e.getSQLState())) {
        throw e;
      }
      skippedIndexes++;
    }
  }

  private static boolean isCreateIndex(String sql) {
    String s = sql.strip().toLowerCase(Locale.ROOT);
    return s.startsWith("create index") || s.startsWith("create unique index");
  }
}

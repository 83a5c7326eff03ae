package dev.veles.slt;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntPredicate;
import net.hydromatic.sqllogictest.ISqlTestOperation;
import net.hydromatic.sqllogictest.OptionsParser;
import net.hydromatic.sqllogictest.SltSqlStatement;
import net.hydromatic.sqllogictest.SltTestFile;
import net.hydromatic.sqllogictest.SqlTestQuery;
import net.hydromatic.sqllogictest.TestStatistics;
import net.hydromatic.sqllogictest.executors.JdbcExecutor;

/**
 * Runs one sqllogictest file through one of the runner's JDBC executors and records, per query,
 * whether it passed.
 *
 * <p>The loop is the runner's own ({@code JdbcExecutor.execute}) with the outcome kept per query
 * rather than summed: statements go through the executor's {@code statement}, each query's result
 * set through its {@code validate}, so comparison, sorting, hashing and value formatting are the
 * runner's. A statement that fails although it should pass ends the file, as in the runner; the
 * queries not reached count as failed. Not thread-safe; one file at a time.
 */
final class FileRun {
  /**
   * The outcome of one file: which queries (by ordinal in the file) passed, and why others failed.
   */
  record Result(
      String file,
      int queries,
      int selected,
      BitSet passed,
      List<Failure> failures,
      String abortedBy,
      int skippedIndexes) {
    int passedCount() {
      return passed.cardinality();
    }
  }

  /** One failed query: its ordinal, text and the runner's (or the driver's) reason. */
  record Failure(int ordinal, String query, String reason) {}

  private FileRun() {}

  static SltTestFile parse(String file, OptionsParser.SuppliedOptions options) {
    try {
      SltTestFile test = new SltTestFile(file);
      test.parse(options);
      return test;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  /**
   * Runs every statement of the file and the queries whose ordinal {@code selected} accepts; the
   * others count neither as passed nor as failed. Queries change no data, so a subset of them sees
   * the same tables as a full run.
   */
  static Result run(String file, SltTestFile test, JdbcExecutor executor, IntPredicate selected)
      throws SQLException {
    executor.establishConnection();
    try {
      return runOpen(file, test, executor, selected);
    } finally {
      executor.closeConnection();
    }
  }

  private static Result runOpen(
      String file, SltTestFile test, JdbcExecutor executor, IntPredicate selected) {
    BitSet passed = new BitSet();
    List<Failure> failures = new ArrayList<>();
    String abortedBy = null;
    int ordinal = 0;
    int selectedCount = 0;
    for (ISqlTestOperation operation : test.fileContents) {
      if (operation instanceof SltSqlStatement statement) {
        if (abortedBy != null) {
          continue;
        }
        try {
          executor.statement(statement);
        } catch (SQLException e) {
          abortedBy = statement.statement + " -> " + e.getSQLState() + " " + e.getMessage();
        }
      } else if (operation instanceof SqlTestQuery query) {
        int n = ordinal++;
        if (selected.test(n)) {
          selectedCount++;
        }
        if (abortedBy != null || !selected.test(n)) {
          if (abortedBy != null && selected.test(n)) {
            failures.add(new Failure(n, query.getQuery(), "not run: file aborted"));
          }
          continue;
        }
        String reason = runQuery(query, executor);
        if (reason == null) {
          passed.set(n);
        } else {
          failures.add(new Failure(n, query.getQuery(), reason));
        }
      }
    }
    int skipped = executor instanceof VelesExecutor v ? v.skippedIndexes() : 0;
    return new Result(file, ordinal, selectedCount, passed, failures, abortedBy, skipped);
  }

  /** Returns null when the query passed, else why not. */
  private static String runQuery(SqlTestQuery query, JdbcExecutor executor) {
    Recorder stats = new Recorder();
    try (Statement stmt = executor.getConnection().createStatement();
        ResultSet rs = stmt.executeQuery(query.getQuery())) {
      executor.validate(query, rs, query.outputDescription, stats);
    } catch (SQLException e) {
      return "SQLSTATE " + e.getSQLState() + ": " + e.getMessage();
    } catch (RuntimeException | java.security.NoSuchAlgorithmException e) {
      return e.toString();
    }
    return stats.getPassedTestCount() == 1 ? null : stats.reason;
  }

  /** The runner's statistics for one query, keeping the reason of its failure. */
  private static final class Recorder extends TestStatistics {
    String reason = "failed";

    Recorder() {
      super(false, 0);
    }

    @Override
    public boolean addFailure(FailedTestDescription failure) {
      reason = failure.error;
      return super.addFailure(failure);
    }
  }
}

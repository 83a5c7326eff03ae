package dev.veles.jdbc;

import dev.veles.calcite.BatchCollector;
import java.sql.SQLException;

/**
 * Runs a JDBC batch with its inserts gathered into one engine call per table ({@link
 * BatchCollector}); a failure is a {@link java.sql.BatchUpdateException} with the SQLSTATE of its
 * cause.
 *
 * <p>Stateless; a batch runs on the calling thread.
 */
final class Batches {
  private Batches() {}

  /** The statement's own batch execution. */
  @FunctionalInterface
  interface Execution<T> {
    T run() throws SQLException;
  }

  static <T> T run(Execution<T> execution) throws SQLException {
    try (BatchCollector collector = BatchCollector.open()) {
      T counts;
      try {
        counts = execution.run();
        collector.apply();
      } catch (Exception | AssertionError | StackOverflowError e) {
        throw SqlExceptions.batchFailure(e);
      }
      return counts;
    }
  }
}

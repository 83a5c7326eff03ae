package dev.veles.jdbc;

import dev.veles.calcite.TxContext;
import java.sql.SQLException;

/**
 * Runs a JDBC batch inside the connection's transaction context: in auto-commit mode the whole
 * batch is one transaction, committed when every statement of it ran (one engine call per table,
 * all or nothing across tables and kinds of statement); inside an open transaction it is bounded by
 * a savepoint. A failed batch applies nothing: it throws a {@link java.sql.BatchUpdateException}
 * with the SQLSTATE of its cause and an empty array of update counts (no statement of the batch
 * took effect).
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

  static <T> T run(TxContext tx, Execution<T> execution) throws SQLException {
    tx.beginBatch();
    T counts;
    try {
      counts = execution.run();
    } catch (Exception | AssertionError | StackOverflowError e) {
      try {
        tx.endBatch(false);
      } catch (Exception | AssertionError r) {
        e.addSuppressed(r);
      }
      throw SqlExceptions.batchFailure(e);
    }
    try {
      tx.endBatch(true);
    } catch (Exception | AssertionError | StackOverflowError e) {
      throw SqlExceptions.batchFailure(e);
    }
    return counts;
  }
}

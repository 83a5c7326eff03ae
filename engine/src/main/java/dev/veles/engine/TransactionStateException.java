package dev.veles.engine;

/**
 * A {@link Transaction} was used after it ended, or named a savepoint it does not hold (SQLSTATE
 * 25P01 / 3B001 at the JDBC edge).
 */
public final class TransactionStateException extends IllegalStateException {
  public TransactionStateException(String message) {
    super(message);
  }
}

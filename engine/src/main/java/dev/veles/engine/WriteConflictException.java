package dev.veles.engine;

/**
 * A write met a row that another open {@link Transaction} has written (SQLSTATE 40001 at the JDBC
 * edge): nothing of the failed call was applied. The transaction that holds the row goes on; the
 * caller may retry once it has committed or rolled back.
 */
public final class WriteConflictException extends IllegalStateException {
  private final long id;

  public WriteConflictException(String collection, long id) {
    super(
        "row "
            + id
            + " of "
            + collection
            + " is being written by another open transaction: retry after it ends");
    this.id = id;
  }

  /** The contested row id. */
  public long id() {
    return id;
  }
}

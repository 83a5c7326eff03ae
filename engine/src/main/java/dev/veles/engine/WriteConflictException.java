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

  /** A unique key's value ({@code what}) that another open transaction is writing. */
  public WriteConflictException(String collection, String what) {
    super(
        what
            + " of "
            + collection
            + " is being written by another open transaction: retry after it ends");
    this.id = -1;
  }

  /** The contested row id (-1 for a key value). */
  public long id() {
    return id;
  }
}

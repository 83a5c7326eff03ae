package dev.veles.engine;

/** An insert found an id that already exists; nothing of that batch was applied. */
public final class DuplicateKeyException extends IllegalStateException {
  private final long id;

  public DuplicateKeyException(String collection, long id) {
    super("duplicate id " + id + " in " + collection + ": use UPSERT to replace a row");
    this.id = id;
  }

  /**
   * A unique key's value that a row already has.
   *
   * @param key the key's column names
   * @param value the value: one column's value, or the list of the columns' values
   */
  public DuplicateKeyException(String collection, java.util.List<String> key, Object value) {
    super(
        "duplicate key ("
            + String.join(", ", key)
            + ")=("
            + (value instanceof java.util.List<?> l
                ? String.join(", ", l.stream().map(String::valueOf).toList())
                : value)
            + ") in "
            + collection
            + ": a row with that key exists");
    this.id = -1;
  }

  /** The id that already existed (-1 for a unique key's value). */
  public long id() {
    return id;
  }
}

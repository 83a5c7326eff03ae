package dev.veles.engine;

/** An insert found an id that already exists; nothing of that batch was applied. */
public final class DuplicateKeyException extends IllegalStateException {
  private final long id;

  public DuplicateKeyException(String collection, long id) {
    super("duplicate id " + id + " in " + collection + ": use UPSERT to replace a row");
    this.id = id;
  }

  /** The id that already existed. */
  public long id() {
    return id;
  }
}

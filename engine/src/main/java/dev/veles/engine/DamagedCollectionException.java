package dev.veles.engine;

/**
 * A collection whose files failed their checks when the database opened: it stays closed while the
 * rest of the database works. Unchecked so that lookups ({@link Database#get}) can report it; the
 * cause is the {@link CorruptFileException} naming the file, the offset and the problem.
 */
public final class DamagedCollectionException extends RuntimeException {
  private final String collection;

  public DamagedCollectionException(String collection, CorruptFileException cause) {
    super(
        "collection "
            + collection
            + " is damaged: "
            + cause.getMessage()
            + "; restore its directory from a backup or drop it (./veles check lists every"
            + " problem)",
        cause);
    this.collection = collection;
  }

  public String collection() {
    return collection;
  }

  /** The file-level problem. */
  public CorruptFileException problem() {
    return (CorruptFileException) getCause();
  }
}

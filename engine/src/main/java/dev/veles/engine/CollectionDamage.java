package dev.veles.engine;

/**
 * A collection that a database found damaged when it opened and left closed.
 *
 * @param name the collection's name (its directory's name)
 * @param schema its schema when {@code collection.json} could be read, else null
 * @param problem the first check that failed: the file, the offset and what is wrong
 */
public record CollectionDamage(String name, CollectionSchema schema, CorruptFileException problem) {
  /** The exception that lookups of this collection throw. */
  public DamagedCollectionException exception() {
    return new DamagedCollectionException(name, problem);
  }
}

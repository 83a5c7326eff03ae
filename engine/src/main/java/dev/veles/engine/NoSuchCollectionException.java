package dev.veles.engine;

/** A collection name that the database does not hold. */
public final class NoSuchCollectionException extends IllegalArgumentException {
  public NoSuchCollectionException(String name) {
    super("no collection named '" + name + "'");
  }
}

package dev.veles.engine;

/** A database or collection was used after it was closed or dropped. */
public final class AlreadyClosedException extends IllegalStateException {
  public AlreadyClosedException(String what) {
    super(what + " is closed");
  }
}

package dev.veles.engine;

import java.io.IOException;

/** The database directory is locked by another process (or another open in this JVM). */
public final class DatabaseLockedException extends IOException {
  public DatabaseLockedException(String message) {
    super(message);
  }
}

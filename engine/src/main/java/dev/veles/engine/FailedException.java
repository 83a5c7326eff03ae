package dev.veles.engine;

import java.io.IOException;

/**
 * A collection refuses writes because an earlier fsync or msync failed: what was acknowledged since
 * the last barrier may not be on disk, so the collection stops until it is reopened.
 */
public final class FailedException extends IOException {
  public FailedException(String collection, Throwable cause) {
    super(
        "collection "
            + collection
            + " refuses writes after a failed sync; reopen the database to recover",
        cause);
  }
}

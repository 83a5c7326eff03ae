package dev.veles.engine;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The file system had no space for a write or a reservation (ENOSPC). Unlike a failed sync it is
 * not fail-stop: a write call that fails with it applied nothing, and the collection takes writes
 * again once space is free, without a reopen.
 */
public final class DiskFullException extends IOException {
  private final Path file;

  public DiskFullException(Path file, String detail) {
    super(
        "disk full: no space left on the device for "
            + file
            + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")")
            + "; free space and retry");
    this.file = file;
  }

  /** The file that could not grow. */
  public Path file() {
    return file;
  }
}

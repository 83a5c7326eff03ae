package dev.veles.engine;

import java.io.IOException;
import java.nio.file.Path;

/** A file's content fails its checksum or structure checks; names the file and the offset. */
public final class CorruptFileException extends IOException {
  private final Path file;
  private final long offset;
  private final String problem;

  public CorruptFileException(Path file, long offset, String problem) {
    super(problem + " in " + file + " at offset " + offset);
    this.file = file;
    this.offset = offset;
    this.problem = problem;
  }

  /** What is wrong, without the file and offset. */
  public String problem() {
    return problem;
  }

  public Path file() {
    return file;
  }

  public long offset() {
    return offset;
  }
}

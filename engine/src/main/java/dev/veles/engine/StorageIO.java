package dev.veles.engine;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * The one door through which the engine touches the file system, so that tests can replace it with
 * an implementation that loses unsynced data at a simulated power loss.
 *
 * <p>Contract (the same as Lucene's {@code Directory}): data written to a file is durable only
 * after {@link FileIO#force()} (or {@link FileIO#msync} for mapped writes); a rename, creation or
 * deletion of a file is durable only after {@link #syncDirectory} of its parent directory; {@link
 * #rename} atomically replaces the target. Implementations are thread-safe; each {@link FileIO} is
 * owned by its opener, who closes it.
 */
interface StorageIO {

  /** How to open a file. */
  enum OpenMode {
    /** Read only; the file must exist. */
    READ,
    /** Read and write; the file must exist. */
    READ_WRITE,
    /** Read and write; the file is created if absent. */
    CREATE
  }

  /** Opens a file. */
  FileIO open(Path file, OpenMode mode) throws IOException;

  /** Whether the file or directory exists. */
  boolean exists(Path path);

  /** Whether {@code path} is an existing directory. */
  boolean isDirectory(Path path);

  /** Creates a directory (its parent must exist); does nothing if it exists. */
  void createDirectory(Path dir) throws IOException;

  /** The entries of a directory, sorted by name. */
  List<Path> list(Path dir) throws IOException;

  /** Atomically renames {@code from} to {@code to}, replacing {@code to} if it exists. */
  void rename(Path from, Path to) throws IOException;

  /** Deletes a file or an empty directory if it exists. */
  void delete(Path path) throws IOException;

  /** Makes the creations, renames and deletions of the directory's entries durable. */
  void syncDirectory(Path dir) throws IOException;

  /**
   * Takes an exclusive, process-wide lock on {@code lockFile} and writes {@code owner} into it.
   *
   * @throws IOException naming the current holder if another process or instance holds it
   */
  Closeable lock(Path lockFile, String owner) throws IOException;

  /**
   * Takes a shared lock on {@code lockFile} for a reader that writes nothing: it excludes {@link
   * #lock} holders but not other shared holders. Creates an empty lock file if there is none and
   * the directory allows it; on a read-only directory without one it locks nothing.
   *
   * @throws IOException naming the current holder if a writer holds the lock
   */
  Closeable lockShared(Path lockFile) throws IOException;

  /**
   * An open file. Not thread-safe for concurrent writers; positional reads may run concurrently.
   */
  interface FileIO extends Closeable {
    /** The file's path. */
    Path path();

    /** The current size in bytes. */
    long size() throws IOException;

    /** Reads exactly {@code dst.remaining()} bytes at {@code pos}; EOF is an error. */
    void readFully(ByteBuffer dst, long pos) throws IOException;

    /** Writes all of {@code src} at {@code pos}, growing the file as needed. */
    void write(ByteBuffer src, long pos) throws IOException;

    /** Makes everything written to this file (not through mappings) durable. */
    void force() throws IOException;

    /** Sets the file's size, cutting or extending (with zeros). */
    void truncate(long size) throws IOException;

    /**
     * Maps the first {@code size} bytes (the file grows if shorter) into {@code arena}, which owns
     * the mapping; writable mappings write through to the file.
     */
    MemorySegment map(long size, Arena arena, boolean writable) throws IOException;

    /** Makes writes through a mapping of this file durable. */
    void msync(MemorySegment mapping) throws IOException;

    /**
     * Frees the disk blocks of a byte range, which then reads as zeros, keeping the file size.
     *
     * @return false if the file system cannot do it (the caller zero-fills instead)
     */
    boolean punchHole(long offset, long length) throws IOException;

    /**
     * Reserves disk blocks for a byte range so that later writes through a mapping cannot fault on
     * a full disk.
     *
     * @return false if the file system cannot reserve (writes then stay best effort)
     * @throws IOException if the disk is full
     */
    boolean allocate(long offset, long length) throws IOException;
  }
}

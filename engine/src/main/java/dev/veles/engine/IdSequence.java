package dev.veles.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The row-id sequence of one collection: hands out ids for rows inserted without one (a hidden row
 * id, {@code SERIAL}, {@code GENERATED ... AS IDENTITY}) and never hands out an id twice, also
 * across crashes and power loss.
 *
 * <p>File {@value #NAME}, {@value #SIZE} bytes, little-endian:
 *
 * <pre>
 *   0  int   magic "VSEQ"
 *   4  int   format version ({@value #VERSION})
 *   8  long  bound: every id handed out so far is below it
 *  16  int   CRC32C of bytes 0..15
 *  20  int   zero
 * </pre>
 *
 * <p>Ids are reserved in blocks (at least {@value #BLOCK} at a time, like a PostgreSQL sequence's
 * cached values): the new bound is made durable (temp file, force, rename, directory sync) before
 * any id below it is handed out, so after a crash allocation resumes at the bound and ids handed
 * out before it, used or not, are never reused; the gap is the price. The file is written whole by
 * an atomic rename, so it is either the old or the new version, never torn. A collection without
 * the file (one that never allocated an id, or one from an older build) starts above its largest
 * live id.
 *
 * <p>Not thread-safe: used under the collection's writer lock.
 */
final class IdSequence {
  static final String NAME = "ids.seq";
  static final int VERSION = 1;
  static final int SIZE = 24;
  static final int MAGIC = 0x51455356; // "VSEQ" little-endian
  static final long BLOCK = 1024;

  private final StorageIO io;
  private final Path file;
  private long next;
  private long bound;

  private IdSequence(StorageIO io, Path file, long next, long bound) {
    this.io = io;
    this.file = file;
    this.next = next;
    this.bound = bound;
  }

  /**
   * Opens the sequence of {@code dir}, starting above {@code maxLiveId} and the stored bound.
   *
   * @throws CorruptFileException if the file exists and is damaged or of a newer version
   */
  static IdSequence open(StorageIO io, Path dir, long maxLiveId) throws IOException {
    Path file = dir.resolve(NAME);
    long stored = read(io, file);
    long start = Math.max(Math.max(stored, 1), maxLiveId == Long.MAX_VALUE ? 1 : maxLiveId + 1);
    return new IdSequence(io, file, start, stored);
  }

  /** The stored bound, 0 without a file. */
  static long read(StorageIO io, Path file) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    try (StorageIO.FileIO f = io.open(file, StorageIO.OpenMode.READ)) {
      if (f.size() != SIZE) {
        throw new CorruptFileException(file, 0, "sequence file of " + f.size() + " bytes");
      }
      f.readFully(b, 0);
    } catch (NoSuchFileException e) {
      return 0;
    }
    if (b.getInt(0) != MAGIC) {
      throw new CorruptFileException(file, 0, "not a sequence file (bad magic)");
    }
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, 16);
    if ((int) crc.getValue() != b.getInt(16)) {
      throw new CorruptFileException(file, 16, "sequence checksum mismatch");
    }
    int version = b.getInt(4);
    if (version > VERSION) {
      throw new CorruptFileException(
          file,
          4,
          "sequence format v" + version + " is newer than this build reads (v" + VERSION + ")");
    }
    long bound = b.getLong(8);
    if (bound < 0) {
      throw new CorruptFileException(file, 8, "negative sequence bound " + bound);
    }
    return bound;
  }

  /**
   * The next {@code n} unused ids, skipping those {@code taken} (ids written explicitly).
   *
   * @throws IOException if the new bound cannot be made durable (no id is handed out then)
   */
  long[] next(int n, java.util.function.LongPredicate taken) throws IOException {
    long[] out = new long[n];
    long at = next;
    for (int i = 0; i < n; i++) {
      while (taken.test(at)) {
        at++;
      }
      out[i] = at++;
    }
    if (at > bound) {
      // a bulk insert reserves more at a time (16 batches ahead, at most 65,536 ids): fewer
      // synced writes of this file, at the price of a larger gap after a crash
      long newBound = Math.addExact(at, Math.max(BLOCK, Math.min(16L * n, 1L << 16)));
      write(newBound);
      bound = newBound;
    }
    next = at;
    return out;
  }

  private void write(long newBound) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, MAGIC).putInt(4, VERSION).putLong(8, newBound);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, 16);
    b.putInt(16, (int) crc.getValue());
    CollectionFiles.writeAtomically(io, file, b.array());
  }
}

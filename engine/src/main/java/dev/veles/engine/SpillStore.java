package dev.veles.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The encoded row payloads of one {@link Transaction}, append-only: the first {@value #HEAP_BYTES}
 * bytes stay on the heap; beyond that the buffer is written sequentially to a temp file under the
 * database directory, so a transaction's size is bounded by the disk, not the heap.
 *
 * <p>The temp file ({@code .tx-<n>.spill}) is deleted when the store closes, and a leftover one (a
 * crash) when the database opens. Not thread-safe: owned by its transaction.
 */
final class SpillStore implements AutoCloseable {
  /** Bytes kept on the heap before spilling: 4 MiB, ~8,000 rows of 128 dimensions. */
  static final int HEAP_BYTES = 4 << 20;

  static final String PREFIX = ".tx-";
  static final String SUFFIX = ".spill";

  private final StorageIO io;
  private final Path path;
  private StorageIO.FileIO file;
  private long flushed;
  private byte[] buf = new byte[4096];
  private int used;

  SpillStore(StorageIO io, Path path) {
    this.io = io;
    this.path = path;
  }

  /** The logical end: where the next payload goes. */
  long end() {
    return flushed + used;
  }

  /** Appends {@code data} (position to limit); returns its offset. */
  long append(ByteBuffer data) throws IOException {
    long off = end();
    int n = data.remaining();
    if (used + n > buf.length) {
      if (used + n > HEAP_BYTES) {
        spill();
      }
      if (n > buf.length - used) {
        buf =
            java.util.Arrays.copyOf(buf, Math.max(used + n, Math.min(buf.length * 2, HEAP_BYTES)));
      }
    }
    data.get(buf, used, n);
    used += n;
    return off;
  }

  private void spill() throws IOException {
    if (used == 0) {
      return;
    }
    if (file == null) {
      file = io.open(path, StorageIO.OpenMode.CREATE);
      file.truncate(0);
    }
    file.write(ByteBuffer.wrap(buf, 0, used), flushed);
    flushed += used;
    used = 0;
  }

  /** The {@code len} bytes at {@code off}, as a new heap array. */
  byte[] read(long off, int len) throws IOException {
    byte[] out = new byte[len];
    if (off >= flushed) {
      System.arraycopy(buf, (int) (off - flushed), out, 0, len);
    } else {
      file.readFully(ByteBuffer.wrap(out), off);
    }
    return out;
  }

  /** Drops everything from {@code end} on (a rollback to a savepoint). */
  void truncate(long end) throws IOException {
    if (end >= flushed) {
      used = (int) (end - flushed);
    } else {
      file.truncate(end);
      flushed = end;
      used = 0;
    }
  }

  /** Bytes held on the heap. */
  int heapBytes() {
    return buf.length;
  }

  @Override
  public void close() throws IOException {
    buf = new byte[0];
    used = 0;
    if (file != null) {
      file.close();
      file = null;
      io.delete(path);
    }
  }
}

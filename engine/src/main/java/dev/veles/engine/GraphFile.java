package dev.veles.engine;

import dev.veles.engine.index.HnswIndex;
import dev.veles.engine.index.VectorSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The HNSW graph file of a collection ({@value #NAME}): which storage state the graph reflects,
 * then the graph itself.
 *
 * <pre>
 * header  (32 bytes, little-endian) int MAGIC "VGRF", int VERSION, long generation (of
 *         vectors.dat), long seq (the last write the graph reflects), int 0, int CRC32C of bytes 0..28
 * body    the graph in the index package's format (its own version, CRC32C footer), to the end
 * </pre>
 *
 * Written to {@code vectors.hnsw.tmp}, forced, renamed over the file, directory synced: a reader
 * sees the old file or the complete new one. Stateless; the caller serialises writes.
 */
final class GraphFile {
  static final String NAME = "vectors.hnsw";
  static final int MAGIC = 0x46524756; // "VGRF" read as little-endian
  static final int VERSION = 1;
  static final int HEADER = 32;

  private GraphFile() {}

  /** A loaded graph and the storage state it reflects. */
  record Loaded(HnswIndex index, long generation, long seq) {}

  /** Replaces the graph file of {@code dir} with {@code index}, tagged (generation, seq). */
  static void write(StorageIO io, Path dir, HnswIndex index, long generation, long seq)
      throws IOException {
    Path file = dir.resolve(NAME);
    Path tmp = dir.resolve(NAME + ".tmp");
    try (StorageIO.FileIO f = io.open(tmp, StorageIO.OpenMode.CREATE)) {
      f.truncate(0);
      FileOut out = new FileOut(f);
      out.write(header(generation, seq).array());
      index.save(out);
      out.flush();
      f.force();
    }
    io.rename(tmp, file);
    io.syncDirectory(dir);
  }

  private static ByteBuffer header(long generation, long seq) {
    ByteBuffer b = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(MAGIC).putInt(VERSION).putLong(generation).putLong(seq).putInt(0);
    CRC32C c = new CRC32C();
    c.update(b.array(), 0, 28);
    b.putInt((int) c.getValue());
    return b;
  }

  /**
   * Reads the graph file of {@code dir} over {@code source}.
   *
   * @throws java.nio.file.NoSuchFileException when there is none
   * @throws CorruptFileException when the header or the graph fails its checks, or the graph was
   *     saved for another metric or dimension (offsets inside the body count from byte {@value
   *     #HEADER})
   */
  static Loaded read(StorageIO io, Path dir, VectorSource source, Metric metric, IndexParams params)
      throws IOException {
    Path file = dir.resolve(NAME);
    try (StorageIO.FileIO f = io.open(file, StorageIO.OpenMode.READ)) {
      if (f.size() < HEADER) {
        throw new CorruptFileException(file, 0, "graph file shorter than its header");
      }
      ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
      f.readFully(h, 0);
      long generation = h.getLong(8);
      long seq = h.getLong(16);
      if (!h.flip().equals(header(generation, seq).flip())) {
        throw new CorruptFileException(file, 0, "bad graph file header (magic, version or crc)");
      }
      InputStream in = new BufferedInputStream(new FileIn(f, HEADER), 1 << 16);
      HnswIndex index = HnswIndex.load(in, file, source, metric, params);
      return new Loaded(index, generation, seq);
    }
  }

  /** Buffers writes into positional file writes of up to 64 KiB. */
  private static final class FileOut extends OutputStream {
    private final StorageIO.FileIO file;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    private long pos;

    FileOut(StorageIO.FileIO file) {
      this.file = file;
    }

    @Override
    public void write(int b) throws IOException {
      if (!buf.hasRemaining()) {
        flush();
      }
      buf.put((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (!buf.hasRemaining()) {
          flush();
        }
        int n = Math.min(len, buf.remaining());
        buf.put(b, off, n);
        off += n;
        len -= n;
      }
    }

    @Override
    public void flush() throws IOException {
      buf.flip();
      int n = buf.remaining();
      if (n > 0) {
        file.write(buf, pos);
        pos += n;
      }
      buf.clear();
    }
  }

  /** Reads a file from a position to its end through positional reads. */
  private static final class FileIn extends InputStream {
    private final StorageIO.FileIO file;
    private final long size;
    private long pos;

    FileIn(StorageIO.FileIO file, long start) throws IOException {
      this.file = file;
      this.size = file.size();
      this.pos = start;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      int n = (int) Math.min(len, size - pos);
      if (n <= 0) {
        return -1;
      }
      file.readFully(ByteBuffer.wrap(b, off, n), pos);
      pos += n;
      return n;
    }
  }
}

package dev.veles.engine.index;

import dev.veles.engine.CorruptFileException;
import dev.veles.engine.Metric;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The HNSW graph file. Big-endian, written to {@code <file>.tmp}, fsynced, renamed over the file,
 * then the directory is fsynced, so a reader sees the old file or the complete new one.
 *
 * <pre>
 * header  int MAGIC 0x56484E57 ("VHNW"), int VERSION, int metric ordinal, int dimension,
 *         int m, int efConstruction, long seed, int capacity (slots), int entrySlot (-1: empty),
 *         int entryLevel, int nodeCount
 * node    (nodeCount times, slots ascending) int slot, long id, byte deleted (0/1), byte level,
 *         float norm, then per level 0..level: int count, count x int neighbour slot
 * footer  int FOOTER 0x454E4447 ("ENDG"), int CRC32C of every preceding byte
 * </pre>
 *
 * Neighbour scores are not stored; they are recomputed on demand after a load.
 */
final class HnswFile {
  static final int MAGIC = 0x56484E57;
  static final int VERSION = 1;
  static final int FOOTER = 0x454E4447;
  private static final int MAX_LIST = 1 << 12;

  private HnswFile() {}

  /** Writes the graph; the caller keeps writers out for the duration. */
  static void write(Path file, HnswGraph g, long seed) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      write(Channels.newOutputStream(ch), g, seed);
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Path dir = file.toAbsolutePath().getParent();
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  /**
   * Writes the graph in this format to {@code raw}, which is flushed but neither synced nor closed;
   * the caller keeps writers out for the duration.
   */
  static void write(OutputStream raw, HnswGraph g, long seed) throws IOException {
    HnswGraph.Arrays2 a = g.arrays();
    HnswGraph.Entry e = g.entry();
    int count = 0;
    for (Node n : a.nodes()) {
      count += n != null ? 1 : 0;
    }
    CRC32C crc = new CRC32C();
    DataOutputStream out =
        new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), crc));
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(g.scorer.metric.ordinal());
    out.writeInt(g.scorer.dim);
    out.writeInt(g.m);
    out.writeInt(g.efConstruction);
    out.writeLong(seed);
    out.writeInt(a.nodes().length);
    out.writeInt(e == null ? -1 : e.slot());
    out.writeInt(e == null ? 0 : e.level());
    out.writeInt(count);
    for (int s = 0; s < a.nodes().length; s++) {
      Node n = a.nodes()[s];
      if (n == null) {
        continue;
      }
      out.writeInt(s);
      out.writeLong(n.id);
      out.writeByte(n.deleted ? 1 : 0);
      out.writeByte(n.level);
      out.writeFloat(a.norms()[s]);
      for (int l = 0; l <= n.level; l++) {
        int[] links = n.links(l);
        out.writeInt(links.length);
        for (int x : links) {
          out.writeInt(x);
        }
      }
    }
    out.writeInt(FOOTER);
    out.flush();
    // The checksum itself is written outside the checked stream.
    DataOutputStream tail = new DataOutputStream(raw);
    tail.writeInt((int) crc.getValue());
    tail.flush();
  }

  /** Parsed content, before it is attached to an index. */
  record Loaded(HnswGraph graph, long seed, int live, int deleted) {}

  /** Reads and verifies a graph file written for {@code metric} and the source's dimension. */
  static Loaded read(Path file, VectorSource source, Metric metric, int m, int efC)
      throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return read(raw, file, source, metric, m, efC);
    }
  }

  /**
   * Reads and verifies a graph from {@code raw} up to its end ({@code file} names it in errors;
   * offsets are relative to the stream's start). Does not close the stream.
   */
  static Loaded read(InputStream raw, Path file, VectorSource source, Metric metric, int m, int efC)
      throws IOException {
    CRC32C crc = new CRC32C();
    Reader r = new Reader(file, new DataInputStream(new CheckedInputStream(raw, crc)));
    try {
      r.expect(r.i32() == MAGIC, "not a Veles HNSW graph file (bad magic)");
      int version = r.i32();
      r.expect(version >= 1, "bad version " + version);
      r.expect(version <= VERSION, "graph file version " + version + " is newer than this Veles");
      int ord = r.i32();
      r.expect(
          ord == metric.ordinal(),
          "graph metric ordinal " + ord + " but collection uses " + metric);
      int dim = r.i32();
      r.expect(
          dim == source.dimension(),
          "graph dimension " + dim + " but source has " + source.dimension());
      r.i32(); // m and ef_construction at save time: the collection's current ones apply from now
      r.i32();
      long seed = r.i64();
      int capacity = r.i32();
      r.expect(capacity >= 0, "negative capacity " + capacity);
      int entrySlot = r.i32();
      int entryLevel = r.i32();
      int count = r.i32();
      r.expect(count >= 0 && count <= capacity, "node count " + count + " outside 0.." + capacity);
      HnswGraph g = new HnswGraph(source, metric, m, efC, seed);
      g.ensureCapacity(capacity);
      int prev = -1;
      int deleted = 0;
      for (int i = 0; i < count; i++) {
        int slot = r.i32();
        r.expect(slot > prev && slot < capacity, "node slot " + slot + " out of order or range");
        prev = slot;
        long id = r.i64();
        int del = r.u8();
        int level = r.u8();
        r.expect(del <= 1 && level <= 30, "bad node flags " + del + "/" + level);
        float norm = r.f32();
        Node n = new Node(id, level);
        n.deleted = del == 1;
        deleted += del;
        for (int l = 0; l <= level; l++) {
          int len = r.i32();
          r.expect(len >= 0 && len <= MAX_LIST, "neighbour count " + len);
          int[] links = new int[len];
          for (int j = 0; j < len; j++) {
            links[j] = r.i32();
            r.expect(links[j] >= 0 && links[j] < capacity, "neighbour slot " + links[j]);
          }
          n.setLinks(l, links, null);
        }
        g.publish(slot, n, norm);
      }
      r.expect(r.i32() == FOOTER, "missing footer");
      int expected = (int) crc.getValue();
      int stored = new DataInputStream(raw).readInt();
      r.pos += 4;
      if (stored != expected) {
        throw new CorruptFileException(file, r.pos - 4, "checksum mismatch");
      }
      if (raw.read() != -1) {
        throw new CorruptFileException(file, r.pos, "trailing bytes after the checksum");
      }
      if (entrySlot >= 0) {
        Node en = g.node(entrySlot);
        if (en == null || en.level != entryLevel) {
          throw new CorruptFileException(file, 40, "entry slot " + entrySlot + " is not a node");
        }
        g.setEntry(new HnswGraph.Entry(entrySlot, entryLevel));
      } else if (count > 0) {
        throw new CorruptFileException(file, 36, "nodes without an entry point");
      }
      return new Loaded(g, seed, count - deleted, deleted);
    } catch (EOFException e) {
      throw new CorruptFileException(file, r.pos, "truncated graph file");
    }
  }

  /** Reads fields while tracking the offset for error messages. */
  private static final class Reader {
    final Path file;
    final DataInputStream in;
    long pos;

    Reader(Path file, DataInputStream in) {
      this.file = file;
      this.in = in;
    }

    int i32() throws IOException {
      pos += 4;
      return in.readInt();
    }

    long i64() throws IOException {
      pos += 8;
      return in.readLong();
    }

    int u8() throws IOException {
      pos += 1;
      return in.readUnsignedByte();
    }

    float f32() throws IOException {
      pos += 4;
      return in.readFloat();
    }

    void expect(boolean ok, String problem) throws CorruptFileException {
      if (!ok) {
        throw new CorruptFileException(file, pos, problem);
      }
    }
  }
}

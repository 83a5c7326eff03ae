package dev.veles.engine;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.zip.CRC32C;

/**
 * The write-ahead log of one collection ({@code vectors.wal}).
 *
 * <p>Layout (little-endian). File header, {@value #FILE_HEADER} bytes: magic {@code "VWAL"},
 * version {@value #VERSION} (a log created with version 1 keeps its header, which is never
 * rewritten in place, and may hold markers once this version writes to it), 4 reserved zero bytes,
 * CRC32C of the first 12 bytes. Then records, each a {@value #RECORD_HEADER}-byte header followed
 * by {@code length} data bytes:
 *
 * <pre>
 *  0 u32 crc     CRC32C of bytes [4, 32 + length): the whole header after the crc, and the data
 *  4 u32 length  data bytes (0 for a delete)
 *  8 u64 seq     sequence number, +1 per record, one sequence per collection
 * 16 u64 id      row id
 * 24 u32 slot    the vector slot the row occupies (puts) or frees (deletes)
 * 28 u8  op      1 = put (insert or replace), 2 = delete, 3 = transaction marker (version 2),
 *                 4 = patch (version 3): changed columns of a row that keeps its slot and vector
 * 29 u8  flags   1 = commit: the last record of one call; replay applies a call all or nothing
 * 30 u16 zero
 * </pre>
 *
 * <p>A transaction marker (length 0, slot 0, {@code id} = the transaction id) opens the group of a
 * transaction that wrote several collections: replay applies such a group only if the database's
 * {@link CommitLog} holds its transaction id, and skips it otherwise (its commit record never
 * became durable). A group without a marker is committed by its own commit flag.
 *
 * <p>All records of one call are written with one positional write (split in chunks of {@value
 * #GROUP_LIMIT} bytes only for huge calls). Not thread-safe: the collection's writer lock guards
 * it.
 */
final class Wal implements Closeable {
  static final int MAGIC = 0x4C415756; // "VWAL" read as little-endian
  static final int VERSION = 3;
  static final int VERSION_2 = 2;
  static final int VERSION_1 = 1;
  static final int FILE_HEADER = 16;
  static final int RECORD_HEADER = 32;
  static final byte OP_PUT = 1;
  static final byte OP_DELETE = 2;
  static final byte OP_TX = 3;
  static final byte OP_PATCH = 4;
  static final byte FLAG_COMMIT = 1;
  static final int GROUP_LIMIT = 8 << 20;

  private final StorageIO.FileIO file;
  private int version;
  private long end;
  private long callStart;
  private ByteBuffer group = ByteBuffer.allocate(64 << 10).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();

  private Wal(StorageIO.FileIO file, long end, int version) {
    this.file = file;
    this.end = end;
    this.version = version;
  }

  /**
   * Creates (or resets) a WAL holding only its header, forced to disk. Callers create it under a
   * temporary name and rename it into place, so a crash never leaves a half-written log.
   */
  static Wal create(StorageIO io, Path path) throws IOException {
    StorageIO.FileIO f = io.open(path, StorageIO.OpenMode.CREATE);
    try {
      f.truncate(0);
      f.write(header(), 0);
      f.force();
      return new Wal(f, FILE_HEADER, VERSION);
    } catch (IOException | RuntimeException e) {
      f.close();
      throw e;
    }
  }

  /**
   * Opens an existing WAL of format {@code version} for appending at {@code end} (the end of its
   * last good record).
   */
  static Wal open(StorageIO io, Path path, long end, int version) throws IOException {
    return new Wal(io.open(path, StorageIO.OpenMode.READ_WRITE), end, version);
  }

  /** The format version of this log's header. */
  int version() {
    return version;
  }

  static ByteBuffer header() {
    return header(VERSION);
  }

  static ByteBuffer header(int version) {
    ByteBuffer b = ByteBuffer.allocate(FILE_HEADER).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(MAGIC).putInt(version).putInt(0);
    CRC32C c = new CRC32C();
    c.update(b.array(), 0, 12);
    b.putInt((int) c.getValue());
    return b.flip();
  }

  Path path() {
    return file.path();
  }

  /** Bytes in the log, header included. */
  long size() {
    return end;
  }

  /** Starts a group of records for one call. */
  void begin() {
    group.clear();
    callStart = end;
  }

  /** Adds the transaction marker that opens a tagged group (see the class comment). */
  void addTxMarker(long seq, long txid) throws IOException {
    ensureRoom(RECORD_HEADER);
    int start = group.position();
    group.putInt(0).putInt(0).putLong(seq).putLong(txid).putInt(0);
    group.put(OP_TX).put((byte) 0).putShort((short) 0);
    crc.reset();
    crc.update(group.array(), start + 4, RECORD_HEADER - 4);
    group.putInt(start, (int) crc.getValue());
  }

  /**
   * Undoes the current call's writes after a write failed (a full disk): cuts the log back to where
   * the call began, so that no record of it remains and appending resumes there. Nothing of the
   * call was forced, so nothing of it was durable.
   */
  void rollback() throws IOException {
    group.clear();
    file.truncate(callStart);
    end = callStart;
  }

  /**
   * Adds one record to the current group; writes the group so far if it passed {@value
   * #GROUP_LIMIT} bytes.
   */
  void add(
      byte op,
      boolean commit,
      long seq,
      long id,
      int slot,
      RowCodec codec,
      float[] vector,
      Object[] values)
      throws IOException {
    int len = op == OP_PUT ? codec.dataLength(values) : 0;
    if (op == OP_PATCH) {
      throw new IllegalArgumentException("patches are added with addPatch");
    }
    int need = RECORD_HEADER + len;
    ensureRoom(need);
    int start = group.position();
    group.putInt(0).putInt(len).putLong(seq).putLong(id).putInt(slot);
    group.put(op).put(commit ? FLAG_COMMIT : 0).putShort((short) 0);
    if (op == OP_PUT) {
      codec.encode(group, vector, values);
    }
    crc.reset();
    crc.update(group.array(), start + 4, need - 4);
    group.putInt(start, (int) crc.getValue());
  }

  /**
   * Adds a patch record (version {@value #VERSION} logs only): the columns of row {@code id} that
   * {@code changed} marks take their values from {@code values}; its slot and vector stay.
   */
  void addPatch(
      boolean commit, long seq, long id, int slot, RowCodec codec, BitSet changed, Object[] values)
      throws IOException {
    if (version < VERSION) {
      throw new IllegalStateException("a version " + version + " log holds no patches");
    }
    int len = codec.patchLength(changed, values);
    int need = RECORD_HEADER + len;
    ensureRoom(need);
    int start = group.position();
    group.putInt(0).putInt(len).putLong(seq).putLong(id).putInt(slot);
    group.put(OP_PATCH).put(commit ? FLAG_COMMIT : 0).putShort((short) 0);
    codec.encodePatch(group, changed, values);
    crc.reset();
    crc.update(group.array(), start + 4, need - 4);
    group.putInt(start, (int) crc.getValue());
  }

  private void ensureRoom(int need) throws IOException {
    if (group.remaining() < need) {
      if (group.position() > 0 && group.position() + need > GROUP_LIMIT) {
        writeGroup();
      }
      if (group.remaining() < need) {
        int cap = Math.max(need + group.position(), group.capacity() * 2);
        ByteBuffer g = ByteBuffer.allocate(cap).order(ByteOrder.LITTLE_ENDIAN);
        g.put(group.flip());
        group = g;
      }
    }
  }

  /** Writes what remains of the current group. */
  void commit() throws IOException {
    writeGroup();
    if (group.capacity() > (1 << 20)) {
      group = ByteBuffer.allocate(64 << 10).order(ByteOrder.LITTLE_ENDIAN);
    }
  }

  private void writeGroup() throws IOException {
    group.flip();
    int n = group.remaining();
    file.write(group, end);
    end += n;
    group.clear();
  }

  /** Makes the log durable. */
  void force() throws IOException {
    file.force();
  }

  /** Empties the log down to its header, durably (after a checkpoint). */
  void reset() throws IOException {
    file.truncate(FILE_HEADER);
    file.force();
    end = FILE_HEADER;
  }

  @Override
  public void close() throws IOException {
    file.close();
  }

  /**
   * The sequence number of the log's first record, or 1 if it has none (for salvage, when the
   * checkpoint that the log continues is lost; replay still checks every record).
   */
  static long firstSeq(StorageIO io, Path path) {
    try (StorageIO.FileIO f = io.open(path, StorageIO.OpenMode.READ)) {
      if (f.size() < FILE_HEADER + RECORD_HEADER) {
        return 1;
      }
      java.nio.ByteBuffer b =
          java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      f.readFully(b, FILE_HEADER + 8);
      return Math.max(1, b.getLong(0));
    } catch (IOException e) {
      return 1;
    }
  }

  /** Receives replayed records of complete calls, in order. */
  interface Sink {
    void put(long seq, long id, int slot, MemorySegment data) throws IOException;

    /** A patch of the columns of row {@code id}, live at {@code slot} (see {@link #addPatch}). */
    void patch(long seq, long id, int slot, MemorySegment data) throws IOException;

    void delete(long seq, long id, int slot) throws IOException;
  }

  /**
   * What replay found.
   *
   * @param lastSeq the sequence number of the last applied record (or the checkpoint's)
   * @param applied how many records were applied
   * @param end the end of the last complete call: where appending resumes
   * @param dropped bytes after {@code end} that were dropped (a torn or zeroed tail)
   * @param skipped records of groups skipped because their transaction did not commit
   * @param version the log's format version
   */
  record Replay(long lastSeq, long applied, long end, long dropped, long skipped, int version) {}

  /**
   * Replays the records after sequence number {@code afterSeq} into {@code sink}, call by call; a
   * group opened by a transaction marker is applied only if {@code committed} accepts its
   * transaction id.
   *
   * @throws CorruptFileException if the header is bad, or a bad record is followed by a valid one
   */
  static Replay replay(
      StorageIO io,
      Path path,
      long afterSeq,
      long maxData,
      java.util.function.LongPredicate committed,
      Sink sink)
      throws IOException {
    try (StorageIO.FileIO f = io.open(path, StorageIO.OpenMode.READ);
        Arena arena = Arena.ofConfined()) {
      long size = f.size();
      if (size < FILE_HEADER) {
        throw new CorruptFileException(path, 0, "WAL shorter than its header (" + size + " bytes)");
      }
      MemorySegment seg = f.map(size, arena, false);
      ByteBuffer h = seg.asSlice(0, FILE_HEADER).asByteBuffer();
      int version = headerVersion(h);
      if (version < 0) {
        throw new CorruptFileException(path, 0, "bad WAL header (magic, version or checksum)");
      }
      if (version > VERSION) {
        // A sound header of a later format: not damage.
        throw new IOException(
            path + " is of format v" + version + ", newer than this Veles (v" + VERSION + ")");
      }
      long max = Math.min(maxData, Integer.MAX_VALUE - 64);
      return new Scanner(seg, path, afterSeq, max, version, committed).run(sink);
    }
  }

  /**
   * The version of a sound header (magic and checksum right), or -1. Any version is returned, so
   * that a newer log is refused as newer, not as damaged.
   */
  private static int headerVersion(ByteBuffer h) {
    h = h.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    if (h.getInt(0) != MAGIC || h.getInt(8) != 0) {
      return -1;
    }
    return h.equals(header(h.getInt(4))) && h.getInt(4) >= VERSION_1 ? h.getInt(4) : -1;
  }

  /** One replay pass over a mapped log. */
  private static final class Scanner {
    private final MemorySegment seg;
    private final Path path;
    private final long afterSeq;
    private final long maxData;
    private final int version;
    private final java.util.function.LongPredicate committed;
    private final CRC32C crc = new CRC32C();

    Scanner(
        MemorySegment seg,
        Path path,
        long afterSeq,
        long maxData,
        int version,
        java.util.function.LongPredicate committed) {
      this.seg = seg;
      this.path = path;
      this.afterSeq = afterSeq;
      this.maxData = maxData;
      this.version = version;
      this.committed = committed;
    }

    Replay run(Sink sink) throws IOException {
      long size = seg.byteSize();
      long pos = FILE_HEADER;
      long committedEnd = pos;
      long committedSeq = afterSeq;
      long lastSeq = afterSeq;
      long batchStart = -1;
      long applied = 0;
      long skipped = 0;
      while (pos < size) {
        long len = check(pos);
        if (len < 0) {
          break;
        }
        long seq = seq(pos);
        if (seq <= afterSeq && batchStart < 0) {
          pos += len; // covered by the checkpoint: left over from before the WAL was reset
          committedEnd = pos;
          continue;
        }
        if (seq != lastSeq + 1) {
          break;
        }
        lastSeq = seq;
        if (batchStart < 0) {
          batchStart = pos;
        }
        pos += len;
        if ((seg.get(ValueLayout.JAVA_BYTE, pos - len + 29) & FLAG_COMMIT) != 0) {
          if (op(batchStart) == OP_TX
              && !committed.test(seg.get(RowCodec.LONG_LE, batchStart + 16))) {
            skipped += seq - seq(batchStart) + 1; // its commit record never became durable
          } else {
            applied += apply(batchStart, pos, sink);
          }
          batchStart = -1;
          committedEnd = pos;
          committedSeq = seq;
        }
      }
      if (pos < size) {
        long valid = findValid(pos + 1, committedSeq);
        if (valid >= 0) {
          throw new CorruptFileException(
              path, pos, "bad WAL record followed by a valid record at offset " + valid);
        }
      }
      long dropped = size - committedEnd;
      if (dropped > 0) {
        System.getLogger(Wal.class.getName())
            .log(
                System.Logger.Level.WARNING,
                "{0}: dropped {1} bytes of torn, zeroed or incomplete tail after offset {2}"
                    + " (last applied sequence {3})",
                path,
                dropped,
                committedEnd,
                committedSeq);
      }
      return new Replay(committedSeq, applied, committedEnd, dropped, skipped, version);
    }

    private byte op(long pos) {
      return seg.get(ValueLayout.JAVA_BYTE, pos + 28);
    }

    private static boolean knownOp(byte op, int version) {
      return op == OP_PUT || op == OP_DELETE || op == OP_TX || (op == OP_PATCH && version >= 3);
    }

    private long seq(long pos) {
      return seg.get(RowCodec.LONG_LE, pos + 8);
    }

    /** The total length of a sound record at {@code pos}, or -1. */
    private long check(long pos) {
      long size = seg.byteSize();
      if (pos + RECORD_HEADER > size) {
        return -1;
      }
      long len = Integer.toUnsignedLong(seg.get(RowCodec.INT_LE, pos + 4));
      byte op = seg.get(ValueLayout.JAVA_BYTE, pos + 28);
      byte flags = seg.get(ValueLayout.JAVA_BYTE, pos + 29);
      short zero = seg.get(ValueLayout.JAVA_SHORT_UNALIGNED, pos + 30);
      // The length is checked against the largest legal record and the bytes left before use.
      if (len > maxData || len > size - pos - RECORD_HEADER) {
        return -1;
      }
      if (!knownOp(op, version) || (op != OP_PUT && op != OP_PATCH && len != 0)) {
        return -1;
      }
      if ((flags & ~FLAG_COMMIT) != 0 || zero != 0) {
        return -1;
      }
      crc.reset();
      crc.update(seg.asSlice(pos + 4, RECORD_HEADER - 4 + len).asByteBuffer());
      if ((int) crc.getValue() != seg.get(RowCodec.INT_LE, pos)) {
        return -1;
      }
      return RECORD_HEADER + len;
    }

    /** The offset of a sound record from {@code from} on with a sequence after {@code seq}. */
    private long findValid(long from, long seq) {
      long size = seg.byteSize();
      for (long q = from; q + RECORD_HEADER <= size; q++) {
        byte op = seg.get(ValueLayout.JAVA_BYTE, q + 28);
        if (knownOp(op, version) && seq(q) > seq && check(q) >= 0) {
          return q;
        }
      }
      return -1;
    }

    private long apply(long from, long to, Sink sink) throws IOException {
      long n = 0;
      for (long p = from; p < to; n++) {
        long len = Integer.toUnsignedLong(seg.get(RowCodec.INT_LE, p + 4));
        long id = seg.get(RowCodec.LONG_LE, p + 16);
        int slot = seg.get(RowCodec.INT_LE, p + 24);
        if (slot < 0) {
          throw new CorruptFileException(path, p, "negative slot " + slot);
        }
        try {
          byte op = op(p);
          if (op == OP_TX) {
            // the group's marker: nothing to apply
          } else if (op == OP_PUT) {
            sink.put(seq(p), id, slot, seg.asSlice(p + RECORD_HEADER, len));
          } else if (op == OP_PATCH) {
            sink.patch(seq(p), id, slot, seg.asSlice(p + RECORD_HEADER, len));
          } else {
            sink.delete(seq(p), id, slot);
          }
        } catch (IllegalArgumentException e) {
          CorruptFileException c = new CorruptFileException(path, p, e.getMessage());
          c.initCause(e);
          throw c;
        }
        p += RECORD_HEADER + len;
      }
      return n;
    }
  }
}

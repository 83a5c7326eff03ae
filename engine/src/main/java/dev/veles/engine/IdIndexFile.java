package dev.veles.engine;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The checkpoint of a collection ({@code vectors.idx}): the id of every slot, which slots are live,
 * and the column values, as of WAL sequence number {@code checkpointSeq}.
 *
 * <p>Layout (little-endian): magic {@code "VIDX"}, version {@value #VERSION}, generation u64 (of
 * the {@code vectors.dat} it describes), checkpointSeq u64, 4 zero bytes, column count u32, slot
 * count u32, live count u32; the live bitset as {@code ceil(slots / 64)} u64 words; the id of each
 * slot (u64, 0 for free slots); per column: its type ordinal u8, its null bitset words, then each
 * live non-null value (fixed width, or u32 length + UTF-8 or bytes; a DECIMAL as {@link RowCodec}
 * writes it); a CRC32C of everything before it. The types added later only change what a column of
 * that type holds, so the version stays 1 and older checkpoints read unchanged. Written to a temp
 * file, forced, renamed, directory synced, by {@link #write}.
 *
 * <p>Long text and binary values: the file holds every value whole (it is their durable copy); a
 * load copies the long ones from the file's mapping into the collection's {@link ValueStore}
 * without making heap objects of them, and a write copies them back from the store, verified.
 */
final class IdIndexFile {
  static final int MAGIC = 0x58444956; // "VIDX" read as little-endian
  static final int VERSION = 1;
  private static final int HEADER = 40;

  private IdIndexFile() {}

  /** The content of a checkpoint. Arrays are owned by the receiver. */
  record Snapshot(
      long generation,
      long checkpointSeq,
      int slotCount,
      BitSet live,
      long[] ids,
      Columns columns) {}

  /** Writes {@code s} to {@code tmp}, forces it, renames it to {@code target}, syncs the dir. */
  static void write(StorageIO io, Path tmp, Path target, Snapshot s) throws IOException {
    writeTemp(io, tmp, s);
    io.rename(tmp, target);
    io.syncDirectory(target.getParent());
  }

  /** Writes {@code s} to {@code tmp} and forces it (the caller renames it into place). */
  static void writeTemp(StorageIO io, Path tmp, Snapshot s) throws IOException {
    try (StorageIO.FileIO f = io.open(tmp, StorageIO.OpenMode.CREATE)) {
      f.truncate(0);
      Out out = new Out(f);
      out.ensure(HEADER);
      out.buf.putInt(MAGIC).putInt(VERSION).putLong(s.generation()).putLong(s.checkpointSeq());
      out.buf.putInt(0).putInt(s.columns().count());
      out.buf.putInt(s.slotCount()).putInt(s.live().cardinality());
      putBits(out, s.live(), s.slotCount());
      for (int i = 0; i < s.slotCount(); i++) {
        out.ensure(8);
        out.buf.putLong(s.live().get(i) ? s.ids()[i] : 0);
      }
      for (int c = 0; c < s.columns().count(); c++) {
        writeColumn(out, s, c);
      }
      out.finish();
      f.force();
    }
  }

  private static void putBits(Out out, BitSet bits, int n) throws IOException {
    int words = (n + 63) / 64;
    long[] w = bits.toLongArray();
    for (int i = 0; i < words; i++) {
      out.ensure(8);
      long word = i < w.length ? w[i] : 0;
      if (i == words - 1 && n % 64 != 0) {
        word &= (1L << (n % 64)) - 1;
      }
      out.buf.putLong(word);
    }
  }

  private static void writeColumn(Out out, Snapshot s, int c) throws IOException {
    Columns cols = s.columns();
    out.ensure(1);
    out.buf.put((byte) cols.spec(c).type().ordinal());
    putBits(out, cols.nulls(c), s.slotCount());
    for (int i = s.live().nextSetBit(0);
        i >= 0 && i < s.slotCount();
        i = s.live().nextSetBit(i + 1)) {
      if (cols.nulls(c).get(i)) {
        continue;
      }
      long ref = cols.ref(c, i);
      if (ref != 0) {
        putStored(out, cols.store(), ref);
        continue;
      }
      Object v = cols.value(c, i);
      switch (v) {
        case Long l -> out.ensure(8).putLong(l);
        case Integer x -> out.ensure(4).putInt(x);
        case Double d -> out.ensure(8).putDouble(d);
        case Float f -> out.ensure(4).putFloat(f);
        case Boolean b -> out.ensure(1).put((byte) (b ? 1 : 0));
        case String str -> {
          byte[] b = str.getBytes(StandardCharsets.UTF_8);
          out.ensure(4).putInt(b.length);
          for (int off = 0; off < b.length; ) {
            int n = Math.min(b.length - off, out.buf.capacity());
            out.ensure(n).put(b, off, n);
            off += n;
          }
        }
        case Short x -> out.ensure(2).putShort(x);
        case Byte x -> out.ensure(1).put(x);
        case java.math.BigDecimal d ->
            LaterTypes.putDecimal(
                out.ensure(LaterTypes.decimalLength(cols.spec(c), d)), cols.spec(c), d);
        case byte[] b -> {
          out.ensure(4).putInt(b.length);
          for (int off = 0; off < b.length; ) {
            int n = Math.min(b.length - off, out.buf.capacity());
            out.ensure(n).put(b, off, n);
            off += n;
          }
        }
        default -> throw new AssertionError(v);
      }
    }
  }

  /** Copies a stored value's bytes, verified, without decoding it (a long text, or bytes). */
  private static void putStored(Out out, ValueStore store, long ref) throws IOException {
    MemorySegment v;
    try {
      v = store.value(ref);
    } catch (DamagedCollectionException e) {
      throw e.problem(); // never give damaged bytes a fresh checksum
    }
    long n = v.byteSize();
    out.ensure(4).putInt((int) n);
    for (long off = 0; off < n; ) {
      int k = (int) Math.min(n - off, out.buf.capacity());
      out.ensure(k).put(v.asSlice(off, k).asByteBuffer());
      off += k;
    }
  }

  /** A buffered writer that checksums what it writes. */
  private static final class Out {
    final StorageIO.FileIO f;
    final ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    final CRC32C crc = new CRC32C();
    long pos;

    Out(StorageIO.FileIO f) {
      this.f = f;
    }

    ByteBuffer ensure(int n) throws IOException {
      if (buf.remaining() < n) {
        drain();
      }
      return buf;
    }

    void drain() throws IOException {
      buf.flip();
      crc.update(buf.duplicate());
      int n = buf.remaining();
      f.write(buf, pos);
      pos += n;
      buf.clear();
    }

    void finish() throws IOException {
      drain();
      buf.putInt((int) crc.getValue()).flip();
      f.write(buf, pos);
    }
  }

  /**
   * Reads a checkpoint.
   *
   * @throws CorruptFileException naming the file and offset if it fails its checks
   */
  static Snapshot read(StorageIO io, Path path, int dimension, List<ColumnSpec> specs)
      throws IOException {
    return read(io, path, dimension, specs, null, true);
  }

  /**
   * Reads a checkpoint, its long text and binary values copied into {@code store} (null: all on the
   * heap) straight from the file's mapping.
   *
   * @throws CorruptFileException naming the file and offset if it fails its checks
   */
  static Snapshot read(
      StorageIO io, Path path, int dimension, List<ColumnSpec> specs, ValueStore store)
      throws IOException {
    return read(io, path, dimension, specs, store, true);
  }

  /**
   * Checks a checkpoint's checksum and structure without keeping its text and binary values (the
   * integrity check: no heap for the values of a large table).
   *
   * @throws CorruptFileException naming the file and offset if it fails its checks
   */
  static void verify(StorageIO io, Path path, int dimension, List<ColumnSpec> specs)
      throws IOException {
    read(io, path, dimension, specs, null, false);
  }

  private static Snapshot read(
      StorageIO io,
      Path path,
      int dimension,
      List<ColumnSpec> specs,
      ValueStore store,
      boolean keep)
      throws IOException {
    try (StorageIO.FileIO f = io.open(path, StorageIO.OpenMode.READ);
        Arena arena = Arena.ofConfined()) {
      long size = f.size();
      if (size < HEADER + 4) {
        throw new CorruptFileException(path, 0, "index file too short (" + size + " bytes)");
      }
      MemorySegment seg = f.map(size, arena, false);
      CRC32C crc = new CRC32C();
      for (long off = 0; off < size - 4; off += 1 << 30) {
        crc.update(seg.asSlice(off, Math.min(1 << 30, size - 4 - off)).asByteBuffer());
      }
      if ((int) crc.getValue() != seg.get(RowCodec.INT_LE, size - 4)) {
        throw new CorruptFileException(path, size - 4, "index file checksum mismatch");
      }
      return new Reader(seg.asSlice(0, size - 4), path, specs, store, keep).read();
    }
  }

  /** Parses a checksummed checkpoint, checking every count against the bytes left. */
  private static final class Reader {
    final MemorySegment seg;
    final Path path;
    final List<ColumnSpec> specs;
    final ValueStore store;
    final boolean keep;
    long p;

    Reader(MemorySegment seg, Path path, List<ColumnSpec> specs, ValueStore store, boolean keep) {
      this.seg = seg;
      this.path = path;
      this.specs = specs;
      this.store = store;
      this.keep = keep;
    }

    CorruptFileException bad(String what) {
      return new CorruptFileException(path, p, what);
    }

    void need(long n) throws CorruptFileException {
      if (n < 0 || p + n > seg.byteSize()) {
        throw bad("index file truncated: " + n + " bytes needed");
      }
    }

    long getLong() throws CorruptFileException {
      need(8);
      long v = seg.get(RowCodec.LONG_LE, p);
      p += 8;
      return v;
    }

    int getInt() throws CorruptFileException {
      need(4);
      int v = seg.get(RowCodec.INT_LE, p);
      p += 4;
      return v;
    }

    BitSet bits(int n) throws CorruptFileException {
      long[] w = new long[(n + 63) / 64];
      need(w.length * 8L);
      for (int i = 0; i < w.length; i++) {
        w[i] = getLong();
      }
      return BitSet.valueOf(w);
    }

    Snapshot read() throws IOException {
      if (getInt() != MAGIC || getInt() != VERSION) {
        p = 0;
        throw bad("not a Veles index file of version " + VERSION);
      }
      long generation = getLong();
      long seq = getLong();
      getInt();
      int cols = getInt();
      int slots = getInt();
      int liveCount = getInt();
      if (cols != specs.size() || slots < 0) {
        throw bad("index file has " + cols + " columns and " + slots + " slots");
      }
      need(slots * 8L);
      BitSet live = bits(slots);
      if (live.cardinality() != liveCount) {
        throw bad("live count " + liveCount + " does not match the live set");
      }
      long[] ids = new long[Math.max(16, slots)];
      for (int i = 0; i < slots; i++) {
        ids[i] = getLong();
      }
      Columns columns = new Columns(specs, Math.max(16, slots), store);
      for (int c = 0; c < cols; c++) {
        readColumn(columns, c, live, slots);
      }
      if (p != seg.byteSize()) {
        throw bad((seg.byteSize() - p) + " unexpected bytes in index file");
      }
      return new Snapshot(generation, seq, slots, live, ids, columns);
    }

    private void readColumn(Columns columns, int c, BitSet live, int slots) throws IOException {
      need(1);
      ColumnType t = specs.get(c).type();
      if (seg.get(ValueLayout.JAVA_BYTE, p++) != t.ordinal()) {
        throw bad("column " + c + " type differs from the schema's " + t);
      }
      BitSet nulls = bits(slots);
      boolean encoded = Columns.storable(t);
      for (int i = live.nextSetBit(0); i >= 0; i = live.nextSetBit(i + 1)) {
        if (nulls.get(i)) {
          continue;
        }
        if (encoded) {
          long n = Integer.toUnsignedLong(getInt());
          need(n);
          if (keep) {
            columns.setEncoded(c, i, seg, p, n);
          }
          p += n;
          continue;
        }
        Object v =
            switch (t) {
              case BIGINT, TIMESTAMP, TIME, TIMESTAMP_TZ -> getLong();
              case INTEGER, DATE -> getInt();
              case SMALLINT -> {
                need(2);
                short x = seg.get(RowCodec.SHORT_LE, p);
                p += 2;
                yield x;
              }
              case TINYINT -> {
                need(1);
                yield seg.get(ValueLayout.JAVA_BYTE, p++);
              }
              case DECIMAL -> decimal(specs.get(c));

              case DOUBLE -> Double.longBitsToDouble(getLong());
              case REAL -> Float.intBitsToFloat(getInt());
              case BOOLEAN -> {
                need(1);
                yield seg.get(ValueLayout.JAVA_BYTE, p++) != 0;
              }
              case VARCHAR, CHAR, VARBINARY -> throw new AssertionError(t); // encoded above
            };
        columns.setOne(c, i, v);
      }
      columns.setNulls(c, nulls);
    }

    private java.math.BigDecimal decimal(ColumnSpec spec) throws CorruptFileException {
      need(spec.length() <= ColumnSpec.LONG_DECIMAL_PRECISION ? 8 : 2);
      try {
        java.math.BigDecimal d = LaterTypes.getDecimal(seg, p, seg.byteSize(), spec);
        p += LaterTypes.decimalLength(spec, d);
        return d;
      } catch (IllegalArgumentException e) {
        throw bad(e.getMessage());
      }
    }
  }
}

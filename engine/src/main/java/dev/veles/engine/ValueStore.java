package dev.veles.engine;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The long text and binary values of a collection ({@code values.dat}): values longer than {@link
 * #INLINE_MAX} bytes are appended to a memory-mapped file, and the heap keeps only each value's
 * offset (8 bytes per row, see {@link Columns}), so that a table of long texts does not live on the
 * heap.
 *
 * <p>Derived state: {@code vectors.idx} and the WAL stay the durable copy of every value, and each
 * open builds a fresh store from them (the checkpoint's long values are copied from its mapping
 * into the store, never materialised on the heap). The store is therefore never forced, a crash
 * leaves nothing to recover, and space of replaced or deleted values is reclaimed by the next open
 * or {@link VectorCollection#compact()}. Damage to the file at rest is healed by the rebuild;
 * damage while it is open fails the read of that value with a {@link DamagedCollectionException}
 * naming the file, and the integrity check reports it as derived data.
 *
 * <p>Layout (little-endian): a {@value #HEADER}-byte header (magic {@code "VVAL"}, version u32, 16
 * zero bytes, CRC32C of the first 24 bytes, 4 zero bytes), then entries: the value's length n u32,
 * the CRC32C of those 4 length bytes and the value bytes u32, the n bytes (UTF-8 for text). An
 * entry's offset is its reference; 0 means none, as no entry starts in the header. Every read
 * verifies the entry's CRC32C (a few ns per 100 bytes, small next to decoding the value).
 *
 * <p>Mappings: one shared {@link Arena} owns every mapping; growing reserves the disk blocks first
 * (so a full disk is an {@link IOException}, not a SIGBUS) and maps the larger size, while older
 * mappings stay valid until {@link #close()}. A read-only database keeps its store in an unlinked
 * temporary file instead (it must not write its directory).
 *
 * <p>Thread-safety: one writer (the collection's, under its write lock) appends; readers read
 * entries written before, under the collection's read lock. Owned by its {@link Columns}' owner,
 * which closes it.
 */
final class ValueStore implements Closeable {
  static final String NAME = "values.dat";

  /** The store a compaction fills, renamed over {@link #NAME} when it switches. */
  static final String NEXT = NAME + ".next";

  static final int MAGIC = 0x4c415656; // "VVAL" read as little-endian
  static final int VERSION = 1;
  static final int HEADER = 32;

  /**
   * Values of at most this many encoded bytes stay on the heap: a 64-byte string costs ~100 bytes
   * there (object, array header, bytes) against 12 for a stored one, and keeping short values
   * (names, categories, keys) on the heap keeps their filters on the plain array path.
   */
  static final int INLINE_MAX = 64;

  private static final int ENTRY = 8;
  private static final long MIN_BYTES = 1 << 20;

  private final String collection;
  private final StorageIO.FileIO file;
  private Path path;
  private final Arena arena = Arena.ofShared();
  private volatile MemorySegment seg;
  private long end = HEADER;

  private ValueStore(String collection, StorageIO.FileIO file, Path path) {
    this.collection = collection;
    this.file = file;
    this.path = path;
  }

  /** Creates an empty store at {@code path}, replacing any file there. */
  static ValueStore create(StorageIO io, Path path, String collection) throws IOException {
    StorageIO.FileIO f = io.open(path, StorageIO.OpenMode.CREATE);
    ValueStore s = new ValueStore(collection, f, path);
    try {
      f.truncate(0);
      f.write(ByteBuffer.wrap(header()), 0);
      s.grow(MIN_BYTES);
      return s;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /**
   * An empty store in an unlinked temporary file (in {@code java.io.tmpdir}), for a read-only
   * database, which must not write its directory: its pages are the OS's to evict like those of
   * {@link #NAME}, and nothing is left behind even by a kill.
   */
  static ValueStore temporary(String collection) throws IOException {
    Path tmp = java.nio.file.Files.createTempFile("veles-" + collection + "-", "-" + NAME);
    StorageIO.FileIO f;
    try {
      f = NioStorageIO.INSTANCE.open(tmp, StorageIO.OpenMode.READ_WRITE);
    } finally {
      java.nio.file.Files.delete(tmp);
    }
    ValueStore s = new ValueStore(collection, f, tmp);
    try {
      f.write(ByteBuffer.wrap(header()), 0);
      s.grow(MIN_BYTES);
      return s;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  private static byte[] header() {
    ByteBuffer b = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(MAGIC).putInt(VERSION).putLong(0).putLong(0);
    CRC32C c = new CRC32C();
    c.update(b.array(), 0, 24);
    b.putInt((int) c.getValue()).putInt(0);
    return b.array();
  }

  /**
   * Checks the header of the file at {@code path}.
   *
   * @throws CorruptFileException naming the file if it is short or its header fails its checks
   */
  static void checkHeader(StorageIO io, Path path) throws IOException {
    try (StorageIO.FileIO f = io.open(path, StorageIO.OpenMode.READ)) {
      if (f.size() < HEADER) {
        throw new CorruptFileException(path, 0, "file shorter than its header");
      }
      ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
      f.readFully(h, 0);
      if (!java.util.Arrays.equals(h.array(), header())) {
        throw new CorruptFileException(path, 0, "bad header (magic, version or crc)");
      }
    }
  }

  Path path() {
    return path;
  }

  /** Records that the file was renamed to {@code to} (its mapping stays valid). */
  void renamed(Path to) {
    path = to;
  }

  /** The bytes in use, header included. */
  long size() {
    return end;
  }

  /** Empties the store (a checkpoint read that failed half way is read again). */
  void reset() {
    end = HEADER;
  }

  /** Makes room for {@code bytes} more bytes of entries, so appends of them cannot fail. */
  void reserve(long bytes) throws IOException {
    if (end + bytes > seg.byteSize()) {
      grow(end + bytes);
    }
  }

  /** The bytes an entry of a value of {@code n} bytes takes. */
  static long entryBytes(long n) {
    return ENTRY + n;
  }

  private void grow(long need) throws IOException {
    long cur = seg == null ? 0 : seg.byteSize();
    long n = Math.max(need, Math.max(MIN_BYTES, cur * 2));
    file.allocate(cur, n - cur);
    seg = file.map(n, arena, true);
  }

  /** Appends a value; returns its reference. */
  long append(byte[] value) throws IOException {
    return append(MemorySegment.ofArray(value), 0, value.length);
  }

  /** Appends the {@code n} bytes at {@code off} of {@code src}; returns the reference. */
  long append(MemorySegment src, long off, long n) throws IOException {
    if (n > Integer.MAX_VALUE - ENTRY) {
      throw new IllegalArgumentException("value of " + n + " bytes");
    }
    reserve(ENTRY + n);
    MemorySegment m = seg;
    long at = end;
    m.set(RowCodec.INT_LE, at, (int) n);
    MemorySegment.copy(src, off, m, at + ENTRY, n);
    m.set(RowCodec.INT_LE, at + 4, crc(m, at, n));
    end = at + ENTRY + n;
    return at;
  }

  private static int crc(MemorySegment m, long at, long n) {
    CRC32C c = new CRC32C();
    c.update(m.asSlice(at, 4).asByteBuffer());
    c.update(m.asSlice(at + ENTRY, n).asByteBuffer());
    return (int) c.getValue();
  }

  /** The length in bytes of the value at {@code ref} (not verified). */
  int length(long ref) {
    return seg.get(RowCodec.INT_LE, ref);
  }

  /**
   * The bytes of the value at {@code ref}, verified (a slice of the mapping: read it under the
   * collection's lock).
   *
   * @throws DamagedCollectionException if the entry fails its checks
   */
  MemorySegment value(long ref) {
    CorruptFileException e = check(ref);
    if (e != null) {
      throw new DamagedCollectionException(collection, e);
    }
    return seg.asSlice(ref + ENTRY, seg.get(RowCodec.INT_LE, ref));
  }

  /** The text at {@code ref}; see {@link #value}. */
  String string(long ref) {
    return new String(value(ref).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
  }

  /** The bytes at {@code ref} (a new array); see {@link #value}. */
  byte[] bytes(long ref) {
    return value(ref).toArray(ValueLayout.JAVA_BYTE);
  }

  /** Whether the entry at {@code ref} holds exactly the bytes {@code b} (not verified). */
  boolean holds(long ref, byte[] b) {
    MemorySegment m = seg;
    return m.get(RowCodec.INT_LE, ref) == b.length
        && MemorySegment.mismatch(
                m, ref + ENTRY, ref + ENTRY + b.length, MemorySegment.ofArray(b), 0, b.length)
            == -1;
  }

  /**
   * Whether the value at {@code ref}, verified, is exactly {@code b} (no decoding, no allocation).
   *
   * @throws DamagedCollectionException if the entry fails its checks
   */
  boolean matches(long ref, byte[] b) {
    MemorySegment v = value(ref);
    return MemorySegment.mismatch(v, 0, v.byteSize(), MemorySegment.ofArray(b), 0, b.length) == -1;
  }

  /** The problem of the entry at {@code ref}, or null if it is sound. */
  CorruptFileException check(long ref) {
    MemorySegment m = seg;
    if (ref < HEADER || ref + ENTRY > end) {
      return new CorruptFileException(path, ref, "value reference past the end of the store");
    }
    long n = Integer.toUnsignedLong(m.get(RowCodec.INT_LE, ref));
    if (ref + ENTRY + n > end) {
      return new CorruptFileException(path, ref, "value length " + n + " past the end");
    }
    if (crc(m, ref, n) != m.get(RowCodec.INT_LE, ref + 4)) {
      return new CorruptFileException(path, ref, "value checksum mismatch");
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    try {
      arena.close();
    } finally {
      file.close();
    }
  }
}

package dev.veles.engine;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The vectors of a collection ({@code vectors.dat}), memory-mapped through FFM.
 *
 * <p>Layout: a {@value #DATA_START}-byte header (magic {@code "VVEC"}, version, dimension, 4 zero
 * bytes, generation u64, CRC32C of the first 24 bytes, rest zero), then one slot per {@link
 * #stride()} bytes: slot {@code i} at byte {@code DATA_START + i * stride}. The generation
 * increases with each compaction and ties the file to its {@code vectors.idx}.
 *
 * <p>Version {@value #VERSION} (written): a slot is the vector as little-endian float32 ({@code
 * dimension * 4} bytes), then a {@value #TRAILER}-byte trailer: the row id u64, 4 zero bytes, and a
 * CRC32C of the vector, id and zero bytes; the stride rounds that up to a multiple of 64 so that
 * every vector starts cache-line aligned (2 % more space at 768 dimensions, 12.5 % at 128). The
 * checksum travels with the slot's bytes, so a slot copied, versioned or salvaged carries its own
 * proof, and the id lets a slot be checked against the row that should be there (a stale or reused
 * slot is caught, not only a flipped bit). A free slot (hole-punched, zeros) fails its check and is
 * never checked: only live slots are. Version 1 (read, upgraded on a writable open): packed
 * vectors, stride {@code dimension * 4}, no trailer.
 *
 * <p>Checks: {@link #check} verifies one slot (a CRC32C over the slot, a few ns per 100 bytes); row
 * reads and k-NN results verify their slots, graph walks do not (they read only vector bytes), and
 * the integrity check verifies every live slot.
 *
 * <p>Mappings: one shared {@link Arena} owns every mapping; growing doubles the capacity and maps
 * the larger size while older, smaller mappings stay valid until {@link #close()} (they map the
 * same pages and cost only address space), so a reader holding an old segment never faults. After
 * close, reads through any segment throw {@link IllegalStateException}. Blocks are reserved on
 * growth and on slot reuse so a full disk is an {@link IOException}, not a SIGBUS.
 *
 * <p>Thread-safety: one writer (the collection's) at a time; reads are safe concurrently with
 * writes to other slots.
 */
final class VectorFile implements Closeable {
  static final int MAGIC = 0x43455656; // "VVEC" read as little-endian
  static final int VERSION = 2;
  static final long DATA_START = 4096;
  static final int TRAILER = 16;
  private static final long MIN_BYTES = 64 << 10;

  private final StorageIO.FileIO file;
  private final Arena arena = Arena.ofShared();
  private final int dimension;
  private final int version;
  private final long vectorBytes;
  private final long slotBytes;
  private final long generation;
  private final boolean writable;
  private boolean inMemory;
  private volatile MemorySegment slots;
  private int capacity;

  private VectorFile(
      StorageIO.FileIO file, int dimension, int version, long generation, boolean writable) {
    this.file = file;
    this.dimension = dimension;
    this.version = version;
    this.vectorBytes = dimension * 4L;
    this.slotBytes = strideOf(dimension, version);
    this.generation = generation;
    this.writable = writable;
  }

  /** The bytes per slot in a file of {@code version}. */
  static long strideOf(int dimension, int version) {
    long v = dimension * 4L;
    return version == 1 ? v : (v + TRAILER + 63) / 64 * 64;
  }

  /** Creates a new, empty file (replacing any) with its header forced to disk. */
  static VectorFile create(StorageIO io, Path path, int dimension, long generation)
      throws IOException {
    StorageIO.FileIO f = io.open(path, StorageIO.OpenMode.CREATE);
    VectorFile v = new VectorFile(f, dimension, VERSION, generation, true);
    try {
      f.truncate(0);
      f.write(header(dimension, VERSION, generation), 0);
      v.map(Math.max(16, (int) Math.min(1 << 20, MIN_BYTES / v.slotBytes)));
      f.force();
      return v;
    } catch (IOException | RuntimeException e) {
      v.close();
      throw e;
    }
  }

  /**
   * Opens an existing file.
   *
   * @param writable false maps read-only (see {@link #detach()} for replaying into it)
   */
  static VectorFile open(StorageIO io, Path path, int dimension, boolean writable)
      throws IOException {
    StorageIO.FileIO f =
        io.open(path, writable ? StorageIO.OpenMode.READ_WRITE : StorageIO.OpenMode.READ);
    try {
      ByteBuffer h = checkHeader(f, path, dimension);
      long size = f.size();
      VectorFile v = new VectorFile(f, dimension, h.getInt(4), h.getLong(16), writable);
      v.map((int) Math.min(Integer.MAX_VALUE, (size - DATA_START) / v.slotBytes));
      return v;
    } catch (IOException | RuntimeException e) {
      f.close();
      throw e;
    }
  }

  /**
   * Reads the generation from a file's header.
   *
   * @throws CorruptFileException naming this file if it is shorter than its header or the header
   *     fails its checks
   */
  static long generationOf(StorageIO io, Path path, int dimension) throws IOException {
    try (StorageIO.FileIO f = io.open(path, StorageIO.OpenMode.READ)) {
      return checkHeader(f, path, dimension).getLong(16);
    }
  }

  /** Reads and checks the header; returns its first 28 bytes. */
  private static ByteBuffer checkHeader(StorageIO.FileIO f, Path path, int dimension)
      throws IOException {
    if (f.size() < DATA_START) {
      throw new CorruptFileException(
          path, 0, "vector file shorter than its header (" + f.size() + " bytes)");
    }
    ByteBuffer h = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
    f.readFully(h, 0);
    int version = h.getInt(4);
    long gen = h.getLong(16);
    boolean sound = h.duplicate().flip().equals(header(dimension, version, gen).limit(28));
    if (sound && version > VERSION) {
      // A sound header of a later format: not damage.
      throw new IOException(
          path + " is of format v" + version + ", newer than this Veles (v" + VERSION + ")");
    }
    if (!sound || version < 1) {
      throw new CorruptFileException(
          path, 0, "bad vector file header (magic, version, dimension " + dimension + " or crc)");
    }
    return h;
  }

  private static ByteBuffer header(int dimension, int version, long generation) {
    ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(MAGIC).putInt(version).putInt(dimension).putInt(0).putLong(generation);
    CRC32C c = new CRC32C();
    c.update(b.array(), 0, 24);
    b.putInt((int) c.getValue()).putInt(0);
    return b.flip();
  }

  private void map(int slotCount) throws IOException {
    long bytes = DATA_START + slotCount * slotBytes;
    MemorySegment whole = file.map(bytes, arena, writable);
    slots = whole.asSlice(DATA_START, slotCount * slotBytes);
    capacity = slotCount;
  }

  Path path() {
    return file.path();
  }

  long generation() {
    return generation;
  }

  int dimension() {
    return dimension;
  }

  /** The format version of this file (1: no slot checksums). */
  int version() {
    return version;
  }

  /** The bytes from one slot to the next. */
  long stride() {
    return slotBytes;
  }

  int capacity() {
    return capacity;
  }

  /** All slots: slot {@code i} at offset {@code i * stride()}. Valid until close. */
  MemorySegment slots() {
    return slots;
  }

  /** Grows (by doubling) to hold at least {@code slotCount} slots. */
  void ensureCapacity(int slotCount) throws IOException {
    if (slotCount <= capacity) {
      return;
    }
    int n = (int) Math.min(Integer.MAX_VALUE, Math.max(slotCount, capacity * 2L));
    if (inMemory) {
      MemorySegment copy = arena.allocate(n * slotBytes, 64);
      copy.copyFrom(slots);
      slots = copy;
      capacity = n;
      return;
    }
    file.allocate(DATA_START + capacity * slotBytes, (n - capacity) * slotBytes);
    map(n);
  }

  /**
   * Copies the vectors into memory so that replay can write into a read-only database without
   * touching the file.
   */
  void detach() {
    if (!inMemory) {
      MemorySegment copy = arena.allocate(Math.max(1, slots.byteSize()), 64);
      copy.asSlice(0, slots.byteSize()).copyFrom(slots);
      slots = copy;
      inMemory = true;
    }
  }

  /** Writes row {@code id}'s vector {@code v} into {@code slot}, with its trailer. */
  void write(int slot, float[] v, long id) {
    MemorySegment.copy(v, 0, slots, RowCodec.FLOAT_LE, slot * slotBytes, dimension);
    seal(slot, id);
  }

  /** Writes row {@code id}'s vector from {@code src} (its first {@code dimension * 4} bytes). */
  void write(int slot, MemorySegment src, long id) {
    MemorySegment.copy(src, 0, slots, slot * slotBytes, vectorBytes);
    seal(slot, id);
  }

  /** Writes the trailer of a slot whose vector bytes are in place. */
  private void seal(int slot, long id) {
    if (version == 1) {
      return;
    }
    long off = slot * slotBytes;
    slots.set(RowCodec.LONG_LE, off + vectorBytes, id);
    slots.set(RowCodec.INT_LE, off + vectorBytes + 8, 0);
    slots.set(RowCodec.INT_LE, off + vectorBytes + 12, crc(slots, off));
  }

  private int crc(MemorySegment seg, long off) {
    CRC32C c = new CRC32C();
    c.update(seg.asSlice(off, vectorBytes + 12).asByteBuffer());
    return (int) c.getValue();
  }

  /**
   * Checks that {@code slot} holds a sound vector of row {@code id}.
   *
   * @return null if it does (always for a version 1 file), else the problem, naming this file and
   *     the slot's offset
   */
  CorruptFileException check(int slot, long id) {
    if (version == 1) {
      return null;
    }
    MemorySegment seg = slots;
    long off = slot * slotBytes;
    if (off + slotBytes > seg.byteSize()) {
      return new CorruptFileException(
          path(), DATA_START + off, "slot " + slot + " lies beyond the end of the vector file");
    }
    if (seg.get(RowCodec.INT_LE, off + vectorBytes + 12) != crc(seg, off)) {
      return new CorruptFileException(
          path(), DATA_START + off, "checksum mismatch in the vector of slot " + slot);
    }
    long stored = seg.get(RowCodec.LONG_LE, off + vectorBytes);
    if (stored != id) {
      return new CorruptFileException(
          path(),
          DATA_START + off + vectorBytes,
          "slot " + slot + " holds the vector of row " + stored + ", expected row " + id);
    }
    return null;
  }

  /** The vector of row {@code id} at {@code slot}, checked first. */
  float[] read(int slot, long id) throws CorruptFileException {
    CorruptFileException e = check(slot, id);
    if (e != null) {
      throw e;
    }
    return read(slot);
  }

  /** The vector at {@code slot}, unchecked. */
  float[] read(int slot) {
    float[] v = new float[dimension];
    MemorySegment.copy(slots, RowCodec.FLOAT_LE, slot * slotBytes, v, 0, dimension);
    return v;
  }

  /** Whether {@code slot} holds exactly {@code v} (bit for bit). */
  boolean holds(int slot, float[] v) {
    long off = slot * slotBytes;
    for (int i = 0; i < dimension; i++) {
      float f = slots.get(RowCodec.FLOAT_LE, off + 4L * i);
      if (Float.floatToRawIntBits(f) != Float.floatToRawIntBits(v[i])) {
        return false;
      }
    }
    return true;
  }

  /** Reserves the blocks of a freed slot before it is written again. */
  void reserve(int slot) throws IOException {
    if (!inMemory) {
      file.allocate(DATA_START + slot * slotBytes, slotBytes);
    }
  }

  /** Frees a deleted slot's bytes: punches a hole, or zero-fills where that is unsupported. */
  void free(int slot) throws IOException {
    if (inMemory || !file.punchHole(DATA_START + slot * slotBytes, slotBytes)) {
      slots.asSlice(slot * slotBytes, slotBytes).fill((byte) 0);
    }
  }

  /** Makes every write through the mapping durable (msync). */
  void msync() throws IOException {
    if (!inMemory) {
      file.msync(slots);
      file.force();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (arena.scope().isAlive()) {
        arena.close();
      }
    } finally {
      file.close();
    }
  }
}

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
 * The vectors of a collection: {@code vectors.dat} and its side file {@code vectors.ids}, both
 * memory-mapped through FFM and grown together.
 *
 * <p>{@code vectors.dat}: a {@value #DATA_START}-byte header (magic {@code "VVEC"}, version,
 * dimension, 4 zero bytes, generation u64, CRC32C of the first 24 bytes, rest zero), then one slot
 * per {@link #stride()} bytes: slot {@code i} at byte {@code DATA_START + i * stride}. The
 * generation increases with each compaction and ties the file to its {@code vectors.idx}.
 *
 * <p>Version {@value #VERSION} (written): slots are the vectors alone, packed as little-endian
 * float32 ({@code dimension * 4} bytes, so every graph step reads only vector bytes), and each
 * slot's proof lives in {@code vectors.ids}: the same header with magic {@code "VIDS"} and the same
 * generation, then {@value #ENTRY} bytes per slot at {@code DATA_START + i * 16}: the row id u64,
 * the CRC32C of the slot's vector bytes followed by the id, and the CRC32C of those 12 entry bytes.
 * The vector checksum proves the slot belongs to that row (a stale or reused slot is caught, not
 * only a flipped bit); the entry checksum tells which file a mismatch is in. A free slot (zeros)
 * fails its check and is never checked: only live slots are.
 *
 * <p>Older versions (read; a writable open upgrades them by compaction): version 2 kept a 16-byte
 * trailer after each vector in {@code vectors.dat} (id u64, 4 zero bytes, CRC32C of vector, id and
 * zero bytes) in a stride rounded up to 64 bytes, and has no side file; version 1 had packed
 * vectors and no checksums.
 *
 * <p>Checks: {@link #check} verifies one slot (a CRC32C over the vector, a few ns per 100 bytes);
 * row reads and k-NN results verify their slots, graph walks do not, and the integrity check
 * verifies every live slot.
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
  static final int IDS_MAGIC = 0x53444956; // "VIDS"
  static final int VERSION = 3;
  static final long DATA_START = 4096;
  static final int TRAILER = 16;
  static final int ENTRY = 16;
  private static final long MIN_BYTES = 64 << 10;

  private final StorageIO.FileIO file;
  private final StorageIO.FileIO idsFile;
  private final Arena arena = Arena.ofShared();
  private final int dimension;
  private final int version;
  private final long vectorBytes;
  private final long slotBytes;
  private final long generation;
  private final boolean writable;
  private boolean inMemory;
  private volatile MemorySegment slots;
  private volatile MemorySegment entries;
  private int capacity;

  private VectorFile(
      StorageIO.FileIO file,
      StorageIO.FileIO idsFile,
      int dimension,
      int version,
      long generation,
      boolean writable) {
    this.file = file;
    this.idsFile = idsFile;
    this.dimension = dimension;
    this.version = version;
    this.vectorBytes = dimension * 4L;
    this.slotBytes = strideOf(dimension, version);
    this.generation = generation;
    this.writable = writable;
  }

  /** The bytes per slot of {@code vectors.dat} in a file of {@code version}. */
  static long strideOf(int dimension, int version) {
    long v = dimension * 4L;
    return version == 2 ? (v + TRAILER + 63) / 64 * 64 : v;
  }

  /** Creates a new, empty pair of files (replacing any) with their headers forced to disk. */
  static VectorFile create(StorageIO io, Path path, Path idsPath, int dimension, long generation)
      throws IOException {
    StorageIO.FileIO f = io.open(path, StorageIO.OpenMode.CREATE);
    StorageIO.FileIO g;
    try {
      g = io.open(idsPath, StorageIO.OpenMode.CREATE);
    } catch (IOException | RuntimeException e) {
      f.close();
      throw e;
    }
    VectorFile v = new VectorFile(f, g, dimension, VERSION, generation, true);
    try {
      f.truncate(0);
      f.write(header(MAGIC, dimension, VERSION, generation), 0);
      g.truncate(0);
      g.write(header(IDS_MAGIC, dimension, VERSION, generation), 0);
      v.map(Math.max(16, (int) Math.min(1 << 20, MIN_BYTES / v.slotBytes)));
      f.force();
      g.force();
      return v;
    } catch (IOException | RuntimeException e) {
      v.close();
      throw e;
    }
  }

  /**
   * Opens an existing file and, for version {@value #VERSION}, its side file.
   *
   * @param idsPath the side file to use (ignored for older versions)
   * @param writable false maps read-only (see {@link #detach()} for replaying into it)
   * @throws CorruptFileException naming the file whose header or generation is wrong
   */
  static VectorFile open(StorageIO io, Path path, Path idsPath, int dimension, boolean writable)
      throws IOException {
    StorageIO.OpenMode mode = writable ? StorageIO.OpenMode.READ_WRITE : StorageIO.OpenMode.READ;
    StorageIO.FileIO f = io.open(path, mode);
    StorageIO.FileIO g = null;
    try {
      ByteBuffer h = checkHeader(f, path, MAGIC, dimension);
      int version = h.getInt(4);
      long gen = h.getLong(16);
      long slots = (f.size() - DATA_START) / strideOf(dimension, version);
      if (version >= 3) {
        g = openIds(io, idsPath, mode, dimension, gen);
        slots = Math.min(slots, (g.size() - DATA_START) / ENTRY);
      }
      VectorFile v = new VectorFile(f, g, dimension, version, gen, writable);
      v.map((int) Math.min(Integer.MAX_VALUE, slots));
      return v;
    } catch (IOException | RuntimeException e) {
      f.close();
      if (g != null) {
        g.close();
      }
      throw e;
    }
  }

  private static StorageIO.FileIO openIds(
      StorageIO io, Path idsPath, StorageIO.OpenMode mode, int dimension, long gen)
      throws IOException {
    if (!io.exists(idsPath)) {
      throw new CorruptFileException(
          idsPath, 0, "file missing (the vectors' row ids and checksums)");
    }
    StorageIO.FileIO g = io.open(idsPath, mode);
    try {
      ByteBuffer h = checkHeader(g, idsPath, IDS_MAGIC, dimension);
      if (h.getLong(16) != gen) {
        throw new CorruptFileException(
            idsPath,
            16,
            "generation "
                + h.getLong(16)
                + " does not match "
                + CollectionFiles.DATA
                + "'s "
                + gen);
      }
      return g;
    } catch (IOException | RuntimeException e) {
      g.close();
      throw e;
    }
  }

  /**
   * Reads the generation and version from a file's header: {@code {generation, version}}.
   *
   * @throws CorruptFileException naming this file if it is shorter than its header or the header
   *     fails its checks
   */
  static long[] headerOf(StorageIO io, Path path, boolean ids, int dimension) throws IOException {
    try (StorageIO.FileIO f = io.open(path, StorageIO.OpenMode.READ)) {
      ByteBuffer h = checkHeader(f, path, ids ? IDS_MAGIC : MAGIC, dimension);
      return new long[] {h.getLong(16), h.getInt(4)};
    }
  }

  /** Reads the generation from a {@code vectors.dat} header (see {@link #headerOf}). */
  static long generationOf(StorageIO io, Path path, int dimension) throws IOException {
    return headerOf(io, path, false, dimension)[0];
  }

  /** Reads and checks a header; returns its first 28 bytes. */
  private static ByteBuffer checkHeader(StorageIO.FileIO f, Path path, int magic, int dimension)
      throws IOException {
    if (f.size() < DATA_START) {
      throw new CorruptFileException(
          path, 0, "file shorter than its header (" + f.size() + " bytes)");
    }
    ByteBuffer h = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
    f.readFully(h, 0);
    int version = h.getInt(4);
    long gen = h.getLong(16);
    boolean sound = h.duplicate().flip().equals(header(magic, dimension, version, gen).limit(28));
    if (sound && version > VERSION) {
      // A sound header of a later format: not damage.
      throw new IOException(
          path + " is of format v" + version + ", newer than this Veles (v" + VERSION + ")");
    }
    if (!sound || version < (magic == MAGIC ? 1 : 3)) {
      throw new CorruptFileException(
          path, 0, "bad header (magic, version, dimension " + dimension + " or crc)");
    }
    return h;
  }

  private static ByteBuffer header(int magic, int dimension, int version, long generation) {
    ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(magic).putInt(version).putInt(dimension).putInt(0).putLong(generation);
    CRC32C c = new CRC32C();
    c.update(b.array(), 0, 24);
    b.putInt((int) c.getValue()).putInt(0);
    return b.flip();
  }

  private void map(int slotCount) throws IOException {
    MemorySegment whole = file.map(DATA_START + slotCount * slotBytes, arena, writable);
    if (idsFile != null) {
      MemorySegment e = idsFile.map(DATA_START + slotCount * (long) ENTRY, arena, writable);
      entries = e.asSlice(DATA_START, slotCount * (long) ENTRY);
    }
    slots = whole.asSlice(DATA_START, slotCount * slotBytes);
    capacity = slotCount;
  }

  Path path() {
    return file.path();
  }

  /**
   * The problem if either file holds fewer than {@code slotCount} slots (truncated), naming the
   * short one; else null.
   */
  CorruptFileException shorterThan(int slotCount) throws IOException {
    long dataSlots = (file.size() - DATA_START) / slotBytes;
    if (dataSlots < slotCount) {
      return truncated(path(), DATA_START + dataSlots * slotBytes, dataSlots, slotCount);
    }
    long idSlots = idsFile == null ? slotCount : (idsFile.size() - DATA_START) / ENTRY;
    if (idSlots < slotCount) {
      return truncated(idsPath(), DATA_START + idSlots * ENTRY, idSlots, slotCount);
    }
    return null;
  }

  private static CorruptFileException truncated(Path p, long at, long holds, int used) {
    return new CorruptFileException(
        p,
        at,
        "file truncated: it holds " + holds + " slots, " + CollectionFiles.INDEX + " uses " + used);
  }

  /** The side file, or null for a file of version 1 or 2. */
  Path idsPath() {
    return idsFile == null ? null : idsFile.path();
  }

  long generation() {
    return generation;
  }

  int dimension() {
    return dimension;
  }

  /** The format version of this file (1: no slot checksums; 2: checksums in slot trailers). */
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
      if (entries != null) {
        MemorySegment e = arena.allocate(n * (long) ENTRY, 64);
        e.copyFrom(entries);
        entries = e;
      }
      slots = copy;
      capacity = n;
      return;
    }
    file.allocate(DATA_START + capacity * slotBytes, (n - capacity) * slotBytes);
    if (idsFile != null) {
      idsFile.allocate(DATA_START + capacity * (long) ENTRY, (n - capacity) * (long) ENTRY);
    }
    map(n);
  }

  /**
   * Copies the vectors into memory so that replay can write into a read-only database without
   * touching the files.
   */
  void detach() {
    if (!inMemory) {
      slots = copyOf(slots);
      if (entries != null) {
        entries = copyOf(entries);
      }
      inMemory = true;
    }
  }

  private MemorySegment copyOf(MemorySegment s) {
    MemorySegment copy = arena.allocate(Math.max(1, s.byteSize()), 64);
    copy.asSlice(0, s.byteSize()).copyFrom(s);
    return copy.asSlice(0, s.byteSize());
  }

  /** Writes row {@code id}'s vector {@code v} into {@code slot}, with its checksum. */
  void write(int slot, float[] v, long id) {
    MemorySegment.copy(v, 0, slots, RowCodec.FLOAT_LE, slot * slotBytes, dimension);
    seal(slot, id);
  }

  /** Writes row {@code id}'s vector from {@code src} (its first {@code dimension * 4} bytes). */
  void write(int slot, MemorySegment src, long id) {
    MemorySegment.copy(src, 0, slots, slot * slotBytes, vectorBytes);
    seal(slot, id);
  }

  /** Writes the id and checksums of a slot whose vector bytes are in place. */
  private void seal(int slot, long id) {
    if (version == 1) {
      return;
    }
    if (version == 2) {
      long off = slot * slotBytes;
      slots.set(RowCodec.LONG_LE, off + vectorBytes, id);
      slots.set(RowCodec.INT_LE, off + vectorBytes + 8, 0);
      slots.set(RowCodec.INT_LE, off + vectorBytes + 12, crc(slots, off, vectorBytes + 12));
      return;
    }
    MemorySegment e = entries;
    long eo = slot * (long) ENTRY;
    int vectorCrc = vectorCrc(slots, slot * slotBytes, id);
    e.set(RowCodec.LONG_LE, eo, id);
    e.set(RowCodec.INT_LE, eo + 8, vectorCrc);
    e.set(RowCodec.INT_LE, eo + 12, entryCrc(id, vectorCrc));
  }

  /** The CRC-32C of a slot's vector bytes followed by its id (little-endian). */
  private int vectorCrc(MemorySegment seg, long off, long id) {
    CRC32C c = new CRC32C();
    c.update(seg.asSlice(off, vectorBytes).asByteBuffer());
    updateLittleEndian(c, id, Long.BYTES);
    return (int) c.getValue();
  }

  /** The CRC-32C of a side-file entry's first 12 bytes: the id, then the vector's CRC. */
  private static int entryCrc(long id, int vectorCrc) {
    CRC32C c = new CRC32C();
    updateLittleEndian(c, id, Long.BYTES);
    updateLittleEndian(c, vectorCrc, Integer.BYTES);
    return (int) c.getValue();
  }

  /** Feeds the low {@code bytes} bytes of {@code v}, least significant first (no buffer needed). */
  private static void updateLittleEndian(CRC32C c, long v, int bytes) {
    for (int i = 0; i < bytes; i++) {
      c.update((int) (v >>> (8 * i)));
    }
  }

  private static int crc(MemorySegment seg, long off, long len) {
    CRC32C c = new CRC32C();
    c.update(seg.asSlice(off, len).asByteBuffer());
    return (int) c.getValue();
  }

  /** Clears a freed slot's entry in the side file (its vector bytes are freed by {@link #free}). */
  private void clearEntry(int slot) {
    if (entries != null) {
      entries.asSlice(slot * (long) ENTRY, ENTRY).fill((byte) 0);
    }
  }

  /**
   * Checks that {@code slot} holds a sound vector of row {@code id}.
   *
   * @return null if it does (always for a version 1 file), else the problem, naming the file at
   *     fault and the offset
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
    if (version == 2) {
      if (seg.get(RowCodec.INT_LE, off + vectorBytes + 12) != crc(seg, off, vectorBytes + 12)) {
        return new CorruptFileException(
            path(), DATA_START + off, "checksum mismatch in the vector of slot " + slot);
      }
      return idMismatch(
          path(),
          DATA_START + off + vectorBytes,
          slot,
          seg.get(RowCodec.LONG_LE, off + vectorBytes),
          id);
    }
    MemorySegment e = entries;
    long eo = slot * (long) ENTRY;
    long storedId = e.get(RowCodec.LONG_LE, eo);
    int vectorCrc = e.get(RowCodec.INT_LE, eo + 8);
    if (e.get(RowCodec.INT_LE, eo + 12) != entryCrc(storedId, vectorCrc)) {
      return new CorruptFileException(
          idsPath(), DATA_START + eo, "checksum mismatch in the entry of slot " + slot);
    }
    CorruptFileException wrongRow = idMismatch(idsPath(), DATA_START + eo, slot, storedId, id);
    if (wrongRow != null) {
      return wrongRow;
    }
    if (vectorCrc != vectorCrc(seg, off, storedId)) {
      return new CorruptFileException(
          path(), DATA_START + off, "checksum mismatch in the vector of slot " + slot);
    }
    return null;
  }

  private static CorruptFileException idMismatch(
      Path file, long offset, int slot, long stored, long id) {
    if (stored == id) {
      return null;
    }
    return new CorruptFileException(
        file,
        offset,
        "slot " + slot + " holds the vector of row " + stored + ", expected row " + id);
  }

  /**
   * The row id that slot {@code slot}'s entry proves, or {@code Long.MIN_VALUE} when the slot is
   * free, damaged or lies beyond the file (version {@value #VERSION} only; for salvage).
   */
  long provenId(int slot) {
    if (version < 3 || slot >= capacity) {
      return Long.MIN_VALUE;
    }
    MemorySegment e = entries;
    long eo = slot * (long) ENTRY;
    long id = e.get(RowCodec.LONG_LE, eo);
    return check(slot, id) == null ? id : Long.MIN_VALUE;
  }

  /** Whether slot {@code slot}'s side-file entry is not all zeros (a free slot's is). */
  boolean entryInUse(int slot) {
    if (entries == null || slot >= capacity) {
      return false;
    }
    long eo = slot * (long) ENTRY;
    return entries.get(RowCodec.LONG_LE, eo) != 0 || entries.get(RowCodec.LONG_LE, eo + 8) != 0;
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

  /**
   * Frees a slot: clears its id entry and, if {@code punch}, frees its bytes (punches a hole, or
   * zero-fills where that is unsupported). A slot freed by a replace is not punched: the next write
   * takes it, and a punch costs a syscall, a TLB shootdown and a page fault on reuse.
   */
  void free(int slot, boolean punch) throws IOException {
    if (punch && (inMemory || !file.punchHole(DATA_START + slot * slotBytes, slotBytes))) {
      slots.asSlice(slot * slotBytes, slotBytes).fill((byte) 0);
    }
    clearEntry(slot);
  }

  /** Makes every write through the mappings durable (msync). */
  void msync() throws IOException {
    if (!inMemory) {
      file.msync(slots);
      file.force();
      if (idsFile != null) {
        idsFile.msync(entries);
        idsFile.force();
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (arena.scope().isAlive()) {
        arena.close();
      }
    } finally {
      try {
        file.close();
      } finally {
        if (idsFile != null) {
          idsFile.close();
        }
      }
    }
  }
}

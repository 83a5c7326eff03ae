package dev.veles.engine;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * The database-level commit log ({@value #NAME}): the commit records of transactions that wrote
 * more than one collection with a WAL, in commit order.
 *
 * <p>Such a transaction writes its records to each collection's WAL as one group opened by a
 * transaction marker (see {@link Wal}), syncs them, and then appends its commit record here: the
 * transaction is committed exactly when that record is durable. Recovery applies a marked group
 * only if its transaction id is listed here. A transaction over a single collection needs no record
 * here: its WAL group's commit flag commits it.
 *
 * <p>Layout (little-endian). Header, {@value #HEADER} bytes: magic {@code "VCLG"}, version {@value
 * #VERSION}, u64 base (every transaction id in this file, and every one handed out while it is
 * open, is at least {@code base}), u32 zero, CRC32C of the first 20 bytes. Then records of {@value
 * #RECORD} bytes: u32 CRC32C of the next 12 bytes, u32 zero, u64 transaction id. A torn or zeroed
 * tail ends the log; a bad record followed by a valid one is corruption.
 *
 * <p>The file is created by the first such commit and replaced atomically (temp file, force,
 * rename, directory sync); it is replaced by an empty one (with a higher base) once no collection's
 * WAL holds a marked group any more. Not thread-safe: the {@link Database} serializes commits under
 * its commit lock.
 */
final class CommitLog implements AutoCloseable {
  static final String NAME = "commits.log";
  static final int MAGIC = 0x474C4356; // "VCLG" read as little-endian
  static final int VERSION = 1;
  static final int HEADER = 24;
  static final int RECORD = 16;

  private final StorageIO io;
  private final Path path;
  private final Set<Long> committed;
  private StorageIO.FileIO file;
  private long end;
  private long nextTxid;

  private CommitLog(StorageIO io, Path path, Set<Long> committed, long end, long nextTxid) {
    this.io = io;
    this.path = path;
    this.committed = committed;
    this.end = end;
    this.nextTxid = nextTxid;
  }

  /**
   * Reads the commit log of {@code root} (an absent one is empty) and, unless {@code readOnly},
   * opens it for appending (creating it atomically if absent).
   *
   * @throws CorruptFileException for a bad header or a bad record followed by a valid one
   */
  static CommitLog open(StorageIO io, Path root, boolean readOnly) throws IOException {
    Path p = root.resolve(NAME);
    Read r;
    try {
      r = read(io, p);
    } catch (NoSuchFileException e) {
      r = null;
    }
    if (!readOnly) {
      io.delete(root.resolve(NAME + ".tmp"));
    }
    if (r == null) {
      return new CommitLog(io, p, new HashSet<>(), HEADER, 1); // created by the first append
    }
    CommitLog log = new CommitLog(io, p, r.committed, r.end, r.nextTxid);
    if (!readOnly) {
      log.file = io.open(p, StorageIO.OpenMode.READ_WRITE);
      if (r.end < r.size) {
        log.file.truncate(r.end); // a torn tail: appending resumes after the last good record
        log.file.force();
      }
    }
    return log;
  }

  private record Read(Set<Long> committed, long end, long size, long nextTxid) {}

  private static Read read(StorageIO io, Path p) throws IOException {
    try (StorageIO.FileIO f = io.open(p, StorageIO.OpenMode.READ);
        Arena arena = Arena.ofConfined()) {
      long size = f.size();
      if (size < HEADER) {
        throw new CorruptFileException(p, 0, "commit log shorter than its header");
      }
      MemorySegment seg = f.map(size, arena, false);
      ByteBuffer h = seg.asSlice(0, HEADER).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      long base = h.getLong(8);
      if (!h.equals(header(base))) {
        throw new CorruptFileException(p, 0, "bad commit log header (magic, version or checksum)");
      }
      Set<Long> committed = new HashSet<>();
      long next = base;
      long pos = HEADER;
      while (pos + RECORD <= size && sound(seg, pos)) {
        long txid = seg.get(RowCodec.LONG_LE, pos + 8);
        committed.add(txid);
        next = Math.max(next, txid + 1);
        pos += RECORD;
      }
      for (long q = pos + 1; q + RECORD <= size; q++) {
        if (sound(seg, q) && seg.get(RowCodec.LONG_LE, q + 8) >= base) {
          throw new CorruptFileException(
              p, pos, "bad commit record followed by a valid record at offset " + q);
        }
      }
      return new Read(committed, pos, size, next);
    }
  }

  private static boolean sound(MemorySegment seg, long pos) {
    if (seg.get(RowCodec.INT_LE, pos + 4) != 0) {
      return false;
    }
    CRC32C c = new CRC32C();
    c.update(seg.asSlice(pos + 4, RECORD - 4).asByteBuffer());
    return (int) c.getValue() == seg.get(RowCodec.INT_LE, pos);
  }

  static ByteBuffer header(long base) {
    ByteBuffer b = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(MAGIC).putInt(VERSION).putLong(base).putInt(0);
    CRC32C c = new CRC32C();
    c.update(b.array(), 0, 20);
    b.putInt((int) c.getValue());
    return b.flip();
  }

  /** Checks the file of {@code root} (absent is sound); for {@link Database#check()}. */
  static void check(StorageIO io, Path root) throws IOException {
    try {
      read(io, root.resolve(NAME));
    } catch (NoSuchFileException e) {
      // a database from before transactions, or a read-only one never written
    }
  }

  /** Whether transaction {@code txid}'s commit record is in the log. */
  boolean isCommitted(long txid) {
    return committed.contains(txid);
  }

  /** A new transaction id, never handed out before in this database. */
  long nextTxid() {
    return nextTxid++;
  }

  /** Records in the log. */
  int size() {
    return committed.size();
  }

  /**
   * Appends the commit record of {@code txid}; with {@code force} it is durable on return, else
   * handed to the OS. A failure leaves it unknown whether the transaction committed.
   */
  void append(long txid, boolean force) throws IOException {
    if (file == null) {
      replace(txid); // the first multi-collection commit of this database
    }
    ByteBuffer b = ByteBuffer.allocate(RECORD).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0).putInt(0).putLong(txid);
    CRC32C c = new CRC32C();
    c.update(b.array(), 4, RECORD - 4);
    b.putInt(0, (int) c.getValue());
    b.rewind();
    file.write(b, end);
    end += RECORD;
    committed.add(txid);
    if (force) {
      file.force();
    }
  }

  /** Makes appended records durable. */
  void force() throws IOException {
    if (file != null) {
      file.force();
    }
  }

  /**
   * Replaces the log with an empty one whose base is the next transaction id. Call only when no
   * collection's WAL holds a marked group any more (every one checkpointed since).
   */
  void truncate() throws IOException {
    if (file != null) {
      replace(nextTxid);
    }
    committed.clear();
  }

  private void replace(long base) throws IOException {
    Path tmp = path.resolveSibling(NAME + ".tmp");
    try (StorageIO.FileIO f = io.open(tmp, StorageIO.OpenMode.CREATE)) {
      f.truncate(0);
      f.write(header(base), 0);
      f.force();
    }
    if (file != null) {
      file.close();
      file = null;
    }
    io.rename(tmp, path);
    io.syncDirectory(path.getParent());
    file = io.open(path, StorageIO.OpenMode.READ_WRITE);
    end = HEADER;
  }

  @Override
  public void close() throws IOException {
    if (file != null) {
      file.close();
      file = null;
    }
  }
}

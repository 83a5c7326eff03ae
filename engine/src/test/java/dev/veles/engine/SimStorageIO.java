package dev.veles.engine;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-memory file system that remembers what was synced, for simulated power loss and fault
 * injection.
 *
 * <p>Crash model ({@link #crash}): a file's content is what {@code force}/{@code msync} made
 * durable, plus a random prefix of the later positional writes, the last of them possibly torn (cut
 * at a random byte, the cut part zeroed or garbage). For a file written through a mapping, each 4
 * KiB page that differs from its durable state survives or not at random. Namespace changes
 * (create, rename, delete, mkdir) are durable after {@code syncDirectory}; later ones survive as a
 * random prefix, as with an ordered metadata journal.
 *
 * <p>{@link #failAt} makes the N-th mutating operation throw once; {@link #crashAt} makes the N-th
 * and every later operation throw, freezing the state until {@link #crash}. Thread-safe (one lock).
 */
final class SimStorageIO implements StorageIO {
  static final int PAGE = 4096;

  /** A file's bytes and durability state. */
  static final class Inode {
    MemorySegment cur = Arena.ofAuto().allocate(PAGE, 64);
    long size;
    byte[] durable = new byte[0];
    boolean mapped;
    final List<Object[]> pending = new ArrayList<>(); // {offset, bytes} or {-1L, newSize}

    void ensure(long n) {
      if (n > cur.byteSize()) {
        MemorySegment c = Arena.ofAuto().allocate(Math.max(n, cur.byteSize() * 2), 64);
        c.copyFrom(cur);
        cur = c;
      }
    }

    void setSize(long n) {
      ensure(n);
      if (n < size) {
        cur.asSlice(n, size - n).fill((byte) 0);
      }
      size = n;
    }

    void sync() {
      durable = cur.asSlice(0, size).toArray(ValueLayout.JAVA_BYTE);
      pending.clear();
    }

    Inode copyDurable() {
      Inode i = new Inode();
      i.setSize(durable.length);
      MemorySegment.copy(durable, 0, i.cur, ValueLayout.JAVA_BYTE, 0, durable.length);
      i.durable = durable.clone();
      return i;
    }
  }

  private final Map<Path, Inode> files = new HashMap<>();
  private final Set<Path> dirs = new HashSet<>();
  private final Map<Path, Inode> durableFiles = new HashMap<>();
  private final Set<Path> durableDirs = new HashSet<>();
  private final List<Object[]> pendingMeta = new ArrayList<>(); // {op, a, b, inode}
  private final Set<Path> locks = new HashSet<>();
  private final Map<Path, Integer> shared = new HashMap<>();
  private long ops;
  private long failAt = -1;
  private long crashAt = -1;
  private boolean crashed;
  private java.util.function.Predicate<Path> diskFull = p -> false;

  SimStorageIO() {
    dirs.add(Path.of("/"));
    durableDirs.add(Path.of("/"));
  }

  /** The N-th (1-based) mutating operation from now throws an IOException once. */
  synchronized void failAt(long n) {
    failAt = ops + n;
  }

  /** The N-th mutating operation from now and every later operation throw (a crash). */
  synchronized void crashAt(long n) {
    crashAt = ops + n;
  }

  /** While full, every write or reservation that would grow a file throws DiskFullException. */
  synchronized void diskFull(boolean full) {
    diskFull = p -> full;
  }

  /** The disk is full for writes to the files that {@code full} accepts. */
  synchronized void diskFull(java.util.function.Predicate<Path> full) {
    diskFull = full;
  }

  synchronized long ops() {
    return ops;
  }

  synchronized boolean crashed() {
    return crashed;
  }

  private void mutate(String what) throws IOException {
    ops++;
    if (crashed || ops == crashAt) {
      crashed = true;
      throw new IOException("simulated crash at " + what);
    }
    if (ops == failAt) {
      throw new IOException("injected failure of " + what);
    }
  }

  private void read() throws IOException {
    if (crashed) {
      throw new IOException("simulated crash");
    }
  }

  /**
   * The file system after a power loss now: durable state plus what the crash model lets survive.
   * {@code rnd == null} keeps everything (a process crash with the OS still running).
   */
  synchronized SimStorageIO crash(Random rnd) {
    SimStorageIO out = new SimStorageIO();
    Map<Path, Inode> ns = new HashMap<>(durableFiles);
    Set<Path> ds = new HashSet<>(durableDirs);
    int keep = rnd == null ? pendingMeta.size() : rnd.nextInt(pendingMeta.size() + 1);
    for (int k = 0; k < keep; k++) {
      applyMeta(ns, ds, pendingMeta.get(k));
    }
    for (Map.Entry<Path, Inode> e : ns.entrySet()) {
      out.files.put(e.getKey(), survivor(e.getValue(), rnd));
    }
    out.dirs.addAll(ds);
    out.durableFiles.putAll(out.files);
    out.durableDirs.addAll(ds);
    return out;
  }

  private static void applyMeta(Map<Path, Inode> ns, Set<Path> ds, Object[] m) {
    Path a = (Path) m[1];
    switch ((String) m[0]) {
      case "create" -> ns.put(a, (Inode) m[3]);
      case "mkdir" -> ds.add(a);
      case "delete" -> {
        ns.remove(a);
        ds.remove(a);
      }
      case "rename" -> {
        Path b = (Path) m[2];
        if (ns.containsKey(a)) {
          ns.put(b, ns.remove(a));
        } else if (ds.contains(a)) {
          moveTree(ns, ds, a, b);
        }
      }
      default -> throw new AssertionError(m[0]);
    }
  }

  private static void moveTree(Map<Path, Inode> ns, Set<Path> ds, Path a, Path b) {
    for (Path p : new ArrayList<>(ns.keySet())) {
      if (p.startsWith(a)) {
        ns.put(b.resolve(a.relativize(p)), ns.remove(p));
      }
    }
    for (Path p : new ArrayList<>(ds)) {
      if (p.startsWith(a)) {
        ds.remove(p);
        ds.add(b.resolve(a.relativize(p)));
      }
    }
  }

  private static Inode survivor(Inode in, Random rnd) {
    if (rnd == null) {
      Inode i = new Inode();
      i.setSize(in.size);
      i.cur.asSlice(0, in.size).copyFrom(in.cur.asSlice(0, in.size));
      i.sync();
      return i;
    }
    Inode out = in.copyDurable();
    if (in.mapped) {
      long size = rnd.nextBoolean() ? in.size : in.durable.length;
      out.setSize(size);
      for (long p = 0; p < size; p += PAGE) {
        long n = Math.min(PAGE, size - p);
        if (rnd.nextBoolean() && p < in.size) {
          long m = Math.min(n, in.size - p);
          out.cur.asSlice(p, m).copyFrom(in.cur.asSlice(p, m));
        }
      }
    } else {
      int keep = rnd.nextInt(in.pending.size() + 1);
      for (int k = 0; k < keep; k++) {
        Object[] w = in.pending.get(k);
        long off = (Long) w[0];
        if (off < 0) {
          out.setSize((Long) w[1]);
          continue;
        }
        byte[] b = (byte[]) w[1];
        int len = b.length;
        boolean torn = k == keep - 1 && rnd.nextInt(3) == 0;
        if (torn) {
          len = rnd.nextInt(b.length + 1);
        }
        out.setSize(Math.max(out.size, off + (torn && rnd.nextBoolean() ? b.length : len)));
        MemorySegment.copy(b, 0, out.cur, ValueLayout.JAVA_BYTE, off, len);
        if (torn && len < b.length && rnd.nextBoolean() && off + b.length <= out.size) {
          byte[] garbage = new byte[b.length - len];
          rnd.nextBytes(garbage);
          MemorySegment.copy(garbage, 0, out.cur, ValueLayout.JAVA_BYTE, off + len, garbage.length);
        }
      }
    }
    out.sync();
    return out;
  }

  /** The current bytes of a file (for tests that damage files on purpose). */
  synchronized byte[] bytes(Path p) {
    Inode i = files.get(p);
    return i.cur.asSlice(0, i.size).toArray(ValueLayout.JAVA_BYTE);
  }

  /** Replaces a file's bytes, durably. */
  synchronized void setBytes(Path p, byte[] b) {
    Inode i = files.get(p);
    i.setSize(0);
    i.setSize(b.length);
    MemorySegment.copy(b, 0, i.cur, ValueLayout.JAVA_BYTE, 0, b.length);
    i.sync();
  }

  // ------------------------------------------------------------------ StorageIO

  @Override
  public synchronized FileIO open(Path file, OpenMode mode) throws IOException {
    read();
    Inode i = files.get(file);
    if (i == null) {
      if (mode != OpenMode.CREATE) {
        throw new NoSuchFileException(file.toString());
      }
      if (!dirs.contains(file.getParent())) {
        throw new NoSuchFileException(file.getParent().toString());
      }
      mutate("create " + file);
      i = new Inode();
      files.put(file, i);
      pendingMeta.add(new Object[] {"create", file, null, i});
    }
    return new SimFile(file, i, mode != OpenMode.READ);
  }

  @Override
  public synchronized boolean exists(Path path) {
    return files.containsKey(path) || dirs.contains(path);
  }

  @Override
  public synchronized boolean isDirectory(Path path) {
    return dirs.contains(path);
  }

  @Override
  public synchronized void createDirectory(Path dir) throws IOException {
    if (dirs.contains(dir)) {
      return;
    }
    if (!dirs.contains(dir.getParent())) {
      throw new NoSuchFileException(dir.getParent().toString());
    }
    mutate("mkdir " + dir);
    dirs.add(dir);
    pendingMeta.add(new Object[] {"mkdir", dir, null, null});
  }

  @Override
  public synchronized List<Path> list(Path dir) throws IOException {
    read();
    TreeMap<String, Path> out = new TreeMap<>();
    for (Path p : files.keySet()) {
      if (dir.equals(p.getParent())) {
        out.put(p.toString(), p);
      }
    }
    for (Path p : dirs) {
      if (dir.equals(p.getParent())) {
        out.put(p.toString(), p);
      }
    }
    return new ArrayList<>(out.values());
  }

  @Override
  public synchronized void rename(Path from, Path to) throws IOException {
    mutate("rename " + from);
    if (files.containsKey(from)) {
      files.put(to, files.remove(from));
    } else if (dirs.contains(from)) {
      moveTree(files, dirs, from, to);
    } else {
      throw new NoSuchFileException(from.toString());
    }
    pendingMeta.add(new Object[] {"rename", from, to, null});
  }

  @Override
  public synchronized void delete(Path path) throws IOException {
    if (!files.containsKey(path) && !dirs.contains(path)) {
      return;
    }
    mutate("delete " + path);
    files.remove(path);
    dirs.remove(path);
    pendingMeta.add(new Object[] {"delete", path, null, null});
  }

  @Override
  public synchronized void syncDirectory(Path dir) throws IOException {
    mutate("sync dir " + dir);
    for (Object[] m : pendingMeta) {
      applyMeta(durableFiles, durableDirs, m);
    }
    pendingMeta.clear();
  }

  @Override
  public synchronized Closeable lockShared(Path lockFile) throws IOException {
    if (locks.contains(lockFile)) {
      throw new DatabaseLockedException(
          "database " + lockFile.getParent() + " is in use by a writer");
    }
    shared.merge(lockFile, 1, Integer::sum);
    return () -> {
      synchronized (SimStorageIO.this) {
        shared.merge(lockFile, -1, (a, b) -> a + b == 0 ? null : a + b);
      }
    };
  }

  @Override
  public synchronized Closeable lock(Path lockFile, String owner) throws IOException {
    if (shared.containsKey(lockFile) || !locks.add(lockFile)) {
      throw new DatabaseLockedException(
          "database " + lockFile.getParent() + " is in use by " + owner);
    }
    return () -> {
      synchronized (SimStorageIO.this) {
        locks.remove(lockFile);
      }
    };
  }

  /** A handle on an inode. */
  private final class SimFile implements FileIO {
    private final Path path;
    private final Inode inode;
    private final boolean writable;

    SimFile(Path path, Inode inode, boolean writable) {
      this.path = path;
      this.inode = inode;
      this.writable = writable;
    }

    @Override
    public Path path() {
      return path;
    }

    @Override
    public long size() throws IOException {
      synchronized (SimStorageIO.this) {
        read();
        return inode.size;
      }
    }

    @Override
    public void readFully(ByteBuffer dst, long pos) throws IOException {
      synchronized (SimStorageIO.this) {
        read();
        int n = dst.remaining();
        if (pos + n > inode.size) {
          throw new java.io.EOFException(path + " at " + pos);
        }
        dst.put(inode.cur.asSlice(pos, n).asByteBuffer());
      }
    }

    private void checkWritable() throws IOException {
      if (!writable) {
        throw new IOException(path + " is open read-only");
      }
    }

    @Override
    public void write(ByteBuffer src, long pos) throws IOException {
      synchronized (SimStorageIO.this) {
        checkWritable();
        mutate("write " + path);
        byte[] b = new byte[src.remaining()];
        src.get(b);
        if (diskFull.test(path) && pos + b.length > inode.size) {
          // A partial write: the bytes that fit in the file's current size land, then ENOSPC.
          int fit = (int) Math.max(0, Math.min(b.length, inode.size - pos));
          MemorySegment.copy(b, 0, inode.cur, ValueLayout.JAVA_BYTE, pos, fit);
          if (fit > 0) {
            inode.pending.add(new Object[] {pos, java.util.Arrays.copyOf(b, fit)});
          }
          throw new DiskFullException(path, "simulated, writing at offset " + (pos + fit));
        }
        if (pos + b.length > inode.size) {
          inode.setSize(pos + b.length);
        }
        MemorySegment.copy(b, 0, inode.cur, ValueLayout.JAVA_BYTE, pos, b.length);
        inode.pending.add(new Object[] {pos, b});
      }
    }

    @Override
    public void force() throws IOException {
      synchronized (SimStorageIO.this) {
        mutate("force " + path);
        inode.sync();
      }
    }

    @Override
    public void truncate(long size) throws IOException {
      synchronized (SimStorageIO.this) {
        checkWritable();
        mutate("truncate " + path);
        inode.setSize(size);
        inode.pending.add(new Object[] {-1L, size});
      }
    }

    @Override
    public MemorySegment map(long size, Arena arena, boolean writable) throws IOException {
      synchronized (SimStorageIO.this) {
        read();
        if (size > inode.size) {
          checkWritable();
          mutate("grow " + path);
          inode.setSize(size);
        }
        if (writable && this.writable) {
          inode.mapped = true;
          return inode.cur.asSlice(0, size);
        }
        return inode.cur.asSlice(0, size).asReadOnly();
      }
    }

    @Override
    public void msync(MemorySegment mapping) throws IOException {
      force();
    }

    @Override
    public boolean punchHole(long offset, long length) throws IOException {
      synchronized (SimStorageIO.this) {
        mutate("punch " + path);
        inode.cur.asSlice(offset, Math.min(length, inode.size - offset)).fill((byte) 0);
        return true;
      }
    }

    @Override
    public boolean allocate(long offset, long length) throws IOException {
      synchronized (SimStorageIO.this) {
        mutate("allocate " + path);
        if (diskFull.test(path)) {
          throw new DiskFullException(path, "simulated, reserving " + length + " bytes");
        }
        if (offset + length > inode.size) {
          inode.setSize(offset + length);
        }
        return true;
      }
    }

    @Override
    public void close() {}
  }
}

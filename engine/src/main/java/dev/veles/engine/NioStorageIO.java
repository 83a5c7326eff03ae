package dev.veles.engine;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** The real file system through NIO channels, FFM mappings and libc. Thread-safe. */
final class NioStorageIO implements StorageIO {
  static final NioStorageIO INSTANCE = new NioStorageIO();

  private NioStorageIO() {}

  /** A description of this process for lock files: {@code pid 123 on host h}. */
  static String processDescription() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown";
    }
    String vm = ManagementFactory.getRuntimeMXBean().getName();
    return "pid " + ProcessHandle.current().pid() + " on host " + host + " (" + vm + ")";
  }

  @Override
  public FileIO open(Path file, OpenMode mode) throws IOException {
    FileChannel ch =
        switch (mode) {
          case READ -> FileChannel.open(file, StandardOpenOption.READ);
          case READ_WRITE ->
              FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
          case CREATE ->
              FileChannel.open(
                  file,
                  StandardOpenOption.READ,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.CREATE);
        };
    return new NioFile(file, ch, mode != OpenMode.READ);
  }

  @Override
  public boolean exists(Path path) {
    return Files.exists(path);
  }

  @Override
  public boolean isDirectory(Path path) {
    return Files.isDirectory(path);
  }

  @Override
  public void createDirectory(Path dir) throws IOException {
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
    }
  }

  @Override
  public List<Path> list(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(out::add);
    }
    out.sort(null);
    return out;
  }

  @Override
  public void rename(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system cannot rename " + from + " atomically", e);
    }
  }

  @Override
  public void delete(Path path) throws IOException {
    Files.deleteIfExists(path);
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  @Override
  public Closeable lock(Path lockFile, String owner) throws IOException {
    FileChannel ch =
        FileChannel.open(
            lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String holder = readHolder(ch);
      ch.close();
      throw new DatabaseLockedException(
          "database "
              + lockFile.getParent()
              + " is in use by "
              + holder
              + " (lock file "
              + lockFile
              + "); close it there first");
    }
    try {
      byte[] text = owner.getBytes(StandardCharsets.UTF_8);
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(text), 0);
      ch.force(true);
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    FileLock held = lock;
    return () -> {
      try {
        held.release();
      } finally {
        ch.close();
      }
    };
  }

  @Override
  public Closeable lockShared(Path lockFile) throws IOException {
    FileChannel ch;
    try {
      ch = FileChannel.open(lockFile, StandardOpenOption.READ);
    } catch (java.nio.file.NoSuchFileException e) {
      try {
        ch =
            FileChannel.open(
                lockFile,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE,
                StandardOpenOption.CREATE);
      } catch (java.nio.file.FileSystemException denied) {
        return () -> {}; // a read-only copy: no writer can appear in it
      }
    }
    FileLock lock;
    try {
      lock = ch.tryLock(0, Long.MAX_VALUE, true);
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String holder = readHolder(ch);
      ch.close();
      throw new DatabaseLockedException(
          "database "
              + lockFile.getParent()
              + " is in use by "
              + holder
              + " (lock file "
              + lockFile
              + "); close it there first");
    }
    FileLock held = lock;
    FileChannel channel = ch;
    return () -> {
      try {
        held.release();
      } finally {
        channel.close();
      }
    };
  }

  private static String readHolder(FileChannel ch) {
    try {
      long n = Math.min(ch.size(), 4096);
      ByteBuffer b = ByteBuffer.allocate((int) n);
      while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
        // keep reading
      }
      String s = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).trim();
      return s.isEmpty() ? "another process" : s;
    } catch (IOException e) {
      return "another process";
    }
  }

  /** One open file; the libc descriptor for hole punching is opened on first use. */
  private static final class NioFile implements FileIO {
    private final Path path;
    private final FileChannel ch;
    private final boolean writable;
    private int fd = -2;

    NioFile(Path path, FileChannel ch, boolean writable) {
      this.path = path;
      this.ch = ch;
      this.writable = writable;
    }

    @Override
    public Path path() {
      return path;
    }

    @Override
    public long size() throws IOException {
      return ch.size();
    }

    @Override
    public void readFully(ByteBuffer dst, long pos) throws IOException {
      long p = pos;
      while (dst.hasRemaining()) {
        int n = ch.read(dst, p);
        if (n < 0) {
          throw new java.io.EOFException("end of " + path + " at offset " + p);
        }
        p += n;
      }
    }

    @Override
    public void write(ByteBuffer src, long pos) throws IOException {
      long p = pos;
      try {
        while (src.hasRemaining()) {
          p += ch.write(src, p);
        }
      } catch (IOException e) {
        // The JDK reports ENOSPC only through strerror's text; this is the one place it is read.
        if (String.valueOf(e.getMessage()).contains("No space left on device")) {
          DiskFullException d = new DiskFullException(path, "writing at offset " + p);
          d.initCause(e);
          throw d;
        }
        throw e;
      }
    }

    @Override
    public void force() throws IOException {
      ch.force(true);
    }

    @Override
    public void truncate(long size) throws IOException {
      long cur = ch.size();
      if (size < cur) {
        ch.truncate(size);
      } else if (size > cur) {
        ch.write(ByteBuffer.allocate(1), size - 1);
      }
    }

    @Override
    public MemorySegment map(long size, Arena arena, boolean writable) throws IOException {
      FileChannel.MapMode mode =
          writable && this.writable
              ? FileChannel.MapMode.READ_WRITE
              : FileChannel.MapMode.READ_ONLY;
      if (mode == FileChannel.MapMode.READ_ONLY && ch.size() < size) {
        throw new IOException("cannot map " + size + " bytes of " + path + " read-only");
      }
      return ch.map(mode, 0, size, arena);
    }

    @Override
    public void msync(MemorySegment mapping) throws IOException {
      try {
        mapping.force();
      } catch (java.io.UncheckedIOException e) {
        throw e.getCause();
      }
    }

    @Override
    public synchronized boolean punchHole(long offset, long length) {
      if (fd == -2) {
        fd = Libc.open(path);
      }
      return Libc.fallocate(fd, Libc.PUNCH_HOLE_KEEP_SIZE, offset, length) == 0;
    }

    @Override
    public synchronized boolean allocate(long offset, long length) throws IOException {
      if (fd == -2) {
        fd = Libc.open(path);
      }
      int rc = Libc.fallocate(fd, 0, offset, length);
      if (rc == Libc.ENOSPC) {
        throw new DiskFullException(path, "reserving " + length + " bytes at offset " + offset);
      }
      return rc == 0;
    }

    @Override
    public synchronized void close() throws IOException {
      if (fd >= 0) {
        Libc.close(fd);
        fd = -1;
      }
      ch.close();
    }
  }
}

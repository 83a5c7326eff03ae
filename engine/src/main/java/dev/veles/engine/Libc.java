package dev.veles.engine;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * Downcalls to the C library for what {@code FileChannel} does not offer: punching holes.
 *
 * <p>Thread-safe. Every entry point degrades to "unsupported" (returns a negative value) when the
 * symbols are missing (a non-Linux libc) or native access is denied, so callers fall back to
 * zero-filling.
 */
final class Libc {
  /** {@code FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE} from linux/falloc.h. */
  static final int PUNCH_HOLE_KEEP_SIZE = 0x01 | 0x02;

  /** errno for a full disk. */
  static final int ENOSPC = 28;

  private static final int O_RDWR = 2;
  private static final int O_CLOEXEC = 0x80000;

  private static final MethodHandle OPEN;
  private static final MethodHandle CLOSE;
  private static final MethodHandle FALLOCATE;
  private static final StructLayout CALL_STATE;
  private static final VarHandle ERRNO;

  static {
    MethodHandle open = null;
    MethodHandle close = null;
    MethodHandle fallocate = null;
    StructLayout state = null;
    VarHandle errno = null;
    try {
      Linker linker = Linker.nativeLinker();
      SymbolLookup libc = linker.defaultLookup();
      Linker.Option ccs = Linker.Option.captureCallState("errno");
      state = Linker.Option.captureStateLayout();
      errno = state.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
      open =
          linker.downcallHandle(
              libc.find("open").orElseThrow(),
              FunctionDescriptor.of(
                  ValueLayout.JAVA_INT,
                  ValueLayout.ADDRESS,
                  ValueLayout.JAVA_INT,
                  ValueLayout.JAVA_INT),
              Linker.Option.firstVariadicArg(2));
      close =
          linker.downcallHandle(
              libc.find("close").orElseThrow(),
              FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
      fallocate =
          linker.downcallHandle(
              libc.find("fallocate").orElseThrow(),
              FunctionDescriptor.of(
                  ValueLayout.JAVA_INT,
                  ValueLayout.JAVA_INT,
                  ValueLayout.JAVA_INT,
                  ValueLayout.JAVA_LONG,
                  ValueLayout.JAVA_LONG),
              ccs);
    } catch (Throwable t) {
      // Unsupported platform or native access denied: leave the handles null.
      System.getLogger(Libc.class.getName())
          .log(System.Logger.Level.DEBUG, "libc downcalls unavailable: " + t);
      open = null;
    }
    OPEN = open;
    CLOSE = close;
    FALLOCATE = fallocate;
    CALL_STATE = state;
    ERRNO = errno;
  }

  private Libc() {}

  /** Opens {@code file} read-write; returns the descriptor or -1. */
  static int open(Path file) {
    if (OPEN == null) {
      return -1;
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment name = arena.allocateFrom(file.toAbsolutePath().toString());
      return (int) OPEN.invokeExact(name, O_RDWR | O_CLOEXEC, 0);
    } catch (Throwable t) {
      return -1;
    }
  }

  /** Closes a descriptor from {@link #open}. */
  static void close(int fd) {
    if (CLOSE != null && fd >= 0) {
      try {
        int unused = (int) CLOSE.invokeExact(fd);
      } catch (Throwable ignored) {
        // Nothing useful to do: the descriptor is gone either way.
      }
    }
  }

  /** Calls {@code fallocate}; returns 0 on success or the (positive) errno, -1 if unavailable. */
  static int fallocate(int fd, int mode, long offset, long length) {
    if (FALLOCATE == null || fd < 0) {
      return -1;
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CALL_STATE);
      int rc = (int) FALLOCATE.invokeExact(state, fd, mode, offset, length);
      return rc == 0 ? 0 : (int) ERRNO.get(state, 0L);
    } catch (Throwable t) {
      return -1;
    }
  }
}

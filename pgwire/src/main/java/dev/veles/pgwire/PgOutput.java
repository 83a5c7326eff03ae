package dev.veles.pgwire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds backend messages in one growing buffer and writes them to the socket when it is flushed
 * (at ReadyForQuery, Flush, a suspended portal, or when the buffer passes {@link #SPILL} bytes), so
 * a result of many rows goes out in large writes.
 *
 * <p>Not thread-safe: one per connection, used by its session thread. {@link #writing()} tells the
 * server's watchdog whether a write to the socket is in progress and since when.
 */
final class PgOutput {
  /** Buffered bytes beyond which a message end writes them out (bounds memory per connection). */
  static final int SPILL = 64 << 10;

  private final OutputStream out;
  private byte[] buf = new byte[16 << 10];
  private int len;
  private int start = -1;
  private volatile long writeStartedNanos;

  PgOutput(OutputStream out) {
    this.out = out;
  }

  /** Starts a message of {@code type}; its length is filled in by {@link #end}. */
  PgOutput begin(char type) {
    ensure(5);
    buf[len++] = (byte) type;
    start = len;
    len += 4;
    return this;
  }

  /** Ends the current message; spills to the socket when the buffer is large. */
  void end() throws IOException {
    int n = len - start;
    buf[start] = (byte) (n >>> 24);
    buf[start + 1] = (byte) (n >>> 16);
    buf[start + 2] = (byte) (n >>> 8);
    buf[start + 3] = (byte) n;
    start = -1;
    if (len >= SPILL) {
      flush();
    }
  }

  PgOutput int8(int v) {
    ensure(1);
    buf[len++] = (byte) v;
    return this;
  }

  PgOutput int16(int v) {
    ensure(2);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
    return this;
  }

  PgOutput int32(int v) {
    ensure(4);
    buf[len++] = (byte) (v >>> 24);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
    return this;
  }

  PgOutput int64(long v) {
    int32((int) (v >>> 32));
    return int32((int) v);
  }

  PgOutput cstring(String s) {
    bytes(s.getBytes(StandardCharsets.UTF_8));
    return int8(0);
  }

  PgOutput bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  PgOutput bytes(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
    return this;
  }

  /** Reserves a 4-byte length slot and returns its position, for {@link #patchLength}. */
  int lengthSlot() {
    ensure(4);
    len += 4;
    return len - 4;
  }

  /** Writes into the slot the number of bytes written after it. */
  void patchLength(int slot) {
    int n = len - slot - 4;
    buf[slot] = (byte) (n >>> 24);
    buf[slot + 1] = (byte) (n >>> 16);
    buf[slot + 2] = (byte) (n >>> 8);
    buf[slot + 3] = (byte) n;
  }

  /** Appends UTF-8 of {@code s} without a terminator (a text-format value). */
  PgOutput utf8(CharSequence s) {
    int n = s.length();
    ensure(n);
    boolean ascii = true;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      for (int i = 0; i < n; i++) {
        buf[len++] = (byte) s.charAt(i);
      }
      return this;
    }
    return bytes(s.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(len + n, buf.length * 2));
    }
  }

  /** Writes out everything buffered except an unfinished message. */
  void flush() throws IOException {
    int upTo = start < 0 ? len : start - 1;
    if (upTo == 0) {
      return;
    }
    writeStartedNanos = System.nanoTime() | 1;
    try {
      out.write(buf, 0, upTo);
      out.flush();
    } finally {
      writeStartedNanos = 0;
    }
    System.arraycopy(buf, upTo, buf, 0, len - upTo);
    len -= upTo;
    if (start >= 0) {
      start -= upTo;
    }
    if (buf.length > 4 * SPILL && len < SPILL) {
      buf = Arrays.copyOf(buf, 2 * SPILL);
    }
  }

  /** When the write in progress started ({@link System#nanoTime}), or 0 when none is. */
  long writing() {
    return writeStartedNanos;
  }
}

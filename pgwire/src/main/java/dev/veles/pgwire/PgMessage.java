package dev.veles.pgwire;

import java.nio.charset.StandardCharsets;

/**
 * One frontend message's body, read by {@link PgInput}: a cursor over a byte array that the input
 * reuses for the next message. Reads past the end, or a string without its terminating zero, throw
 * {@link PgProtocolException} (08P01), so a malformed message never reads another's bytes.
 *
 * <p>Not thread-safe; valid until the next message is read.
 */
final class PgMessage {
  /** The message type byte, or 0 for a startup-phase message (which has none). */
  final byte type;

  private final byte[] buf;
  private final int end;
  private int pos;

  PgMessage(byte type, byte[] buf, int length) {
    this.type = type;
    this.buf = buf;
    this.end = length;
  }

  int remaining() {
    return end - pos;
  }

  private void need(int n) {
    if (n < 0 || end - pos < n) {
      throw new PgProtocolException(
          "message '" + (char) type + "' is shorter than its contents (need " + n + " bytes)");
    }
  }

  byte int8() {
    need(1);
    return buf[pos++];
  }

  short int16() {
    need(2);
    short v = (short) (((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff));
    pos += 2;
    return v;
  }

  int int32() {
    need(4);
    int v =
        ((buf[pos] & 0xff) << 24)
            | ((buf[pos + 1] & 0xff) << 16)
            | ((buf[pos + 2] & 0xff) << 8)
            | (buf[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  /** A zero-terminated UTF-8 string. */
  String cstring() {
    int start = pos;
    while (pos < end && buf[pos] != 0) {
      pos++;
    }
    if (pos >= end) {
      throw new PgProtocolException(
          "message '" + (char) type + "' has a string without its terminating zero byte");
    }
    String s = new String(buf, start, pos - start, StandardCharsets.UTF_8);
    pos++;
    return s;
  }

  /** The next {@code n} bytes, copied. */
  byte[] bytes(int n) {
    need(n);
    byte[] out = new byte[n];
    System.arraycopy(buf, pos, out, 0, n);
    pos += n;
    return out;
  }

  /** The next {@code n} bytes read as a vector's text ({@link PgVectorText}), without a copy. */
  float[] vectorText(int n, int[] scratch) {
    need(n);
    float[] v = PgVectorText.parse(buf, pos, n, scratch);
    pos += n;
    return v;
  }

  /** The rest of the message, copied. */
  byte[] rest() {
    return bytes(end - pos);
  }
}

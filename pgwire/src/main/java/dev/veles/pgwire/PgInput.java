package dev.veles.pgwire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frontend messages from a socket's stream: each length is checked against the cap before
 * anything is allocated (54000 "program limit exceeded" when over), and the body buffer is reused,
 * grown by doubling up to the cap.
 *
 * <p>Not thread-safe: one per connection, used by its session thread.
 */
final class PgInput {
  private static final int INITIAL = 8192;

  private final Buffered in;
  private final int maxMessageBytes;
  private byte[] buf = new byte[INITIAL];

  /** Reads {@code socket} (a socket's raw stream) through a buffer of its own. */
  PgInput(InputStream socket, int maxMessageBytes) {
    this.in = new Buffered(socket);
    this.maxMessageBytes = maxMessageBytes;
  }

  /**
   * Whether bytes of the next message have arrived already (read into the buffer), so reading it
   * will not block. The session writes its pending replies out only before a read that may block:
   * pgjdbc sends Bind, Execute and Sync in one packet, and answering each with its own write would
   * cost a system call and a TCP segment per message.
   */
  boolean hasBuffered() {
    return in.buffered() > 0;
  }

  /** A buffered stream that tells how many bytes it holds (without asking the socket). */
  private static final class Buffered extends java.io.BufferedInputStream {
    Buffered(InputStream in) {
      super(in, 16 << 10);
    }

    int buffered() {
      return count - pos;
    }
  }

  /** A startup-phase packet (length, then body, no type byte); null at a clean end of stream. */
  PgMessage startup() throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    int length = (first << 24) | (readByte() << 16) | (readByte() << 8) | readByte();
    // A startup packet is small (user, database, a few options); 10000 is PostgreSQL's own bound.
    if (length < 8 || length > 10_000) {
      throw new PgProtocolException("invalid startup packet length " + length);
    }
    return body((byte) 0, length - 4);
  }

  /** The next message; null at a clean end of stream (the client went away between messages). */
  PgMessage next() throws IOException {
    int type = in.read();
    if (type < 0) {
      return null;
    }
    int length = (readByte() << 24) | (readByte() << 16) | (readByte() << 8) | readByte();
    if (length < 4) {
      throw new PgProtocolException(
          "invalid length " + length + " of message '" + (char) type + "'");
    }
    if (length - 4 > maxMessageBytes) {
      throw new PgProtocolException(
          "message '"
              + (char) type
              + "' of "
              + length
              + " bytes exceeds the server's limit of "
              + maxMessageBytes
              + " bytes (veles server --max-request-bytes)",
          "54000");
    }
    return body((byte) type, length - 4);
  }

  private PgMessage body(byte type, int n) throws IOException {
    if (n > buf.length) {
      buf = new byte[Math.max(n, Math.min(maxMessageBytes, buf.length * 2))];
    }
    int got = 0;
    while (got < n) {
      int r = in.read(buf, got, n - got);
      if (r < 0) {
        throw new EOFException("connection closed inside a message");
      }
      got += r;
    }
    return new PgMessage(type, buf, n);
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("connection closed inside a message header");
    }
    return b;
  }
}

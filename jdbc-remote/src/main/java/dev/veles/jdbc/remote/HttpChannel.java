package dev.veles.jdbc.remote;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLSocket;

/**
 * One socket of {@link HttpTransport} with its read buffer: writes a request in one call, reads and
 * frames the response (Content-Length, chunked or close-delimited), and checks an idle socket for a
 * close before reuse.
 *
 * <p>Used by one request at a time; the transport owns it and closes it.
 */
final class HttpChannel {
  private static final int MAX_HEADER_BYTES = 64 * 1024;

  /** A parsed response; {@code answered} says whether the request carried a Digest answer. */
  record Response(
      int status,
      String reason,
      byte[] body,
      boolean keepAlive,
      List<String> authenticate,
      boolean answered) {
    String describe() {
      String text = new String(body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8).strip();
      // An HTML error page says no more than the status line.
      boolean html = text.startsWith("<");
      return "HTTP "
          + status
          + " "
          + reason
          + (status == 401 ? " (check avatica_user, avatica_password and authentication)" : "")
          + (text.isEmpty() || html ? "" : ": " + text);
    }
  }

  private final SocketChannel channel;
  private final Socket socket;

  /**
   * Waits for a plain socket, which stays in non-blocking mode for its whole life; null with TLS. A
   * timed read through a channel's socket adaptor switches the channel to non-blocking mode and
   * back on every call (12.6 % of the client thread's CPU time in the SQL path profile), and so
   * would the check before reuse; a non-blocking channel with a selector costs one read each.
   */
  private final Selector selector;

  private final SelectionKey key;
  private final OutputStream out;
  private final InputStream in;
  private final byte[] buf = new byte[16 * 1024];
  private final ByteBuffer probe = ByteBuffer.allocate(1);
  private int pos;
  private int limit;
  private int readTimeoutMs;
  long idleSince;

  HttpChannel(SocketChannel channel, Socket socket) throws IOException {
    this.channel = channel;
    this.socket = socket;
    if (socket instanceof SSLSocket) {
      this.selector = null;
      this.key = null;
      this.out = socket.getOutputStream();
      this.in = socket.getInputStream();
    } else {
      channel.configureBlocking(false);
      this.selector = Selector.open();
      try {
        this.key = channel.register(selector, SelectionKey.OP_READ);
      } catch (IOException | RuntimeException e) {
        selector.close();
        throw e;
      }
      this.out = new ChannelOutput();
      this.in = new ChannelInput();
    }
  }

  /** How long a read waits for the next bytes of the reply; 0 waits for ever. */
  void readTimeout(int ms) throws SocketException {
    if (selector == null) {
      socket.setSoTimeout(ms);
    } else {
      readTimeoutMs = ms;
    }
  }

  void write(byte[] message) throws IOException {
    out.write(message);
    out.flush();
  }

  /**
   * Whether an idle socket can carry a request: nothing arrived since the last reply (an idle
   * server sends nothing but its close, or with TLS a close_notify first) and no end of stream. A
   * non-blocking read of the underlying channel; the socket is discarded if it returns a byte.
   */
  boolean reusable() {
    if (pos != limit) {
      return false; // bytes beyond the last reply: the stream is out of step
    }
    try {
      probe.clear();
      if (selector != null) {
        return channel.read(probe) == 0;
      }
      channel.configureBlocking(false);
      try {
        return channel.read(probe) == 0;
      } finally {
        channel.configureBlocking(true);
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Waits until the channel is ready for {@code ops}, at most {@code timeoutMs} (0: for ever).
   *
   * @throws SocketTimeoutException when the time is up
   */
  private void await(int ops, int timeoutMs) throws IOException {
    key.interestOps(ops);
    long deadline = timeoutMs > 0 ? System.nanoTime() + timeoutMs * 1_000_000L : 0;
    while (true) {
      long waitMs = 0;
      if (timeoutMs > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new SocketTimeoutException("no reply within " + timeoutMs + " ms");
        }
        waitMs = Math.max(1, left / 1_000_000L);
      }
      int ready = waitMs > 0 ? selector.select(waitMs) : selector.select();
      selector.selectedKeys().clear();
      if (ready > 0) {
        return;
      }
    }
  }

  /** Reads of a plain socket: a non-blocking read, and a wait on the selector when it is empty. */
  private final class ChannelInput extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      ByteBuffer bb = ByteBuffer.wrap(b, off, len);
      while (true) {
        int n = channel.read(bb);
        if (n != 0 || len == 0) {
          return n;
        }
        await(SelectionKey.OP_READ, readTimeoutMs);
      }
    }
  }

  /**
   * Writes of a plain socket: the whole buffer, waiting on the selector when the socket is full.
   */
  private final class ChannelOutput extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ByteBuffer bb = ByteBuffer.wrap(b, off, len);
      while (bb.hasRemaining()) {
        if (channel.write(bb) == 0) {
          await(SelectionKey.OP_WRITE, readTimeoutMs);
        }
      }
    }
  }

  Response read(boolean answered) throws IOException {
    Response r = read();
    return answered
        ? new Response(r.status, r.reason, r.body, r.keepAlive, r.authenticate, true)
        : r;
  }

  private Response read() throws IOException {
    String status = line();
    while (status.isEmpty()) {
      status = line();
    }
    // "HTTP/1.1 200 OK"
    int sp = status.indexOf(' ');
    if (!status.startsWith("HTTP/") || sp < 0 || status.length() < sp + 4) {
      throw new IOException("not an HTTP response: " + status);
    }
    int code;
    try {
      code = Integer.parseInt(status.substring(sp + 1, sp + 4));
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP response: " + status, e);
    }
    String reason = status.length() > sp + 5 ? status.substring(sp + 5) : "";
    boolean keepAlive = !status.startsWith("HTTP/1.0");
    long length = -1;
    boolean chunked = false;
    List<String> authenticate = List.of();
    int headerBytes = 0;
    for (String h = line(); !h.isEmpty(); h = line()) {
      headerBytes += h.length();
      if (headerBytes > MAX_HEADER_BYTES) {
        throw new IOException("HTTP response headers exceed " + MAX_HEADER_BYTES + " bytes");
      }
      int colon = h.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = h.substring(0, colon).trim();
      String value = h.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        try {
          length = Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw new IOException("bad Content-Length: " + value, e);
        }
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
      } else if (name.equalsIgnoreCase("Connection")) {
        String v = value.toLowerCase(Locale.ROOT);
        keepAlive = !v.contains("close") && (keepAlive || v.contains("keep-alive"));
      } else if (name.equalsIgnoreCase("WWW-Authenticate")) {
        authenticate = new ArrayList<>(authenticate);
        authenticate.add(value);
      }
    }
    byte[] body;
    if (chunked) {
      body = chunks();
    } else if (length >= 0) {
      if (length > Integer.MAX_VALUE - 16) {
        throw new IOException("HTTP response too large: " + length + " bytes");
      }
      body = new byte[(int) length];
      readFully(body, 0, body.length);
    } else {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      all.write(buf, pos, limit - pos);
      pos = limit;
      in.transferTo(all);
      body = all.toByteArray();
      keepAlive = false;
    }
    return new Response(code, reason, body, keepAlive, authenticate, false);
  }

  private byte[] chunks() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line();
      int semi = sizeLine.indexOf(';');
      int size;
      try {
        size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("bad chunk size: " + sizeLine, e);
      }
      if (size < 0) {
        throw new IOException("bad chunk size: " + sizeLine);
      }
      if (size == 0) {
        while (!line().isEmpty()) {
          // Trailers: Avatica sends none, and none would matter.
        }
        return body.toByteArray();
      }
      byte[] chunk = new byte[size];
      readFully(chunk, 0, size);
      body.write(chunk);
      line();
    }
  }

  private void readFully(byte[] dst, int off, int len) throws IOException {
    int buffered = Math.min(len, limit - pos);
    System.arraycopy(buf, pos, dst, off, buffered);
    pos += buffered;
    int n = buffered;
    while (n < len) {
      int r = in.read(dst, off + n, len - n);
      if (r < 0) {
        throw new EOFException("HTTP response ended after " + n + " of " + len + " bytes");
      }
      n += r;
    }
  }

  /** One header line without its CRLF, in ISO-8859-1. */
  private String line() throws IOException {
    StringBuilder b = null;
    while (true) {
      if (pos == limit) {
        limit = in.read(buf, 0, buf.length);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          throw new EOFException("connection closed by the server");
        }
      }
      int end = pos;
      while (end < limit && buf[end] != '\n') {
        end++;
      }
      int stop = end > pos && buf[end - 1] == '\r' ? end - 1 : end;
      if (end < limit && b == null) {
        String s = new String(buf, pos, stop - pos, StandardCharsets.ISO_8859_1);
        pos = end + 1;
        return s;
      }
      if (b == null) {
        b = new StringBuilder(128);
      }
      b.append(new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1));
      if (b.length() > MAX_HEADER_BYTES) {
        throw new IOException("HTTP response line too long");
      }
      if (end < limit) {
        pos = end + 1;
        int len = b.length();
        if (len > 0 && b.charAt(len - 1) == '\r') {
          b.setLength(len - 1);
        }
        return b.toString();
      }
      pos = limit;
    }
  }

  void close() {
    try {
      socket.close();
      channel.close();
      if (selector != null) {
        selector.close();
      }
    } catch (IOException ignored) {
      // Nothing to recover: the socket is discarded either way.
    }
  }
}

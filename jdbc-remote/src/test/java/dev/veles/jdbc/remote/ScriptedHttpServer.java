package dev.veles.jdbc.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * An HTTP server on the loopback interface that answers the n-th request with {@code
 * script.apply(n, request)}, one virtual thread per socket. The script may also answer {@link
 * #HANG} (read the request, never answer) or {@link #DROP} (close the socket without answering).
 */
final class ScriptedHttpServer implements AutoCloseable {
  /** Never answer: the socket stays open and silent. */
  static final byte[] HANG = new byte[0];

  /** Close the socket without an answer. */
  static final byte[] DROP = new byte[0];

  /** A request as the server read it. */
  record Request(String line, String headers, byte[] body) {
    /** The value of a header (name in lower case), or null. */
    String header(String name) {
      for (String h : headers.split("\n")) {
        if (h.startsWith(name + ":")) {
          return h.substring(name.length() + 1).trim();
        }
      }
      return null;
    }
  }

  final ServerSocket socket;
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger closedByClient = new AtomicInteger();
  final List<Request> requests = new CopyOnWriteArrayList<>();
  final List<Socket> open = new CopyOnWriteArrayList<>();
  private final BiFunction<Integer, Request, byte[]> script;
  private final boolean closeAfterEach;
  private final AtomicInteger counter = new AtomicInteger();

  ScriptedHttpServer(BiFunction<Integer, Request, byte[]> script) throws IOException {
    this(script, false);
  }

  ScriptedHttpServer(BiFunction<Integer, Request, byte[]> script, boolean closeAfterEach)
      throws IOException {
    this(script, closeAfterEach, 50);
  }

  ScriptedHttpServer(
      BiFunction<Integer, Request, byte[]> script, boolean closeAfterEach, int backlog)
      throws IOException {
    this.socket = new ServerSocket(0, backlog, InetAddress.getLoopbackAddress());
    this.script = script;
    this.closeAfterEach = closeAfterEach;
    Thread.ofVirtual().start(this::accept);
  }

  int port() {
    return socket.getLocalPort();
  }

  String url() {
    return "http://127.0.0.1:" + port() + "/";
  }

  private void accept() {
    try {
      while (true) {
        Socket s = socket.accept();
        open.add(s);
        connections.incrementAndGet();
        Thread.ofVirtual().start(() -> serve(s));
      }
    } catch (IOException closed) {
      // The test is over.
    }
  }

  private void serve(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      while (true) {
        String line = line(in);
        if (line == null) {
          closedByClient.incrementAndGet();
          return;
        }
        StringBuilder headers = new StringBuilder();
        int length = 0;
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
          String lower = h.toLowerCase(Locale.ROOT);
          int colon = h.indexOf(':');
          headers.append(lower, 0, colon + 1).append(h.substring(colon + 1)).append('\n');
          if (lower.startsWith("content-length:")) {
            length = Integer.parseInt(lower.substring(15).trim());
          }
        }
        Request r = new Request(line, headers.toString(), in.readNBytes(length));
        requests.add(r);
        byte[] response = script.apply(counter.getAndIncrement(), r);
        if (response == DROP) {
          return;
        }
        if (response == HANG) {
          in.transferTo(OutputStream.nullOutputStream()); // until the client closes
          closedByClient.incrementAndGet();
          return;
        }
        out.write(response);
        out.flush();
        String head =
            new String(response, 0, Math.min(response.length, 200), StandardCharsets.ISO_8859_1);
        if (closeAfterEach || head.startsWith("HTTP/1.0") || head.contains("Connection: close")) {
          return;
        }
      }
    } catch (IOException e) {
      // The client went away.
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) {
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] ok(byte[] body) {
    byte[] head = bytes("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n");
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket s : new ArrayList<>(open)) {
      s.close();
    }
  }
}

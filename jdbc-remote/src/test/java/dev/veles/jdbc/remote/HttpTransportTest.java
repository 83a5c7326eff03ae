package dev.veles.jdbc.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpTransport} against a scripted HTTP server: the response framings a server may use,
 * keep-alive and its loss, and failures that must reach the caller with the server's words.
 */
class HttpTransportTest {
  private Scripted server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private HttpTransport transport() throws Exception {
    return new HttpTransport(URI.create("http://127.0.0.1:" + server.port() + "/").toURL());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void contentLengthBodiesRoundTripOnOneKeptAliveSocket() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    server = new Scripted((n, req) -> ok(req.body));
    HttpTransport t = transport();
    for (int i = 0; i < 20; i++) {
      byte[] body = new byte[random.nextInt(70_000)];
      random.nextBytes(body);
      assertArrayEquals(body, t.send(body), "seed " + seed);
    }
    assertEquals(1, server.connections.get(), "one socket for sequential requests");
    Request first = server.requests.get(0);
    assertEquals("POST / HTTP/1.1", first.line);
    assertTrue(first.headers.contains("host: 127.0.0.1:" + server.port()), first.headers);
  }

  @Test
  void chunkedAndCloseDelimitedBodiesAreRead() throws Exception {
    server =
        new Scripted(
            (n, req) ->
                n % 2 == 0
                    ? bytes(
                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nTrailer: x\r\n\r\n")
                    : bytes("HTTP/1.0 200 OK\r\n\r\nuntil the end"));
    HttpTransport t = transport();
    assertEquals("hello, world", new String(t.send(bytes("a")), StandardCharsets.ISO_8859_1));
    assertEquals("until the end", new String(t.send(bytes("b")), StandardCharsets.ISO_8859_1));
    assertEquals("hello, world", new String(t.send(bytes("c")), StandardCharsets.ISO_8859_1));
    assertEquals(2, server.connections.get(), "the close-delimited response ended its socket");
  }

  @Test
  void aKeptAliveSocketTheServerDroppedIsReplacedOnce() throws Exception {
    // The server answers, then closes the socket without saying so (an idle timeout).
    server = new Scripted((n, req) -> ok(req.body), true);
    HttpTransport t = transport();
    for (int i = 0; i < 5; i++) {
      byte[] body = bytes("request " + i);
      assertArrayEquals(body, t.send(body));
    }
    assertEquals(5, server.connections.get());
    assertEquals(5, server.requests.size(), "each request reached the server exactly once");
  }

  @Test
  void avaticaErrorsPassThroughAndOtherFailuresAreThrownWithTheServersText() throws Exception {
    server =
        new Scripted(
            (n, req) ->
                switch (n) {
                  case 0 -> bytes("HTTP/1.1 500 Server Error\r\nContent-Length: 5\r\n\r\nerror");
                  case 1 ->
                      bytes(
                          "HTTP/1.1 413 Payload Too Large\r\nContent-Length: 14\r\n"
                              + "Connection: close\r\n\r\nover the limit");
                  default ->
                      bytes("HTTP/1.1 401 Unauthorized\r\nContent-Length: 6\r\n\r\nwho?\r\n");
                });
    HttpTransport t = transport();
    assertEquals("error", new String(t.send(bytes("x")), StandardCharsets.ISO_8859_1));
    RuntimeException tooBig = assertThrows(RuntimeException.class, () -> t.send(bytes("y")));
    assertTrue(tooBig.getMessage().contains("413"), tooBig.getMessage());
    assertTrue(tooBig.getMessage().contains("over the limit"), tooBig.getMessage());
    RuntimeException denied = assertThrows(RuntimeException.class, () -> t.send(bytes("z")));
    assertTrue(denied.getMessage().contains("401"), denied.getMessage());
    assertTrue(denied.getMessage().contains("avatica_user"), denied.getMessage());
  }

  @Test
  void malformedResponsesFailInsteadOfHanging() throws Exception {
    server =
        new Scripted(
            (n, req) ->
                n == 0
                    ? bytes("SSH-2.0-OpenSSH\r\n\r\n")
                    : bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"),
            true);
    HttpTransport t = transport();
    RuntimeException notHttp = assertThrows(RuntimeException.class, () -> t.send(bytes("a")));
    assertTrue(
        String.valueOf(notHttp.getCause()).contains("not an HTTP response"), notHttp.toString());
    RuntimeException cut = assertThrows(RuntimeException.class, () -> t.send(bytes("b")));
    assertTrue(String.valueOf(cut.getCause()).contains("5 of 10"), cut.toString());
  }

  @Test
  void noServerIsAClearFailure() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    HttpTransport t = new HttpTransport(URI.create("http://127.0.0.1:" + port).toURL());
    RuntimeException e = assertThrows(RuntimeException.class, () -> t.send(bytes("a")));
    assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
  }

  private static byte[] ok(byte[] body) {
    byte[] head = bytes("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n");
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  /** A request as the scripted server read it. */
  private record Request(String line, String headers, byte[] body) {}

  /** Answers the n-th request with {@code script.apply(n, request)}; one thread per socket. */
  private static final class Scripted implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0);
    final AtomicInteger connections = new AtomicInteger();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final List<Socket> open = new CopyOnWriteArrayList<>();
    private final BiFunction<Integer, Request, byte[]> script;
    private final boolean closeAfterEach;

    Scripted(BiFunction<Integer, Request, byte[]> script) throws IOException {
      this(script, false);
    }

    Scripted(BiFunction<Integer, Request, byte[]> script, boolean closeAfterEach)
        throws IOException {
      this.script = script;
      this.closeAfterEach = closeAfterEach;
      Thread.ofVirtual().start(this::accept);
    }

    int port() {
      return socket.getLocalPort();
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
            return;
          }
          StringBuilder headers = new StringBuilder();
          int length = 0;
          for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            String lower = h.toLowerCase(Locale.ROOT);
            headers.append(lower).append('\n');
            if (lower.startsWith("content-length:")) {
              length = Integer.parseInt(lower.substring(15).trim());
            }
          }
          Request r = new Request(line, headers.toString(), in.readNBytes(length));
          int n = requests.size();
          requests.add(r);
          byte[] response = script.apply(n, r);
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

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : new ArrayList<>(open)) {
        s.close();
      }
    }
  }
}

package dev.veles.jdbc.remote;

import static dev.veles.jdbc.remote.ScriptedHttpServer.bytes;
import static dev.veles.jdbc.remote.ScriptedHttpServer.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpTransport} against a scripted HTTP server: the response framings a server may use,
 * keep-alive and its loss, and failures that must reach the caller with the server's words.
 */
class HttpTransportTest {
  private ScriptedHttpServer server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private HttpTransport transport() throws Exception {
    return new HttpTransport(URI.create("http://127.0.0.1:" + server.port() + "/").toURL());
  }

  @Test
  void contentLengthBodiesRoundTripOnOneKeptAliveSocket() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    server = new ScriptedHttpServer((n, req) -> ok(req.body()));
    HttpTransport t = transport();
    for (int i = 0; i < 20; i++) {
      byte[] body = new byte[random.nextInt(70_000)];
      random.nextBytes(body);
      assertArrayEquals(body, t.send(body), "seed " + seed);
    }
    assertEquals(1, server.connections.get(), "one socket for sequential requests");
    ScriptedHttpServer.Request first = server.requests.get(0);
    assertEquals("POST / HTTP/1.1", first.line());
    assertTrue(first.headers().contains("host: 127.0.0.1:" + server.port()), first.headers());
  }

  @Test
  void chunkedAndCloseDelimitedBodiesAreRead() throws Exception {
    server =
        new ScriptedHttpServer(
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
  void aKeptAliveSocketTheServerDroppedIsReplacedOnceForAnIdempotentRequest() throws Exception {
    // The server answers, then closes the socket at once without saying so: the next request may
    // be written before the close arrives, and is sent again on a new socket only because the
    // caller says it is idempotent (HttpTransportFailureTest has the non-idempotent case).
    server = new ScriptedHttpServer((n, req) -> ok(req.body()), true);
    HttpTransport t = transport();
    for (int i = 0; i < 5; i++) {
      byte[] body = bytes("request " + i);
      assertArrayEquals(body, t.exchange(body, 5_000, true));
    }
    assertEquals(5, server.connections.get());
    assertEquals(5, server.requests.size(), "each request reached the server exactly once");
  }

  @Test
  void avaticaErrorsPassThroughAndOtherFailuresAreThrownWithTheServersText() throws Exception {
    server =
        new ScriptedHttpServer(
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
        new ScriptedHttpServer(
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
}

package dev.veles.jdbc.remote;

import static dev.veles.jdbc.remote.ScriptedHttpServer.bytes;
import static dev.veles.jdbc.remote.ScriptedHttpServer.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpTransport} when things go wrong: a server that never answers, never accepts or never
 * completes a TLS handshake; a socket lost before or after the request was fully written (resent or
 * not by the rules); kept-alive sockets the server closed, that idled too long, or too many.
 */
class HttpTransportFailureTest {
  private static final HttpTransport.Settings FAST =
      new HttpTransport.Settings(500, 500, 30_000, 4);

  private ScriptedHttpServer server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private HttpTransport transport(HttpTransport.Settings settings) throws Exception {
    return new HttpTransport(URI.create(server.url()).toURL(), settings);
  }

  @Test
  void aHungServerTimesOutAndItsSocketIsClosed() throws Exception {
    server = new ScriptedHttpServer((n, r) -> ScriptedHttpServer.HANG);
    HttpTransport t = transport(FAST);
    for (boolean idempotent : new boolean[] {false, true}) {
      long start = System.nanoTime();
      TransportException e =
          assertThrows(TransportException.class, () -> t.exchange(bytes("x"), 300, idempotent));
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertEquals(TransportException.Kind.TIMEOUT, e.kind());
      assertTrue(ms >= 290 && ms < 3_000, "timed out after " + ms + " ms");
    }
    assertEquals(2, server.requests.size(), "a timed-out request is never resent");
    waitFor(() -> server.closedByClient.get() == 2, "the client closes timed-out sockets");
    assertEquals(0, t.idleSockets());
  }

  @Test
  void aServerThatNeverAcceptsTimesOutTheConnect() throws Exception {
    // Fill the accept queue of a socket nobody accepts on: further SYNs are dropped.
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> fillers = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          Socket s = new Socket();
          try {
            s.connect(full.getLocalSocketAddress(), 200);
            fillers.add(s);
          } catch (IOException queueFull) {
            s.close();
            break;
          }
        }
        HttpTransport t =
            new HttpTransport(
                URI.create("http://127.0.0.1:" + full.getLocalPort()).toURL(),
                new HttpTransport.Settings(300, 300, 30_000, 4));
        long start = System.nanoTime();
        TransportException e =
            assertThrows(TransportException.class, () -> t.exchange(bytes("x"), 300, false));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(TransportException.Kind.CONNECT, e.kind(), e.toString());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertTrue(ms < 3_000, "connect gave up after " + ms + " ms");
      } finally {
        for (Socket s : fillers) {
          s.close();
        }
      }
    }
  }

  @Test
  void aTlsHandshakeThatNeverCompletesTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  while (true) {
                    accepted.add(silent.accept()); // accepts TCP, never speaks TLS
                  }
                } catch (IOException closed) {
                  // done
                }
              });
      HttpTransport t =
          new HttpTransport(
              URI.create("https://localhost:" + silent.getLocalPort()).toURL(),
              new HttpTransport.Settings(400, 60_000, 30_000, 4));
      long start = System.nanoTime();
      TransportException e =
          assertThrows(TransportException.class, () -> t.exchange(bytes("x"), 60_000, false));
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertEquals(TransportException.Kind.CONNECT, e.kind(), e.toString());
      assertTrue(ms < 5_000, "the handshake gave up after " + ms + " ms");
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  @Test
  void aRequestTheServerMayHaveRunIsResentOnlyWhenIdempotent() throws Exception {
    // The server reads each request fully and drops the socket before answering the 1st and 2nd.
    server = new ScriptedHttpServer((n, r) -> n < 2 ? ScriptedHttpServer.DROP : ok(r.body()));
    HttpTransport t = transport(FAST);
    TransportException e =
        assertThrows(TransportException.class, () -> t.exchange(bytes("insert"), 1_000, false));
    assertEquals(TransportException.Kind.READ, e.kind());
    assertTrue(e.kind().mayHaveExecuted());
    assertEquals(1, server.requests.size(), "an execute is never sent twice");
    assertArrayEquals(bytes("metadata"), t.exchange(bytes("metadata"), 1_000, true));
    assertEquals(3, server.requests.size(), "an idempotent request is resent once");
  }

  @Test
  void aRequestNotFullyWrittenIsResentOnAFreshSocket() throws Exception {
    // The first socket is reset after 1 KiB of a 32 MiB request: it cannot have run.
    byte[] big = new byte[32 << 20];
    new java.util.Random(42).nextBytes(big);
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Integer> received = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  try (Socket first = s.accept()) {
                    first.getInputStream().readNBytes(1024);
                    first.setSoLinger(true, 0); // close with RST
                  }
                  try (Socket second = s.accept()) {
                    InputStream in = second.getInputStream();
                    int length = contentLength(in);
                    received.add(in.readNBytes(length).length);
                    second
                        .getOutputStream()
                        .write(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
                    second.getInputStream().read();
                  }
                } catch (IOException e) {
                  // the test ended
                }
              });
      HttpTransport t =
          new HttpTransport(URI.create("http://127.0.0.1:" + s.getLocalPort()).toURL(), FAST);
      assertArrayEquals(bytes("ok"), t.exchange(big, 10_000, false));
      assertEquals(List.of(big.length), received);
    }
  }

  @Test
  void aKeptAliveSocketTheServerClosedIsNotUsed() throws Exception {
    // The server answers, then closes the socket without saying so (as an idle timeout does).
    server = new ScriptedHttpServer((n, r) -> ok(r.body()), true);
    HttpTransport t = transport(FAST);
    for (int i = 0; i < 5; i++) {
      int done = i;
      assertArrayEquals(bytes("insert " + i), t.exchange(bytes("insert " + i), 1_000, false));
      // Let the server's close arrive before the next request, as after a quiet period.
      waitFor(() -> server.open.stream().filter(Socket::isClosed).count() == done + 1, "close");
      Thread.sleep(50); // the close reaches the client's side of the socket
    }
    assertEquals(5, server.requests.size(), "each request reached the server exactly once");
    assertEquals(5, server.connections.get());
  }

  @Test
  void idleSocketsExpire() throws Exception {
    server = new ScriptedHttpServer((n, r) -> ok(r.body()));
    HttpTransport t = transport(new HttpTransport.Settings(500, 500, 200, 4));
    t.exchange(bytes("a"), 1_000, false);
    t.exchange(bytes("b"), 1_000, false);
    assertEquals(1, server.connections.get(), "reused while fresh");
    Thread.sleep(400);
    t.exchange(bytes("c"), 1_000, false);
    assertEquals(2, server.connections.get(), "replaced after idling longer than the bound");
    waitFor(() -> server.closedByClient.get() == 1, "the expired socket is closed");
  }

  @Test
  void theIdlePoolIsBounded() throws Exception {
    int parallel = 6;
    CountDownLatch all = new CountDownLatch(parallel);
    server =
        new ScriptedHttpServer(
            (n, r) -> {
              all.countDown();
              try {
                all.await(10, TimeUnit.SECONDS); // six sockets open at once
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return ok(r.body());
            });
    HttpTransport t = transport(new HttpTransport.Settings(2_000, 10_000, 30_000, 2));
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<byte[]>> replies = new ArrayList<>();
      for (int i = 0; i < parallel; i++) {
        byte[] body = bytes("r" + i);
        replies.add(pool.submit(() -> t.exchange(body, 10_000, false)));
      }
      for (int i = 0; i < parallel; i++) {
        assertArrayEquals(bytes("r" + i), replies.get(i).get(20, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(parallel, server.connections.get());
    assertEquals(2, t.idleSockets(), "only the bound is kept");
    waitFor(() -> server.closedByClient.get() == parallel - 2, "the others are closed");
    t.exchange(bytes("again"), 1_000, false);
    assertEquals(parallel, server.connections.get(), "a kept socket is reused");
    t.close();
    assertEquals(0, t.idleSockets());
    assertThrows(TransportException.class, () -> t.exchange(bytes("closed"), 1_000, false));
  }

  private static int contentLength(InputStream in) throws IOException {
    int length = 0;
    StringBuilder line = new StringBuilder();
    for (int c; (c = in.read()) >= 0; ) {
      if (c == '\n') {
        String l = line.toString().trim();
        if (l.isEmpty()) {
          return length;
        }
        if (l.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(l.substring(15).trim());
        }
        line.setLength(0);
      } else {
        line.append((char) c);
      }
    }
    throw new IOException("no head");
  }

  private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 5 s: " + what);
      }
      Thread.sleep(10);
    }
  }
}

package dev.veles.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on the loopback interface in front of a server, which can misbehave on demand: stop
 * answering ({@link #hang}), let a request reach the server and drop the client's socket before the
 * reply ({@link #dropNextReply}), or close every client socket as a server's idle timeout does
 * ({@link #closeClientSockets}). One virtual thread per direction per socket.
 */
final class FaultyProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int backendPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<Socket> clients = new CopyOnWriteArrayList<>();
  private volatile boolean hang;
  private final AtomicBoolean dropNextReply = new AtomicBoolean();
  final AtomicInteger dropped = new AtomicInteger();

  FaultyProxy(int backendPort) throws IOException {
    this.backendPort = backendPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("proxy-accept").start(this::accept);
  }

  int port() {
    return listener.getLocalPort();
  }

  /** While true, client bytes are swallowed: the server never sees a request, so never answers. */
  void hang(boolean on) {
    hang = on;
  }

  /** The next reply the server sends is not forwarded: the client's socket is closed instead. */
  void dropNextReply() {
    dropNextReply.set(true);
  }

  /** Closes every client socket (the server side stays as it is). */
  void closeClientSockets() throws IOException {
    for (Socket s : new ArrayList<>(clients)) {
      s.close();
    }
  }

  private void accept() {
    try {
      while (true) {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), backendPort);
        sockets.add(client);
        sockets.add(server);
        clients.add(client);
        Thread.ofVirtual().start(() -> pump(client, server, true));
        Thread.ofVirtual().start(() -> pump(server, client, false));
      }
    } catch (IOException closed) {
      // The proxy is closed.
    }
  }

  private void pump(Socket from, Socket to, boolean request) {
    byte[] buf = new byte[64 * 1024];
    try (from;
        to) {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buf)) > 0; ) {
        if (request && hang) {
          continue;
        }
        if (!request && dropNextReply.compareAndSet(true, false)) {
          dropped.incrementAndGet();
          to.setSoLinger(true, 0);
          return; // the server answered, so it executed the request; the client never learns
        }
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // One side went away; closing both ends tells the other.
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}

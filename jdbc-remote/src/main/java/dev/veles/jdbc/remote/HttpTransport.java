package dev.veles.jdbc.remote;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.apache.calcite.avatica.remote.AuthenticationType;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.HostnameVerificationConfigurable;
import org.apache.calcite.avatica.remote.KeyStoreConfigurable;
import org.apache.calcite.avatica.remote.TrustStoreConfigurable;
import org.apache.calcite.avatica.remote.UsernamePasswordAuthenticateable;

/**
 * The Veles driver's HTTP/1.1 client for Avatica requests: one POST per request over kept-alive
 * sockets, written with a single system call and read through one buffer.
 *
 * <p>Why not a general-purpose client: a remote k-NN request is a few hundred bytes each way, and
 * the profile of the SQL path benchmark showed the JDK's {@code HttpURLConnection} spending more
 * time formatting and parsing headers and looking up its keep-alive cache than the server spends
 * searching. Avatica needs exactly one exchange shape, which this class implements with what the
 * Avatica client configures: BASIC and DIGEST authentication (RFC 7616, see {@link Digest}), TLS
 * with a truststore, a client keystore and hostname verification (on unless turned off).
 *
 * <p>Failure handling ({@link #exchange}): every new socket has a connect timeout that also bounds
 * the TLS handshake; every request has its own read timeout. A request is sent a second time, on a
 * fresh socket, only if the server cannot have executed it (its bytes were not all written) or the
 * caller says it is idempotent; any other failure is a {@link TransportException} that says whether
 * the server may have executed the request. A socket that timed out or failed is closed, so a late
 * reply is never read as the answer to another request. Idle sockets are kept up to {@link
 * Settings#maxIdleSockets}, dropped after {@link Settings#idleTimeoutMs} (below the server's own
 * idle timeout, so the server does not close a socket just as a request is written to it), and
 * checked for an end of stream before reuse.
 *
 * <p>Thread-safe: several threads may send at once; each request takes an idle socket or opens one,
 * and returns it afterwards. {@link #close} closes the idle sockets; the owner (a connection)
 * closes it.
 */
public final class HttpTransport
    implements AvaticaHttpClient,
        UsernamePasswordAuthenticateable,
        TrustStoreConfigurable,
        KeyStoreConfigurable,
        HostnameVerificationConfigurable,
        AutoCloseable {
  private static final int BUSY_RETRIES = 5;
  private static final String USER_AGENT = "Veles JDBC";

  /**
   * Timeouts and bounds of a transport, in milliseconds (0 means no limit).
   *
   * @param connectTimeoutMs TCP connect, and separately the TLS handshake, of a new socket
   * @param readTimeoutMs the read timeout of {@link #send}, the Avatica client interface
   * @param idleTimeoutMs how long an idle socket is kept for reuse
   * @param maxIdleSockets how many idle sockets are kept; more are closed when returned
   */
  public record Settings(
      int connectTimeoutMs, int readTimeoutMs, int idleTimeoutMs, int maxIdleSockets) {
    /**
     * Connect in 10 s (a server that does not accept in 10 s is down or unreachable); read for up
     * to 3 minutes in {@link #send} (Avatica's own default); keep idle sockets for 30 s, half the
     * 60 s idle timeout of Avatica's Jetty server; keep at most 4 (a JDBC connection usually sends
     * one request at a time).
     */
    public static final Settings DEFAULTS = new Settings(10_000, 180_000, 30_000, 4);

    public Settings {
      if (connectTimeoutMs < 0 || readTimeoutMs < 0 || idleTimeoutMs < 0 || maxIdleSockets < 0) {
        throw new IllegalArgumentException("timeouts and bounds must be >= 0");
      }
    }
  }

  private final String host;
  private final int port;
  private final String target;
  private final boolean tls;
  private final Settings settings;

  /** The request head up to the body's length, the same for every request. */
  private final String headPrefix;

  /** Idle sockets, most recently used first. Guarded by itself. */
  private final Deque<HttpChannel> idle = new ArrayDeque<>();

  private boolean closed;
  private volatile String basicAuthorization;
  private volatile Digest digest;
  private File truststore;
  private String truststorePassword;
  private File keystore;
  private String keystorePassword;
  private String keyPassword;
  private boolean verifyHostname = true;
  private volatile SSLSocketFactory sslFactory;

  /** Called by Avatica's client factory ({@code httpclient_impl}) with the server's URL. */
  public HttpTransport(URL url) {
    this(url, Settings.DEFAULTS);
  }

  public HttpTransport(URL url, Settings settings) {
    String protocol = url.getProtocol().toLowerCase(Locale.ROOT);
    if (!protocol.equals("http") && !protocol.equals("https")) {
      throw new IllegalArgumentException("not an http(s) URL: " + url);
    }
    this.settings = settings;
    this.tls = protocol.equals("https");
    this.host = url.getHost();
    this.port = url.getPort() >= 0 ? url.getPort() : url.getDefaultPort();
    String path = url.getFile();
    this.target = path.isEmpty() ? "/" : path;
    this.headPrefix =
        "POST "
            + target
            + " HTTP/1.1\r\nHost: "
            + host
            + (port != (tls ? 443 : 80) ? ":" + port : "")
            + "\r\nUser-Agent: "
            + USER_AGENT
            + "\r\nContent-Type: ";
  }

  public Settings settings() {
    return settings;
  }

  /** The server's address, for messages. */
  public String address() {
    return (tls ? "https" : "http") + "://" + host + ":" + port;
  }

  @Override
  public void setUsernamePassword(AuthenticationType type, String user, String password) {
    switch (type) {
      case BASIC ->
          basicAuthorization =
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      case DIGEST -> digest = new Digest(user, password);
      default -> throw new IllegalArgumentException("unsupported authentication " + type);
    }
  }

  @Override
  public synchronized void setTrustStore(File truststore, String password) {
    this.truststore = truststore;
    this.truststorePassword = password;
    this.sslFactory = null;
  }

  @Override
  public synchronized void setKeyStore(File keystore, String keystorePassword, String keyPassword) {
    this.keystore = keystore;
    this.keystorePassword = keystorePassword;
    this.keyPassword = keyPassword;
    this.sslFactory = null;
  }

  @Override
  public synchronized void setHostnameVerification(HostnameVerification verification) {
    this.verifyHostname = verification != HostnameVerification.NONE;
  }

  /**
   * The Avatica client interface: {@link #exchange} with the settings' read timeout, resending only
   * what was not fully written. Failures are unchecked, as Avatica expects.
   */
  @Override
  public byte[] send(byte[] request) {
    try {
      return exchange(request, settings.readTimeoutMs, false);
    } catch (TransportException e) {
      throw new RuntimeException("HTTP request to " + address() + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Sends one serialized Avatica request and returns the serialized reply. Avatica's errors arrive
   * as HTTP 500 with a serialized error body, which is returned for Avatica to decode.
   *
   * @param readTimeoutMs how long to wait for the reply once the request is written; 0 waits
   *     without limit
   * @param idempotent whether the request may be executed twice without harm, which allows a resend
   *     after a failure that leaves unknown whether the server executed it
   * @throws TransportException for anything else: no socket, a cut or late reply, an HTTP status
   *     other than 200 and 500 (the message carries the status and the server's text)
   */
  public byte[] exchange(byte[] request, int readTimeoutMs, boolean idempotent)
      throws TransportException {
    int answers = 0;
    for (int busy = 0; ; ) {
      HttpChannel.Response r = attempt(request, readTimeoutMs, idempotent, AVATICA_TYPE);
      if (r.status() == 200 || (r.status() == 500 && r.body().length > 0)) {
        return r.body();
      }
      Digest d = digest;
      // The authentication filter answers 401 before the request reaches Avatica: resending the
      // request with an answer (or a fresh answer to a stale nonce) cannot execute it twice.
      if (r.status() == 401
          && d != null
          && answers < 2
          && d.accept(Digest.digestChallenges(r.authenticate()), r.answered())) {
        answers++;
        continue;
      }
      if (r.status() == 503 && idempotent && busy < BUSY_RETRIES) {
        try {
          Thread.sleep(10L << busy++);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new TransportException(
              TransportException.Kind.STATUS, 503, "interrupted while the server was busy", e);
        }
        continue;
      }
      throw new TransportException(TransportException.Kind.STATUS, r.status(), r.describe(), null);
    }
  }

  /**
   * Asks the server to cancel what a statement is running (a Veles server's cancel request, outside
   * Avatica's protocol); best effort: returns whether the server answered 200.
   */
  public boolean cancel(String connectionId, int statementId, int readTimeoutMs) {
    byte[] body = (connectionId + "\n" + statementId).getBytes(StandardCharsets.UTF_8);
    try {
      return attempt(body, readTimeoutMs, true, CANCEL_TYPE).status() == 200;
    } catch (TransportException e) {
      return false;
    }
  }

  private static final String AVATICA_TYPE = "application/octet-stream";

  /** The content type of a cancel request, as the Veles server's {@code CancelRequests} knows. */
  static final String CANCEL_TYPE = "application/x-veles-cancel";

  /** One request on an idle or new socket, resent once on a fresh socket when that is safe. */
  private HttpChannel.Response attempt(
      byte[] body, int readTimeoutMs, boolean idempotent, String contentType)
      throws TransportException {
    HttpChannel ch = takeIdle();
    for (int attempt = 0; ; attempt++) {
      if (ch == null) {
        ch = open();
      }
      Digest d = digest;
      boolean answered = basicAuthorization == null && d != null && d.ready();
      byte[] message = message(body, d, contentType);
      try {
        ch.write(message);
      } catch (IOException e) {
        ch.close();
        ch = null;
        if (attempt == 0) {
          continue; // not fully written: the server cannot have executed it
        }
        throw new TransportException(
            TransportException.Kind.WRITE, "cannot send the request: " + e.getMessage(), e);
      }
      try {
        ch.readTimeout(readTimeoutMs);
        HttpChannel.Response r = ch.read(answered);
        release(ch, r.keepAlive());
        return r;
      } catch (SocketTimeoutException e) {
        ch.close(); // a late reply must never be read as the answer to another request
        throw new TransportException(
            TransportException.Kind.TIMEOUT, "no reply within " + readTimeoutMs + " ms", e);
      } catch (IOException e) {
        ch.close();
        ch = null;
        if (idempotent && attempt == 0) {
          continue;
        }
        throw new TransportException(
            TransportException.Kind.READ, "the reply was lost: " + e.getMessage(), e);
      }
    }
  }

  private byte[] message(byte[] body, Digest d, String contentType) {
    StringBuilder h = new StringBuilder(headPrefix.length() + 96).append(headPrefix);
    h.append(contentType).append("\r\nContent-Length: ").append(body.length);
    String basic = basicAuthorization;
    if (basic != null) {
      h.append("\r\nAuthorization: ").append(basic);
    } else if (d != null) {
      String authorization = d.authorization("POST", target, body);
      if (authorization != null) {
        h.append("\r\nAuthorization: ").append(authorization);
      }
    }
    h.append("\r\n\r\n");
    byte[] head = h.toString().getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[head.length + body.length];
    System.arraycopy(head, 0, message, 0, head.length);
    System.arraycopy(body, 0, message, head.length, body.length);
    return message;
  }

  /** The most recently used idle socket that is still open, or null. */
  private HttpChannel takeIdle() {
    long now = System.nanoTime();
    while (true) {
      HttpChannel ch;
      synchronized (idle) {
        ch = idle.pollFirst();
      }
      if (ch == null) {
        return null;
      }
      if (settings.idleTimeoutMs > 0 && now - ch.idleSince > settings.idleTimeoutMs * 1_000_000L) {
        // Older sockets are further back: they expired too.
        ch.close();
        closeIdle();
        return null;
      }
      if (ch.reusable()) {
        return ch;
      }
      ch.close();
    }
  }

  private void release(HttpChannel ch, boolean keepAlive) {
    if (keepAlive) {
      ch.idleSince = System.nanoTime();
      synchronized (idle) {
        if (!closed && idle.size() < settings.maxIdleSockets) {
          idle.offerFirst(ch);
          return;
        }
      }
    }
    ch.close();
  }

  /** The number of idle sockets kept (for tests and diagnostics). */
  public int idleSockets() {
    synchronized (idle) {
      return idle.size();
    }
  }

  private HttpChannel open() throws TransportException {
    synchronized (idle) {
      if (closed) {
        throw new TransportException(TransportException.Kind.CONNECT, "transport closed", null);
      }
    }
    SocketChannel sc = null;
    try {
      sc = SocketChannel.open();
      Socket plain = sc.socket();
      plain.setTcpNoDelay(true);
      plain.setKeepAlive(true);
      plain.connect(new InetSocketAddress(host, port), settings.connectTimeoutMs);
      Socket s = plain;
      if (tls) {
        SSLSocket ssl = (SSLSocket) sslFactory().createSocket(plain, host, port, true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null);
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(settings.connectTimeoutMs);
        ssl.startHandshake();
        s = ssl;
      }
      return new HttpChannel(sc, s);
    } catch (IOException e) {
      if (sc != null) {
        try {
          sc.close();
        } catch (IOException ignored) {
          // The socket is discarded either way.
        }
      }
      String what = e instanceof SocketTimeoutException ? "timed out" : "failed";
      throw new TransportException(
          TransportException.Kind.CONNECT, "connecting to " + address() + " " + what + ": " + e, e);
    }
  }

  private SSLSocketFactory sslFactory() throws IOException {
    SSLSocketFactory f = sslFactory;
    if (f == null) {
      synchronized (this) {
        if (sslFactory == null) {
          sslFactory = buildSslFactory();
        }
        f = sslFactory;
      }
    }
    return f;
  }

  private SSLSocketFactory buildSslFactory() throws IOException {
    try {
      if (truststore == null && keystore == null) {
        return (SSLSocketFactory) SSLSocketFactory.getDefault();
      }
      TrustManagerFactory tmf = null;
      if (truststore != null) {
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(KeyStore.getInstance(truststore, truststorePassword.toCharArray()));
      }
      KeyManagerFactory kmf = null;
      if (keystore != null) {
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(
            KeyStore.getInstance(keystore, keystorePassword.toCharArray()),
            keyPassword.toCharArray());
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          kmf == null ? null : kmf.getKeyManagers(),
          tmf == null ? null : tmf.getTrustManagers(),
          null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** Closes the idle sockets; requests in flight finish and close theirs. */
  public void closeIdle() {
    while (true) {
      HttpChannel ch;
      synchronized (idle) {
        ch = idle.pollFirst();
      }
      if (ch == null) {
        return;
      }
      ch.close();
    }
  }

  /** Closes the idle sockets and refuses new ones. Idempotent. */
  @Override
  public void close() {
    synchronized (idle) {
      closed = true;
    }
    closeIdle();
  }
}

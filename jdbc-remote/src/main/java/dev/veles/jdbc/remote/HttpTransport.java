package dev.veles.jdbc.remote;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Avatica client configures: BASIC and DIGEST authentication ({@code avatica_user}, {@code
 * avatica_password}), TLS with a truststore, a client keystore and hostname verification.
 *
 * <p>Thread-safe: a connection may be used from several threads; each request takes an idle socket
 * or opens one, and returns it afterwards.
 */
public final class HttpTransport
    implements AvaticaHttpClient,
        UsernamePasswordAuthenticateable,
        TrustStoreConfigurable,
        KeyStoreConfigurable,
        HostnameVerificationConfigurable {
  private static final int CONNECT_TIMEOUT_MS = 30_000;
  private static final int BUSY_RETRIES = 5;
  private static final int MAX_HEADER_BYTES = 64 * 1024;

  private final String host;
  private final int port;
  private final String target;
  private final boolean tls;

  /** The request head up to the body's length, the same for every request. */
  private final String headPrefix;

  private final ConcurrentLinkedDeque<Channel> idle = new ConcurrentLinkedDeque<>();

  private static final String USER_AGENT = "Veles JDBC";
  private volatile String basicAuthorization;
  private volatile Digest digest;
  private File truststore;
  private String truststorePassword;
  private File keystore;
  private String keystorePassword;
  private String keyPassword;
  private boolean verifyHostname = true;
  private volatile SSLSocketFactory sslFactory;

  /**
   * While set on a thread, collects the transports created there: Avatica's client factory builds
   * the transport inside {@code Driver.connect}, and the connection needs it to close its sockets.
   */
  public static final ThreadLocal<List<HttpTransport>> CREATED = new ThreadLocal<>();

  /** Called by Avatica's client factory with the server's URL. */
  public HttpTransport(URL url) {
    String protocol = url.getProtocol().toLowerCase(Locale.ROOT);
    if (!protocol.equals("http") && !protocol.equals("https")) {
      throw new IllegalArgumentException("not an http(s) URL: " + url);
    }
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
            + "\r\nContent-Type: application/octet-stream\r\nContent-Length: ";
    List<HttpTransport> created = CREATED.get();
    if (created != null) {
      created.add(this);
    }
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
   * Sends one serialized Avatica request and returns the serialized response. Avatica's errors
   * arrive as HTTP 500 with a serialized error body, which is returned for Avatica to decode; any
   * other failure (401, 413, an unreachable server) is thrown with the status and the server's
   * text.
   */
  @Override
  public byte[] send(byte[] request) {
    try {
      for (int busy = 0; ; busy++) {
        Response r = exchange(request);
        if (r.status == 401 && digest != null && digest.accept(r.authenticate)) {
          r = exchange(request);
        }
        if (r.status == 200 || (r.status == 500 && r.body.length > 0)) {
          return r.body;
        }
        if (r.status == 503 && busy < BUSY_RETRIES) {
          Thread.sleep(10L << busy);
          continue;
        }
        throw new RuntimeException(r.describe());
      }
    } catch (IOException e) {
      throw new RuntimeException(
          "HTTP request to " + (tls ? "https" : "http") + "://" + host + ":" + port + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeException("interrupted while waiting to retry a busy server", e);
    }
  }

  /**
   * One request and response. A kept-alive socket the server has closed in the meantime fails on
   * first use; the request is then sent once more on a new socket (Avatica requests carry their own
   * ids). Only a socket that failed before any byte of the response is retried.
   */
  private Response exchange(byte[] body) throws IOException {
    Channel ch = idle.pollFirst();
    boolean reused = ch != null;
    if (ch == null) {
      ch = open();
    }
    Response r;
    try {
      r = ch.exchange(head(body.length), body);
    } catch (IOException e) {
      ch.close();
      if (!reused || !ch.unanswered()) {
        throw e;
      }
      ch = open();
      try {
        r = ch.exchange(head(body.length), body);
      } catch (IOException again) {
        ch.close();
        throw again;
      }
    }
    if (r.keepAlive) {
      idle.offerFirst(ch);
    } else {
      ch.close();
    }
    return r;
  }

  private byte[] head(int length) {
    StringBuilder h = new StringBuilder(headPrefix.length() + 64).append(headPrefix).append(length);
    String basic = basicAuthorization;
    Digest d = digest;
    if (basic != null) {
      h.append("\r\nAuthorization: ").append(basic);
    } else if (d != null) {
      String authorization = d.authorization("POST", target);
      if (authorization != null) {
        h.append("\r\nAuthorization: ").append(authorization);
      }
    }
    h.append("\r\n\r\n");
    return h.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private Channel open() throws IOException {
    Socket s;
    if (tls) {
      SSLSocket ssl = (SSLSocket) sslFactory().createSocket();
      SSLParameters params = ssl.getSSLParameters();
      params.setEndpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null);
      ssl.setSSLParameters(params);
      s = ssl;
    } else {
      s = new Socket();
    }
    try {
      s.setTcpNoDelay(true);
      s.setKeepAlive(true);
      s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      if (s instanceof SSLSocket ssl) {
        ssl.startHandshake();
      }
      return new Channel(s);
    } catch (IOException e) {
      s.close();
      throw e;
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

  /** Closes the idle sockets (a connection's requests may still open new ones). */
  public void closeIdle() {
    for (Channel ch; (ch = idle.pollFirst()) != null; ) {
      ch.close();
    }
  }

  /** A parsed response. */
  private record Response(
      int status, String reason, byte[] body, boolean keepAlive, String authenticate) {
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

  /** One socket with its read buffer. Used by one request at a time. */
  private static final class Channel {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int limit;

    /** Whether the current response has sent any byte yet. */
    private boolean answered;

    Channel(Socket socket) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
      this.in = socket.getInputStream();
    }

    Response exchange(byte[] head, byte[] body) throws IOException {
      byte[] message = new byte[head.length + body.length];
      System.arraycopy(head, 0, message, 0, head.length);
      System.arraycopy(body, 0, message, head.length, body.length);
      answered = false;
      out.write(message);
      out.flush();
      return read();
    }

    /** True if the server closed the socket before answering the current request at all. */
    boolean unanswered() {
      return !answered;
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
      String authenticate = null;
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
        } else if (name.equalsIgnoreCase("WWW-Authenticate")
            && value.regionMatches(true, 0, "Digest", 0, 6)) {
          authenticate = value;
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
      return new Response(code, reason, body, keepAlive, authenticate);
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
          answered = true;
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
      } catch (IOException ignored) {
        // Nothing to recover: the socket is discarded either way.
      }
    }
  }

  /**
   * HTTP Digest authentication (RFC 7616, MD5 with qop=auth, as the Veles server's realm uses). The
   * server's challenge is kept and reused with an increasing nonce count until the server sends a
   * fresh one.
   */
  private static final class Digest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String user;
    private final String password;
    private volatile Challenge challenge;

    Digest(String user, String password) {
      this.user = user;
      this.password = password;
    }

    private record Challenge(
        String realm, String nonce, String opaque, String qop, AtomicInteger nc) {}

    /** Takes a new challenge; false if there is none to answer. */
    boolean accept(String header) {
      if (header == null) {
        return false;
      }
      String realm = param(header, "realm");
      String nonce = param(header, "nonce");
      if (realm == null || nonce == null) {
        return false;
      }
      Challenge old = challenge;
      if (old != null && old.nonce.equals(nonce)) {
        return false; // the same challenge again: the credentials are wrong
      }
      String qop = param(header, "qop");
      challenge =
          new Challenge(
              realm,
              nonce,
              param(header, "opaque"),
              qop == null ? null : (qop.contains("auth") ? "auth" : qop),
              new AtomicInteger());
      return true;
    }

    String authorization(String method, String uri) {
      Challenge c = challenge;
      if (c == null) {
        return null;
      }
      String ha1 = md5(user + ":" + c.realm + ":" + password);
      String ha2 = md5(method + ":" + uri);
      StringBuilder h = new StringBuilder(256);
      h.append("Digest username=\"").append(user).append("\", realm=\"").append(c.realm);
      h.append("\", nonce=\"").append(c.nonce).append("\", uri=\"").append(uri);
      h.append("\", algorithm=MD5");
      if (c.qop != null) {
        String nc = String.format(Locale.ROOT, "%08x", c.nc.incrementAndGet());
        byte[] raw = new byte[8];
        RANDOM.nextBytes(raw);
        String cnonce = HexFormat.of().formatHex(raw);
        String response = md5(ha1 + ":" + c.nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        h.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce);
        h.append("\", response=\"").append(response).append('"');
      } else {
        h.append(", response=\"").append(md5(ha1 + ":" + c.nonce + ":" + ha2)).append('"');
      }
      if (c.opaque != null) {
        h.append(", opaque=\"").append(c.opaque).append('"');
      }
      return h.toString();
    }

    /** The value of {@code name} in a challenge, quoted or not; null if absent. */
    static String param(String header, String name) {
      String lower = header.toLowerCase(Locale.ROOT);
      int from = 0;
      while (true) {
        int i = lower.indexOf(name, from);
        if (i < 0) {
          return null;
        }
        int eq = i + name.length();
        boolean boundary = i == 0 || " ,\t".indexOf(lower.charAt(i - 1)) >= 0;
        while (eq < header.length() && header.charAt(eq) == ' ') {
          eq++;
        }
        if (boundary && eq < header.length() && header.charAt(eq) == '=') {
          int v = eq + 1;
          while (v < header.length() && header.charAt(v) == ' ') {
            v++;
          }
          if (v < header.length() && header.charAt(v) == '"') {
            int end = header.indexOf('"', v + 1);
            return end < 0 ? header.substring(v + 1) : header.substring(v + 1, end);
          }
          int end = v;
          while (end < header.length() && header.charAt(end) != ',') {
            end++;
          }
          return header.substring(v, end).trim();
        }
        from = i + 1;
      }
    }

    private static String md5(String s) {
      try {
        return HexFormat.of()
            .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("MD5 is required of every JDK", e);
      }
    }
  }
}

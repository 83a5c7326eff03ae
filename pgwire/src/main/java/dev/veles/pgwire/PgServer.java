package dev.veles.pgwire;

import dev.veles.server.UserFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL wire protocol (v3) listener over an embedded Veles database: psql, pgjdbc, psycopg,
 * node-pg and BI tools' PostgreSQL connectors connect to it unchanged.
 *
 * <p>One platform thread per connection ({@link PgSession}) runs blocking socket I/O and the
 * embedded JDBC calls, so no selector loop hands work between threads on the per-query path. Not a
 * virtual thread: its blocking read parks it and a poller thread wakes it, a second hand-off per
 * round trip that put pgjdbc's median k-NN latency at 0.33× the embedded driver's against 0.47×
 * with platform threads (bench/results/pgwire/profile-knn.md). An idle connection costs a thread
 * blocked in read and the stack it touched; the connection limit bounds their number. A watchdog
 * closes a connection whose write has been blocked longer than the write timeout (a client that
 * stopped reading), and one idle longer than the idle timeout.
 *
 * <p>Authentication mirrors the Avatica side: with a users file, SCRAM-SHA-256 (or MD5 when
 * configured) against the same realm, the user's role applied to the embedded connection; without
 * one, trust, which like the Avatica side is allowed only on a loopback address unless {@link
 * Builder#insecure}. The connection limits (total and per address, 53300), the message size cap
 * (54000) and the statement text limit apply as on the Avatica side.
 *
 * <p>Thread-safe. Owns its listening socket, its sessions' sockets and embedded connections, and an
 * anchor connection that keeps the database open; {@link #close()} closes them all and flushes.
 */
public final class PgServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PgServer.class);

  /** The default port: next to Avatica's 8765, outside 5432-543x where PostgreSQL clusters go. */
  public static final int DEFAULT_PORT = 8766;

  final Builder config;
  final PgAuth auth = new PgAuth();
  private final UserFile users;
  private final SSLContext tls;
  private final ServerSocket listener;
  private final Connection anchor;
  private final Thread acceptor;
  private final ScheduledExecutorService watchdog;
  private final Map<Integer, PgSession> sessions = new ConcurrentHashMap<>();

  /** Every session's thread that is running, admitted or not: what the watchdog and close see. */
  private final Set<PgSession> live = ConcurrentHashMap.newKeySet();

  private final Map<String, Integer> perAddress = new HashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final AtomicInteger pids = new AtomicInteger(random.nextInt(1 << 20) + 1000);
  private volatile boolean closed;

  private PgServer(Builder config) throws IOException, SQLException {
    this.config = config;
    this.users = config.usersFile == null ? null : UserFile.load(config.usersFile);
    this.tls =
        config.keystore == null ? null : sslContext(config.keystore, config.keystorePassword);
    this.anchor = DriverManager.getConnection(config.url, config.properties);
    try {
      this.listener = new ServerSocket();
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress(InetAddress.getByName(config.bind), config.port), 128);
    } catch (IOException e) {
      anchor.close();
      throw new IOException(
          "cannot listen for PostgreSQL clients on " + config.bind + ":" + config.port + ": " + e,
          e);
    }
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "veles-pg-watchdog");
              t.setDaemon(true);
              return t;
            });
    watchdog.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
    this.acceptor = new Thread(this::acceptLoop, "veles-pg-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Returns a builder; {@link Builder#url} or {@link Builder#path} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The port listened on (the ephemeral one when built with port 0). */
  public int port() {
    return listener.getLocalPort();
  }

  /** A pgjdbc URL for database {@code veles} on this listener. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + urlHost() + ":" + port() + "/veles";
  }

  /** A libpq URI (psql, psycopg) for database {@code veles}. */
  public String uri() {
    return "postgresql://" + urlHost() + ":" + port() + "/veles";
  }

  private String urlHost() {
    try {
      InetAddress a = InetAddress.getByName(config.bind);
      return a.isLoopbackAddress() || a.isAnyLocalAddress() ? "localhost" : config.bind;
    } catch (UnknownHostException e) {
      return config.bind;
    }
  }

  /** Open sessions (tests check that they go). */
  public int sessionCount() {
    return sessions.size();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = listener.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("accepting a PostgreSQL connection failed", e);
        }
        continue;
      }
      PgSession session = null;
      try {
        s.setTcpNoDelay(true);
        int pid = pids.getAndIncrement();
        session = new PgSession(this, s, pid, random.nextInt());
        live.add(session);
        Thread.ofPlatform().daemon().name("veles-pg-" + pid).start(session);
      } catch (IOException | RuntimeException e) {
        if (session != null) {
          live.remove(session);
        }
        LOG.warn("starting a PostgreSQL session failed", e);
        closeQuietly(s);
      }
    }
  }

  /**
   * Closes the sockets of sessions stuck in a write for longer than the write timeout, and ends
   * those that have waited for their client longer than the idle timeout (in the startup or between
   * messages).
   */
  private void watch() {
    long now = System.nanoTime();
    long writeLimit = config.writeTimeout.toNanos();
    long idleLimit = config.idleTimeout.toNanos();
    for (PgSession s : live) {
      long writing = s.writingSince();
      if (writing != 0 && now - writing > writeLimit) {
        LOG.info("closing PostgreSQL session {}: the client stopped reading", s.pid);
        s.kill();
      }
      long waiting = s.waitingSince();
      if (waiting != 0 && now - waiting > idleLimit && s.expireIdle()) {
        LOG.info("closing PostgreSQL session {}: idle for longer than the idle timeout", s.pid);
      }
    }
  }

  /** A session's thread ends. */
  void ended(PgSession s) {
    live.remove(s);
  }

  /** The user named in a startup message, or null if the realm has none by that name. */
  UserFile.User user(String name) {
    return users == null ? null : users.user(name);
  }

  boolean hasUsers() {
    return users != null;
  }

  SSLContext tls() {
    return tls;
  }

  /** Counts a session in; false when a connection limit is reached. */
  synchronized String admit(PgSession s, String address) {
    if (sessions.size() >= config.maxConnections) {
      return "the server has its limit of " + config.maxConnections + " open connections";
    }
    int mine = perAddress.getOrDefault(address, 0);
    if (mine >= config.maxConnectionsPerAddress) {
      return "client address "
          + address
          + " has its limit of "
          + config.maxConnectionsPerAddress
          + " open connections";
    }
    perAddress.put(address, mine + 1);
    sessions.put(s.pid, s);
    return null;
  }

  synchronized void release(PgSession s, String address) {
    if (sessions.remove(s.pid, s)) {
      perAddress.computeIfPresent(address, (k, v) -> v <= 1 ? null : v - 1);
    }
  }

  /** A CancelRequest: cancels the running statement of the session with this key. */
  void cancel(int pid, int secret) {
    PgSession s = sessions.get(pid);
    if (s != null && s.secret == secret) {
      s.cancelRunning();
    }
  }

  /** Opens the embedded connection of a session. */
  Connection open() throws SQLException {
    return DriverManager.getConnection(config.url, config.properties);
  }

  private static SSLContext sslContext(Path keystore, String password) throws IOException {
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore ks = KeyStore.getInstance(keystore.toFile(), password.toCharArray());
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, password.toCharArray());
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "cannot open TLS keystore " + keystore + " (wrong password?): " + e.getMessage(), e);
    }
  }

  static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing after a failure: the failure is what gets reported
    }
  }

  /** Stops listening, closes every session and the anchor connection (flushing the database). */
  @Override
  public synchronized void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      LOG.warn("closing the PostgreSQL listener failed", e);
    }
    watchdog.shutdownNow();
    for (PgSession s : live) {
      s.kill();
    }
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Connection c = anchor;
        Statement st = c.createStatement()) {
      if (config.url.startsWith("jdbc:veles:")) {
        st.execute("CALL flush()");
      }
    }
  }

  /** Configuration of a {@link PgServer}; not thread-safe, used once. */
  public static final class Builder {
    String url;
    final Properties properties = new Properties();
    String bind = "127.0.0.1";
    int port = DEFAULT_PORT;
    boolean insecure;
    PgAuth.Method method;
    Path usersFile;
    Path keystore;
    String keystorePassword;
    int maxMessageBytes = 64 << 20;
    int maxStatementChars = 1 << 20;
    int maxConnections = 1000;
    int maxConnectionsPerAddress = 100;
    Duration idleTimeout = Duration.ofMinutes(10);
    Duration writeTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /** Serves {@code jdbc:veles:path=DIR}. */
    public Builder path(Path dir) {
      this.url = "jdbc:veles:path=" + dir.toAbsolutePath();
      return this;
    }

    /** Serves any embedded JDBC URL (the Avatica server's {@code embeddedUrl()}). */
    public Builder url(String jdbcUrl) {
      this.url = Objects.requireNonNull(jdbcUrl, "url");
      return this;
    }

    /** A property of every embedded connection, set by the operator. */
    public Builder property(String key, String value) {
      properties.setProperty(key, value);
      return this;
    }

    /** The address to listen on; default 127.0.0.1. */
    public Builder bind(String address) {
      this.bind = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The TCP port; 0 picks a free one. Default {@value #DEFAULT_PORT}. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range 0..65535: " + port);
      }
      this.port = port;
      return this;
    }

    /** Accepts trust authentication on a non-loopback address. */
    public Builder insecure(boolean insecure) {
      this.insecure = insecure;
      return this;
    }

    /**
     * Password authentication against a users file ({@code ./veles passwd}); {@code md5} true asks
     * MD5 instead of SCRAM-SHA-256 (works only for plaintext entries).
     */
    public Builder users(Path file, boolean md5) {
      this.usersFile = Objects.requireNonNull(file, "file");
      this.method = md5 ? PgAuth.Method.MD5 : PgAuth.Method.SCRAM;
      return this;
    }

    /** Trust authentication even with a users file (user names still pick the role). */
    public Builder trust() {
      this.method = PgAuth.Method.TRUST;
      return this;
    }

    /** Answers SSLRequest with TLS using the key in a JKS or PKCS12 keystore. */
    public Builder tls(Path keystore, String password) {
      this.keystore = Objects.requireNonNull(keystore, "keystore");
      this.keystorePassword = Objects.requireNonNull(password, "password");
      return this;
    }

    /** The largest frontend message; larger ones get 54000 and the connection closes. */
    public Builder maxMessageBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("max message bytes must be positive: " + bytes);
      }
      this.maxMessageBytes = (int) Math.min(bytes, Integer.MAX_VALUE - 16);
      return this;
    }

    /** The longest statement text; longer ones get 54000. */
    public Builder maxStatementChars(int chars) {
      if (chars < 1) {
        throw new IllegalArgumentException("statement limit must be positive: " + chars);
      }
      this.maxStatementChars = chars;
      return this;
    }

    /** Open connections allowed in total and per client address (53300 for the newcomer). */
    public Builder maxConnections(int total, int perAddress) {
      if (total < 1 || perAddress < 1) {
        throw new IllegalArgumentException("connection limits must be at least 1");
      }
      this.maxConnections = total;
      this.maxConnectionsPerAddress = perAddress;
      return this;
    }

    /** A connection idle this long between messages is closed; default 10 minutes. */
    public Builder idleTimeout(Duration timeout) {
      if (timeout.toMillis() < 1) {
        throw new IllegalArgumentException("idle timeout must be positive");
      }
      this.idleTimeout = timeout;
      return this;
    }

    /** A write blocked this long (the client stopped reading) closes the connection; 60 s. */
    public Builder writeTimeout(Duration timeout) {
      if (timeout.toMillis() < 1) {
        throw new IllegalArgumentException("write timeout must be positive");
      }
      this.writeTimeout = timeout;
      return this;
    }

    boolean loopback() {
      try {
        return InetAddress.getByName(bind).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }

    /** Opens the database and starts listening. */
    public PgServer start() throws IOException, SQLException {
      if (url == null) {
        throw new IllegalStateException("set path(...) or url(...) before start()");
      }
      if (method == null) {
        method = PgAuth.Method.TRUST;
      }
      if (method == PgAuth.Method.TRUST && usersFile == null && !loopback() && !insecure) {
        throw new IllegalStateException(
            "refusing to serve PostgreSQL clients on "
                + bind
                + " without authentication; add --users FILE (SCRAM-SHA-256), or --insecure");
      }
      return new PgServer(this);
    }
  }
}

package dev.veles.server;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystemConfiguration;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.remote.Service.RpcMetadataResponse;
import org.apache.calcite.avatica.server.HandlerFactory;
import org.apache.calcite.avatica.server.MetricsAwareAvaticaHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Avatica HTTP server over one embedded database: any Avatica client (the stock {@code
 * jdbc:avatica:remote:} driver, DBeaver, sqlline) reaches it with {@link #clientUrl()}.
 *
 * <pre>{@code
 * try (VelesServer server = VelesServer.builder().path(dir).port(0).start()) {
 *   Connection c = DriverManager.getConnection(server.clientUrl());
 * }
 * }</pre>
 *
 * <p>It listens on 127.0.0.1 unless {@link Builder#bind} names another address, and refuses to
 * listen on a non-loopback address without authentication unless {@link Builder#insecure} says so.
 * Requests pass through, in order: TLS (optional), {@link HttpAuthentication} (optional: 401, 400
 * for a malformed header, 429 after repeated failures, before anything reads the body), the request
 * size limit (413), {@link ErrorReplies} (no stack traces to clients), then Avatica's handler over
 * {@link VelesMeta}, which admits only the connection properties of {@link
 * ConnectionPropertyPolicy} and repairs vector values.
 *
 * <p>Thread-safe. Owns the HTTP server, the embedded connections and one anchor connection that
 * keeps the database open between clients; {@link #close()} stops accepting requests, flushes a
 * {@code jdbc:veles:} database ({@code CALL flush()}) and closes everything. Close is idempotent.
 */
public final class VelesServer implements AutoCloseable {
  /** How long an idle kept-alive HTTP connection stays open. */
  static final long CONNECTOR_IDLE_TIMEOUT_MS = 60_000;

  private static final Logger LOG = LoggerFactory.getLogger(VelesServer.class);

  /** Default cap on one request body: 64 MiB, about 40k vectors of 384 floats in JSON. */
  public static final long DEFAULT_MAX_REQUEST_BYTES = 64L << 20;

  /** How long a request waits for room in a memory budget before it gets 53200. */
  static final long MEMORY_WAIT_NANOS = 30_000_000_000L;

  private final Builder config;
  private final VelesMeta meta;
  private final Connection anchor;
  private final Server http;
  private final List<String> warnings = new ArrayList<>();
  private boolean closed;

  private VelesServer(Builder config) throws SQLException, IOException {
    this.config = config;
    this.anchor = DriverManager.getConnection(config.url, config.properties);
    try {
      ConnectionAdmission roles =
          new ConnectionAdmission(
              config.auth != Auth.NONE, config.maxConnections, config.maxConnectionsPerAddress);
      this.meta =
          new VelesMeta(
              config.url,
              config.metaProperties(),
              ConnectionPropertyPolicy.standard(),
              roles,
              new StatementLimit(
                  config.maxStatementChars,
                  config.maxLiteralChars,
                  StatementLimit.DEFAULT_MAX_ARRAY_ELEMENTS,
                  StatementLimit.DEFAULT_MAX_DEPTH),
              new MemoryBudget("statement planning", config.memoryBudget(), MEMORY_WAIT_NANOS),
              (int) config.statementTimeout.toSeconds());
      meta.rollBackIdleTransactions(config.idleInTransactionTimeout);
      meta.keepBusyConnections(config.idleTimeout);
      this.http = buildHttp(config, meta, roles, warnings);
      warnings.forEach(LOG::warn);
    } catch (SQLException | IOException | RuntimeException e) {
      anchor.close();
      throw e;
    }
  }

  /** Returns a builder; {@link Builder#path} or {@link Builder#url} is required. */
  public static Builder builder() {
    return new Builder();
  }

  private static Server buildHttp(
      Builder config, VelesMeta meta, ConnectionAdmission roles, List<String> warnings)
      throws IOException {
    LocalService service = new VelesService(meta);
    MetricsAwareAvaticaHandler avatica =
        (MetricsAwareAvaticaHandler)
            new HandlerFactory()
                .getHandler(
                    service, config.serialization, NoopMetricsSystemConfiguration.getInstance());
    Handler handler =
        new RequestSizeLimit(
            new ErrorReplies(avatica, config.serialization),
            config.maxRequestBytes,
            new MemoryBudget("request decoding", config.memoryBudget(), MEMORY_WAIT_NANOS),
            config.serialization);
    CancelRequests cancels = new CancelRequests(meta);
    cancels.setHandler(handler);
    handler = cancels;
    OpenConnectionPeek peek = new OpenConnectionPeek(roles, config.serialization);
    peek.setHandler(handler);
    handler = peek;
    if (config.auth != Auth.NONE) {
      if (!Files.isReadable(config.usersFile)) {
        throw new IOException("users file is not readable: " + config.usersFile.toAbsolutePath());
      }
      HttpAuthentication auth =
          new HttpAuthentication(
              config.auth,
              UserFile.load(config.usersFile),
              config.maxAuthFailures,
              config.authFailureWindow.toNanos(),
              config.nonceLifetime.toNanos(),
              System::nanoTime);
      auth.setHandler(handler);
      handler = auth;
    }
    QueuedThreadPool threads =
        new QueuedThreadPool(config.maxThreads, Math.min(8, config.maxThreads));
    threads.setName("veles-http");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector;
    if (config.keystore != null) {
      http.addCustomizer(new SecureRequestCustomizer());
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setKeyStorePath(config.keystore.toAbsolutePath().toString());
      tls.setKeyStorePassword(config.keystorePassword);
      tls.setKeyStoreType(keystoreType(config));
      connector =
          new ServerConnector(
              server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
    } else {
      connector = new ServerConnector(server, new HttpConnectionFactory(http));
    }
    connector.setHost(config.bind);
    connector.setPort(config.port);
    // Twice the Veles driver's idle-socket bound (30 s), so the server never closes a socket that
    // a client is about to reuse; Jetty's own default is 30 s.
    connector.setIdleTimeout(CONNECTOR_IDLE_TIMEOUT_MS);
    server.addConnector(connector);
    ErrorHandler errors = new ErrorHandler();
    errors.setShowStacks(false);
    errors.setShowServlet(false);
    server.setErrorHandler(errors);
    server.setHandler(handler);
    warnings.addAll(config.warnings());
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly(server);
      throw new IOException("cannot listen on " + config.bind + ":" + config.port + ": " + e, e);
    }
    avatica.setServerRpcMetadata(
        new RpcMetadataResponse(config.bind + ":" + connector.getLocalPort()));
    return server;
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("stopping the HTTP server failed", e);
    }
  }

  private static String keystoreType(Builder config) throws IOException {
    try {
      return KeyStore.getInstance(config.keystore.toFile(), config.keystorePassword.toCharArray())
          .getType();
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "cannot open TLS keystore " + config.keystore + " (wrong password?): " + e.getMessage(),
          e);
    }
  }

  /** Warnings about this server's configuration (also logged), e.g. BASIC without TLS. */
  public List<String> warnings() {
    return warnings;
  }

  /** The port the server listens on (the ephemeral one when built with port 0). */
  public int port() {
    return ((ServerConnector) http.getConnectors()[0]).getLocalPort();
  }

  /** The address the server listens on. */
  String boundHost() {
    return ((ServerConnector) http.getConnectors()[0]).getHost();
  }

  /** The URL of the embedded database the server serves. */
  public String embeddedUrl() {
    return config.url;
  }

  /** The HTTP(S) address clients post to. */
  public String httpUrl() {
    return (config.keystore != null ? "https" : "http") + "://" + config.urlHost() + ":" + port();
  }

  /** The JDBC URL for the stock Avatica remote driver, with this server's serialization. */
  public String clientUrl() {
    String url =
        "jdbc:avatica:remote:url="
            + httpUrl()
            + ";serialization="
            + config.serialization.name().toLowerCase(Locale.ROOT);
    if (config.auth != Auth.NONE) {
      url += ";authentication=" + config.auth.name();
    }
    return url;
  }

  /** The meta serving requests (tests inspect it). */
  VelesMeta meta() {
    return meta;
  }

  /** Stops the HTTP server, flushes a Veles database and closes all connections. */
  @Override
  public synchronized void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    SQLException failure = null;
    stopQuietly(http);
    meta.closeAll();
    try (Connection c = anchor) {
      if (config.url.startsWith("jdbc:veles:")) {
        try (Statement s = c.createStatement()) {
          s.execute("CALL flush()");
        }
      }
    } catch (SQLException e) {
      failure = e;
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** HTTP authentication of the server. */
  public enum Auth {
    NONE,
    BASIC,
    DIGEST
  }

  /** Configuration of a {@link VelesServer}; not thread-safe, used once. */
  public static final class Builder {
    private String url;
    private final Properties properties = new Properties();
    private int port = 8765;
    private Serialization serialization = Serialization.PROTOBUF;
    private Auth auth = Auth.NONE;
    private Path usersFile;
    private Path keystore;
    private String keystorePassword;
    private long maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;

    private String bind = "127.0.0.1";
    private boolean insecure;
    private int maxThreads = 64;
    private int maxAuthFailures = 10;
    private Duration authFailureWindow = Duration.ofMinutes(1);
    private Duration nonceLifetime = Duration.ofMinutes(5);
    private int maxConnections = 1000;
    private int maxStatementChars = StatementLimit.DEFAULT_MAX_CHARS;
    private int maxConnectionsPerAddress = 100;
    private Duration idleTimeout = Duration.ofMinutes(10);
    private int maxLiteralChars = StatementLimit.DEFAULT_MAX_LITERAL_CHARS;
    private Duration statementTimeout = Duration.ofMinutes(5);
    private long memoryBudget;
    private Duration idleInTransactionTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /**
     * The address to listen on; default {@code 127.0.0.1}. A non-loopback address needs {@link
     * #authentication} or {@link #insecure}.
     */
    public Builder bind(String address) {
      this.bind = Objects.requireNonNull(address, "address");
      return this;
    }

    /** Accepts listening on a non-loopback address without authentication. */
    public Builder insecure(boolean insecure) {
      this.insecure = insecure;
      return this;
    }

    /** The largest number of HTTP worker threads; default 64. */
    public Builder maxThreads(int threads) {
      if (threads < 4) {
        throw new IllegalArgumentException("max threads must be at least 4: " + threads);
      }
      this.maxThreads = threads;
      return this;
    }

    /**
     * Failed logins per client address allowed within {@code window} before the address gets HTTP
     * 429 until the window has passed; default 10 per minute.
     */
    public Builder authFailureLimit(int failures, Duration window) {
      if (failures < 1 || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("need at least 1 failure and a positive window");
      }
      this.maxAuthFailures = failures;
      this.authFailureWindow = window;
      return this;
    }

    /**
     * Open connections allowed in total and per client address; a newcomer over either limit is
     * refused with SQLSTATE 53300 (nobody is evicted). Defaults 1000 and 100.
     */
    public Builder maxConnections(int total, int perAddress) {
      if (total < 1 || perAddress < 1) {
        throw new IllegalArgumentException("connection limits must be at least 1");
      }
      this.maxConnections = total;
      this.maxConnectionsPerAddress = perAddress;
      return this;
    }

    /** The longest statement text accepted; longer ones get SQLSTATE 54000. Default 1 Mi chars. */
    public Builder maxStatementChars(int chars) {
      if (chars < 1) {
        throw new IllegalArgumentException("statement limit must be positive: " + chars);
      }
      this.maxStatementChars = chars;
      return this;
    }

    /** The longest string literal accepted; longer ones get 54000. Default 256 Ki chars. */
    public Builder maxLiteralChars(int chars) {
      if (chars < 1) {
        throw new IllegalArgumentException("literal limit must be positive: " + chars);
      }
      this.maxLiteralChars = chars;
      return this;
    }

    /**
     * How long a statement may run on the server (its rows fetched included) before it fails with
     * 57014; zero for no limit. Default 5 minutes.
     */
    public Builder statementTimeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("statement timeout must not be negative");
      }
      this.statementTimeout = timeout;
      return this;
    }

    /**
     * Heap bytes that requests being decoded may hold at once, and separately statements being
     * planned; default a quarter of the maximum heap each.
     */
    public Builder memoryBudget(long bytes) {
      if (bytes < 1 << 20) {
        throw new IllegalArgumentException("memory budget must be at least 1 MiB: " + bytes);
      }
      this.memoryBudget = bytes;
      return this;
    }

    long memoryBudget() {
      return memoryBudget > 0 ? memoryBudget : Runtime.getRuntime().maxMemory() / 4;
    }

    /** A connection unused for this long is closed; default 10 minutes. */
    /**
     * How long a connection may hold an open transaction without running a statement before the
     * server rolls it back and closes the session (default 60 s).
     */
    public Builder idleInTransactionTimeout(Duration timeout) {
      if (timeout.compareTo(Duration.ofMillis(100)) < 0) {
        throw new IllegalArgumentException("idle-in-transaction timeout must be at least 100 ms");
      }
      this.idleInTransactionTimeout = timeout;
      return this;
    }

    public Builder idleTimeout(Duration timeout) {
      if (timeout.toSeconds() < 1) {
        throw new IllegalArgumentException("idle timeout must be at least 1 second");
      }
      this.idleTimeout = timeout;
      return this;
    }

    /**
     * The operator's properties plus the settings of Avatica's connection cache: no size limit
     * (admission enforces the limits, so the cache never evicts an open connection to make room)
     * and the idle timeout.
     */
    Properties metaProperties() {
      Properties p = new Properties();
      p.putAll(properties);
      p.setProperty("avatica.connectioncache.maxcapacity", Integer.toString(Integer.MAX_VALUE));
      p.setProperty(
          "avatica.connectioncache.expiryduration", Long.toString(idleTimeout.toSeconds()));
      p.setProperty("avatica.connectioncache.expiryunit", "SECONDS");
      return p;
    }

    /** How long a DIGEST nonce is valid; default 5 minutes. */
    public Builder nonceLifetime(Duration lifetime) {
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new IllegalArgumentException("nonce lifetime must be positive");
      }
      this.nonceLifetime = lifetime;
      return this;
    }

    /** Warnings about this configuration, e.g. BASIC without TLS on a network address. */
    List<String> warnings() {
      List<String> out = new ArrayList<>();
      if (!loopback() && auth == Auth.BASIC && keystore == null) {
        out.add(
            "BASIC authentication without TLS on "
                + bind
                + " sends passwords in clear text over the network; add --tls-keystore");
      }
      return out;
    }

    boolean loopback() {
      try {
        return InetAddress.getByName(bind).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }

    /** The host clients are told to use. */
    String urlHost() {
      try {
        InetAddress a = InetAddress.getByName(bind);
        if (a.isLoopbackAddress() || a.isAnyLocalAddress()) {
          return "localhost";
        }
        return a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
      } catch (UnknownHostException e) {
        return bind;
      }
    }

    /** Serves {@code jdbc:veles:path=DIR}. */
    public Builder path(Path dir) {
      this.url = "jdbc:veles:path=" + dir.toAbsolutePath();
      return this;
    }

    /** Serves any JDBC URL (tests use {@code jdbc:calcite:}). */
    public Builder url(String jdbcUrl) {
      this.url = Objects.requireNonNull(jdbcUrl, "url");
      return this;
    }

    /** A property of the embedded connection, set by the operator (clients cannot override). */
    public Builder property(String key, String value) {
      properties.setProperty(key, value);
      return this;
    }

    /** The TCP port; 0 picks a free one. Default 8765. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range 0..65535: " + port);
      }
      this.port = port;
      return this;
    }

    /** Wire format; default protobuf. */
    public Builder serialization(Serialization serialization) {
      this.serialization = Objects.requireNonNull(serialization);
      return this;
    }

    /**
     * HTTP authentication against a user file ({@link UserFile}: {@code user: verifier,role...}).
     */
    public Builder authentication(Auth auth, Path usersFile) {
      this.auth = Objects.requireNonNull(auth);
      this.usersFile = auth == Auth.NONE ? null : Objects.requireNonNull(usersFile, "usersFile");
      return this;
    }

    /** Serves HTTPS with the key in a JKS or PKCS12 keystore. */
    public Builder tls(Path keystore, String password) {
      this.keystore = Objects.requireNonNull(keystore, "keystore");
      this.keystorePassword = Objects.requireNonNull(password, "password");
      return this;
    }

    /** The largest request body accepted; larger ones get HTTP 413. */
    public Builder maxRequestBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("max request bytes must be positive: " + bytes);
      }
      this.maxRequestBytes = bytes;
      return this;
    }

    /**
     * Opens the database and starts listening.
     *
     * @throws SQLException if the database cannot be opened
     * @throws IOException if the users file or keystore cannot be read
     */
    public VelesServer start() throws SQLException, IOException {
      if (url == null) {
        throw new IllegalStateException("set path(...) or url(...) before start()");
      }
      if (!loopback() && auth == Auth.NONE && !insecure) {
        throw new IllegalStateException(
            "refusing to listen on "
                + bind
                + " without authentication: anyone who can reach it could read and change the"
                + " database; add --auth basic|digest --users FILE, or --insecure to accept that");
      }
      return new VelesServer(this);
    }
  }
}

package dev.veles.server;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystemConfiguration;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.apache.calcite.avatica.server.HandlerFactory;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.MetricsAwareAvaticaHandler;
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
 * <p>Requests pass through, in order: TLS (optional), BASIC/DIGEST authentication (optional, 401
 * before anything else), the request size limit (413), then Avatica's handler over {@link
 * VelesMeta}, which rejects class- and file-bearing connection properties and repairs vector
 * values.
 *
 * <p>Thread-safe. Owns the HTTP server, the embedded connections and one anchor connection that
 * keeps the database open between clients; {@link #close()} stops accepting requests, flushes a
 * {@code jdbc:veles:} database ({@code CALL flush()}) and closes everything. Close is idempotent.
 */
public final class VelesServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VelesServer.class);

  /** Default cap on one request body: 64 MiB, about 40k vectors of 384 floats in JSON. */
  public static final long DEFAULT_MAX_REQUEST_BYTES = 64L << 20;

  private final Builder config;
  private final VelesMeta meta;
  private final Connection anchor;
  private final HttpServer http;
  private boolean closed;

  private VelesServer(Builder config) throws SQLException, IOException {
    this.config = config;
    this.anchor = DriverManager.getConnection(config.url, config.properties);
    try {
      this.meta = new VelesMeta(config.url, config.properties, ConnectionPropertyPolicy.standard());
      this.http = buildHttp(config, meta);
      http.start();
    } catch (SQLException | IOException | RuntimeException e) {
      anchor.close();
      throw e;
    }
  }

  /** Returns a builder; {@link Builder#path} or {@link Builder#url} is required. */
  public static Builder builder() {
    return new Builder();
  }

  private static HttpServer buildHttp(Builder config, VelesMeta meta) throws IOException {
    LocalService service = new VelesService(meta);
    AvaticaHandler avatica =
        new HandlerFactory()
            .getHandler(
                service, config.serialization, NoopMetricsSystemConfiguration.getInstance());
    AvaticaHandler handler =
        new RequestSizeLimit((MetricsAwareAvaticaHandler) avatica, config.maxRequestBytes);
    HttpServer.Builder<Object> b = HttpServer.Builder.newBuilder();
    b.withPort(config.port).withHandler(handler);
    if (config.auth != Auth.NONE) {
      String users = config.usersFile.toAbsolutePath().toString();
      if (!Files.isReadable(config.usersFile)) {
        throw new IOException("users file is not readable: " + users);
      }
      if (config.auth == Auth.BASIC) {
        b.withBasicAuthentication(users, config.roles);
      } else {
        b.withDigestAuthentication(users, config.roles);
      }
    }
    if (config.keystore != null) {
      File ks = config.keystore.toFile();
      b.withTLS(ks, config.keystorePassword, ks, config.keystorePassword, keystoreType(config));
    }
    return b.build();
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

  /** The port the server listens on (the ephemeral one when built with port 0). */
  public int port() {
    return http.getPort();
  }

  /** The URL of the embedded database the server serves. */
  public String embeddedUrl() {
    return config.url;
  }

  /** The HTTP(S) address clients post to. */
  public String httpUrl() {
    return (config.keystore != null ? "https" : "http") + "://localhost:" + port();
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
    try {
      http.stop();
    } catch (RuntimeException e) {
      LOG.warn("stopping the HTTP server failed", e);
    }
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
    private String[] roles = {"**"};
    private Path keystore;
    private String keystorePassword;
    private long maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;

    private Builder() {}

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
     * HTTP authentication against a users file in Jetty realm format ({@code user: password[,role
     * ...]}).
     *
     * @param roles roles allowed in; none means any authenticated user
     */
    public Builder authentication(Auth auth, Path usersFile, String... roles) {
      this.auth = Objects.requireNonNull(auth);
      this.usersFile = auth == Auth.NONE ? null : Objects.requireNonNull(usersFile, "usersFile");
      this.roles = roles.length == 0 ? new String[] {"**"} : roles.clone();
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
      return new VelesServer(this);
    }
  }
}

package dev.veles.jdbc.remote;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Logger;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ConnectStringParser;

/**
 * The JDBC driver for Veles servers: {@code jdbc:veles:url=http(s)://host:port[;key=value...]} (see
 * {@link RemoteProperty}). It speaks Avatica protobuf (or JSON) like Avatica's own client, with
 * vectors sent packed, executions without the resent signature, and the driver's own HTTP transport
 * with per-request timeouts ({@link ServerLink}). Other {@code jdbc:veles:} URLs ({@code path=},
 * the embedded database) are not this driver's: it returns null for them, and the full driver
 * handles them.
 *
 * <p>Registered with {@link DriverManager} through {@code META-INF/services}. Thread-safe.
 */
public final class VelesRemoteDriver implements Driver {
  public static final String PREFIX = "jdbc:veles:";

  private static final ClientDriver CLIENT = new ClientDriver();

  static {
    try {
      DriverManager.registerDriver(new VelesRemoteDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  public VelesRemoteDriver() {}

  /** True for {@code jdbc:veles:} URLs that name a server ({@code url=}). */
  @Override
  public boolean acceptsURL(String url) {
    return url != null
        && url.startsWith(PREFIX)
        && RemoteProperty.URL.get(parse(url, new Properties())) != null;
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (url == null || !url.startsWith(PREFIX)) {
      return null;
    }
    Properties given = parse(url, info);
    if (RemoteProperty.URL.get(given) == null) {
      return null; // an embedded database (path=) or nothing: not a server
    }
    return open(given);
  }

  private static Properties parse(String url, Properties info) {
    try {
      return ConnectStringParser.parse(url.substring(PREFIX.length()), info);
    } catch (SQLException e) {
      return new Properties(); // not a URL this driver reads; the full driver reports it
    }
  }

  /**
   * Opens a connection to the server named by {@code props}' {@code url}.
   *
   * @throws SQLException 08001 if the server cannot be reached or refuses the session, 28000 if it
   *     refuses the credentials, or the server's own state
   */
  public static Connection open(Properties props) throws SQLException {
    for (String key : props.stringPropertyNames()) {
      if (key.equalsIgnoreCase("path")) {
        throw RemoteSqlState.CANNOT_CONNECT.exception(
            "give either path (embedded) or url (a server), not both", null);
      }
    }
    String url = RemoteProperty.URL.get(props).trim();
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      throw RemoteSqlState.CANNOT_CONNECT.exception(
          "url must be an http:// or https:// address of a Veles server, got '" + url + "'", null);
    }
    Properties avatica = new Properties();
    avatica.setProperty("serialization", "protobuf");
    for (String key : props.stringPropertyNames()) {
      if (!RemoteProperty.URL.named(key)
          && !RemoteProperty.CONNECT_TIMEOUT.named(key)
          && !RemoteProperty.SOCKET_TIMEOUT.named(key)) {
        avatica.setProperty(key.toLowerCase(Locale.ROOT), props.getProperty(key));
      }
    }
    avatica.setProperty("url", url);
    avatica.setProperty(
        "http_connection_timeout", String.valueOf(RemoteProperty.CONNECT_TIMEOUT.millis(props)));
    avatica.setProperty(
        "http_response_timeout", String.valueOf(RemoteProperty.SOCKET_TIMEOUT.millis(props)));
    // Avatica builds the connection's service from this factory (see RemoteServiceFactory).
    avatica.setProperty("factory", RemoteServiceFactory.class.getName());
    Connection c;
    try {
      c = CLIENT.connect(ClientDriver.PREFIX, avatica);
    } catch (SQLException | RuntimeException e) {
      throw connectFailure(url, e);
    }
    if (!(c instanceof AvaticaConnection a) || !(a.getService() instanceof LinkedService s)) {
      if (c != null) {
        c.close();
      }
      throw RemoteSqlState.INTERNAL_ERROR.exception(
          "Avatica did not use the client's service", null);
    }
    return new RemoteConnection(a, s);
  }

  private static SQLException connectFailure(String url, Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RemoteFailure f) {
        return f.state()
            .exception("cannot connect to " + url + ": " + f.getMessage(), f.getCause());
      }
    }
    if (e instanceof SQLException s && s.getSQLState() != null) {
      return s; // the server's refusal, with its state
    }
    String state =
        e instanceof org.apache.calcite.avatica.AvaticaClientRuntimeException a
            ? a.getSqlState()
            : null;
    String message = "cannot connect to " + url + ": " + e.getMessage();
    return state != null && !state.equals("00000")
        ? new SQLException(message, state, e)
        : RemoteSqlState.CANNOT_CONNECT.exception(message, e);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    Properties given = url == null ? new Properties() : parse(url, info);
    RemoteProperty[] all = RemoteProperty.values();
    DriverPropertyInfo[] out = new DriverPropertyInfo[all.length];
    for (int i = 0; i < all.length; i++) {
      RemoteProperty p = all[i];
      out[i] = new DriverPropertyInfo(p.key(), p.get(given));
      out[i].description = p.description();
      out[i].required = p == RemoteProperty.URL;
    }
    return out;
  }

  @Override
  public int getMajorVersion() {
    return 0;
  }

  @Override
  public int getMinorVersion() {
    return 1;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no java.util.logging logger", "0A000");
  }
}

package dev.veles.jdbc.remote;

import java.util.Locale;
import java.util.Properties;

/**
 * The connection properties of {@code jdbc:veles:url=...} URLs that the remote client reads, given
 * in the URL ({@code jdbc:veles:url=http://h:8765;socket_timeout=60000}) or as {@link Properties}.
 * Avatica's names for the two timeouts are honoured too; any other property is sent to the server
 * as a connection property (the server decides which it accepts).
 */
public enum RemoteProperty {
  URL("url", null, null, "Address of a Veles server: http://host:port or https://host:port."),
  CONNECT_TIMEOUT(
      "connect_timeout",
      "http_connection_timeout",
      "10000",
      "Milliseconds to open a socket: the TCP connect, and again the TLS handshake. 0: no limit."),
  SOCKET_TIMEOUT(
      "socket_timeout",
      "http_response_timeout",
      "1800000",
      "Milliseconds to wait for the server's reply to a statement that has no query timeout"
          + " (Statement.setQueryTimeout replaces it for that statement); other requests wait at"
          + " most 60000 or this if less. 0: no limit. On expiry the connection breaks (08006)."),
  SERIALIZATION("serialization", null, "protobuf", "Avatica wire format: protobuf or json."),
  AUTHENTICATION("authentication", null, null, "BASIC or DIGEST, as the server requires."),
  AVATICA_USER("avatica_user", null, null, "User for BASIC or DIGEST authentication."),
  AVATICA_PASSWORD("avatica_password", null, null, "Password for BASIC or DIGEST authentication."),
  TRUSTSTORE("truststore", null, null, "Truststore file (PKCS12 or JKS) for https:// servers."),
  TRUSTSTORE_PASSWORD("truststore_password", null, null, "Password of the truststore."),
  KEYSTORE("keystore", null, null, "Keystore file with a client certificate (mutual TLS)."),
  KEYSTORE_PASSWORD("keystore_password", null, null, "Password of the keystore."),
  KEY_PASSWORD("key_password", null, null, "Password of the key in the keystore."),
  HOSTNAME_VERIFICATION(
      "hostname_verification",
      null,
      "STRICT",
      "STRICT checks that the server's certificate names its host; NONE does not (tests only)."),
  HTTPCLIENT_IMPL(
      "httpclient_impl",
      null,
      null,
      "Another Avatica HTTP client class to send requests with; its own timeouts apply.");

  private final String key;
  private final String alias;
  private final String defaultValue;
  private final String description;

  RemoteProperty(String key, String alias, String defaultValue, String description) {
    this.key = key;
    this.alias = alias;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() {
    return key;
  }

  /** Avatica's name for the same setting, or null. */
  public String alias() {
    return alias;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /**
   * The value in {@code props} (this name first, then the alias, ignoring case), or the default.
   */
  public String get(Properties props) {
    String v = find(props, key);
    if (v == null && alias != null) {
      v = find(props, alias);
    }
    return v != null ? v : defaultValue;
  }

  /** Whether {@code name} is this property's name or alias, ignoring case. */
  public boolean named(String name) {
    return key.equalsIgnoreCase(name) || (alias != null && alias.equalsIgnoreCase(name));
  }

  /** A non-negative number of milliseconds, refused with 08001 otherwise. */
  int millis(Properties props) throws java.sql.SQLException {
    String v = get(props).trim();
    try {
      long ms = Long.parseLong(v);
      if (ms >= 0 && ms <= Integer.MAX_VALUE) {
        return (int) ms;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw RemoteSqlState.CANNOT_CONNECT.exception(
        key + " must be a number of milliseconds (0 for no limit), got '" + v + "'", null);
  }

  private static String find(Properties props, String name) {
    String v = props.getProperty(name);
    if (v == null) {
      for (String n : props.stringPropertyNames()) {
        if (n.toLowerCase(Locale.ROOT).equals(name)) {
          return props.getProperty(n);
        }
      }
    }
    return v;
  }
}

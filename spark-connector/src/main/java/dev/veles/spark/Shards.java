package dev.veles.spark;

import dev.veles.jdbc.remote.RemoteProperty;
import dev.veles.jdbc.remote.VelesRemoteDriver;
import java.io.Serial;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The servers of a Veles cluster, one shard each, in a fixed order (the order is part of the hash
 * rule: shard {@code i} is the {@code i}-th URL), with the connection properties used for all of
 * them (authentication, TLS, timeouts). Immutable and serializable: the driver plans with it and
 * ships it to the executors, which open their own connections.
 */
final class Shards implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  /** The catalog option naming the servers: comma-separated {@code http(s)://host:port}. */
  static final String SHARDS_OPTION = "shards";

  private final List<String> urls;
  private final Map<String, String> properties;

  private Shards(List<String> urls, Map<String, String> properties) {
    this.urls = List.copyOf(urls);
    this.properties = Map.copyOf(properties);
  }

  /**
   * The shards named by the catalog options: {@code shards} and any {@link RemoteProperty} ({@code
   * authentication}, {@code avatica_user}, {@code truststore}, {@code socket_timeout}, ...).
   *
   * @throws IllegalArgumentException if {@code shards} is missing or an option is unknown
   */
  static Shards fromOptions(Map<String, String> options) {
    String list = options.get(SHARDS_OPTION);
    if (list == null || list.isBlank()) {
      throw new IllegalArgumentException(
          "the Veles catalog needs the option 'shards': the comma-separated http(s):// addresses of"
              + " its servers, e.g. spark.sql.catalog.veles.shards=http://h1:8765,http://h2:8765");
    }
    List<String> urls = new ArrayList<>();
    for (String url : list.split(",")) {
      if (!url.isBlank()) {
        urls.add(url.trim());
      }
    }
    Map<String, String> props = new java.util.TreeMap<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String key = e.getKey().toLowerCase(Locale.ROOT);
      if (isConnectionProperty(key)) {
        props.put(key, e.getValue());
      }
    }
    return new Shards(urls, props);
  }

  private static boolean isConnectionProperty(String key) {
    for (RemoteProperty p : RemoteProperty.values()) {
      if (p != RemoteProperty.URL && p.named(key)) {
        return true;
      }
    }
    return false;
  }

  int count() {
    return urls.size();
  }

  String url(int shard) {
    return urls.get(shard);
  }

  /** How errors name a shard: {@code shard 2 of 3 (http://h2:8765)}. */
  String describe(int shard) {
    return "shard " + shard + " of " + urls.size() + " (" + urls.get(shard) + ")";
  }

  /**
   * Opens a connection to one shard, in auto-commit mode. The caller closes it.
   *
   * @throws SQLException naming the shard if it cannot be reached
   */
  Connection connect(int shard) throws SQLException {
    Properties p = new Properties();
    p.putAll(properties);
    p.setProperty(RemoteProperty.URL.key(), urls.get(shard));
    try {
      return VelesRemoteDriver.open(p);
    } catch (SQLException e) {
      throw failure(shard, "connect", e);
    }
  }

  /** An SQLException whose message names the shard and what was being done, keeping the state. */
  SQLException failure(int shard, String doing, SQLException cause) {
    String message = describe(shard) + ": cannot " + doing + ": " + cause.getMessage();
    if (cause.getMessage() != null && cause.getMessage().startsWith(describe(shard))) {
      return cause;
    }
    return new SQLException(message, cause.getSQLState(), cause.getErrorCode(), cause);
  }
}

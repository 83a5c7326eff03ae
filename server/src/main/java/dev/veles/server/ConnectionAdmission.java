package dev.veles.server;

import dev.veles.calcite.Access;
import dev.veles.calcite.VelesCalcite;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * Decides whether a remote connection may open and what it may do: the connection limits (in total
 * and per client address; a newcomer over a limit is refused with 53300, nobody is evicted) and the
 * authenticated user's role, applied to the embedded connection as its {@link Access}.
 *
 * <p>{@link OpenConnectionPeek} sees who sends a request and from where and, for an {@code
 * openConnection}, which connection id it opens: it {@link #expect}s that id for the duration of
 * the request. {@link VelesMeta#openConnection} then {@link #admit}s it. A connection opened
 * without an expectation counts under the address {@code "unknown"} and, on a server with
 * authentication, gets {@link Access#READ} (fail closed); without authentication every connection
 * gets {@link Access#ADMIN}, as an embedded one. Connections that Avatica's cache expired (idle
 * longer than the server's idle timeout) stop counting at the next admission.
 *
 * <p>Thread-safe.
 */
final class ConnectionAdmission {
  /** The server-internal property carrying the access to {@link #createConnection}. */
  static final String ACCESS_PROPERTY = "veles.server.access";

  /** SQLSTATE "too many connections". */
  static final String TOO_MANY_CONNECTIONS = "53300";

  private final boolean authenticated;
  private final int maxTotal;
  private final int maxPerAddress;
  private final Map<String, Expected> expected = new ConcurrentHashMap<>();

  /** Open connections by id, with the address that opened them; guarded by {@code this}. */
  private final Map<String, String> open = new HashMap<>();

  private record Expected(Role role, String address) {}

  ConnectionAdmission(boolean authenticated, int maxTotal, int maxPerAddress) {
    if (maxTotal < 1 || maxPerAddress < 1) {
      throw new IllegalArgumentException("connection limits must be at least 1");
    }
    this.authenticated = authenticated;
    this.maxTotal = maxTotal;
    this.maxPerAddress = maxPerAddress;
  }

  /** Expects {@code connectionId} to be opened from {@code address} by a user with {@code role}. */
  void expect(String connectionId, Role role, String address) {
    expected.put(connectionId, new Expected(role, address));
  }

  /** Ends an expectation (the request that announced it is over). */
  void forget(String connectionId) {
    expected.remove(connectionId);
  }

  /**
   * Admits a connection or refuses it with 53300, and adds its access to the properties of its
   * embedded connection.
   *
   * @param alive whether a connection id counted earlier is still open (Avatica's cache)
   */
  synchronized Map<String, String> admit(
      String connectionId, Map<String, String> properties, Predicate<String> alive) {
    Expected e = expected.remove(connectionId);
    String address = e == null ? "unknown" : e.address();
    open.keySet().removeIf(id -> !alive.test(id));
    if (open.size() >= maxTotal) {
      throw tooMany("the server has its limit of " + maxTotal + " open connections");
    }
    long mine = open.values().stream().filter(address::equals).count();
    if (mine >= maxPerAddress) {
      throw tooMany(
          "client address " + address + " has its limit of " + maxPerAddress + " open connections");
    }
    open.put(connectionId, address);
    properties.put(ACCESS_PROPERTY, access(e).name());
    return properties;
  }

  /** A connection closed (or failed to open). */
  synchronized void closed(String connectionId) {
    open.remove(connectionId);
  }

  private Access access(Expected e) {
    if (!authenticated) {
      return Access.ADMIN;
    }
    if (e == null || e.role() == null) {
      return Access.READ;
    }
    return switch (e.role()) {
      case READ -> Access.READ;
      case WRITE -> Access.WRITE;
      case ADMIN -> Access.ADMIN;
    };
  }

  private static AvaticaRuntimeException tooMany(String why) {
    return new AvaticaRuntimeException(
        "too many connections: "
            + why
            + "; close unused connections or retry later (veles server --max-connections)",
        0,
        TOO_MANY_CONNECTIONS,
        AvaticaSeverity.ERROR);
  }

  /**
   * Creates an embedded connection and restricts it to the access in {@code info} (removed from
   * {@code info} first, so the driver never sees it; missing means read access).
   */
  static Connection createConnection(Properties info, ConnectionFactory factory)
      throws SQLException {
    Object a = info.remove(ACCESS_PROPERTY);
    Access access = a == null ? Access.READ : Access.valueOf(a.toString());
    Connection c = factory.create(info);
    if (access != Access.ADMIN && c.isWrapperFor(CalciteConnection.class)) {
      VelesCalcite.restrict(c.unwrap(CalciteConnection.class).getRootSchema(), access);
    }
    return c;
  }

  /** Opens the embedded connection. */
  @FunctionalInterface
  interface ConnectionFactory {
    Connection create(Properties info) throws SQLException;
  }
}

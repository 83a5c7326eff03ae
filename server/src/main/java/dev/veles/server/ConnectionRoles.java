package dev.veles.server;

import dev.veles.calcite.Access;
import dev.veles.calcite.VelesCalcite;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * Carries an authenticated user's role from the HTTP layer to the connection their {@code
 * openConnection} request creates, and applies it there as the connection's {@link Access}.
 *
 * <p>{@link RoleHandler} sees who sent a request and, for an {@code openConnection}, which
 * connection id it opens: it {@link #expect}s that id with the user's role for the duration of the
 * request. {@link VelesMeta#openConnection} then {@link #take}s it; a connection opened without an
 * expectation on a server with authentication gets {@link Access#READ} (fail closed), one on a
 * server without authentication {@link Access#ADMIN} (as an embedded connection).
 *
 * <p>Thread-safe.
 */
final class ConnectionRoles {
  /** The server-internal property carrying the access to {@link #createConnection}. */
  static final String ACCESS_PROPERTY = "veles.server.access";

  private final boolean authenticated;
  private final Map<String, Access> expected = new ConcurrentHashMap<>();

  ConnectionRoles(boolean authenticated) {
    this.authenticated = authenticated;
  }

  /** Expects {@code connectionId} to be opened by a user with {@code role}. */
  void expect(String connectionId, Role role) {
    expected.put(connectionId, access(role));
  }

  /** Ends an expectation (the request that announced it is over). */
  void forget(String connectionId) {
    expected.remove(connectionId);
  }

  /** The access for a connection being opened; consumes the expectation. */
  Access take(String connectionId) {
    Access a = expected.remove(connectionId);
    if (a != null) {
      return a;
    }
    return authenticated ? Access.READ : Access.ADMIN;
  }

  /** Adds the access for {@code connectionId} to the properties of its embedded connection. */
  Map<String, String> withAccess(String connectionId, Map<String, String> properties) {
    properties.put(ACCESS_PROPERTY, take(connectionId).name());
    return properties;
  }

  /**
   * Creates an embedded connection and restricts it to the access in {@code info} (removed from
   * {@code info} first, so the driver never sees it).
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

  private static Access access(Role role) {
    return switch (role) {
      case READ -> Access.READ;
      case WRITE -> Access.WRITE;
      case ADMIN -> Access.ADMIN;
    };
  }
}

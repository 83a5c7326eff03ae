package dev.veles.server;

import dev.veles.jdbc.forwarding.ForwardingConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * The embedded connection as Avatica's {@code JdbcMeta} sees it: statements and result sets that
 * let Avatica carry vector ({@code REAL ARRAY}) values in both directions without changing Avatica.
 *
 * <p>Two defects are repaired where the server touches JDBC:
 *
 * <ul>
 *   <li>Results: Avatica serialises an {@code ARRAY} column through {@link
 *       java.sql.Array#getResultSet()} and reads its column 2, but Calcite's array returns a
 *       one-column result set ("invalid column ordinal: 2"). {@link ServerResultSet} hands out a
 *       {@link VectorArray}, which makes Avatica fall back to {@link java.sql.Array#getArray()}.
 *   <li>Parameters: Avatica binds an array parameter as its own {@code ArrayImpl}, as a list of
 *       {@code BigDecimal} (JSON) or as a packed vector ({@code VectorWire}), where Calcite expects
 *       a list of the component class. {@link ServerPreparedStatement} converts them.
 * </ul>
 *
 * <p>As thread-safe as the wrapped connection; holds nothing but it. Closing this closes it.
 */
final class ServerConnection extends ForwardingConnection {
  ServerConnection(Connection target) {
    super(target);
  }

  @Override
  protected Statement wrap(Statement s) {
    return s == null ? null : new ServerStatement(s, this);
  }

  @Override
  protected PreparedStatement wrap(PreparedStatement s) {
    return s == null ? null : new ServerPreparedStatement(s, this);
  }
}

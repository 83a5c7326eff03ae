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
 * <p>Every statement gets the server's statement timeout (57014 when a statement runs longer).
 *
 * <p>As thread-safe as the wrapped connection; holds nothing but it. Closing this closes it.
 */
final class ServerConnection extends ForwardingConnection {
  private final int statementTimeoutSeconds;

  /**
   * @param statementTimeoutSeconds the query timeout of every statement (the server's {@code
   *     --statement-timeout}; Avatica's protocol does not carry a client's), 0 for none
   */
  ServerConnection(Connection target, int statementTimeoutSeconds) {
    super(target);
    this.statementTimeoutSeconds = statementTimeoutSeconds;
  }

  @Override
  protected Statement wrap(Statement s) {
    return s == null ? null : new ServerStatement(timed(s), this);
  }

  @Override
  protected PreparedStatement wrap(PreparedStatement s) {
    return s == null ? null : new ServerPreparedStatement(timed(s), this);
  }

  private <S extends Statement> S timed(S s) {
    if (statementTimeoutSeconds > 0) {
      try {
        s.setQueryTimeout(statementTimeoutSeconds);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("cannot set the statement timeout", e);
      }
    }
    return s;
  }
}

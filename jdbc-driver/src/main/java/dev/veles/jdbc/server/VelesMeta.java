package dev.veles.jdbc.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * The server's {@link JdbcMeta}: one embedded connection per remote connection, with the vector
 * repairs of {@link VectorJdbc} and the property rules of {@link ConnectionPropertyPolicy}.
 *
 * <p>Thread-safe as {@link JdbcMeta} is: Avatica serves requests of different connections in
 * parallel. Owns the embedded connections it opens; {@link #closeAll()} closes them.
 */
public class VelesMeta extends JdbcMeta {
  /** SQLSTATE of a rejected connection attempt: "SQL-server rejected establishment". */
  static final String SQLSTATE_REJECTED = "08004";

  private final ConnectionPropertyPolicy policy;

  /**
   * Creates a meta over a JDBC URL.
   *
   * @param url the embedded URL, e.g. {@code jdbc:veles:path=/data}
   * @param serverProperties properties the operator set; the client cannot override the rejected
   *     ones
   */
  public VelesMeta(String url, Properties serverProperties, ConnectionPropertyPolicy policy)
      throws SQLException {
    super(url, serverProperties);
    this.policy = policy;
  }

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    Map<String, String> allowed;
    try {
      allowed = policy.filter(info);
    } catch (ConnectionPropertyPolicy.ForbiddenPropertyException e) {
      throw new AvaticaRuntimeException(
          e.getMessage(), 0, SQLSTATE_REJECTED, AvaticaSeverity.ERROR);
    }
    super.openConnection(ch, allowed);
  }

  @Override
  protected Connection createConnection(String url, Properties info) throws SQLException {
    return VectorJdbc.wrap(super.createConnection(url, info));
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    StatementHandle h = super.prepare(ch, sql, maxRowCount);
    VectorSignatures.patch(h.signature);
    return h;
  }

  @Override
  public ExecuteResult prepareAndExecute(
      StatementHandle h,
      String sql,
      long maxRowCount,
      int maxRowsInFirstFrame,
      PrepareCallback callback)
      throws NoSuchStatementException {
    return VectorSignatures.patch(
        super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback));
  }

  @Override
  public ExecuteResult execute(
      StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    ExecuteResult result = super.execute(h, parameterValues, maxRowsInFirstFrame);
    VectorSignatures.patch(h.signature);
    return VectorSignatures.patch(result);
  }

  /** Number of open statements (tests check that refused requests created none). */
  long statementCount() {
    getStatementCache().cleanUp();
    return getStatementCache().size();
  }

  /** Closes every embedded connection still open (server shutdown). */
  public void closeAll() {
    getStatementCache().invalidateAll();
    getConnectionCache().invalidateAll();
    getStatementCache().cleanUp();
    getConnectionCache().cleanUp();
  }
}

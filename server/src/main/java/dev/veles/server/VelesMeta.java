package dev.veles.server;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.StatementInfo;
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
  private final ConnectionAdmission roles;
  private final StatementLimit statementLimit;

  /**
   * Signatures of prepared statements by statement id, for executions that arrive without one: the
   * Veles driver leaves the signature out of its execute requests (see {@link VelesService}).
   * Statement ids are unique across the connections of one meta.
   */
  private final Map<Integer, Prepared> signatures = new ConcurrentHashMap<>();

  /** At most this many signatures are kept; see {@link #prepare}. */
  private static final int MAX_SIGNATURES = 100_000;

  /** A prepared statement's signature and its connection. */
  private record Prepared(String connectionId, Signature signature) {}

  /**
   * Creates a meta over a JDBC URL.
   *
   * @param url the embedded URL, e.g. {@code jdbc:veles:path=/data}
   * @param serverProperties properties the operator set; the client cannot override the rejected
   *     ones
   */
  public VelesMeta(String url, Properties serverProperties, ConnectionPropertyPolicy policy)
      throws SQLException {
    this(
        url,
        serverProperties,
        policy,
        new ConnectionAdmission(false, 1000, 1000),
        new StatementLimit(StatementLimit.DEFAULT_MAX_CHARS));
  }

  /** As above, with connection limits and the users' roles applied to their connections. */
  VelesMeta(
      String url,
      Properties serverProperties,
      ConnectionPropertyPolicy policy,
      ConnectionAdmission roles,
      StatementLimit statementLimit)
      throws SQLException {
    super(url, serverProperties);
    this.policy = policy;
    this.roles = roles;
    this.statementLimit = statementLimit;
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
    Map<String, String> admitted =
        roles.admit(ch.id, allowed, id -> getConnectionCache().getIfPresent(id) != null);
    try {
      super.openConnection(ch, admitted);
    } catch (RuntimeException e) {
      roles.closed(ch.id);
      throw e;
    }
  }

  @Override
  protected Connection createConnection(String url, Properties info) throws SQLException {
    return VectorJdbc.wrap(
        ConnectionAdmission.createConnection(info, p -> super.createConnection(url, p)));
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    statementLimit.check(sql);
    StatementHandle h = super.prepare(ch, sql, maxRowCount);
    VectorSignatures.patch(h.signature);
    if (signatures.size() >= MAX_SIGNATURES) {
      // Statements of clients that vanished without closing them; whatever is still in use is
      // recomputed from its statement on its next execution.
      signatures.clear();
    }
    signatures.put(h.id, new Prepared(ch.id, h.signature));
    return h;
  }

  @Override
  public void closeStatement(StatementHandle h) {
    signatures.remove(h.id);
    super.closeStatement(h);
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    signatures.values().removeIf(p -> p.connectionId.equals(ch.id));
    roles.closed(ch.id);
    super.closeConnection(ch);
  }

  @Override
  public ExecuteResult prepareAndExecute(
      StatementHandle h,
      String sql,
      long maxRowCount,
      int maxRowsInFirstFrame,
      PrepareCallback callback)
      throws NoSuchStatementException {
    statementLimit.check(sql);
    return VectorSignatures.patch(
        super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback));
  }

  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
      throws NoSuchStatementException {
    statementLimit.check(sqlCommands);
    return super.prepareAndExecuteBatch(h, sqlCommands);
  }

  @Override
  public ExecuteResult execute(
      StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    if (h.signature == null) {
      h.signature = signature(h);
    }
    ExecuteResult result = super.execute(h, parameterValues, maxRowsInFirstFrame);
    VectorSignatures.patch(h.signature);
    return VectorSignatures.patch(result);
  }

  /**
   * The signature of a prepared statement: the one kept from {@link #prepare}, else (after the map
   * was cleared) one rebuilt from the statement's metadata.
   */
  private Signature signature(StatementHandle h) throws NoSuchStatementException {
    Prepared p = signatures.get(h.id);
    if (p != null) {
      return p.signature;
    }
    StatementInfo info = getStatementCache().getIfPresent(h.id);
    if (info == null || !(statementOf(info) instanceof PreparedStatement ps)) {
      throw new NoSuchStatementException(h);
    }
    try {
      Signature s =
          signature(ps.getMetaData(), ps.getParameterMetaData(), null, StatementType.SELECT);
      VectorSignatures.patch(s);
      signatures.put(h.id, new Prepared(h.connectionId, s));
      return s;
    } catch (SQLException e) {
      throw new RuntimeException(e);
    }
  }

  /** Avatica keeps a statement in a package-private field of {@link StatementInfo}. */
  private static final Field STATEMENT_FIELD = statementField();

  private static Field statementField() {
    try {
      Field f = StatementInfo.class.getDeclaredField("statement");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static Statement statementOf(StatementInfo info) {
    try {
      return (Statement) STATEMENT_FIELD.get(info);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Drops the kept signatures, as when the map overflows (tests). */
  void forgetSignatures() {
    signatures.clear();
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

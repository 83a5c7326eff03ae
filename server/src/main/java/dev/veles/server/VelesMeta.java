package dev.veles.server;

import dev.veles.calcite.TxContext;
import dev.veles.calcite.VelesCalcite;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.AvaticaUtils;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * The server's {@link JdbcMeta}: one embedded connection per remote connection, seen through {@link
 * ServerConnection} (the vector repairs), with the property rules of {@link
 * ConnectionPropertyPolicy} and the signatures of prepared statements kept for executions that
 * arrive without one.
 *
 * <p>Thread-safe as {@link JdbcMeta} is: Avatica serves requests of different connections in
 * parallel. Owns the embedded connections it opens; {@link #closeAll()} closes them.
 */
public class VelesMeta extends JdbcMeta {
  /** SQLSTATE of a rejected connection attempt: "SQL-server rejected establishment". */
  static final String SQLSTATE_REJECTED = "08004";

  /** The prefix of the meta's own settings, which are not properties of a connection. */
  private static final String AVATICA_SETTINGS = "avatica.";

  private final ConnectionPropertyPolicy policy;
  private final ConnectionAdmission roles;
  private final StatementLimit statementLimit;
  private final MemoryBudget planning;
  private final int statementTimeoutSeconds;

  /**
   * Heap bytes that parsing and planning cost per character of statement text, at most: a
   * 200,000-element ARRAY literal of 1 Mi characters took 0.9 GB of heap (measured, -Xmx1g).
   */
  static final int PLANNED_PER_CHAR = 1024;

  /** Statements shorter than this plan without a reservation (at most 4 MB each). */
  static final int UNRESERVED_CHARS = 4096;

  /**
   * Prepared statements by statement id, for executions that arrive without a signature: the Veles
   * driver leaves it out of its execute requests (see {@link VelesService}) and the statement keeps
   * the one it was prepared with. Entries go when their statement or connection is closed; those
   * closed by Avatica's cache expiry are swept when the map has doubled since the last sweep.
   * Statement ids are unique across the connections of one meta.
   */
  private final Map<Integer, Prepared> prepared = new ConcurrentHashMap<>();

  /** The map size at which the next sweep of closed statements runs. */
  private final AtomicInteger sweepAt = new AtomicInteger(MIN_SWEEP);

  private static final int MIN_SWEEP = 1024;

  /** A prepared statement and its connection. */
  private record Prepared(String connectionId, ServerPreparedStatement statement) {}

  /** Plain statements by statement id, so that a cancel request finds them. */
  private final Map<Integer, Plain> plain = new ConcurrentHashMap<>();

  /** A plain statement and its connection. */
  private record Plain(String connectionId, Statement statement) {}

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
        new StatementLimit(StatementLimit.DEFAULT_MAX_CHARS),
        new MemoryBudget("statement planning", Long.MAX_VALUE, 0),
        0);
  }

  /** As above, with connection limits and the users' roles applied to their connections. */
  VelesMeta(
      String url,
      Properties serverProperties,
      ConnectionPropertyPolicy policy,
      ConnectionAdmission roles,
      StatementLimit statementLimit,
      MemoryBudget planning,
      int statementTimeoutSeconds)
      throws SQLException {
    super(url, serverProperties);
    this.policy = policy;
    this.roles = roles;
    this.statementLimit = statementLimit;
    this.planning = planning;
    this.statementTimeoutSeconds = statementTimeoutSeconds;
  }

  /** Checks a statement's text and reserves its planning memory (long statements only). */
  private MemoryBudget.Reservation admit(String sql) {
    statementLimit.check(sql);
    return sql == null || sql.length() < UNRESERVED_CHARS
        ? planning.reserve(0, "")
        : planning.reserve(
            (long) sql.length() * PLANNED_PER_CHAR,
            "a statement of " + sql.length() + " characters");
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
    // JdbcMeta copies its own settings (the connection cache's) into every connection it opens;
    // Calcite parses all of a connection's properties again on each execution, so they only cost.
    info.stringPropertyNames().stream()
        .filter(k -> k.startsWith(AVATICA_SETTINGS))
        .forEach(info::remove);
    return new ServerConnection(
        ConnectionAdmission.createConnection(info, p -> super.createConnection(url, p)),
        statementTimeoutSeconds);
  }

  /**
   * Connections with a request running, by id: the number of their running requests. Avatica's
   * cache expires a connection after the idle timeout without access, and executes, fetches and
   * batches of a statement reach only the statement cache: a client that did nothing but execute
   * one prepared statement for longer than the timeout (a million-row ingest, a Spark write task)
   * lost its connection at its next connection-level call (another statement, a commit, {@code CALL
   * flush()}), and a statement running longer than the timeout could lose it under itself.
   */
  private final Map<String, java.util.concurrent.atomic.AtomicInteger> busy =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A request of connection {@code id} starts: the connection is used now, and busy until it ends.
   */
  void requestStarted(String id) {
    busy.computeIfAbsent(id, k -> new java.util.concurrent.atomic.AtomicInteger())
        .incrementAndGet();
    getConnectionCache().getIfPresent(id);
  }

  /** A request of connection {@code id} ended: its idle time counts from now. */
  void requestEnded(String id) {
    busy.computeIfPresent(id, (k, n) -> n.decrementAndGet() == 0 ? null : n);
    getConnectionCache().getIfPresent(id);
  }

  /**
   * Keeps the connections with a running request from expiring: each is marked used every quarter
   * of the idle timeout (at least every 250 ms, at most every 30 s).
   */
  void keepBusyConnections(java.time.Duration idleTimeout) {
    long every = Math.max(250, Math.min(30_000, idleTimeout.toMillis() / 4));
    idleSweeper.scheduleWithFixedDelay(
        () -> busy.keySet().forEach(id -> getConnectionCache().getIfPresent(id)),
        every,
        every,
        java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /**
   * Creates a statement as {@link JdbcMeta#createStatement} does, keeping it for {@link #cancel}.
   */
  @Override
  public StatementHandle createStatement(ConnectionHandle ch) {
    try {
      Statement statement = getConnection(ch.id).createStatement();
      int id = getStatementIdGenerator().getAndIncrement();
      getStatementCache().put(id, new StatementInfo(statement));
      plain.put(id, new Plain(ch.id, statement));
      sweepIfGrown();
      return new StatementHandle(ch.id, id, null);
    } catch (SQLException e) {
      throw new RuntimeException(e);
    }
  }

  /**
   * Cancels what statement {@code statementId} of connection {@code connectionId} is running (a
   * cancel request of the Veles driver; Avatica's protocol has none); the execution fails with
   * 57014. Returns whether the connection has such a statement.
   */
  boolean cancel(String connectionId, int statementId) {
    Prepared p = prepared.get(statementId);
    Plain s = plain.get(statementId);
    Statement target =
        p != null && p.connectionId.equals(connectionId)
            ? p.statement
            : s != null && s.connectionId.equals(connectionId) ? s.statement : null;
    if (target == null) {
      return false;
    }
    try {
      target.cancel();
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Prepares as {@link JdbcMeta#prepare} does, keeping the statement by its id so that an execution
   * without a signature finds the statement's own.
   */
  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    try (MemoryBudget.Reservation r = admit(sql)) {
      return prepareAdmitted(ch, sql, maxRowCount);
    }
  }

  private StatementHandle prepareAdmitted(ConnectionHandle ch, String sql, long maxRowCount) {
    ServerPreparedStatement ps;
    try {
      ps = (ServerPreparedStatement) getConnection(ch.id).prepareStatement(sql);
    } catch (SQLException e) {
      throw new RuntimeException(e);
    }
    try {
      ps.signature(signature(ps, sql, maxRowCount));
    } catch (SQLException | RuntimeException e) {
      try {
        ps.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e instanceof RuntimeException r ? r : new RuntimeException(e);
    }
    int id = getStatementIdGenerator().getAndIncrement();
    getStatementCache().put(id, new StatementInfo(ps));
    prepared.put(id, new Prepared(ch.id, ps));
    sweepIfGrown();
    return new StatementHandle(ch.id, id, ps.signature());
  }

  /** Applies the row limit to a new statement and describes it, as {@link JdbcMeta} does. */
  private static Signature signature(ServerPreparedStatement ps, String sql, long maxRowCount)
      throws SQLException {
    StatementType type =
        ps.isWrapperFor(AvaticaPreparedStatement.class)
            ? ps.unwrap(AvaticaPreparedStatement.class).getStatementType()
            : null;
    if (maxRowCount > 0) {
      AvaticaUtils.setLargeMaxRows(ps, maxRowCount);
    } else if (maxRowCount < 0) {
      ps.setMaxRows(0);
    }
    Signature signature = signature(ps.getMetaData(), ps.getParameterMetaData(), sql, type);
    VectorSignatures.patch(signature);
    return signature;
  }

  /** Sweeps when the map has doubled since the last sweep, so sweeps cost O(1) per prepare. */
  private void sweepIfGrown() {
    int at = sweepAt.get();
    if (prepared.size() + plain.size() >= at && sweepAt.compareAndSet(at, Integer.MAX_VALUE)) {
      sweepAt.set(Math.max(MIN_SWEEP, 2 * sweepClosed()));
    }
  }

  /**
   * Drops the statements that were closed without a close request (Avatica's caches close expired
   * statements and connections); returns how many are left.
   */
  int sweepClosed() {
    prepared.values().removeIf(p -> isClosed(p.statement));
    plain.values().removeIf(p -> isClosed(p.statement));
    return prepared.size() + plain.size();
  }

  private static boolean isClosed(Statement s) {
    try {
      return s.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  @Override
  public void closeStatement(StatementHandle h) {
    prepared.remove(h.id);
    plain.remove(h.id);
    super.closeStatement(h);
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    prepared.values().removeIf(p -> p.connectionId.equals(ch.id));
    plain.values().removeIf(p -> p.connectionId.equals(ch.id));
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
    try (MemoryBudget.Reservation r = admit(sql)) {
      return VectorSignatures.patch(
          super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback));
    }
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
      Prepared p = prepared.get(h.id);
      if (p == null) {
        throw statementGone(h);
      }
      h.signature = p.statement.signature();
    }
    int expected = h.signature == null ? -1 : h.signature.parameters.size();
    if (expected >= 0 && parameterValues != null && parameterValues.size() > expected) {
      throw new AvaticaRuntimeException(
          "wrong number of parameters: the statement takes "
              + expected
              + ", the request binds "
              + parameterValues.size(),
          0,
          "07001",
          AvaticaSeverity.ERROR);
    }
    ExecuteResult result;
    try {
      result = super.execute(h, parameterValues, maxRowsInFirstFrame);
    } catch (NoSuchStatementException e) {
      throw statementGone(h);
    }
    VectorSignatures.patch(h.signature);
    return VectorSignatures.patch(result);
  }

  /**
   * The failure of an execution of a prepared statement the server no longer has: Avatica answers
   * "missing statement", which the stock client reports as an exception without message or state. A
   * prepared statement cannot be re-created from its handle (its SQL is the client's), so the
   * client is told to prepare it again (26000, "invalid SQL statement name").
   */
  private static AvaticaRuntimeException statementGone(StatementHandle h) {
    return new AvaticaRuntimeException(
        "prepared statement "
            + h.id
            + " is no longer open on the server (closed, or its connection was idle longer than"
            + " the server's --idle-timeout); prepare it again",
        0,
        "26000",
        AvaticaSeverity.ERROR);
  }

  /** Number of prepared statements kept by id (tests check that closed ones go). */
  int preparedCount() {
    return prepared.size();
  }

  /** Number of open statements (tests check that refused requests created none). */
  long statementCount() {
    getStatementCache().cleanUp();
    return getStatementCache().size();
  }

  /** Drops every open statement as the statement cache's expiry would (tests). */
  void evictStatements() {
    getStatementCache().invalidateAll();
    getStatementCache().cleanUp();
  }

  /**
   * Starts rolling back transactions left idle: a connection whose transaction saw no statement for
   * {@code timeout} is rolled back and closed (its client's next call fails: connection not found),
   * so an abandoned session never holds its row locks for long. Checked every tenth of the timeout
   * (at most every 5 s).
   */
  void rollBackIdleTransactions(java.time.Duration timeout) {
    long nanos = timeout.toNanos();
    long every = Math.max(100, Math.min(5_000, timeout.toMillis() / 10));
    idleSweeper.scheduleWithFixedDelay(
        () -> closeIdleTransactions(nanos),
        every,
        every,
        java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  private final java.util.concurrent.ScheduledExecutorService idleSweeper =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "veles-idle-transactions");
            t.setDaemon(true);
            return t;
          });

  /** Closes the connections whose open transaction has been idle longer than {@code nanos}. */
  int closeIdleTransactions(long nanos) {
    int closed = 0;
    long now = System.nanoTime();
    for (Map.Entry<String, Connection> e : getConnectionCache().asMap().entrySet()) {
      TxContext tx = txContext(e.getValue());
      if (tx != null && tx.inTransaction() && now - tx.lastUse() > nanos) {
        LOG.warn(
            "connection {}: transaction idle for more than {} s: rolled back, session closed",
            e.getKey(),
            java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(nanos));
        try {
          closeConnection(new ConnectionHandle(e.getKey()));
          closed++;
        } catch (RuntimeException x) {
          LOG.warn("connection {}: closing it failed: {}", e.getKey(), x.toString());
        }
      }
    }
    return closed;
  }

  private static TxContext txContext(Connection c) {
    try {
      return VelesCalcite.txContext(c.unwrap(CalciteConnection.class).getRootSchema());
    } catch (SQLException | RuntimeException e) {
      return null;
    }
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VelesMeta.class);

  /** Closes every embedded connection still open (server shutdown). */
  public void closeAll() {
    idleSweeper.shutdownNow();
    getStatementCache().invalidateAll();
    getConnectionCache().invalidateAll();
    getStatementCache().cleanUp();
    getConnectionCache().cleanUp();
  }
}

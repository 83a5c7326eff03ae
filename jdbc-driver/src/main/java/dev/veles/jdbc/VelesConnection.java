package dev.veles.jdbc;

import dev.veles.calcite.SqlState;
import dev.veles.calcite.TxContext;
import dev.veles.calcite.VelesCalcite;
import dev.veles.jdbc.forwarding.ForwardingConnection;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * An embedded Veles connection: Calcite's connection over a shared {@link Database}, with Veles's
 * meaning of transactions, its SQLSTATEs on every failure, and Veles's statements and metadata.
 *
 * <p>Transactions: READ COMMITTED through the connection's {@link TxContext}; with auto-commit on
 * (the default) each statement applies at once and {@code commit()} is the durability barrier (like
 * {@code CALL flush()}); with it off, statements join one transaction until {@code commit()} or
 * {@code rollback()}; savepoints are supported; closing rolls back an open transaction.
 *
 * <p>As thread-safe as Calcite's connection. Owns the Calcite connection: closing this closes it,
 * which releases the connection's lease on the database ({@link VelesDriver}).
 */
final class VelesConnection extends ForwardingConnection {
  private final TxContext tx;
  private final java.util.concurrent.atomic.AtomicInteger savepoints =
      new java.util.concurrent.atomic.AtomicInteger();

  VelesConnection(Connection target) throws SQLException {
    super(target);
    TxContext t =
        VelesCalcite.txContext(
            target.unwrap(org.apache.calcite.jdbc.CalciteConnection.class).getRootSchema());
    if (t == null) {
      throw new VelesSQLException(
          SqlState.CONNECTION_EXCEPTION, "connection has no Veles database");
    }
    this.tx = t;
  }

  @Override
  protected SQLException translate(Exception e) {
    return SqlExceptions.translate(e);
  }

  @Override
  protected Statement wrap(Statement s) {
    return s == null ? null : new VelesStatement(s, this);
  }

  @Override
  protected PreparedStatement wrap(PreparedStatement s) {
    return s == null ? null : new VelesPreparedStatement(s, this);
  }

  @Override
  protected DatabaseMetaData wrap(DatabaseMetaData md) {
    return md == null ? null : new VelesDatabaseMetaData(md, this);
  }

  /** A statement the embedded connection created for this one (metadata queries). */
  Statement statement(Statement s) {
    return wrap(s);
  }

  /** The connection's transaction context (carried by its schema to every statement). */
  TxContext tx() {
    return tx;
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    checkOpen();
    return tx.autoCommit();
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    checkOpen();
    try {
      tx.setAutoCommit(autoCommit);
    } catch (Exception e) {
      throw translate(e);
    }
  }

  /**
   * Commits the open transaction; with auto-commit on and no transaction open (no SQL {@code
   * BEGIN}), the durability barrier: every acknowledged write is on stable storage on return.
   */
  @Override
  public void commit() throws SQLException {
    checkOpen();
    try {
      tx.commit();
    } catch (Exception e) {
      throw translate(e);
    }
  }

  @Override
  public void rollback() throws SQLException {
    checkOpen();
    try {
      tx.rollback();
    } catch (Exception e) {
      throw translate(e);
    }
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    return setSavepoint(null);
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    checkOpen();
    if (tx.autoCommit() && !tx.inTransaction()) {
      throw new VelesSQLException(
          SqlState.NO_ACTIVE_TRANSACTION,
          "a savepoint needs a transaction: call setAutoCommit(false) first");
    }
    VelesSavepoint sp = new VelesSavepoint(name, savepoints.incrementAndGet());
    try {
      tx.savepoint(sp.key());
    } catch (Exception e) {
      throw translate(e);
    }
    return sp;
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    checkOpen();
    try {
      tx.rollbackTo(VelesSavepoint.key(savepoint));
    } catch (Exception e) {
      throw translate(e);
    }
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    checkOpen();
    try {
      tx.release(VelesSavepoint.key(savepoint));
    } catch (Exception e) {
      throw translate(e);
    }
  }

  /** READ COMMITTED, with statement-level consistency (see the README's "Transactions"). */
  @Override
  public int getTransactionIsolation() throws SQLException {
    checkOpen();
    return Connection.TRANSACTION_READ_COMMITTED;
  }

  /**
   * Accepts READ COMMITTED and READ UNCOMMITTED (which becomes READ COMMITTED, as in PostgreSQL);
   * refuses the stronger levels with 0A000.
   */
  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    checkOpen();
    if (level != Connection.TRANSACTION_READ_COMMITTED
        && level != Connection.TRANSACTION_READ_UNCOMMITTED) {
      throw new VelesSQLException(
          SqlState.FEATURE_NOT_SUPPORTED,
          "transaction isolation level "
              + level
              + " is not supported: Veles offers READ COMMITTED ("
              + Connection.TRANSACTION_READ_COMMITTED
              + ")");
    }
  }

  /** Rolls back an open transaction, then closes. */
  @Override
  public void close() throws SQLException {
    if (!isClosed()) {
      try {
        tx.close();
      } catch (RuntimeException e) {
        try {
          super.close();
        } catch (SQLException s) {
          e.addSuppressed(s);
        }
        throw translate(e);
      }
    }
    super.close();
  }

  private void checkOpen() throws SQLException {
    if (isClosed()) {
      throw new VelesSQLException(SqlState.CONNECTION_EXCEPTION, "connection is closed");
    }
  }

  /**
   * Calcite reports some internal failures as an {@link Error} while preparing (an assertion); the
   * forwarding classes translate exceptions only, so the calls that prepare or run SQL translate
   * these too ({@link SqlExceptions#internal}).
   */
  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    try {
      return super.prepareStatement(sql);
    } catch (AssertionError | StackOverflowError e) {
      throw SqlExceptions.internal(e);
    }
  }
}

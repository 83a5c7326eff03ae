package dev.veles.jdbc;

import dev.veles.calcite.SqlState;
import dev.veles.engine.Database;
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
 * <p>Veles applies each statement when it executes (there are no multi-statement transactions), so
 * a connection reports {@code autoCommit=true}; {@code commit()} is the durability barrier (like
 * {@code CALL flush()}); {@code rollback()} fails with SQLSTATE 0A000.
 *
 * <p>As thread-safe as Calcite's connection. Owns the Calcite connection: closing this closes it,
 * which releases the connection's lease on the database ({@link VelesDriver}).
 */
final class VelesConnection extends ForwardingConnection {
  private final Database db;

  VelesConnection(Connection target, Database db) {
    super(target);
    this.db = db;
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

  @Override
  public boolean getAutoCommit() throws SQLException {
    checkOpen();
    return true;
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    checkOpen(); // every statement applies at once either way
  }

  @Override
  public void commit() throws SQLException {
    checkOpen();
    try {
      db.flush();
    } catch (Exception e) {
      throw translate(e);
    }
  }

  @Override
  public void rollback() throws SQLException {
    checkOpen();
    throw rollbackNotSupported();
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    checkOpen();
    throw rollbackNotSupported();
  }

  @Override
  public int getTransactionIsolation() {
    return Connection.TRANSACTION_NONE;
  }

  private static SQLException rollbackNotSupported() {
    return new VelesSQLException(
        SqlState.FEATURE_NOT_SUPPORTED,
        "rollback is not supported: Veles applies each statement when it executes");
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

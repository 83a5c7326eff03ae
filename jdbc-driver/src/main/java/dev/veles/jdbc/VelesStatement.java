package dev.veles.jdbc;

import dev.veles.jdbc.forwarding.ForwardingStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A statement of a {@link VelesConnection}: Calcite's statement with Veles's SQLSTATEs, batches
 * applied as one engine call per table, and result sets that know this statement.
 *
 * <p>Not thread-safe, like any JDBC statement. Owns the Calcite statement.
 */
final class VelesStatement extends ForwardingStatement {
  private final VelesConnection connection;
  private VelesResultSet current;

  VelesStatement(Statement target, VelesConnection connection) {
    super(target);
    this.connection = connection;
  }

  @Override
  protected SQLException translate(Exception e) {
    return SqlExceptions.translate(e);
  }

  /** The same wrapper for the same result set, so that repeated getResultSet calls agree. */
  @Override
  protected ResultSet wrap(ResultSet rs) {
    current = VelesResultSet.of(current, rs, connection, this);
    return current;
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public int[] executeBatch() throws SQLException {
    return Batches.run(connection.tx(), target()::executeBatch);
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    return Batches.run(connection.tx(), target()::executeLargeBatch);
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    try {
      CancelFlags.clear(target());
      return super.execute(sql);
    } catch (AssertionError | StackOverflowError e) {
      throw SqlExceptions.internal(e);
    }
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    try {
      CancelFlags.clear(target());
      return super.executeQuery(sql);
    } catch (AssertionError | StackOverflowError e) {
      throw SqlExceptions.internal(e);
    }
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    try {
      CancelFlags.clear(target());
      return (int)
          dev.veles.jdbc.forwarding.UpdateCounts.checkNoResult(super.executeUpdate(sql), target());
    } catch (AssertionError | StackOverflowError e) {
      throw SqlExceptions.internal(e);
    }
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    try {
      CancelFlags.clear(target());
      return dev.veles.jdbc.forwarding.UpdateCounts.checkNoResult(
          super.executeLargeUpdate(sql), target());
    } catch (AssertionError | StackOverflowError e) {
      throw SqlExceptions.internal(e);
    }
  }
}

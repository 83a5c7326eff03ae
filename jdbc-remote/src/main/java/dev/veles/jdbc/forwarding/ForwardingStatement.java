package dev.veles.jdbc.forwarding;

import java.sql.*;

/**
 * A {@link Statement} that forwards every call to another one. Subclasses override what they
 * change; {@link #translate} turns every failure of the target into the {@link SQLException} the
 * caller sees, and the {@code wrap} hooks of {@link Forwarding} wrap the JDBC objects it returns.
 *
 * <p>Generated from the {@code java.sql} interface of JDK 25 (every method, defaults included), so
 * that no call reaches the target unwrapped; as thread-safe as the target.
 */
public abstract class ForwardingStatement extends Forwarding implements Statement {
  private final Statement target;

  protected ForwardingStatement(Statement target) {
    super(target);
    this.target = target;
  }

  /** The object this one forwards to. */
  @Override
  public Statement target() {
    return target;
  }

  @Override
  public void addBatch(String a0) throws SQLException {
    try {
      target.addBatch(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void cancel() throws SQLException {
    try {
      target.cancel();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void clearBatch() throws SQLException {
    try {
      target.clearBatch();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void clearWarnings() throws SQLException {
    try {
      target.clearWarnings();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      target.close();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    try {
      target.closeOnCompletion();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String enquoteIdentifier(String a0, boolean a1) throws SQLException {
    try {
      return target.enquoteIdentifier(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String enquoteLiteral(String a0) throws SQLException {
    try {
      return target.enquoteLiteral(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String enquoteNCharLiteral(String a0) throws SQLException {
    try {
      return target.enquoteNCharLiteral(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean execute(String a0, int[] a1) throws SQLException {
    try {
      return target.execute(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean execute(String a0, String[] a1) throws SQLException {
    try {
      return target.execute(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean execute(String a0, int a1) throws SQLException {
    try {
      return target.execute(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean execute(String a0) throws SQLException {
    try {
      return target.execute(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int[] executeBatch() throws SQLException {
    try {
      return target.executeBatch();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    try {
      return target.executeLargeBatch();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public long executeLargeUpdate(String a0, int[] a1) throws SQLException {
    try {
      return target.executeLargeUpdate(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public long executeLargeUpdate(String a0, String[] a1) throws SQLException {
    try {
      return target.executeLargeUpdate(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public long executeLargeUpdate(String a0, int a1) throws SQLException {
    try {
      return target.executeLargeUpdate(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public long executeLargeUpdate(String a0) throws SQLException {
    try {
      return target.executeLargeUpdate(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet executeQuery(String a0) throws SQLException {
    try {
      return wrap(target.executeQuery(a0));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int executeUpdate(String a0, int[] a1) throws SQLException {
    try {
      return target.executeUpdate(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int executeUpdate(String a0, String[] a1) throws SQLException {
    try {
      return target.executeUpdate(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int executeUpdate(String a0, int a1) throws SQLException {
    try {
      return target.executeUpdate(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int executeUpdate(String a0) throws SQLException {
    try {
      return target.executeUpdate(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      return wrap(target.getConnection());
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getFetchDirection() throws SQLException {
    try {
      return target.getFetchDirection();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getFetchSize() throws SQLException {
    try {
      return target.getFetchSize();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    try {
      return wrap(target.getGeneratedKeys());
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public long getLargeMaxRows() throws SQLException {
    try {
      return target.getLargeMaxRows();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    try {
      return target.getLargeUpdateCount();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    try {
      return target.getMaxFieldSize();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getMaxRows() throws SQLException {
    try {
      return target.getMaxRows();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    try {
      return target.getMoreResults();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean getMoreResults(int a0) throws SQLException {
    try {
      return target.getMoreResults(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    try {
      return target.getQueryTimeout();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    try {
      return wrap(target.getResultSet());
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    try {
      return target.getResultSetConcurrency();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    try {
      return target.getResultSetHoldability();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getResultSetType() throws SQLException {
    try {
      return target.getResultSetType();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getUpdateCount() throws SQLException {
    try {
      return target.getUpdateCount();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    try {
      return target.getWarnings();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    try {
      return target.isCloseOnCompletion();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean isClosed() throws SQLException {
    try {
      return target.isClosed();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean isPoolable() throws SQLException {
    try {
      return target.isPoolable();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean isSimpleIdentifier(String a0) throws SQLException {
    try {
      return target.isSimpleIdentifier(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setCursorName(String a0) throws SQLException {
    try {
      target.setCursorName(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setEscapeProcessing(boolean a0) throws SQLException {
    try {
      target.setEscapeProcessing(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setFetchDirection(int a0) throws SQLException {
    try {
      target.setFetchDirection(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setFetchSize(int a0) throws SQLException {
    try {
      target.setFetchSize(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setLargeMaxRows(long a0) throws SQLException {
    try {
      target.setLargeMaxRows(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setMaxFieldSize(int a0) throws SQLException {
    try {
      target.setMaxFieldSize(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setMaxRows(int a0) throws SQLException {
    try {
      target.setMaxRows(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setPoolable(boolean a0) throws SQLException {
    try {
      target.setPoolable(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setQueryTimeout(int a0) throws SQLException {
    try {
      target.setQueryTimeout(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }
}

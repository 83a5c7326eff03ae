package dev.veles.jdbc.forwarding;

import java.sql.*;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A {@link Connection} that forwards every call to another one. Subclasses override what they
 * change; {@link #translate} turns every failure of the target into the {@link SQLException} the
 * caller sees, and the {@code wrap} hooks of {@link Forwarding} wrap the JDBC objects it returns.
 *
 * <p>Generated from the {@code java.sql} interface of JDK 25 (every method, defaults included), so
 * that no call reaches the target unwrapped; as thread-safe as the target.
 */
public abstract class ForwardingConnection extends Forwarding implements Connection {
  private final Connection target;

  protected ForwardingConnection(Connection target) {
    super(target);
    this.target = target;
  }

  /** The object this one forwards to. */
  @Override
  public Connection target() {
    return target;
  }

  @Override
  public void abort(Executor a0) throws SQLException {
    try {
      target.abort(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void beginRequest() throws SQLException {
    try {
      target.beginRequest();
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
  public void commit() throws SQLException {
    try {
      target.commit();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public Array createArrayOf(String a0, Object[] a1) throws SQLException {
    try {
      return wrap(target.createArrayOf(a0, a1));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public Blob createBlob() throws SQLException {
    try {
      return target.createBlob();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public Clob createClob() throws SQLException {
    try {
      return target.createClob();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public NClob createNClob() throws SQLException {
    try {
      return target.createNClob();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    try {
      return target.createSQLXML();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public Statement createStatement() throws SQLException {
    try {
      return wrap(target.createStatement());
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public Statement createStatement(int a0, int a1, int a2) throws SQLException {
    try {
      return wrap(target.createStatement(a0, a1, a2));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public Statement createStatement(int a0, int a1) throws SQLException {
    try {
      return wrap(target.createStatement(a0, a1));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public Struct createStruct(String a0, Object[] a1) throws SQLException {
    try {
      return target.createStruct(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void endRequest() throws SQLException {
    try {
      target.endRequest();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    try {
      return target.getAutoCommit();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String getCatalog() throws SQLException {
    try {
      return target.getCatalog();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    try {
      return target.getClientInfo();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String getClientInfo(String a0) throws SQLException {
    try {
      return target.getClientInfo(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getHoldability() throws SQLException {
    try {
      return target.getHoldability();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    try {
      return wrap(target.getMetaData());
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    try {
      return target.getNetworkTimeout();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String getSchema() throws SQLException {
    try {
      return target.getSchema();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    try {
      return target.getTransactionIsolation();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    try {
      return target.getTypeMap();
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
  public boolean isClosed() throws SQLException {
    try {
      return target.isClosed();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    try {
      return target.isReadOnly();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean isValid(int a0) throws SQLException {
    try {
      return target.isValid(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String nativeSQL(String a0) throws SQLException {
    try {
      return target.nativeSQL(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public CallableStatement prepareCall(String a0, int a1, int a2, int a3) throws SQLException {
    try {
      return wrap(target.prepareCall(a0, a1, a2, a3));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public CallableStatement prepareCall(String a0, int a1, int a2) throws SQLException {
    try {
      return wrap(target.prepareCall(a0, a1, a2));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public CallableStatement prepareCall(String a0) throws SQLException {
    try {
      return wrap(target.prepareCall(a0));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int[] a1) throws SQLException {
    try {
      return wrap(target.prepareStatement(a0, a1));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String a0, String[] a1) throws SQLException {
    try {
      return wrap(target.prepareStatement(a0, a1));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int a1, int a2, int a3) throws SQLException {
    try {
      return wrap(target.prepareStatement(a0, a1, a2, a3));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int a1, int a2) throws SQLException {
    try {
      return wrap(target.prepareStatement(a0, a1, a2));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int a1) throws SQLException {
    try {
      return wrap(target.prepareStatement(a0, a1));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String a0) throws SQLException {
    try {
      return wrap(target.prepareStatement(a0));
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void releaseSavepoint(Savepoint a0) throws SQLException {
    try {
      target.releaseSavepoint(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void rollback() throws SQLException {
    try {
      target.rollback();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void rollback(Savepoint a0) throws SQLException {
    try {
      target.rollback(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setAutoCommit(boolean a0) throws SQLException {
    try {
      target.setAutoCommit(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setCatalog(String a0) throws SQLException {
    try {
      target.setCatalog(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setClientInfo(String a0, String a1) throws SQLClientInfoException {
    target.setClientInfo(a0, a1);
  }

  @Override
  public void setClientInfo(Properties a0) throws SQLClientInfoException {
    target.setClientInfo(a0);
  }

  @Override
  public void setHoldability(int a0) throws SQLException {
    try {
      target.setHoldability(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setNetworkTimeout(Executor a0, int a1) throws SQLException {
    try {
      target.setNetworkTimeout(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setReadOnly(boolean a0) throws SQLException {
    try {
      target.setReadOnly(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    try {
      return target.setSavepoint();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public Savepoint setSavepoint(String a0) throws SQLException {
    try {
      return target.setSavepoint(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setSchema(String a0) throws SQLException {
    try {
      target.setSchema(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setShardingKey(ShardingKey a0, ShardingKey a1) throws SQLException {
    try {
      target.setShardingKey(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setShardingKey(ShardingKey a0) throws SQLException {
    try {
      target.setShardingKey(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey a0, int a1) throws SQLException {
    try {
      return target.setShardingKeyIfValid(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey a0, ShardingKey a1, int a2) throws SQLException {
    try {
      return target.setShardingKeyIfValid(a0, a1, a2);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setTransactionIsolation(int a0) throws SQLException {
    try {
      target.setTransactionIsolation(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> a0) throws SQLException {
    try {
      target.setTypeMap(a0);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }
}

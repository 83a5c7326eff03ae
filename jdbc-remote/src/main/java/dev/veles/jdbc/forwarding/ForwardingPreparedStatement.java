package dev.veles.jdbc.forwarding;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.*;
import java.util.Calendar;

/**
 * A {@link PreparedStatement} that forwards every call to another one. Subclasses override what
 * they change; {@link #translate} turns every failure of the target into the {@link SQLException}
 * the caller sees, and the {@code wrap} hooks of {@link Forwarding} wrap the JDBC objects it
 * returns.
 *
 * <p>Generated from the {@code java.sql} interface of JDK 25 (every method, defaults included), so
 * that no call reaches the target unwrapped; as thread-safe as the target.
 */
public abstract class ForwardingPreparedStatement extends ForwardingStatement
    implements PreparedStatement {
  private final PreparedStatement target;

  protected ForwardingPreparedStatement(PreparedStatement target) {
    super(target);
    this.target = target;
  }

  /** The object this one forwards to. */
  @Override
  public PreparedStatement target() {
    return target;
  }

  @Override
  public void addBatch() throws SQLException {
    try {
      target.addBatch();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void clearParameters() throws SQLException {
    try {
      target.clearParameters();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean execute() throws SQLException {
    try {
      return target.execute();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    try {
      return target.executeLargeUpdate();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    try {
      return wrap(target.executeQuery());
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int executeUpdate() throws SQLException {
    try {
      return target.executeUpdate();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    try {
      return target.getMetaData();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    try {
      return target.getParameterMetaData();
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setArray(int a0, Array a1) throws SQLException {
    try {
      target.setArray(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setAsciiStream(int a0, InputStream a1, int a2) throws SQLException {
    try {
      target.setAsciiStream(a0, a1, a2);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setAsciiStream(int a0, InputStream a1, long a2) throws SQLException {
    try {
      target.setAsciiStream(a0, a1, a2);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setAsciiStream(int a0, InputStream a1) throws SQLException {
    try {
      target.setAsciiStream(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setBigDecimal(int a0, BigDecimal a1) throws SQLException {
    try {
      target.setBigDecimal(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setBinaryStream(int a0, InputStream a1, int a2) throws SQLException {
    try {
      target.setBinaryStream(a0, a1, a2);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setBinaryStream(int a0, InputStream a1, long a2) throws SQLException {
    try {
      target.setBinaryStream(a0, a1, a2);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setBinaryStream(int a0, InputStream a1) throws SQLException {
    try {
      target.setBinaryStream(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setBlob(int a0, InputStream a1, long a2) throws SQLException {
    try {
      target.setBlob(a0, a1, a2);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setBlob(int a0, InputStream a1) throws SQLException {
    try {
      target.setBlob(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setBlob(int a0, Blob a1) throws SQLException {
    try {
      target.setBlob(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setBoolean(int a0, boolean a1) throws SQLException {
    try {
      target.setBoolean(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setByte(int a0, byte a1) throws SQLException {
    try {
      target.setByte(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setBytes(int a0, byte[] a1) throws SQLException {
    try {
      target.setBytes(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setCharacterStream(int a0, Reader a1, int a2) throws SQLException {
    try {
      target.setCharacterStream(a0, a1, a2);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setCharacterStream(int a0, Reader a1, long a2) throws SQLException {
    try {
      target.setCharacterStream(a0, a1, a2);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setCharacterStream(int a0, Reader a1) throws SQLException {
    try {
      target.setCharacterStream(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setClob(int a0, Reader a1, long a2) throws SQLException {
    try {
      target.setClob(a0, a1, a2);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setClob(int a0, Reader a1) throws SQLException {
    try {
      target.setClob(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setClob(int a0, Clob a1) throws SQLException {
    try {
      target.setClob(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setDate(int a0, Date a1, Calendar a2) throws SQLException {
    try {
      target.setDate(a0, a1, a2);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setDate(int a0, Date a1) throws SQLException {
    try {
      target.setDate(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setDouble(int a0, double a1) throws SQLException {
    try {
      target.setDouble(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setFloat(int a0, float a1) throws SQLException {
    try {
      target.setFloat(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setInt(int a0, int a1) throws SQLException {
    try {
      target.setInt(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setLong(int a0, long a1) throws SQLException {
    try {
      target.setLong(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setNCharacterStream(int a0, Reader a1, long a2) throws SQLException {
    try {
      target.setNCharacterStream(a0, a1, a2);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setNCharacterStream(int a0, Reader a1) throws SQLException {
    try {
      target.setNCharacterStream(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setNClob(int a0, Reader a1, long a2) throws SQLException {
    try {
      target.setNClob(a0, a1, a2);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setNClob(int a0, Reader a1) throws SQLException {
    try {
      target.setNClob(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setNClob(int a0, NClob a1) throws SQLException {
    try {
      target.setNClob(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setNString(int a0, String a1) throws SQLException {
    try {
      target.setNString(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setNull(int a0, int a1, String a2) throws SQLException {
    try {
      target.setNull(a0, a1, a2);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setNull(int a0, int a1) throws SQLException {
    try {
      target.setNull(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setObject(int a0, Object a1, int a2, int a3) throws SQLException {
    try {
      target.setObject(a0, a1, a2, a3);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setObject(int a0, Object a1, int a2) throws SQLException {
    try {
      target.setObject(a0, a1, a2);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setObject(int a0, Object a1, SQLType a2, int a3) throws SQLException {
    try {
      target.setObject(a0, a1, a2, a3);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setObject(int a0, Object a1, SQLType a2) throws SQLException {
    try {
      target.setObject(a0, a1, a2);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setObject(int a0, Object a1) throws SQLException {
    try {
      target.setObject(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setRef(int a0, Ref a1) throws SQLException {
    try {
      target.setRef(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setRowId(int a0, RowId a1) throws SQLException {
    try {
      target.setRowId(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setSQLXML(int a0, SQLXML a1) throws SQLException {
    try {
      target.setSQLXML(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setShort(int a0, short a1) throws SQLException {
    try {
      target.setShort(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setString(int a0, String a1) throws SQLException {
    try {
      target.setString(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setTime(int a0, Time a1, Calendar a2) throws SQLException {
    try {
      target.setTime(a0, a1, a2);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setTime(int a0, Time a1) throws SQLException {
    try {
      target.setTime(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setTimestamp(int a0, Timestamp a1, Calendar a2) throws SQLException {
    try {
      target.setTimestamp(a0, a1, a2);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setTimestamp(int a0, Timestamp a1) throws SQLException {
    try {
      target.setTimestamp(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setURL(int a0, URL a1) throws SQLException {
    try {
      target.setURL(a0, a1);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void setUnicodeStream(int a0, InputStream a1, int a2) throws SQLException {
    try {
      target.setUnicodeStream(a0, a1, a2);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }
}

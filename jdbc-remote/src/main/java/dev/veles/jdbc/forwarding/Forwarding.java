package dev.veles.jdbc.forwarding;

import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Wrapper;

/**
 * The root of the forwarding JDBC classes: the target, the hooks through which every JDBC object
 * the target returns passes, and the one place where a failure becomes the caller's {@link
 * SQLException}.
 *
 * <p>A layer (the embedded driver, the remote client, the server's repairs) subclasses the
 * forwarding class of each interface it changes, overrides the methods it changes, and overrides
 * the {@code wrap} hooks so that the objects it hands out are its own. The defaults return the
 * target's objects unchanged.
 */
public abstract class Forwarding implements Wrapper {
  private final Wrapper target;

  Forwarding(Wrapper target) {
    if (target == null) {
      throw new NullPointerException("target");
    }
    this.target = target;
  }

  /** The object this one forwards to. */
  public Wrapper target() {
    return target;
  }

  /**
   * The exception the caller sees for a failure of the target. The default passes a {@link
   * SQLException} through and rethrows anything else.
   */
  protected SQLException translate(Exception e) {
    if (e instanceof SQLException s) {
      return s;
    }
    if (e instanceof RuntimeException r) {
      throw r;
    }
    return new SQLException(e);
  }

  protected Connection wrap(Connection c) throws SQLException {
    return c;
  }

  protected Statement wrap(Statement s) throws SQLException {
    return s;
  }

  protected PreparedStatement wrap(PreparedStatement s) throws SQLException {
    return s;
  }

  protected CallableStatement wrap(CallableStatement s) throws SQLException {
    return s;
  }

  protected ResultSet wrap(ResultSet rs) throws SQLException {
    return rs;
  }

  protected DatabaseMetaData wrap(DatabaseMetaData md) throws SQLException {
    return md;
  }

  protected Array wrap(Array a) throws SQLException {
    return a;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    try {
      return target.unwrap(iface);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return true;
    }
    try {
      return target.isWrapperFor(iface);
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + target + "]";
  }
}

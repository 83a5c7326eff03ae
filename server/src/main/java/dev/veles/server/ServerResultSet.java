package dev.veles.server;

import dev.veles.jdbc.forwarding.ForwardingResultSet;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A result set of a {@link ServerConnection}: every {@link Array} it returns is a {@link
 * VectorArray}, which Avatica reads through {@link Array#getArray()}.
 *
 * <p>Not thread-safe, like any JDBC result set.
 */
final class ServerResultSet extends ForwardingResultSet {
  private final Statement statement;

  ServerResultSet(ResultSet target, Statement statement) {
    super(target);
    this.statement = statement;
  }

  @Override
  protected Array wrap(Array a) {
    return a == null ? null : new VectorArray(a);
  }

  @Override
  public Statement getStatement() {
    return statement;
  }

  @Override
  public Object getObject(int column) throws SQLException {
    return arrayWrapped(super.getObject(column));
  }

  @Override
  public Object getObject(String column) throws SQLException {
    return arrayWrapped(super.getObject(column));
  }

  private Object arrayWrapped(Object value) {
    return value instanceof Array a ? wrap(a) : value;
  }
}

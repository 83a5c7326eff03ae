package dev.veles.jdbc.remote;

import dev.veles.jdbc.forwarding.ForwardingStatement;
import dev.veles.jdbc.forwarding.UpdateCounts;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.avatica.AvaticaStatement;

/**
 * A statement of a {@link RemoteConnection}: its query timeout bounds the wait for each of its
 * requests (57014 when it expires), and its results and failures are the client's.
 *
 * <p>Not thread-safe, like any JDBC statement.
 */
final class RemoteStatement extends ForwardingStatement {
  private final RemoteConnection connection;
  private final AvaticaStatement avatica;

  RemoteStatement(Statement target, RemoteConnection connection) throws SQLException {
    super(target);
    this.connection = connection;
    this.avatica = target.unwrap(AvaticaStatement.class);
  }

  @Override
  protected SQLException translate(Exception e) {
    return connection.translate(e);
  }

  @Override
  protected Connection wrap(Connection c) {
    return connection;
  }

  @Override
  protected ResultSet wrap(ResultSet rs) {
    return rs == null ? null : new RemoteResultSet(rs, connection, this);
  }

  /** Fails (0100E) after running a statement that returned rows, as pgjdbc does. */
  @Override
  public int executeUpdate(String sql) throws SQLException {
    return (int) UpdateCounts.checkNoResult(super.executeUpdate(sql), this);
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    return UpdateCounts.checkNoResult(super.executeLargeUpdate(sql), this);
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    super.setQueryTimeout(seconds);
    connection.link().queryTimeout(avatica.handle.id, seconds * 1000);
  }

  /**
   * Cancels on the server, which stops the running statement (its execution fails with 57014), then
   * locally: Avatica's own cancel waits for the statement's lock, which the execution holds until
   * the server answers.
   */
  @Override
  public void cancel() throws SQLException {
    connection.link().cancel(avatica.handle.connectionId, avatica.handle.id);
    super.cancel();
  }

  @Override
  public void close() throws SQLException {
    connection.link().forget(avatica.handle.id);
    super.close();
  }
}

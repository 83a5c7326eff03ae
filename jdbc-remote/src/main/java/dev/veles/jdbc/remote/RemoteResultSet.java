package dev.veles.jdbc.remote;

import dev.veles.jdbc.forwarding.TextReadingResultSet;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A result set of a {@link RemoteConnection}: fetches of further rows fail with the client's
 * SQLSTATEs, number getters read text ({@link TextReadingResultSet}), and {@link #getStatement} is
 * the client's statement.
 *
 * <p>Not thread-safe, like any JDBC result set.
 */
final class RemoteResultSet extends TextReadingResultSet {
  private final RemoteConnection connection;
  private final Statement statement;

  /** {@code statement} is null for metadata results, whose statement Avatica made. */
  RemoteResultSet(ResultSet target, RemoteConnection connection, Statement statement) {
    super(target);
    this.connection = connection;
    this.statement = statement;
  }

  @Override
  protected SQLException translate(Exception e) {
    return connection.translate(e);
  }

  @Override
  protected Statement wrap(Statement s) throws SQLException {
    return statement != null || s == null ? statement : new RemoteStatement(s, connection);
  }

  /** Also {@code OffsetDateTime}, {@code Instant} and {@code LocalTime} (see JavaTimeValues). */
  @Override
  public <T> T getObject(int column, Class<T> type) throws SQLException {
    if (dev.veles.jdbc.forwarding.JavaTimeValues.reads(type)) {
      try {
        return dev.veles.jdbc.forwarding.JavaTimeValues.read(this, column, type);
      } catch (RuntimeException e) {
        throw translate(e);
      }
    }
    return super.getObject(column, type);
  }

  @Override
  public <T> T getObject(String label, Class<T> type) throws SQLException {
    return getObject(findColumn(label), type);
  }
}

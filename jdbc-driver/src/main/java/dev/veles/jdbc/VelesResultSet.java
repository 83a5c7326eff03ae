package dev.veles.jdbc;

import dev.veles.jdbc.forwarding.TextReadingResultSet;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A result set of a {@link VelesConnection}: Calcite's, with Veles's SQLSTATEs (a failure may
 * surface only while rows are read), number getters that read text ({@link TextReadingResultSet})
 * and {@link #getStatement()} answering the Veles statement that produced it. Reading a row or a
 * value adds nothing to Calcite's work but one call.
 *
 * <p>Not thread-safe, like any JDBC result set. Owns the Calcite result set.
 */
final class VelesResultSet extends TextReadingResultSet {
  private final VelesConnection connection;
  private Statement statement;

  /**
   * @param statement the Veles statement that produced the rows, or null for a result set of the
   *     metadata, whose statement is Calcite's own
   */
  /**
   * The wrapper of {@code rs}: {@code current} if it already wraps it (so that repeated {@code
   * getResultSet} calls agree), else a new one; null for null.
   */
  static VelesResultSet of(
      VelesResultSet current, ResultSet rs, VelesConnection connection, Statement statement) {
    if (rs == null) {
      return null;
    }
    return current != null && current.target() == rs
        ? current
        : new VelesResultSet(rs, connection, statement);
  }

  VelesResultSet(ResultSet target, VelesConnection connection, Statement statement) {
    super(target);
    this.connection = connection;
    this.statement = statement;
  }

  @Override
  protected SQLException translate(Exception e) {
    return SqlExceptions.translate(e);
  }

  @Override
  public Statement getStatement() throws SQLException {
    if (statement == null) {
      try {
        statement = connection.statement(target().getStatement());
      } catch (SQLException | RuntimeException e) {
        throw translate(e);
      }
    }
    return statement;
  }

  @Override
  public boolean next() throws SQLException {
    try {
      return super.next();
    } catch (AssertionError | StackOverflowError e) {
      throw SqlExceptions.internal(e);
    }
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

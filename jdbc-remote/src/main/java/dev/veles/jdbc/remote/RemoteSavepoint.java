package dev.veles.jdbc.remote;

import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * A savepoint of a remote connection: named by the application or numbered, known to the server by
 * a quoted SQL name that keeps the two kinds apart.
 *
 * <p>Immutable.
 */
final class RemoteSavepoint implements Savepoint {
  private final String name;
  private final int id;

  RemoteSavepoint(String name, int id) {
    this.name = name;
    this.id = id;
  }

  /** The savepoint's name as a quoted SQL identifier. */
  String quoted() {
    String key = name != null ? "n:" + name : "#" + id;
    return '"' + key.replace("\"", "\"\"") + '"';
  }

  static RemoteSavepoint of(Savepoint s) throws SQLException {
    if (!(s instanceof RemoteSavepoint r)) {
      throw RemoteSqlState.INVALID_SAVEPOINT.exception(
          "not a savepoint of this connection: " + s, null);
    }
    return r;
  }

  @Override
  public int getSavepointId() throws SQLException {
    if (name != null) {
      throw RemoteSqlState.INVALID_SAVEPOINT.exception(
          "a named savepoint has no id: use getSavepointName()", null);
    }
    return id;
  }

  @Override
  public String getSavepointName() throws SQLException {
    if (name == null) {
      throw RemoteSqlState.INVALID_SAVEPOINT.exception(
          "an unnamed savepoint has no name: use getSavepointId()", null);
    }
    return name;
  }

  @Override
  public String toString() {
    return name != null ? "Savepoint[" + name + "]" : "Savepoint[" + id + "]";
  }
}

package dev.veles.jdbc;

import dev.veles.calcite.SqlState;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * A savepoint of an embedded connection: named by the application or numbered, and known to the
 * transaction under a key that keeps the two kinds apart.
 *
 * <p>Immutable.
 */
final class VelesSavepoint implements Savepoint {
  private final String name;
  private final int id;

  VelesSavepoint(String name, int id) {
    this.name = name;
    this.id = id;
  }

  /** The transaction's name for this savepoint. */
  String key() {
    return name != null ? "n:" + name : "#" + id;
  }

  static String key(Savepoint s) throws SQLException {
    if (!(s instanceof VelesSavepoint v)) {
      throw new VelesSQLException(
          SqlState.INVALID_SAVEPOINT, "not a savepoint of this connection: " + s);
    }
    return v.key();
  }

  @Override
  public int getSavepointId() throws SQLException {
    if (name != null) {
      throw new VelesSQLException(
          SqlState.INVALID_SAVEPOINT, "a named savepoint has no id: use getSavepointName()");
    }
    return id;
  }

  @Override
  public String getSavepointName() throws SQLException {
    if (name == null) {
      throw new VelesSQLException(
          SqlState.INVALID_SAVEPOINT, "an unnamed savepoint has no name: use getSavepointId()");
    }
    return name;
  }

  @Override
  public String toString() {
    return name != null ? "Savepoint[" + name + "]" : "Savepoint[" + id + "]";
  }
}

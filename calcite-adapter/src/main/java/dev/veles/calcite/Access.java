package dev.veles.calcite;

/**
 * What a connection may change, each level including the ones before it; {@link #check} is the one
 * place every write path (DML, DDL, every procedure, hence imports too) asks.
 *
 * <ul>
 *   <li>{@link #READ}: queries only (a {@code read_only=true} connection, or a server user with the
 *       {@code read} role).
 *   <li>{@link #WRITE}: also {@code INSERT}, {@code UPSERT}, {@code UPDATE}, {@code DELETE} and
 *       {@code CALL flush()}.
 *   <li>{@link #ADMIN}: also {@code CREATE}/{@code DROP TABLE} and the maintenance procedures
 *       {@code CALL compact(t)} and {@code CALL rebuild_index(t)}. An embedded connection has it.
 * </ul>
 */
public enum Access {
  READ,
  WRITE,
  ADMIN;

  /** A kind of change a statement makes, with the access it needs. */
  public enum Change {
    /** Reads only (CALL check): any connection may. */
    NONE(READ),
    ROWS(WRITE),
    FLUSH(WRITE),
    DDL(ADMIN),
    MAINTENANCE(ADMIN);

    private final Access needs;

    Change(Access needs) {
      this.needs = needs;
    }

    /** The least access that may make this change. */
    public Access needs() {
      return needs;
    }
  }

  /**
   * Refuses a change this access does not include: 25006 on a read-only connection, 42501 when a
   * writer attempts an administrator's change.
   *
   * @param what the statement, for the message (e.g. {@code "INSERT"}, {@code "CALL compact"})
   */
  public void check(Change change, String what) {
    if (compareTo(change.needs) >= 0) {
      return;
    }
    if (this == READ) {
      throw new VelesException(
          SqlState.READ_ONLY_SQL_TRANSACTION,
          "the connection is read-only (read_only=true, or the server user's role is read): "
              + what
              + " refused");
    }
    throw new VelesException(
        SqlState.INSUFFICIENT_PRIVILEGE,
        what + " needs the admin role; this connection has the " + name().toLowerCase() + " role");
  }

  /** The lesser of two accesses. */
  public Access min(Access other) {
    return compareTo(other) <= 0 ? this : other;
  }
}

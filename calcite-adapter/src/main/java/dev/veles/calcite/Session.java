package dev.veles.calcite;

/**
 * The settings of one connection, changed by {@code SET name = value}. Shared by the schemas of
 * that connection.
 *
 * <p>Thread-safe: settings are replaced as a whole.
 */
public final class Session {
  private volatile VelesSettings settings;
  private final TxContext tx;

  public Session(VelesSettings settings, TxContext tx) {
    this.settings = settings;
    this.tx = tx;
  }

  /** The connection's transaction context. */
  public TxContext tx() {
    return tx;
  }

  public VelesSettings settings() {
    return settings;
  }

  public synchronized void set(VelesSettings settings) {
    // Access only ever narrows: a SET cannot undo a server's restriction.
    this.settings = settings.restrictedTo(this.settings.access());
  }

  /** Narrows this connection's access to at most {@code limit}; never widens it. */
  public synchronized void restrict(Access limit) {
    this.settings = settings.restrictedTo(limit);
  }
}

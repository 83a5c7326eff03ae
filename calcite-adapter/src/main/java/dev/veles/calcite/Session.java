package dev.veles.calcite;

/**
 * The settings of one connection, changed by {@code SET name = value}. Shared by the schemas of
 * that connection.
 *
 * <p>Thread-safe: settings are replaced as a whole.
 */
public final class Session {
  private volatile VelesSettings settings;

  public Session(VelesSettings settings) {
    this.settings = settings;
  }

  public VelesSettings settings() {
    return settings;
  }

  public void set(VelesSettings settings) {
    this.settings = settings;
  }
}

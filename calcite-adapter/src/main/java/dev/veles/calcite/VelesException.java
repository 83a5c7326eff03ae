package dev.veles.calcite;

/** A failure of the SQL layer that carries the SQLSTATE the JDBC edge reports. */
public class VelesException extends RuntimeException {
  private final SqlState state;

  public VelesException(SqlState state, String message) {
    super(message);
    this.state = state;
  }

  public VelesException(SqlState state, String message, Throwable cause) {
    super(message, cause);
    this.state = state;
  }

  public SqlState state() {
    return state;
  }
}

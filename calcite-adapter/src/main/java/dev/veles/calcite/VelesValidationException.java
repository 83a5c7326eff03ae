package dev.veles.calcite;

import org.apache.calcite.runtime.CalciteContextException;

/**
 * A validation error of Calcite's validator (unknown table, column or function, a NULL for a NOT
 * NULL column) with the SQLSTATE that {@link VelesValidator} attached where it was raised. It keeps
 * the cause and position of Calcite's exception, so callers that expect a {@link
 * CalciteContextException} see no difference; its message states the reason first and the position
 * last.
 */
public final class VelesValidationException extends CalciteContextException {
  private final SqlState state;
  private final String message;

  /**
   * {@code e} with {@code state}, its message {@code reason} (Calcite's own reason when null)
   * followed by the position: {@code column "x" does not exist (line 1, column 8)}.
   */
  VelesValidationException(SqlState state, CalciteContextException e, String reason) {
    super(
        String.valueOf(e.getMessage()),
        e.getCause(),
        e.getPosLine(),
        e.getPosColumn(),
        e.getEndPosLine(),
        e.getEndPosColumn());
    this.state = state;
    this.message = CalciteErrors.reasonAt(reason == null ? CalciteErrors.reason(e) : reason, e);
  }

  public SqlState state() {
    return state;
  }

  @Override
  public String getMessage() {
    return message;
  }
}

package dev.veles.calcite;

import org.apache.calcite.runtime.CalciteContextException;

/**
 * A validation error of Calcite's validator (unknown table, column or function, a NULL for a NOT
 * NULL column) with the SQLSTATE that {@link VelesValidator} attached where it was raised. It keeps
 * the message, cause and position of Calcite's exception, so callers that expect a {@link
 * CalciteContextException} see no difference.
 */
public final class VelesValidationException extends CalciteContextException {
  private final SqlState state;
  private final String message;

  VelesValidationException(SqlState state, CalciteContextException e) {
    super(
        String.valueOf(e.getMessage()),
        e.getCause(),
        e.getPosLine(),
        e.getPosColumn(),
        e.getEndPosLine(),
        e.getEndPosColumn());
    this.state = state;
    // Calcite's getMessage appends the cause's message to the context; e's already holds both.
    this.message = e.getMessage();
  }

  public SqlState state() {
    return state;
  }

  @Override
  public String getMessage() {
    return message;
  }
}

package dev.veles.pgwire;

/**
 * A frontend broke the protocol (SQLSTATE 08P01): the session answers with an error and closes,
 * since after a malformed frame the stream cannot be trusted to be in step.
 */
final class PgProtocolException extends RuntimeException {
  private final String sqlState;

  PgProtocolException(String message) {
    this(message, "08P01");
  }

  PgProtocolException(String message, String sqlState) {
    super(message);
    this.sqlState = sqlState;
  }

  String sqlState() {
    return sqlState;
  }
}

package dev.veles.server;

import java.util.List;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/**
 * Refuses statement text longer than a limit with SQLSTATE 54000 before it reaches the parser:
 * parsing and planning cost grows with the text (a 20 MB literal took 76 s and 7.4 GB before it was
 * refused), and no legitimate statement needs that much text; bulk data travels as parameters.
 *
 * <p>Immutable and thread-safe.
 */
final class StatementLimit {
  /** Default limit: 1 Mi characters, room for a few hundred 1,024-dimension vector literals. */
  static final int DEFAULT_MAX_CHARS = 1 << 20;

  static final String PROGRAM_LIMIT_EXCEEDED = "54000";

  private final int maxChars;

  StatementLimit(int maxChars) {
    if (maxChars < 1) {
      throw new IllegalArgumentException("statement limit must be positive: " + maxChars);
    }
    this.maxChars = maxChars;
  }

  /** Refuses {@code sql} if it is too long. */
  void check(String sql) {
    if (sql != null && sql.length() > maxChars) {
      throw new AvaticaRuntimeException(
          "statement too long: "
              + sql.length()
              + " characters, the server's limit is "
              + maxChars
              + " (veles server --max-statement-chars); pass large values as parameters",
          0,
          PROGRAM_LIMIT_EXCEEDED,
          AvaticaSeverity.ERROR);
    }
  }

  /** Refuses a batch if any statement is too long. */
  void check(List<String> batch) {
    if (batch != null) {
      batch.forEach(this::check);
    }
  }
}

package dev.veles.cli;

/**
 * A row of an import file that cannot be loaded: where it is (its first line, and the column when
 * one value is at fault) and why. The rows around it are unaffected, so {@code --skip-bad} may go
 * on past it.
 */
final class BadRowException extends Exception {
  private static final long serialVersionUID = 1L;

  private final long line;
  private final String column;
  private final String reason;

  /**
   * @param line the row's first line in the file (or vector number for fvecs)
   * @param column the column at fault, or null when the row as a whole is
   * @param reason what is wrong, phrased to follow the row or column
   */
  BadRowException(long line, String column, String reason) {
    super(describe("line", line, column, reason));
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  long line() {
    return line;
  }

  String column() {
    return column;
  }

  /** The message with the reader's unit ("line" or "vector"). */
  String describe(String unit) {
    return describe(unit, line, column, reason);
  }

  private static String describe(String unit, long line, String column, String reason) {
    return unit + " " + line + (column == null ? "" : ", column " + column) + ": " + reason;
  }
}

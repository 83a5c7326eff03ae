package dev.veles.calcite;

/**
 * Positions in a statement's text as error messages state them: 1-based line and column, and the
 * 0-based character offset that PostgreSQL's ErrorResponse position field is built from.
 *
 * <p>Stateless and thread-safe.
 */
public final class Positions {
  private Positions() {}

  /** {@code (line 1, column 8)}: the form every Veles error message ends with when it has one. */
  public static String describe(int line, int column) {
    return "(line " + line + ", column " + column + ")";
  }

  /** The 0-based offset of 1-based {@code line} and {@code column} in {@code sql}, or -1. */
  public static int offset(String sql, int line, int column) {
    if (sql == null || line < 1 || column < 1) {
      return -1;
    }
    int offset = 0;
    for (int l = 1; l < line; l++) {
      int nl = sql.indexOf('\n', offset);
      if (nl < 0) {
        return -1;
      }
      offset = nl + 1;
    }
    int at = offset + column - 1;
    return at <= sql.length() ? at : -1;
  }
}

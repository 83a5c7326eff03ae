package dev.veles.server;

import java.util.List;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/**
 * Refuses statement text that would cost the parser and planner more than a client may ask for,
 * before the parser sees it: text longer than a limit, a string literal longer than a limit and an
 * {@code ARRAY[...]} literal with more elements than a vector may have get SQLSTATE 54000; brackets
 * nested deeper than a limit get 54001 "statement too complex".
 *
 * <p>Why before parsing: parsing and planning cost grows with the text (a 20 MB literal took 76 s
 * and 7.4 GB before it was refused; a 200,000-element ARRAY literal of 1 Mi characters took 14 s
 * and 0.9 GB of heap on a server with {@code -Xmx1g}, measured), and the parser, validator and
 * planner recurse once per nesting level (a server thread's stack held 800 nested parentheses, not
 * 1,000). One linear scan of the text, which knows quotes and comments, finds all of it without
 * building anything. Bulk data travels as parameters.
 *
 * <p>Immutable and thread-safe.
 */
final class StatementLimit {
  /** Default limit: 1 Mi characters, room for a few hundred 1,024-dimension vector literals. */
  static final int DEFAULT_MAX_CHARS = 1 << 20;

  /** Default longest string literal: 256 Ki characters. */
  static final int DEFAULT_MAX_LITERAL_CHARS = 1 << 18;

  /** Default most elements of one ARRAY literal: the largest vector dimension, 65,536. */
  static final int DEFAULT_MAX_ARRAY_ELEMENTS = 65_536;

  /**
   * Default deepest nesting of parentheses and brackets: 256, well below the 800 that a server
   * thread's stack was measured to hold.
   */
  static final int DEFAULT_MAX_DEPTH = 256;

  static final String PROGRAM_LIMIT_EXCEEDED = "54000";
  static final String STATEMENT_TOO_COMPLEX = "54001";

  private final int maxChars;
  private final int maxLiteralChars;
  private final int maxArrayElements;
  private final int maxDepth;

  StatementLimit(int maxChars) {
    this(maxChars, DEFAULT_MAX_LITERAL_CHARS, DEFAULT_MAX_ARRAY_ELEMENTS, DEFAULT_MAX_DEPTH);
  }

  StatementLimit(int maxChars, int maxLiteralChars, int maxArrayElements, int maxDepth) {
    if (maxChars < 1 || maxLiteralChars < 1 || maxArrayElements < 1 || maxDepth < 1) {
      throw new IllegalArgumentException("statement limits must be positive");
    }
    this.maxChars = maxChars;
    this.maxLiteralChars = maxLiteralChars;
    this.maxArrayElements = maxArrayElements;
    this.maxDepth = maxDepth;
  }

  /** Refuses {@code sql} if it is over a limit. */
  void check(String sql) {
    if (sql == null) {
      return;
    }
    if (sql.length() > maxChars) {
      throw refused(
          PROGRAM_LIMIT_EXCEEDED,
          "statement too long: "
              + sql.length()
              + " characters, the server's limit is "
              + maxChars
              + " (veles server --max-statement-chars); pass large values as parameters");
    }
    scan(sql);
  }

  /** Refuses a batch if any statement is over a limit. */
  void check(List<String> batch) {
    if (batch != null) {
      batch.forEach(this::check);
    }
  }

  /** One pass over the text: literals, comments, nesting and ARRAY element counts. */
  private void scan(String sql) {
    int n = sql.length();
    // Per open bracket: the element count so far if it opened an ARRAY literal, else -1.
    int[] elements = new int[maxDepth + 1];
    int depth = 0;
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int end = closing(sql, i, c);
        if (c == '\'' && end - i - 1 > maxLiteralChars) {
          throw refused(
              PROGRAM_LIMIT_EXCEEDED,
              "string literal too long: "
                  + (end - i - 1)
                  + " characters, the server's limit is "
                  + maxLiteralChars
                  + " (veles server --max-literal-chars); pass long values as parameters");
        }
        i = end + 1;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '(' || c == '[') {
        if (depth == maxDepth) {
          throw refused(
              STATEMENT_TOO_COMPLEX,
              "statement too complex: parentheses and brackets nested deeper than "
                  + maxDepth
                  + " levels; simplify the expression or split the statement");
        }
        depth++;
        elements[depth] = c == '[' && afterArrayKeyword(sql, i) ? 1 : -1;
        i++;
      } else if (c == ')' || c == ']') {
        depth = Math.max(0, depth - 1);
        i++;
      } else {
        if (c == ',' && depth > 0 && elements[depth] >= 0 && ++elements[depth] > maxArrayElements) {
          throw refused(
              PROGRAM_LIMIT_EXCEEDED,
              "ARRAY literal too long: more than "
                  + maxArrayElements
                  + " elements (the largest vector dimension); pass vectors as parameters");
        }
        i++;
      }
    }
  }

  /** The index of the quote that closes the one at {@code open} (doubled quotes escape), or n. */
  private static int closing(String sql, int open, char quote) {
    int i = open + 1;
    while (i < sql.length()) {
      int q = sql.indexOf(quote, i);
      if (q < 0) {
        return sql.length();
      }
      if (q + 1 < sql.length() && sql.charAt(q + 1) == quote) {
        i = q + 2;
      } else {
        return q;
      }
    }
    return sql.length();
  }

  /** Whether the bracket at {@code at} follows the keyword ARRAY (spaces allowed between). */
  private static boolean afterArrayKeyword(String sql, int at) {
    int i = at - 1;
    while (i >= 0 && Character.isWhitespace(sql.charAt(i))) {
      i--;
    }
    return i >= 4
        && sql.regionMatches(true, i - 4, "ARRAY", 0, 5)
        && (i < 5 || !Character.isJavaIdentifierPart(sql.charAt(i - 5)));
  }

  private static AvaticaRuntimeException refused(String state, String message) {
    return new AvaticaRuntimeException(message, 0, state, AvaticaSeverity.ERROR);
  }
}

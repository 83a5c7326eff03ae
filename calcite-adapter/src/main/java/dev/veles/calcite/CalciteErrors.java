package dev.veles.calcite;

import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * The user-facing message of a failure to prepare or run a statement: the reason first, the
 * position (when known) last, never the statement itself. Calcite's own messages put the position
 * first ({@code From line 1, column 8 to line 1, column 13: ...}) and its JDBC layer wraps them in
 * {@code Error while executing SQL "<the whole statement>": }; this reads the failure that states
 * the reason from the cause chain instead of either wrapper.
 *
 * <p>Stateless and thread-safe.
 */
public final class CalciteErrors {
  private CalciteErrors() {}

  /** The message for {@code failure}, or null when no exception of its chain states a reason. */
  public static String message(Throwable failure) {
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t instanceof VelesException || t instanceof VelesValidationException) {
        return t.getMessage();
      }
    }
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t instanceof NumberFormatException n) {
        return numberSyntax(n);
      }
      if (t instanceof CalciteContextException c) {
        return reasonAt(reason(c), c);
      }
      if (t instanceof SqlParseException p) {
        // A parse failure that did not pass VelesPrepare (which words it as PostgreSQL does).
        return SyntaxErrors.message("", p);
      }
    }
    return null;
  }

  /**
   * The reason a constant of a statement failed to evaluate: {@link #numberSyntax} for text that is
   * no number, else its own message.
   */
  public static String constantReason(Throwable cause) {
    return cause instanceof NumberFormatException n
        ? numberSyntax(n)
        : String.valueOf(cause.getMessage());
  }

  /**
   * PostgreSQL's words for text that is not a number, with the text when the JDK's parser named it
   * ({@code For input string: "abc"}) and its complaint otherwise ({@code BigDecimal}'s does not).
   */
  static String numberSyntax(NumberFormatException e) {
    String m = String.valueOf(e.getMessage());
    String prefix = "For input string: ";
    if (m.startsWith(prefix)) {
      String text = m.substring(prefix.length());
      int radix = text.indexOf(" under radix");
      return "invalid input syntax for type numeric: "
          + (radix < 0 ? text : text.substring(0, radix));
    }
    return "invalid input syntax for type numeric (" + m + ")";
  }

  /** The validator's reason in {@code e}, without Calcite's position prefix. */
  static String reason(CalciteContextException e) {
    Throwable cause = e.getCause();
    return cause != null && cause.getMessage() != null
        ? cause.getMessage()
        : String.valueOf(e.getMessage());
  }

  /** {@code reason} followed by {@code e}'s position, when it has one. */
  static String reasonAt(String reason, CalciteContextException e) {
    return e.getPosLine() > 0
        ? reason + " " + Positions.describe(e.getPosLine(), e.getPosColumn())
        : reason;
  }

  private static Throwable next(Throwable t) {
    return t.getCause() == t ? null : t.getCause();
  }
}

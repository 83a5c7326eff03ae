package dev.veles.calcite;

import dev.veles.calcite.parser.impl.ParseException;
import dev.veles.calcite.parser.impl.TokenMgrError;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The message of a statement the parser rejects, as PostgreSQL words it: {@code syntax error at or
 * near "WHERE" (line 1, column 29)} or {@code syntax error at end of input}, the offending token
 * read from the statement at the parser's position. The parser's list of expected tokens (often
 * over a hundred) is left out.
 *
 * <p>Stateless and thread-safe.
 */
final class SyntaxErrors {
  private SyntaxErrors() {}

  /** The 42601 failure for {@code e}, a parse failure of {@code sql}. */
  static VelesException of(String sql, SqlParseException e) {
    return new VelesException(SqlState.SYNTAX_ERROR, message(sql, e), e);
  }

  /**
   * The parse failure in {@code e}'s cause chain, or null, also when a {@link VelesException}
   * raised inside the parser (a bad {@code date_trunc} unit) states the reason and its state.
   */
  static SqlParseException find(Throwable e) {
    SqlParseException parse = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof VelesException) {
        return null;
      }
      if (t instanceof SqlParseException p && parse == null) {
        parse = p;
      }
    }
    return parse;
  }

  static String message(String sql, SqlParseException e) {
    SqlParserPos pos = e.getPos();
    if (pos == null || pos.getLineNum() <= 0 || sql == null || sql.isEmpty()) {
      String m = String.valueOf(e.getMessage());
      int nl = m.indexOf('\n');
      return "syntax error: " + (nl < 0 ? m : m.substring(0, nl)).strip();
    }
    String where = " " + Positions.describe(pos.getLineNum(), pos.getColumnNum());
    if (!(e.getCause() instanceof ParseException || e.getCause() instanceof TokenMgrError)) {
      // the parser reports a validator-style reason (a non-query expression where a query goes)
      String m = String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
      int nl = m.indexOf('\n');
      return (nl < 0 ? m : m.substring(0, nl)).strip() + where;
    }
    if (atEnd(e)) {
      return "syntax error at end of input" + where;
    }
    int start = Positions.offset(sql, pos.getLineNum(), pos.getColumnNum());
    int end = Positions.offset(sql, pos.getEndLineNum(), pos.getEndColumnNum());
    if (start < 0 || start >= sql.length()) {
      return "syntax error at end of input" + where;
    }
    end = end < start ? start + 1 : Math.min(end + 1, sql.length());
    String token = sql.substring(start, end);
    return "syntax error at or near \"" + token + "\"" + where;
  }

  private static boolean atEnd(SqlParseException e) {
    return e.getCause() instanceof ParseException p
        && p.currentToken != null
        && p.currentToken.next != null
        && p.currentToken.next.kind == 0; // JavaCC's EOF
  }
}

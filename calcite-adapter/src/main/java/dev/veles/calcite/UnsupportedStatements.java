package dev.veles.calcite;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * Names the PostgreSQL statement a user sent when Veles's parser rejects it and Veles lacks that
 * statement: such a statement is a missing feature (0A000, "ALTER TABLE is not supported"), not a
 * syntax error (42601). Statements Veles has are never matched here: they parse.
 *
 * <p>Stateless and thread-safe.
 */
final class UnsupportedStatements {
  private UnsupportedStatements() {}

  /**
   * Leading words of PostgreSQL statements Veles does not have, longest first where one extends
   * another; matched against the statement's first words, case-insensitively.
   */
  private static final List<String> STATEMENTS =
      List.of(
          "CREATE OR REPLACE FUNCTION",
          "CREATE OR REPLACE PROCEDURE",
          "CREATE OR REPLACE TRIGGER",
          "CREATE MATERIALIZED VIEW",
          "CREATE TEMPORARY TABLE",
          "CREATE TEMP TABLE",
          "CREATE UNLOGGED TABLE",
          "CREATE UNIQUE INDEX",
          "CREATE INDEX",
          "CREATE SCHEMA",
          "CREATE SEQUENCE",
          "CREATE FUNCTION",
          "CREATE PROCEDURE",
          "CREATE TRIGGER",
          "CREATE TYPE",
          "CREATE DOMAIN",
          "CREATE DATABASE",
          "CREATE USER",
          "CREATE ROLE",
          "ALTER INDEX",
          "ALTER VIEW",
          "ALTER SCHEMA",
          "ALTER SEQUENCE",
          "ALTER DATABASE",
          "ALTER USER",
          "ALTER ROLE",
          "ALTER SYSTEM",
          "DROP MATERIALIZED VIEW",
          "DROP INDEX",
          "DROP SCHEMA",
          "DROP SEQUENCE",
          "DROP FUNCTION",
          "DROP PROCEDURE",
          "DROP TRIGGER",
          "DROP EXTENSION",
          "DROP TYPE",
          "DROP DATABASE",
          "DROP USER",
          "DROP ROLE",
          "REFRESH MATERIALIZED VIEW",
          "COMMENT ON",
          "TRUNCATE",
          "GRANT",
          "REVOKE",
          "VACUUM",
          "ANALYZE",
          "CLUSTER",
          "REINDEX",
          "LOCK",
          "LISTEN",
          "NOTIFY",
          "UNLISTEN",
          "PREPARE",
          "EXECUTE",
          "DEALLOCATE",
          "DECLARE",
          "FETCH",
          "MOVE",
          "CLOSE",
          "DO",
          "CHECKPOINT",
          "DISCARD",
          "REASSIGN OWNED",
          "SECURITY LABEL",
          "IMPORT FOREIGN SCHEMA",
          "CREATE GLOBAL TEMPORARY TABLE",
          "CREATE LOCAL TEMPORARY TABLE",
          "CREATE TEMPORARY VIEW",
          "CREATE TEMP VIEW",
          "CREATE FOREIGN TABLE",
          "CREATE EVENT TRIGGER",
          "CREATE TABLESPACE",
          "CREATE POLICY",
          "CREATE RULE",
          "CREATE AGGREGATE",
          "CREATE OPERATOR",
          "CREATE COLLATION",
          "CREATE CAST",
          "CREATE SERVER",
          "CREATE PUBLICATION",
          "CREATE SUBSCRIPTION",
          "CREATE STATISTICS",
          "ALTER FUNCTION",
          "ALTER TYPE",
          "ALTER DOMAIN",
          "ALTER EXTENSION",
          "DROP DOMAIN",
          "DROP TABLESPACE",
          "DROP POLICY",
          "DROP RULE",
          "DROP OWNED",
          "DROP SERVER",
          "DROP FOREIGN TABLE",
          "LOAD");

  /**
   * Clauses Veles lacks in statements it has, with the feature's name; looked for anywhere in a
   * statement that failed to parse (so a match inside a string literal of a statement that is
   * malformed for another reason names the clause too: a cost only on the error path).
   */
  private static final Map<Pattern, String> CLAUSES =
      Map.of(
          Pattern.compile(
              "\\bFOR\\s+(NO\\s+KEY\\s+UPDATE|UPDATE|KEY\\s+SHARE|SHARE)\\b",
              Pattern.CASE_INSENSITIVE),
          "SELECT ... FOR UPDATE");

  /**
   * Rethrows {@code e}, a failed preparation of {@code sql}, as 0A000 when the parser rejected a
   * statement Veles lacks; returns normally otherwise (the caller rethrows {@code e} as it is).
   */
  static void check(String sql, RuntimeException e) {
    if (!parseFailure(e)) {
      return;
    }
    String words = leadingWords(sql);
    if (words.startsWith("CREATE TABLE ")) {
      String type = wordAt(sql, parseException(e));
      if (type != null && UNPARSED_TYPES.contains(type.toUpperCase(Locale.ROOT))) {
        throw new VelesException(
            SqlState.FEATURE_NOT_SUPPORTED,
            "column type "
                + type.toUpperCase(Locale.ROOT)
                + " is not supported; use "
                + TableLayout.SUPPORTED_TYPES,
            e);
      }
    }
    for (String s : STATEMENTS) {
      if (words.equals(s) || words.startsWith(s + " ")) {
        throw new VelesException(SqlState.FEATURE_NOT_SUPPORTED, s + " is not supported", e);
      }
    }
    for (Map.Entry<Pattern, String> c : CLAUSES.entrySet()) {
      if (c.getKey().matcher(sql).find()) {
        throw new VelesException(
            SqlState.FEATURE_NOT_SUPPORTED, c.getValue() + " is not supported", e);
      }
    }
  }

  private static boolean parseFailure(Throwable e) {
    return parseException(e) != null;
  }

  private static SqlParseException parseException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SqlParseException p) {
        return p;
      }
    }
    return null;
  }

  /**
   * Type names the parser rejects in a column definition (they are keywords of other syntax), which
   * {@code CREATE TABLE} refuses as a type, not as a syntax error.
   */
  private static final java.util.Set<String> UNPARSED_TYPES =
      java.util.Set.of("INTERVAL", "MULTISET", "ROW", "MAP", "CURSOR", "PERIOD");

  /** The word at the position a parse failure names in {@code sql}, or null. */
  private static String wordAt(String sql, SqlParseException p) {
    if (p == null || p.getPos() == null || p.getPos().getLineNum() < 1) {
      return null;
    }
    String[] lines = sql.split("\n", -1);
    int line = p.getPos().getLineNum() - 1;
    int col = p.getPos().getColumnNum() - 1;
    if (line >= lines.length || col < 0 || col >= lines[line].length()) {
      return null;
    }
    String rest = lines[line].substring(col);
    int end = 0;
    while (end < rest.length() && Character.isLetter(rest.charAt(end))) {
      end++;
    }
    return end == 0 ? null : rest.substring(0, end);
  }

  /** The first five words of {@code sql}, upper case, comments and extra blanks left out. */
  static String leadingWords(String sql) {
    StringBuilder out = new StringBuilder();
    int words = 0;
    int i = 0;
    int n = sql.length();
    while (i < n && words < 5) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (sql.startsWith("--", i)) {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (Character.isLetter(c)) {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
          i++;
        }
        if (words++ > 0) {
          out.append(' ');
        }
        out.append(sql, start, i);
      } else {
        break; // a name in quotes, a parenthesis: the statement's words are over
      }
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }
}

package dev.veles.pgwire;

import static dev.veles.pgwire.PgCatalogSql.arguments;
import static dev.veles.pgwire.PgCatalogSql.closing;
import static dev.veles.pgwire.PgCatalogSql.num;
import static dev.veles.pgwire.PgCatalogSql.qualifiedStart;
import static dev.veles.pgwire.PgCatalogSql.sym;
import static dev.veles.pgwire.PgCatalogSql.word;

import dev.veles.pgwire.SqlText.Kind;
import dev.veles.pgwire.SqlText.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Token rewrites of PostgreSQL's functions that read the session ({@code pg_backend_pid()}, {@code
 * current_setting}, {@code has_table_privilege}) into what Veles's SQL evaluates, from the
 * session's {@link SqlText.Facts}. Stateless.
 */
final class PgSessionSql {
  private PgSessionSql() {}

  /**
   * The calls that read the session: {@code pg_backend_pid()} becomes its id, {@code
   * current_setting(name)} a scalar subquery on {@code pg_settings} (the session's settings),
   * {@code has_table_privilege([user,] table, privilege)} a call that also gets whether the
   * session's user may write.
   */
  static void rewrite(List<Token> t, SqlText.Facts facts) {
    for (int i = 0; i + 1 < t.size(); i++) {
      Token tok = t.get(i);
      if (tok.kind() != Kind.WORD || !t.get(i + 1).is("(")) {
        continue;
      }
      String w = tok.text().toLowerCase(Locale.ROOT);
      int start = qualifiedStart(t, i);
      int close = closing(t, i + 1);
      if (close < 0) {
        return;
      }
      List<List<Token>> args = arguments(t, i + 1, close);
      List<Token> repl =
          switch (w) {
            case "pg_backend_pid" ->
                args.isEmpty() ? List.of(num(Integer.toString(facts.pid()))) : null;
            case "current_setting" ->
                args.size() == 1 || args.size() == 2 ? setting(args.get(0)) : null;
            case "has_table_privilege" -> privilege(args, facts.canWrite());
            default -> null;
          };
      if (repl != null) {
        t.subList(start, close + 1).clear();
        t.addAll(start, repl);
        i = start + repl.size() - 1;
      }
    }
  }

  /** {@code (SELECT s.setting FROM pg_catalog.pg_settings s WHERE LOWER(s.name) = LOWER(n))}. */
  private static List<Token> setting(List<Token> name) {
    List<Token> out =
        new ArrayList<>(
            List.of(
                sym("("),
                word("SELECT"),
                word("veles_set"),
                sym("."),
                word("setting"),
                word("FROM"),
                word("pg_catalog"),
                sym("."),
                word("pg_settings"),
                word("veles_set"),
                word("WHERE"),
                word("LOWER"),
                sym("("),
                word("veles_set"),
                sym("."),
                word("name"),
                sym(")"),
                sym("="),
                word("LOWER"),
                sym("(")));
    out.addAll(name);
    out.addAll(List.of(sym(")"), sym(")")));
    return out;
  }

  /** {@code has_table_privilege([user,] t, p)} to {@code veles_table_privilege(w, t, p)}. */
  private static List<Token> privilege(List<List<Token>> args, boolean canWrite) {
    if (args.size() != 2 && args.size() != 3) {
      return null;
    }
    List<Token> out =
        new ArrayList<>(
            List.of(
                word("pg_catalog"),
                sym("."),
                word("veles_table_privilege"),
                sym("("),
                word(canWrite ? "TRUE" : "FALSE"),
                sym(","),
                word("CAST"),
                sym("(")));
    out.addAll(args.get(args.size() - 2));
    out.addAll(List.of(word("AS"), word("VARCHAR"), sym(")"), sym(",")));
    out.addAll(args.get(args.size() - 1));
    out.add(sym(")"));
    return out;
  }
}

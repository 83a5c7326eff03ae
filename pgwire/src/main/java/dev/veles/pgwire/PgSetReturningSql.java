package dev.veles.pgwire;

import static dev.veles.pgwire.PgCatalogSql.arguments;
import static dev.veles.pgwire.PgCatalogSql.closing;
import static dev.veles.pgwire.PgCatalogSql.inFrom;
import static dev.veles.pgwire.PgCatalogSql.isOne;
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
 * Set-returning functions over an array in a select list ({@code unnest(a)}, {@code
 * generate_subscripts(a, 1)}, {@code information_schema._pg_expandarray(a)}), which PostgreSQL
 * evaluates by repeating the row once per element, as joins Calcite evaluates; part of {@link
 * PgCatalogSql}'s rewrites. Stateless.
 */
final class PgSetReturningSql {
  private PgSetReturningSql() {}

  /** A set-returning call in a select list: where it starts and ends, its kind and array. */
  private record SetCall(int start, int end, String kind, List<Token> array) {}

  /**
   * Rewrites the set-returning functions over one array in a select list ({@code
   * information_schema._pg_expandarray(a)}, {@code unnest(a)}, {@code generate_subscripts(a, 1)}):
   * the select gets {@code JOIN TABLE(generate_series(1, 32)) AS veles_srfN(n) ON veles_srfN.n <=
   * CARDINALITY(a)} after its FROM items (PostgreSQL allows at most 32 index or key columns; a
   * lateral UNNEST would do, but Calcite's decorrelation mixes up the columns of a correlated
   * scalar subquery above one). {@code (f(a)).n} and {@code generate_subscripts(a, 1)} become the
   * ordinal, {@code unnest(a)}, {@code f(a)} and {@code (f(a)).x} the element {@code
   * (a)[veles_srfN.n]}; an outer {@code (q.alias).x} then reads that element as {@code q.alias}.
   */
  static void rewrite(List<Token> t) {
    for (int k = 0; ; k++) {
      SetCall first = nextSetCall(t, 0);
      if (first == null) {
        return;
      }
      int select = enclosingSelect(t, first.start());
      int from = select < 0 ? -1 : topLevel(t, select + 1, "FROM");
      if (from < 0 || from < first.start()) {
        return;
      }
      String alias = "veles_srf" + k;
      List<Token> element = new ArrayList<>(List.of(sym("(")));
      element.addAll(first.array());
      element.addAll(List.of(sym(")"), sym("["), word(alias), sym("."), word("n"), sym("]")));
      List<Token> ordinal = List.of(word(alias), sym("."), word("n"));
      t.addAll(fromEnd(t, from + 1), ordinalJoin(alias, first.array()));
      SetCall c = first;
      while (c != null && c.start() < from) {
        if (!c.array().equals(first.array())) {
          throw new UnsupportedOperationException(
              "set-returning functions over different arrays in one select list are not"
                  + " supported");
        }
        List<Token> repl;
        int start = c.start();
        int end = c.end();
        boolean field =
            start > 0
                && t.get(start - 1).is("(")
                && end + 3 < t.size()
                && t.get(end + 1).is(")")
                && t.get(end + 2).is(".");
        if (c.kind().equals("generate_subscripts")) {
          repl = ordinal;
        } else if (field && c.kind().equals("_pg_expandarray")) {
          repl = t.get(end + 3).is("n") ? ordinal : element;
          start--;
          end += 3;
        } else {
          repl = element;
        }
        t.subList(start, end + 1).clear();
        t.addAll(start, repl);
        from -= (end + 1 - start) - repl.size();
        c = nextSetCall(t, start + repl.size());
      }
      elementFields(t);
    }
  }

  /** {@code JOIN TABLE(pg_catalog.generate_series(1, 32)) AS a(n) ON a.n <= CARDINALITY(x)}. */
  private static List<Token> ordinalJoin(String alias, List<Token> array) {
    List<Token> join =
        new ArrayList<>(
            List.of(
                word("JOIN"),
                word("TABLE"),
                sym("("),
                word("pg_catalog"),
                sym("."),
                word("generate_series"),
                sym("("),
                num("1"),
                sym(","),
                num("32"),
                sym(")"),
                sym(")"),
                word("AS"),
                word(alias),
                sym("("),
                word("n"),
                sym(")"),
                word("ON"),
                word(alias),
                sym("."),
                word("n"),
                sym("<="),
                word("CARDINALITY"),
                sym("(")));
    join.addAll(array);
    join.add(sym(")"));
    return join;
  }

  /** {@code (q.col).x}, the element of an expanded array read outside: {@code q.col}. */
  private static void elementFields(List<Token> t) {
    for (int i = 0; i + 6 < t.size(); i++) {
      if (t.get(i).is("(")
          && t.get(i + 2).is(".")
          && t.get(i + 4).is(")")
          && t.get(i + 5).is(".")
          && t.get(i + 6).is("x")) {
        List<Token> inner = new ArrayList<>(t.subList(i + 1, i + 4));
        t.subList(i, i + 7).clear();
        t.addAll(i, inner);
      }
    }
  }

  /** The next set-returning call of a select list at or after {@code from}, or null. */
  private static SetCall nextSetCall(List<Token> t, int from) {
    for (int i = from; i + 1 < t.size(); i++) {
      Token tok = t.get(i);
      if (tok.kind() != Kind.WORD || !t.get(i + 1).is("(")) {
        continue;
      }
      String w = tok.text().toLowerCase(Locale.ROOT);
      int start = qualifiedStart(t, i);
      boolean expand =
          w.equals("_pg_expandarray") && start < i && t.get(start).is("information_schema");
      boolean unnest = w.equals("unnest") && !inFrom(t, start);
      boolean subscripts = w.equals("generate_subscripts");
      if (!expand && !unnest && !subscripts) {
        continue;
      }
      int close = closing(t, i + 1);
      if (close < 0) {
        return null;
      }
      List<List<Token>> args = arguments(t, i + 1, close);
      if (args.isEmpty()
          || (subscripts && (args.size() != 2 || !isOne(args.get(1))))
          || (!subscripts && args.size() != 1)) {
        continue;
      }
      return new SetCall(start, close, w, args.get(0));
    }
    return null;
  }

  /** The SELECT whose list holds position {@code i}: the nearest one at the same depth. */
  private static int enclosingSelect(List<Token> t, int i) {
    int depth = 0;
    for (int j = i - 1; j >= 0; j--) {
      if (t.get(j).is(")")) {
        depth++;
      } else if (t.get(j).is("(")) {
        depth = Math.max(0, depth - 1);
      } else if (depth == 0 && t.get(j).is("SELECT")) {
        return j;
      }
    }
    return -1;
  }

  /** The first {@code word} at the depth of {@code from}, or -1. */
  private static int topLevel(List<Token> t, int from, String word) {
    int depth = 0;
    for (int j = from; j < t.size(); j++) {
      if (t.get(j).is("(")) {
        depth++;
      } else if (t.get(j).is(")")) {
        if (depth-- == 0) {
          return -1;
        }
      } else if (depth == 0 && t.get(j).is(word)) {
        return j;
      }
    }
    return -1;
  }

  /** Where the FROM clause starting at {@code from} ends: WHERE, GROUP, ORDER, ... or a ')'. */
  private static int fromEnd(List<Token> t, int from) {
    int depth = 0;
    for (int j = from; j < t.size(); j++) {
      Token tok = t.get(j);
      if (tok.is("(")) {
        depth++;
      } else if (tok.is(")")) {
        if (depth-- == 0) {
          return j;
        }
      } else if (depth == 0
          && (tok.is("WHERE")
              || tok.is("GROUP")
              || tok.is("ORDER")
              || tok.is("HAVING")
              || tok.is("LIMIT")
              || tok.is("UNION")
              || tok.is("OFFSET"))) {
        return j;
      }
    }
    return t.size();
  }
}

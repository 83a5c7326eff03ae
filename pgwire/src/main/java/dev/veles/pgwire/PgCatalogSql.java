package dev.veles.pgwire;

import dev.veles.pgwire.SqlText.Kind;
import dev.veles.pgwire.SqlText.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Token rewrites that turn PostgreSQL constructs of catalog queries into equivalents Veles's SQL
 * (Calcite) evaluates, applied by {@link SqlText#rewrite} to every statement. Each is a translation
 * of a PostgreSQL construct, not an answer keyed on a client's query text, so it works for any
 * query that uses the construct:
 *
 * <ul>
 *   <li>{@code current_schemas(b)} becomes the array of the search path ({@code public}, with
 *       {@code pg_catalog} first when {@code b} is true), as PostgreSQL evaluates it for the
 *       default {@code "$user", public} (no schema is named after a user);
 *   <li>{@code array_upper(a, 1)} becomes {@code CARDINALITY(a)} (the catalog's arrays start at 1),
 *       {@code array_lower(a, 1)} becomes 1 (null for an empty or null array);
 *   <li>{@code [pg_catalog.]unnest(a) x} becomes {@code UNNEST(a) AS x(x)}: in PostgreSQL the alias
 *       of a function in FROM also names its column;
 *   <li>{@code generate_series(a, b)} in FROM becomes the table function call {@code
 *       TABLE(pg_catalog.generate_series(a, b))};
 *   <li>{@code information_schema._pg_expandarray(a)}, a set-returning function in a select list,
 *       becomes a join of that select's FROM with the ordinals 1..cardinality(a): {@code (f(a)).n}
 *       is the ordinal, {@code f(a)} and later {@code (alias).x} the element;
 *   <li>{@code pg_relation_size(r)}, {@code pg_total_relation_size(r)}, {@code pg_table_size(r)}
 *       and {@code pg_indexes_size(r)} become scalar subqueries on {@code
 *       pg_catalog.veles_relation_size} (sizes of the collection files, read when scanned);
 *   <li>{@code pg_get_indexdef(i[, column, pretty])} and {@code pg_get_constraintdef(c)} read
 *       {@code pg_catalog.veles_object_def} (see {@link #definition});
 *   <li>{@code pg_get_function_result(f)}, {@code pg_get_function_arguments(f)} and {@code
 *       pg_get_function_identity_arguments(f)} read {@code pg_catalog.veles_object_def} too; {@code
 *       pg_get_function_sqlbody(f)} is null (every routine is built in, none has a SQL body);
 *   <li>{@code json_build_object(k, v, ...)} becomes {@code JSON_OBJECT(k VALUE v, ...)};
 *   <li>names PostgreSQL allows as identifiers but Calcite reserves ({@code result}, {@code
 *       cardinality}, {@code value}) are quoted where they are not a function call.
 * </ul>
 *
 * <p>Stateless.
 */
final class PgCatalogSql {
  private static final Set<String> RESERVED_NAMES = Set.of("result", "cardinality", "member");

  /** Words Calcite reserves that PostgreSQL takes as a column alias after AS. */
  private static final Set<String> RESERVED_ALIASES =
      Set.of("default", "value", "user", "position", "year", "month", "day", "time", "date");

  /**
   * The {@code col} numbers of a routine's rows in {@code pg_catalog.veles_object_def}: its result,
   * its arguments with their defaults, and without.
   */
  static final String RESULT_DEF = "1000";

  static final String ARGUMENTS_DEF = "1001";
  static final String IDENTITY_DEF = "1002";

  private PgCatalogSql() {}

  /** Whether {@code upper} (a statement in upper case) may need one of these rewrites. */
  static boolean mayApply(String upper) {
    return upper.contains("PG_")
        || upper.contains("CURRENT_SCHEMAS")
        || upper.contains("ARRAY_")
        || upper.contains("UNNEST")
        || upper.contains("GENERATE_SERIES")
        || upper.contains("RESULT")
        || upper.contains("CARDINALITY")
        || upper.contains("JSON_BUILD")
        || upper.contains("GENERATE_SUBSCRIPTS")
        || upper.contains(" AS ");
    // (pg_get_function_result and its siblings contain PG_)
  }

  static void rewrite(List<Token> t) {
    PgSetReturningSql.rewrite(t);
    for (int i = 0; i < t.size(); i++) {
      Token tok = t.get(i);
      if (tok.kind() != Kind.WORD) {
        continue;
      }
      String w = tok.text().toLowerCase(Locale.ROOT);
      boolean call = i + 1 < t.size() && t.get(i + 1).is("(");
      if (!call) {
        boolean alias = i > 0 && t.get(i - 1).is("AS");
        if (RESERVED_NAMES.contains(w) || (alias && RESERVED_ALIASES.contains(w))) {
          t.set(i, new Token(Kind.QUOTED_IDENT, w));
        }
        continue;
      }
      int start = qualifiedStart(t, i);
      int close = closing(t, i + 1);
      if (close < 0) {
        continue;
      }
      List<List<Token>> args = arguments(t, i + 1, close);
      List<Token> repl =
          switch (w) {
            case "current_schemas" -> currentSchemas(args);
            case "array_upper" -> args.size() == 2 && isOne(args.get(1)) ? cardinality(args) : null;
            case "array_lower" -> args.size() == 2 && isOne(args.get(1)) ? lower(args) : null;
            case "unnest" -> inFrom(t, start) ? unnest(t, close, args) : null;
            case "generate_series" -> inFrom(t, start) ? tableCall(t, close, w, args) : null;
            case "pg_relation_size", "pg_table_size" -> size("relation_size", args);
            case "pg_total_relation_size" -> size("total_size", args);
            case "pg_indexes_size" -> size("indexes_size", args);
            case "pg_database_size" -> args.size() == 1 ? databaseSize() : null;
            case "json_build_object" -> jsonObject(args);
            case "regclass" ->
                args.size() == 1
                        && args.get(0).size() == 1
                        && args.get(0).get(0).kind() == Kind.STRING
                    ? regclass(args.get(0).get(0).text())
                    : null;
            case "pg_get_indexdef" ->
                args.size() == 1 || args.size() == 3
                    ? definition(args.get(0), args.size() == 3 ? args.get(1) : List.of(num("0")))
                    : null;
            case "pg_get_function_result" ->
                args.size() == 1 ? definition(args.get(0), List.of(num(RESULT_DEF))) : null;
            case "pg_get_function_arguments" ->
                args.size() == 1 ? definition(args.get(0), List.of(num(ARGUMENTS_DEF))) : null;
            case "pg_get_function_identity_arguments" ->
                args.size() == 1 ? definition(args.get(0), List.of(num(IDENTITY_DEF))) : null;
            case "pg_get_function_sqlbody" ->
                args.size() == 1
                    ? List.of(
                        word("CAST"), sym("("), word("NULL"), word("AS"), word("VARCHAR"), sym(")"))
                    : null;
            case "pg_get_constraintdef" ->
                args.size() == 1 || args.size() == 2
                    ? definition(args.get(0), List.of(num("0")))
                    : null;
            default -> null;
          };
      if (repl == null) {
        continue;
      }
      int end = close + 1;
      if ((w.equals("unnest") || w.equals("generate_series"))
          && end < t.size()
          && isAlias(t.get(end))) {
        end++; // the alias is part of the replacement
      }
      t.subList(start, end).clear();
      t.addAll(start, repl);
      // go on inside the replacement (its arguments may hold calls to rewrite), past its own name
      i =
          switch (w) {
            case "unnest" -> start;
            case "generate_series" -> start + 4;
            case "regclass" -> start + repl.size() - 1;
            default -> start - 1;
          };
    }
  }

  /** Where a call at {@code i} starts, with its {@code schema.} qualifier. */
  static int qualifiedStart(List<Token> t, int i) {
    return i >= 2 && t.get(i - 1).is(".") && t.get(i - 2).kind() == Kind.WORD ? i - 2 : i;
  }

  /** The index of the parenthesis closing the one at {@code open}, or -1. */
  static int closing(List<Token> t, int open) {
    int depth = 0;
    for (int j = open; j < t.size(); j++) {
      if (t.get(j).is("(")) {
        depth++;
      } else if (t.get(j).is(")") && --depth == 0) {
        return j;
      }
    }
    return -1;
  }

  /** The comma-separated arguments between {@code open} and {@code close}. */
  static List<List<Token>> arguments(List<Token> t, int open, int close) {
    List<List<Token>> args = new ArrayList<>();
    List<Token> cur = new ArrayList<>();
    int depth = 0;
    for (int j = open + 1; j < close; j++) {
      Token tok = t.get(j);
      if (tok.is("(") || tok.is("[")) {
        depth++;
      } else if (tok.is(")") || tok.is("]")) {
        depth--;
      }
      if (depth == 0 && tok.is(",")) {
        args.add(cur);
        cur = new ArrayList<>();
      } else {
        cur.add(tok);
      }
    }
    if (!cur.isEmpty() || !args.isEmpty()) {
      args.add(cur);
    }
    return args;
  }

  static boolean isOne(List<Token> arg) {
    return arg.size() == 1 && arg.get(0).kind() == Kind.NUMBER && arg.get(0).text().equals("1");
  }

  private static List<Token> currentSchemas(List<List<Token>> args) {
    if (args.size() != 1 || args.get(0).size() != 1) {
      return null;
    }
    String b = args.get(0).get(0).text().toLowerCase(Locale.ROOT);
    if (!b.equals("true") && !b.equals("false")) {
      return null;
    }
    List<Token> out = new ArrayList<>(List.of(word("ARRAY"), sym("[")));
    if (b.equals("true")) {
      out.add(new Token(Kind.STRING, "pg_catalog"));
      out.add(sym(","));
    }
    out.add(new Token(Kind.STRING, "public"));
    out.add(sym("]"));
    return out;
  }

  private static List<Token> cardinality(List<List<Token>> args) {
    List<Token> out = new ArrayList<>(List.of(word("CARDINALITY"), sym("(")));
    out.addAll(args.get(0));
    out.add(sym(")"));
    return out;
  }

  /** {@code array_lower(a, 1)}: 1 for a non-empty array, null otherwise, as in PostgreSQL. */
  private static List<Token> lower(List<List<Token>> args) {
    List<Token> out =
        new ArrayList<>(List.of(word("CASE"), word("WHEN"), word("CARDINALITY"), sym("(")));
    out.addAll(args.get(0));
    out.addAll(List.of(sym(")"), sym(">"), num("0"), word("THEN"), num("1"), word("END")));
    return out;
  }

  private static boolean isAlias(Token tok) {
    if (tok.kind() == Kind.QUOTED_IDENT) {
      return true;
    }
    return tok.kind() == Kind.WORD
        && !Set.of(
                "AS",
                "WITH",
                "ON",
                "WHERE",
                "JOIN",
                "LEFT",
                "RIGHT",
                "INNER",
                "CROSS",
                "FULL",
                "GROUP",
                "ORDER",
                "LIMIT",
                "UNION",
                "EXCEPT",
                "INTERSECT",
                "HAVING",
                "OFFSET",
                "WINDOW",
                "NATURAL",
                "USING",
                "FETCH")
            .contains(tok.text().toUpperCase(Locale.ROOT));
  }

  /** {@code unnest(a) x} to {@code UNNEST(a) AS x(x)}; with AS or no alias only unqualified. */
  private static List<Token> unnest(List<Token> t, int close, List<List<Token>> args) {
    List<Token> out = new ArrayList<>(List.of(word("UNNEST"), sym("(")));
    for (int k = 0; k < args.size(); k++) {
      if (k > 0) {
        out.add(sym(","));
      }
      out.addAll(args.get(k));
    }
    out.add(sym(")"));
    if (close + 1 < t.size() && isAlias(t.get(close + 1))) {
      Token alias = t.get(close + 1);
      boolean columns = close + 2 < t.size() && t.get(close + 2).is("(");
      out.addAll(
          columns
              ? List.of(word("AS"), alias)
              : List.of(word("AS"), alias, sym("("), alias, sym(")")));
    }
    return out;
  }

  /** Whether the item starting at {@code start} is a FROM item (after FROM, JOIN or a comma). */
  static boolean inFrom(List<Token> t, int start) {
    if (start == 0) {
      return false;
    }
    Token prev = t.get(start - 1);
    if (prev.is("FROM") || prev.is("JOIN")) {
      return true;
    }
    if (!prev.is(",")) {
      return false;
    }
    // a comma: a FROM list when the nearest FROM/SELECT at this depth is FROM
    int depth = 0;
    for (int j = start - 2; j >= 0; j--) {
      Token tok = t.get(j);
      if (tok.is(")")) {
        depth++;
      } else if (tok.is("(")) {
        if (depth-- == 0) {
          return false;
        }
      } else if (depth == 0 && tok.is("FROM")) {
        return true;
      } else if (depth == 0 && tok.is("SELECT")) {
        return false;
      }
    }
    return false;
  }

  /**
   * {@code f(args) [x]} to {@code TABLE(pg_catalog.f(args)) [AS x(x)]}; {@code f(args) x(c)} to
   * {@code TABLE(pg_catalog.f(args)) AS x(c)} (the column list stays where it is).
   */
  private static List<Token> tableCall(
      List<Token> t, int close, String name, List<List<Token>> args) {
    List<Token> out =
        new ArrayList<>(
            List.of(word("TABLE"), sym("("), word("pg_catalog"), sym("."), word(name), sym("(")));
    for (int k = 0; k < args.size(); k++) {
      if (k > 0) {
        out.add(sym(","));
      }
      out.addAll(args.get(k));
    }
    out.add(sym(")"));
    out.add(sym(")"));
    if (close + 1 < t.size() && isAlias(t.get(close + 1))) {
      Token alias = t.get(close + 1);
      boolean columns = close + 2 < t.size() && t.get(close + 2).is("(");
      out.addAll(
          columns
              ? List.of(word("AS"), alias)
              : List.of(word("AS"), alias, sym("("), alias, sym(")")));
    }
    return out;
  }

  /** {@code (SELECT s.column FROM pg_catalog.veles_relation_size s WHERE s.oid = r)}. */
  private static List<Token> size(String column, List<List<Token>> args) {
    if (args.size() != 1) {
      return null;
    }
    List<Token> rel = args.get(0);
    List<Token> out =
        new ArrayList<>(
            List.of(
                sym("("),
                word("SELECT"),
                word("veles_rs"),
                sym("."),
                word(column),
                word("FROM"),
                word("pg_catalog"),
                sym("."),
                word("veles_relation_size"),
                word("veles_rs"),
                word("WHERE"),
                word("veles_rs"),
                sym("."),
                word("oid"),
                sym("=")));
    if (rel.size() == 1 && rel.get(0).kind() == Kind.STRING) {
      // a name: PostgreSQL casts the literal to regclass
      out.addAll(List.of(word("pg_catalog"), sym("."), word("regclass"), sym("(")));
      out.addAll(rel);
      out.add(sym(")"));
    } else {
      out.add(sym("("));
      out.addAll(rel);
      out.add(sym(")"));
    }
    out.add(sym(")"));
    return out;
  }

  /**
   * {@code 'name'::regclass} of a literal: the OID of the live relation of that name in {@code
   * pg_class} (tables and their indexes), else of the catalog table of that name.
   */
  private static List<Token> regclass(String literal) {
    String name = PgFunctions.unqualified(literal);
    return List.of(
        word("COALESCE"),
        sym("("),
        sym("("),
        word("SELECT"),
        word("veles_rc"),
        sym("."),
        word("oid"),
        word("FROM"),
        word("pg_catalog"),
        sym("."),
        word("pg_class"),
        word("veles_rc"),
        word("WHERE"),
        word("veles_rc"),
        sym("."),
        word("relname"),
        sym("="),
        new Token(Kind.STRING, name),
        sym(")"),
        sym(","),
        word("pg_catalog"),
        sym("."),
        word("regclass"),
        sym("("),
        new Token(Kind.STRING, literal),
        sym(")"),
        sym(")"));
  }

  /** The database's size: the sum of its tables' files. */
  private static List<Token> databaseSize() {
    return List.of(
        sym("("),
        word("SELECT"),
        word("COALESCE"),
        sym("("),
        word("SUM"),
        sym("("),
        word("veles_rs"),
        sym("."),
        word("total_size"),
        sym(")"),
        sym(","),
        num("0"),
        sym(")"),
        word("FROM"),
        word("pg_catalog"),
        sym("."),
        word("veles_relation_size"),
        word("veles_rs"),
        word("JOIN"),
        word("pg_catalog"),
        sym("."),
        word("pg_class"),
        word("veles_c"),
        word("ON"),
        word("veles_c"),
        sym("."),
        word("oid"),
        sym("="),
        word("veles_rs"),
        sym("."),
        word("oid"),
        word("WHERE"),
        word("veles_c"),
        sym("."),
        word("relkind"),
        sym("="),
        new Token(Kind.STRING, "r"),
        sym(")"));
  }

  /** {@code json_build_object(k1, v1, ...)} to {@code JSON_OBJECT(k1 VALUE v1, ...)}. */
  private static List<Token> jsonObject(List<List<Token>> args) {
    if (args.size() % 2 != 0) {
      return null;
    }
    List<Token> out = new ArrayList<>(List.of(word("JSON_OBJECT"), sym("(")));
    for (int k = 0; k < args.size(); k += 2) {
      if (k > 0) {
        out.add(sym(","));
      }
      out.addAll(args.get(k));
      out.add(word("VALUE"));
      out.addAll(args.get(k + 1));
    }
    out.add(sym(")"));
    return out;
  }

  /**
   * {@code pg_catalog.veles_definition(ARRAY(SELECT d.oid || ' ' || d.col || ' ' || d.def FROM
   * pg_catalog.veles_object_def d), o, c)}: the definitions are read by an uncorrelated subquery (a
   * correlated one trips Calcite's decorrelation in pgjdbc's getIndexInfo query).
   */
  private static List<Token> definition(List<Token> oid, List<Token> col) {
    List<Token> out =
        new ArrayList<>(
            List.of(
                word("pg_catalog"),
                sym("."),
                word("veles_definition"),
                sym("("),
                word("ARRAY"),
                sym("("),
                word("SELECT"),
                word("CAST"),
                sym("("),
                word("veles_od"),
                sym("."),
                word("oid"),
                word("AS"),
                word("VARCHAR"),
                sym(")"),
                sym("||"),
                new Token(Kind.STRING, " "),
                sym("||"),
                word("CAST"),
                sym("("),
                word("veles_od"),
                sym("."),
                word("col"),
                word("AS"),
                word("VARCHAR"),
                sym(")"),
                sym("||"),
                new Token(Kind.STRING, " "),
                sym("||"),
                word("veles_od"),
                sym("."),
                word("def"),
                word("FROM"),
                word("pg_catalog"),
                sym("."),
                word("veles_object_def"),
                word("veles_od"),
                sym(")"),
                sym(",")));
    out.addAll(oid);
    out.add(sym(","));
    out.addAll(col);
    out.add(sym(")"));
    return out;
  }

  static Token word(String s) {
    return new Token(Kind.WORD, s);
  }

  static Token sym(String s) {
    return new Token(Kind.SYMBOL, s);
  }

  static Token num(String s) {
    return new Token(Kind.NUMBER, s);
  }
}

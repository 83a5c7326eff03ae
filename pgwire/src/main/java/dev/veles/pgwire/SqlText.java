package dev.veles.pgwire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL statement text made into text Veles's parser takes, by generic rewrites at the token
 * level (never an answer keyed on a client's query): {@code $n} placeholders become {@code ?} (the
 * order of the numbers is kept in {@link Rewritten#params}), {@code expr::type} becomes {@code
 * CAST(expr AS type)} (a {@code ::vector} cast of a parameter is dropped, the parameter is bound as
 * a vector; of a string literal it becomes an {@code ARRAY[...]}), {@code E'...'} escape strings
 * become standard strings, and {@code OPERATOR(pg_catalog.op)} becomes {@code op}. Also splits a
 * simple query's text into statements at top-level semicolons.
 *
 * <p>Stateless.
 */
final class SqlText {
  private SqlText() {}

  /** A rewritten statement: the text and, for each {@code ?} in order, its {@code $n} number. */
  record Rewritten(String sql, int[] params) {}

  /** The statements of a simple query, split at semicolons outside quotes and comments. */
  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        i = skipQuoted(text, i, c);
      } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        int nl = text.indexOf('\n', i);
        i = nl < 0 ? n : nl + 1;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int close = text.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
      } else if (c == '$' && dollarTag(text, i) != null) {
        String tag = dollarTag(text, i);
        int close = text.indexOf(tag, i + tag.length());
        i = close < 0 ? n : close + tag.length();
      } else if (c == ';') {
        add(out, text.substring(start, i));
        start = ++i;
      } else {
        i++;
      }
    }
    add(out, text.substring(start));
    return out;
  }

  private static void add(List<String> out, String statement) {
    if (!isBlank(statement)) {
      out.add(statement.strip());
    }
  }

  /** Whether the text holds only white space and comments (an empty query). */
  static boolean isBlank(String s) {
    return tokens(s).isEmpty();
  }

  private static int skipQuoted(String text, int i, char quote) {
    int j = i + 1;
    while (j < text.length()) {
      if (text.charAt(j) == quote) {
        if (j + 1 < text.length() && text.charAt(j + 1) == quote) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return j;
  }

  private static String dollarTag(String text, int i) {
    int j = i + 1;
    while (j < text.length()
        && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
      j++;
    }
    if (j < text.length()
        && text.charAt(j) == '$'
        && (j == i + 1 || !Character.isDigit(text.charAt(i + 1)))) {
      return text.substring(i, j + 1);
    }
    return null;
  }

  /** Token kinds. */
  enum Kind {
    WORD,
    QUOTED_IDENT,
    STRING,
    NUMBER,
    PARAM,
    SYMBOL
  }

  /** A token: its kind and its text (a STRING's text is its value, unquoted). */
  record Token(Kind kind, String text) {
    boolean is(String s) {
      return (kind == Kind.SYMBOL || kind == Kind.WORD) && text.equalsIgnoreCase(s);
    }

    String render() {
      return switch (kind) {
        case STRING -> "'" + text.replace("'", "''") + "'";
        case QUOTED_IDENT -> "\"" + text.replace("\"", "\"\"") + "\"";
        default -> text;
      };
    }
  }

  /** The tokens of one statement; comments and white space are dropped. */
  static List<Token> tokens(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
        int nl = s.indexOf('\n', i);
        i = nl < 0 ? n : nl + 1;
      } else if (c == '/' && i + 2 < n && s.charAt(i + 1) == '*' && s.charAt(i + 2) == '+') {
        // an optimizer hint (/*+ ef_search(64) */) is part of the statement, not a comment
        int close = s.indexOf("*/", i + 3);
        int end = close < 0 ? n : close + 2;
        out.add(new Token(Kind.SYMBOL, s.substring(i, end)));
        i = end;
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int close = s.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
      } else if ((c == 'E' || c == 'e') && i + 1 < n && s.charAt(i + 1) == '\'') {
        int end = skipQuoted(s, i + 1, '\'');
        out.add(new Token(Kind.STRING, unescape(s.substring(i + 2, Math.max(i + 2, end - 1)))));
        i = end;
      } else if (c == '\'') {
        int end = skipQuoted(s, i, '\'');
        out.add(
            new Token(
                Kind.STRING, s.substring(i + 1, Math.max(i + 1, end - 1)).replace("''", "'")));
        i = end;
      } else if (c == '"') {
        int end = skipQuoted(s, i, '"');
        out.add(
            new Token(
                Kind.QUOTED_IDENT,
                s.substring(i + 1, Math.max(i + 1, end - 1)).replace("\"\"", "\"")));
        i = end;
      } else if (c == '$' && i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
        int j = i + 1;
        while (j < n && Character.isDigit(s.charAt(j))) {
          j++;
        }
        out.add(new Token(Kind.PARAM, s.substring(i + 1, j)));
        i = j;
      } else if (c == '$' && dollarTag(s, i) != null) {
        String tag = dollarTag(s, i);
        int close = s.indexOf(tag, i + tag.length());
        int end = close < 0 ? n : close;
        out.add(new Token(Kind.STRING, s.substring(i + tag.length(), end)));
        i = close < 0 ? n : close + tag.length();
      } else if (Character.isLetter(c) || c == '_') {
        int j = i + 1;
        while (j < n
            && (Character.isLetterOrDigit(s.charAt(j))
                || s.charAt(j) == '_'
                || s.charAt(j) == '$')) {
          j++;
        }
        out.add(new Token(Kind.WORD, s.substring(i, j)));
        i = j;
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
        int j = i + 1;
        while (j < n
            && (Character.isDigit(s.charAt(j))
                || s.charAt(j) == '.'
                || ((s.charAt(j) == 'e' || s.charAt(j) == 'E')
                    && j + 1 < n
                    && (Character.isDigit(s.charAt(j + 1))
                        || s.charAt(j + 1) == '-'
                        || s.charAt(j + 1) == '+'))
                || ((s.charAt(j) == '-' || s.charAt(j) == '+')
                    && (s.charAt(j - 1) == 'e' || s.charAt(j - 1) == 'E')))) {
          j++;
        }
        out.add(new Token(Kind.NUMBER, s.substring(i, j)));
        i = j;
      } else {
        int j = i + 1;
        if (isOperatorChar(c)) {
          while (j < n
              && isOperatorChar(s.charAt(j))
              && !(s.charAt(j) == '-' && j + 1 < n && s.charAt(j + 1) == '-')) {
            j++;
          }
          // PostgreSQL's rule: a multi-character operator ends in + or - only when it also holds
          // one of ~ ! @ # % ^ & | ` ? (so a=-1 is a = -1)
          String op = s.substring(i, j);
          if (op.chars().noneMatch(ch -> "~!@#%^&|`?".indexOf(ch) >= 0)) {
            while (j - i > 1 && (s.charAt(j - 1) == '+' || s.charAt(j - 1) == '-')) {
              j--;
            }
          }
        } else if (c == ':' && j < n && s.charAt(j) == ':') {
          j++;
        }
        out.add(new Token(Kind.SYMBOL, s.substring(i, j)));
        i = j;
      }
    }
    return out;
  }

  private static boolean isOperatorChar(char c) {
    return "+-*/<>=~!@#%^&|`?".indexOf(c) >= 0;
  }

  /** The value of an {@code E'...'} string body. */
  private static String unescape(String body) {
    StringBuilder sb = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
        sb.append('\'');
        i++;
      } else if (c == '\\' && i + 1 < body.length()) {
        char e = body.charAt(++i);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          default -> sb.append(e);
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * What statements of a session may read of it: the user, the session's id ({@code
   * pg_backend_pid()}, the process id of the cancel key) and whether the user may write.
   */
  record Facts(String user, int pid, boolean canWrite) {}

  /** Rewrites one statement (see the class comment). */
  static Rewritten rewrite(String sql) {
    return rewrite(sql, new Facts("veles", 0, true));
  }

  /**
   * Rewrites one statement; SQL's session functions ({@code current_schema}, {@code current_user},
   * {@code session_user}, {@code current_catalog}), which Calcite parses but cannot evaluate,
   * become their values for this session, as do {@code pg_backend_pid()} and the access that {@code
   * has_table_privilege} answers from.
   */
  static Rewritten rewrite(String sql, Facts facts) {
    if (!mayNeedRewrite(sql)) {
      return new Rewritten(sql, new int[0]);
    }
    List<Token> t = new ArrayList<>(tokens(sql));
    operators(t);
    casts(t);
    regexOperators(t);
    sessionFunctions(t, facts.user());
    PgSessionSql.rewrite(t, facts);
    booleanLiterals(t);
    PgCatalogSql.rewrite(t);
    List<Integer> params = new ArrayList<>();
    StringBuilder sb = new StringBuilder(sql.length() + 16);
    Token prev = null;
    for (Token tok : t) {
      if (prev != null && needsSpace(prev, tok)) {
        sb.append(' ');
      }
      if (tok.kind == Kind.PARAM) {
        params.add(Integer.parseInt(tok.text));
        sb.append('?');
      } else {
        sb.append(tok.render());
      }
      prev = tok;
    }
    return new Rewritten(sb.toString(), params.stream().mapToInt(Integer::intValue).toArray());
  }

  private static boolean mayNeedRewrite(String sql) {
    String u = sql.toUpperCase(Locale.ROOT);
    return sql.indexOf('$') >= 0
        || sql.contains("::")
        || u.contains("OPERATOR")
        || u.contains("COLLATE")
        || u.contains("E'")
        || sql.indexOf('~') >= 0
        || u.contains("CURRENT_")
        || u.contains("SESSION_USER")
        || u.contains("HAS_TABLE_PRIVILEGE")
        || u.contains("CURRENT_SETTING")
        || PgCatalogSql.mayApply(u);
  }

  private static boolean needsSpace(Token prev, Token tok) {
    if (tok.is(".") || prev.is(".") || tok.is(",") || tok.is(")") || prev.is("(")) {
      return false;
    }
    return !(tok.is("(") && (prev.kind == Kind.WORD || prev.kind == Kind.QUOTED_IDENT));
  }

  /** {@code OPERATOR(schema.op)} to {@code op}; {@code COLLATE pg_catalog.default} dropped. */
  private static void operators(List<Token> t) {
    for (int i = 0; i < t.size(); i++) {
      if (t.get(i).is("OPERATOR") && i + 1 < t.size() && t.get(i + 1).is("(")) {
        int close = i + 2;
        while (close < t.size() && !t.get(close).is(")")) {
          close++;
        }
        if (close < t.size()) {
          Token op = t.get(close - 1);
          t.subList(i, close + 1).clear();
          t.add(i, op);
        }
      } else if (t.get(i).is("COLLATE") && i + 1 < t.size()) {
        int end = i + 2;
        while (end + 1 < t.size() && t.get(end).is(".")) {
          end += 2;
        }
        t.subList(i, end).clear();
        i--;
      }
    }
  }

  private static void sessionFunctions(List<Token> t, String user) {
    for (int i = 0; i < t.size(); i++) {
      Token tok = t.get(i);
      if (tok.kind != Kind.WORD
          || (i > 0 && t.get(i - 1).is(".") && !(i > 1 && t.get(i - 2).is("pg_catalog")))) {
        continue;
      }
      String value =
          switch (tok.text.toLowerCase(Locale.ROOT)) {
            case "current_schema" -> "public";
            case "current_user", "session_user" -> user;
            case "current_catalog" -> "veles";
            default -> null;
          };
      if (value == null) {
        continue;
      }
      int start = i > 1 && t.get(i - 1).is(".") ? i - 2 : i;
      int end = i + 1;
      if (end + 1 < t.size() && t.get(end).is("(") && t.get(end + 1).is(")")) {
        end += 2;
      }
      t.subList(start, end).clear();
      t.add(start, new Token(Kind.STRING, value));
      i = start;
    }
  }

  /**
   * {@code col = 't'} (or {@code 'f'}, {@code <>}) for a boolean column of the catalog: PostgreSQL
   * reads the literal as a boolean, Calcite would cast it and fail.
   */
  private static void booleanLiterals(List<Token> t) {
    for (int i = 0; i + 3 < t.size(); i++) {
      // 'd' = ANY(array): Calcite types the literal CHAR(1), which it will not compare with the
      // elements of a VARCHAR array
      if (t.get(i).kind == Kind.STRING
          && t.get(i + 1).is("=")
          && (t.get(i + 2).is("ANY") || t.get(i + 2).is("SOME"))
          && t.get(i + 3).is("(")) {
        Token lit = t.get(i);
        t.remove(i);
        t.addAll(
            i,
            List.of(
                new Token(Kind.WORD, "CAST"),
                new Token(Kind.SYMBOL, "("),
                lit,
                new Token(Kind.WORD, "AS"),
                new Token(Kind.WORD, "VARCHAR"),
                new Token(Kind.SYMBOL, ")")));
        i += 5;
      }
    }
    for (int i = 1; i + 1 < t.size(); i++) {
      Token op = t.get(i);
      Token left = t.get(i - 1);
      Token right = t.get(i + 1);
      if ((op.is("=") || op.is("<>") || op.is("!="))
          && right.kind == Kind.STRING
          && right.text.startsWith("{")
          && right.text.endsWith("}")
          && left.kind == Kind.WORD
          && !left.is("'")) {
        List<Token> array = arrayLiteral(right.text);
        if (array != null) {
          t.remove(i + 1);
          t.addAll(i + 1, array);
          continue;
        }
      }
      if ((op.is("=") || op.is("<>") || op.is("!="))
          && left.kind == Kind.WORD
          && PgCatalog.BOOLEAN_COLUMNS.contains(left.text.toLowerCase(Locale.ROOT))
          && right.kind == Kind.STRING) {
        String v = right.text.strip().toLowerCase(Locale.ROOT);
        Boolean b =
            switch (v) {
              case "t", "true", "y", "yes", "on", "1" -> true;
              case "f", "false", "n", "no", "off", "0" -> false;
              default -> null;
            };
        if (b != null) {
          t.set(i + 1, new Token(Kind.WORD, b ? "TRUE" : "FALSE"));
        }
      }
    }
  }

  /**
   * A PostgreSQL array literal ({@code '{0}'}, {@code '{a,b}'}) compared with a column as {@code
   * ARRAY[...]}; numbers stay numbers. Null when it is not a flat array literal.
   */
  private static List<Token> arrayLiteral(String text) {
    String body = text.substring(1, text.length() - 1).strip();
    if (body.contains("{") || body.contains("\"")) {
      return null;
    }
    List<Token> out = new ArrayList<>();
    out.add(new Token(Kind.WORD, "ARRAY"));
    out.add(new Token(Kind.SYMBOL, "["));
    String[] items = body.isEmpty() ? new String[0] : body.split(",");
    for (int k = 0; k < items.length; k++) {
      if (k > 0) {
        out.add(new Token(Kind.SYMBOL, ","));
      }
      String v = items[k].strip();
      out.add(
          v.matches("-?[0-9]+(\\.[0-9]+)?")
              ? new Token(Kind.NUMBER, v)
              : new Token(Kind.STRING, v));
    }
    out.add(new Token(Kind.SYMBOL, "]"));
    return items.length == 0 ? null : out;
  }

  /** {@code a ~ b}, {@code !~}, {@code ~*}, {@code !~*} to PostgreSQL's functions behind them. */
  private static void regexOperators(List<Token> t) {
    for (int i = 1; i + 1 < t.size(); i++) {
      Token op = t.get(i);
      if (op.kind != Kind.SYMBOL || !List.of("~", "!~", "~*", "!~*").contains(op.text)) {
        continue;
      }
      int start = operandStart(t, i);
      int end = i + 2;
      while (end + 1 < t.size() && t.get(end).is(".")) {
        end += 2;
      }
      List<Token> left = new ArrayList<>(t.subList(start, i));
      List<Token> right = new ArrayList<>(t.subList(i + 1, end));
      List<Token> call = new ArrayList<>();
      if (op.text.startsWith("!")) {
        call.add(new Token(Kind.WORD, "NOT"));
      }
      call.add(new Token(Kind.WORD, "pg_catalog"));
      call.add(new Token(Kind.SYMBOL, "."));
      call.add(new Token(Kind.WORD, op.text.endsWith("*") ? "texticregexeq" : "textregexeq"));
      call.add(new Token(Kind.SYMBOL, "("));
      call.addAll(left);
      call.add(new Token(Kind.SYMBOL, ","));
      call.addAll(right);
      call.add(new Token(Kind.SYMBOL, ")"));
      t.subList(start, end).clear();
      t.addAll(start, call);
      i = start + call.size() - 1;
    }
  }

  /** {@code operand::type} to {@code CAST(operand AS type)}, innermost first. */
  private static void casts(List<Token> t) {
    for (int i = 0; i < t.size(); i++) {
      if (!t.get(i).is("::")) {
        continue;
      }
      int start = operandStart(t, i);
      int typeEnd = typeEnd(t, i + 1);
      String typeName = typeText(t.subList(i + 1, typeEnd));
      List<Token> operand = new ArrayList<>(t.subList(start, i));
      List<Token> replacement = castOf(operand, typeName);
      t.subList(start, typeEnd).clear();
      t.addAll(start, replacement);
      i = start + replacement.size() - 1;
    }
  }

  private static List<Token> castOf(List<Token> operand, String typeName) {
    String base = typeName.replaceAll("\\(.*\\)", "").replace("pg_catalog.", "").strip();
    List<Token> out = new ArrayList<>();
    if (base.equals("vector")) {
      if (operand.size() == 1 && operand.get(0).kind == Kind.STRING) {
        out.add(new Token(Kind.WORD, "ARRAY"));
        out.add(new Token(Kind.SYMBOL, "["));
        float[] v = PgValues.parseVector(operand.get(0).text);
        for (int k = 0; k < v.length; k++) {
          if (k > 0) {
            out.add(new Token(Kind.SYMBOL, ","));
          }
          out.add(new Token(Kind.NUMBER, PgValues.formatFloat(v[k])));
        }
        out.add(new Token(Kind.SYMBOL, "]"));
        return out;
      }
      return operand;
    }
    if (base.equals("regclass")
        || base.equals("regproc")
        || base.equals("regtype")
        || base.equals("regnamespace")) {
      out.add(new Token(Kind.WORD, "pg_catalog"));
      out.add(new Token(Kind.SYMBOL, "."));
      out.add(new Token(Kind.WORD, base));
      out.add(new Token(Kind.SYMBOL, "("));
      out.addAll(operand);
      out.add(new Token(Kind.SYMBOL, ")"));
      return out;
    }
    if (base.endsWith("[]")) {
      PgType element = PgType.ofName(base.substring(0, base.indexOf('[')).strip());
      if (element != null && element.sqlName() != null) {
        out.addAll(List.of(new Token(Kind.WORD, "CAST"), new Token(Kind.SYMBOL, "(")));
        out.addAll(operand);
        out.add(new Token(Kind.WORD, "AS"));
        out.add(new Token(Kind.WORD, element.sqlName()));
        out.add(new Token(Kind.WORD, "ARRAY"));
        out.add(new Token(Kind.SYMBOL, ")"));
        return out;
      }
    }
    PgType type = PgType.ofName(base);
    if ((type == PgType.VARCHAR || type == PgType.TEXT) && isVectorColumn(operand)) {
      // int2vector (indkey, indoption, ...) as text: its elements separated by spaces
      out.addAll(List.of(new Token(Kind.WORD, "pg_catalog"), new Token(Kind.SYMBOL, ".")));
      out.add(new Token(Kind.WORD, "array_to_string"));
      out.add(new Token(Kind.SYMBOL, "("));
      out.addAll(operand);
      out.add(new Token(Kind.SYMBOL, ","));
      out.add(new Token(Kind.STRING, " "));
      out.add(new Token(Kind.SYMBOL, ")"));
      return out;
    }
    String sqlType = type == null ? base.toUpperCase(Locale.ROOT) : type.sqlName();
    if (type == PgType.VARCHAR || type == PgType.BPCHAR || type == PgType.NUMERIC) {
      String args = typeName.contains("(") ? typeName.substring(typeName.indexOf('(')) : "";
      sqlType += args.replace(" ", "");
    }
    out.add(new Token(Kind.WORD, "CAST"));
    out.add(new Token(Kind.SYMBOL, "("));
    out.addAll(operand);
    out.add(new Token(Kind.WORD, "AS"));
    out.add(new Token(Kind.WORD, sqlType == null ? "VARCHAR" : sqlType));
    out.add(new Token(Kind.SYMBOL, ")"));
    return out;
  }

  /** Whether an operand names one of the catalog's {@code int2vector} columns. */
  private static boolean isVectorColumn(List<Token> operand) {
    if (operand.isEmpty() || operand.get(operand.size() - 1).kind != Kind.WORD) {
      return false;
    }
    String name = operand.get(operand.size() - 1).text.toLowerCase(Locale.ROOT);
    return name.equals("indkey")
        || name.equals("indoption")
        || name.equals("indclass")
        || name.equals("indcollation");
  }

  /** Where the operand before {@code t[i]} starts: a literal, a name chain or a call. */
  private static int operandStart(List<Token> t, int i) {
    int j = i - 1;
    if (j < 0) {
      return i;
    }
    if (t.get(j).is(")") || t.get(j).is("]")) {
      String open = t.get(j).is(")") ? "(" : "[";
      String close = t.get(j).text;
      int depth = 0;
      for (; j >= 0; j--) {
        if (t.get(j).is(close)) {
          depth++;
        } else if (t.get(j).is(open) && --depth == 0) {
          break;
        }
      }
      if (j > 0 && (t.get(j - 1).kind == Kind.WORD || t.get(j - 1).kind == Kind.QUOTED_IDENT)) {
        j--;
      }
    }
    while (j >= 2 && t.get(j - 1).is(".")) {
      j -= 2;
    }
    return Math.max(j, 0);
  }

  private static final List<String> TYPE_WORDS =
      List.of("precision", "varying", "with", "without", "time", "zone");

  private static int typeEnd(List<Token> t, int i) {
    int j = i + 1;
    while (j + 1 < t.size() && t.get(j).is(".")) {
      j += 2;
    }
    while (j < t.size()
        && t.get(j).kind == Kind.WORD
        && TYPE_WORDS.contains(t.get(j).text.toLowerCase(Locale.ROOT))) {
      j++;
    }
    if (j < t.size() && t.get(j).is("(")) {
      while (j < t.size() && !t.get(j).is(")")) {
        j++;
      }
      j++;
    }
    while (j + 1 < t.size() && t.get(j).is("[") && t.get(j + 1).is("]")) {
      j += 2;
    }
    return Math.min(j, t.size());
  }

  private static String typeText(List<Token> type) {
    StringBuilder sb = new StringBuilder();
    for (Token tok : type) {
      if (!sb.isEmpty() && tok.kind == Kind.WORD && !sb.toString().endsWith(".")) {
        sb.append(' ');
      }
      sb.append(tok.text);
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  /** The first word of a statement, upper case, or "" when it has none. */
  static String firstWord(List<Token> t) {
    return t.isEmpty() || t.get(0).kind != Kind.WORD ? "" : t.get(0).text.toUpperCase(Locale.ROOT);
  }
}

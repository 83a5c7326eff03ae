package dev.veles.pgwire;

import dev.veles.pgwire.SqlText.Kind;
import dev.veles.pgwire.SqlText.Token;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The statements a PostgreSQL session answers itself instead of handing them to Veles's SQL:
 * transaction control, {@code SET}/{@code SHOW}/{@code RESET}, {@code DISCARD}, {@code DEALLOCATE},
 * {@code CREATE EXTENSION}, {@code VACUUM}, {@code ANALYZE}, {@code CHECKPOINT}. Settings that mean
 * something to Veles take effect ({@code hnsw.ef_search} goes to the embedded connection, {@code
 * statement_timeout} bounds each statement); the others are kept and shown. Stateless; the state
 * lives in the {@link PgSession}.
 */
final class PgCommands {
  private static final Set<String> FIRST_WORDS =
      Set.of(
          "BEGIN",
          "START",
          "COMMIT",
          "END",
          "ROLLBACK",
          "ABORT",
          "SET",
          "SHOW",
          "RESET",
          "DISCARD",
          "DEALLOCATE",
          "VACUUM",
          "ANALYZE",
          "ANALYSE",
          "CHECKPOINT");

  private PgCommands() {}

  /** What a command produced: its tag and, for SHOW, a text result. */
  record Result(String tag, PgColumns columns, List<String[]> rows) {
    static Result tag(String tag) {
      return new Result(tag, null, List.of());
    }
  }

  static boolean handles(List<Token> t) {
    String first = SqlText.firstWord(t);
    if (first.equals("SELECT")) {
      return setConfigArgs(t) != null;
    }
    if (first.equals("CREATE")) {
      return t.size() > 1 && t.get(1).is("EXTENSION");
    }
    if (first.equals("ROLLBACK") && t.size() > 1 && t.get(1).is("TO")) {
      return false; // ROLLBACK TO [SAVEPOINT] s: the SQL layer's savepoints
    }
    return FIRST_WORDS.contains(first);
  }

  static Result run(PgSession s, List<Token> t) throws SQLException {
    String first = SqlText.firstWord(t);
    return switch (first) {
      case "BEGIN", "START" -> s.begin();
      case "COMMIT", "END" -> s.commit();
      case "ROLLBACK", "ABORT" -> s.rollback();
      case "SELECT" -> setConfig(s, t);
      case "SET" -> set(s, t);
      case "SHOW" -> show(s, t);
      case "RESET" -> reset(s, t);
      case "DISCARD" -> s.discard();
      case "DEALLOCATE" -> s.deallocate(t);
      case "CREATE" -> createExtension(t);
      case "VACUUM" -> vacuum(s.connection(), t);
      case "ANALYZE", "ANALYSE" -> Result.tag("ANALYZE");
      case "CHECKPOINT" -> {
        call(s.connection(), "CALL flush()");
        yield Result.tag("CHECKPOINT");
      }
      default -> throw new IllegalStateException("not a session command: " + first);
    };
  }

  /**
   * The literal arguments of {@code SELECT [pg_catalog.]set_config('name', 'value', is_local)} (how
   * psql, pg_dump and drivers set a setting in a query), or null for any other statement.
   */
  private static String[] setConfigArgs(List<Token> t) {
    int i = 1;
    if (i + 1 < t.size() && t.get(i).is("pg_catalog") && t.get(i + 1).is(".")) {
      i += 2;
    }
    if (i + 8 > t.size()
        || !t.get(i).is("set_config")
        || !t.get(i + 1).is("(")
        || t.get(i + 2).kind() != Kind.STRING
        || !t.get(i + 3).is(",")
        || t.get(i + 4).kind() != Kind.STRING
        || !t.get(i + 5).is(",")
        || !(t.get(i + 6).is("true") || t.get(i + 6).is("false"))
        || !t.get(i + 7).is(")")) {
      return null;
    }
    int end = i + 8;
    if (end < t.size() && t.get(end).is("AS")) {
      end++;
    }
    if (end < t.size()
        && (t.get(end).kind() == Kind.WORD || t.get(end).kind() == Kind.QUOTED_IDENT)) {
      end++;
    }
    if (end != t.size()) {
      return null;
    }
    String column = i + 8 < t.size() ? t.get(t.size() - 1).text() : "set_config";
    return new String[] {t.get(i + 2).text(), t.get(i + 4).text(), column};
  }

  /** {@code set_config(name, value, is_local)}: sets the setting, answers its new value. */
  private static Result setConfig(PgSession s, List<Token> t) throws SQLException {
    String[] a = setConfigArgs(t);
    s.setting(a[0].toLowerCase(Locale.ROOT), a[1]);
    String now = s.settings().get(PgSettings.canonical(a[0]));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {now});
    return new Result("SELECT 1", PgColumns.text(a[2]), rows);
  }

  private static Result set(PgSession s, List<Token> t) throws SQLException {
    int i = 1;
    if (i < t.size() && (t.get(i).is("SESSION") || t.get(i).is("LOCAL"))) {
      i++;
    }
    if (i + 1 < t.size() && t.get(i).is("TIME") && t.get(i + 1).is("ZONE")) {
      s.setting("timezone", value(t, i + 2));
      return Result.tag("SET");
    }
    if (i < t.size() && t.get(i).is("NAMES")) {
      s.setting("client_encoding", value(t, i + 1));
      return Result.tag("SET");
    }
    StringBuilder name = new StringBuilder();
    while (i < t.size() && !t.get(i).is("=") && !t.get(i).is("TO")) {
      name.append(t.get(i).text());
      i++;
    }
    if (i >= t.size() || name.isEmpty()) {
      throw new SQLException("syntax error: expected SET name = value", "42601");
    }
    s.setting(name.toString().toLowerCase(Locale.ROOT), value(t, i + 1));
    return Result.tag("SET");
  }

  /** The value of a SET: tokens joined, strings unquoted; DEFAULT is null (reset). */
  private static String value(List<Token> t, int from) {
    if (from >= t.size()) {
      throw new IllegalArgumentException("SET needs a value");
    }
    if (from == t.size() - 1 && t.get(from).is("DEFAULT")) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < t.size(); i++) {
      Token tok = t.get(i);
      sb.append(
          tok.kind() == Kind.STRING || tok.kind() == Kind.QUOTED_IDENT ? tok.text() : tok.text());
    }
    return sb.toString();
  }

  /** A setting's name from tokens: dotted names joined, words of a phrase spaced. */
  private static String settingName(List<Token> t, int from) {
    StringBuilder name = new StringBuilder();
    for (int i = from; i < t.size(); i++) {
      boolean dot = t.get(i).is(".") || (i > from && t.get(i - 1).is("."));
      if (i > from && !dot) {
        name.append(' ');
      }
      name.append(t.get(i).text());
    }
    String n = name.toString().toLowerCase(Locale.ROOT);
    return n.equals("transaction isolation level") ? "transaction_isolation" : n;
  }

  private static Result show(PgSession s, List<Token> t) {
    String n = settingName(t, 1);
    if (n.equals("all")) {
      List<String[]> rows = new ArrayList<>();
      for (Map.Entry<String, String> e : s.settings().entrySet()) {
        rows.add(new String[] {e.getKey(), e.getValue(), ""});
      }
      return new Result("SHOW", PgColumns.text("name", "setting", "description"), rows);
    }
    if (n.equals("time zone")) {
      n = "timezone";
    }
    String v = s.settings().get(PgSettings.canonical(n));
    if (v == null) {
      throw new IllegalArgumentException("unrecognized configuration parameter \"" + n + "\"");
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {v});
    return new Result("SHOW", PgColumns.text(n), rows);
  }

  private static Result reset(PgSession s, List<Token> t) throws SQLException {
    String n = settingName(t, 1);
    if (n.equals("all")) {
      s.resetAll();
    } else {
      s.setting(n, null);
    }
    return Result.tag("RESET");
  }

  private static Result createExtension(List<Token> t) {
    int i = 2;
    if (i + 2 < t.size()
        && t.get(i).is("IF")
        && t.get(i + 1).is("NOT")
        && t.get(i + 2).is("EXISTS")) {
      i += 3;
    }
    String name = i < t.size() ? t.get(i).text() : "";
    if (!name.equalsIgnoreCase("vector")) {
      throw new UnsupportedOperationException(
          "extension \""
              + name
              + "\" is not available: Veles has the vector type built in (CREATE EXTENSION vector"
              + " succeeds), other extensions are not supported");
    }
    return Result.tag("CREATE EXTENSION");
  }

  /** VACUUM [options] [table]: compacts the table (every table when none is named). */
  private static Result vacuum(Connection c, List<Token> t) throws SQLException {
    String table = null;
    for (int i = 1; i < t.size(); i++) {
      Token tok = t.get(i);
      boolean option =
          tok.kind() == Kind.WORD
              && Set.of("FULL", "FREEZE", "VERBOSE", "ANALYZE", "ANALYSE")
                  .contains(tok.text().toUpperCase(Locale.ROOT));
      if (tok.is("(")) {
        while (i < t.size() && !t.get(i).is(")")) {
          i++;
        }
      } else if (!option && (tok.kind() == Kind.WORD || tok.kind() == Kind.QUOTED_IDENT)) {
        table = tok.kind() == Kind.WORD ? tok.text().toLowerCase(Locale.ROOT) : tok.text();
        if (i + 2 < t.size() && t.get(i + 1).is(".")) {
          Token next = t.get(i + 2);
          table = next.kind() == Kind.WORD ? next.text().toLowerCase(Locale.ROOT) : next.text();
        }
        break;
      }
    }
    List<String> tables = new ArrayList<>();
    if (table != null) {
      tables.add(table);
    } else {
      try (var rs = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
    }
    for (String name : tables) {
      call(c, "CALL compact('" + name.replace("'", "''") + "')");
    }
    return Result.tag("VACUUM");
  }

  private static void call(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}

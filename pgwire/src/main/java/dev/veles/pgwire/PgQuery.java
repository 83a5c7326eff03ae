package dev.veles.pgwire;

import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * One statement of a session: parsed by Parse (a named or the unnamed statement) or taken from a
 * simple query. A query or DML statement is prepared on the embedded connection at once (so
 * Describe can answer); any other (DDL, CALL, SET ...) is kept as text and runs when executed,
 * since preparing DDL on the embedded connection would already run it. A session command ({@link
 * PgCommands}) never reaches the embedded connection's parser.
 *
 * <p>Not thread-safe; owned by its session, which closes it.
 */
final class PgQuery implements AutoCloseable {
  private static final Set<String> PREPARED_KINDS =
      Set.of(
          "SELECT", "WITH", "VALUES", "TABLE", "INSERT", "UPSERT", "UPDATE", "DELETE", "EXPLAIN");

  final String text;
  final List<SqlText.Token> tokens;
  final String kind;
  final SqlText.Rewritten rewritten;
  final boolean command;

  /** Parameter types by {@code $n} number - 1: declared in Parse or inferred. */
  final PgType[] paramTypes;

  /** JDBC types of the {@code ?} placeholders in order (from the embedded parameter metadata). */
  final int[] placeholderJdbcTypes;

  /** The embedded statement, or null for a deferred or command statement. */
  final PreparedStatement prepared;

  /** Result columns, or null when the statement returns no rows (or is deferred). */
  final PgColumns columns;

  /** The text {@link #prepared} was prepared from (with casts when they were needed). */
  final String preparedSql;

  /** Whether a portal is executing {@link #prepared} now (a second portal prepares its own). */
  boolean inUse;

  private PgQuery(
      String text,
      List<SqlText.Token> tokens,
      SqlText.Rewritten rewritten,
      boolean command,
      PgType[] paramTypes,
      int[] placeholderJdbcTypes,
      PreparedStatement prepared,
      String preparedSql,
      PgColumns columns) {
    this.preparedSql = preparedSql;
    this.text = text;
    this.tokens = tokens;
    this.kind = SqlText.firstWord(tokens);
    this.rewritten = rewritten;
    this.command = command;
    this.paramTypes = paramTypes;
    this.placeholderJdbcTypes = placeholderJdbcTypes;
    this.prepared = prepared;
    this.columns = columns;
  }

  /**
   * Parses {@code text} with the parameter types a client declared (OIDs by {@code $n}; 0 for
   * unspecified) and prepares it when it is a query or DML.
   */
  static PgQuery parse(
      Connection c, String text, int[] declaredOids, int maxChars, SqlText.Facts facts)
      throws SQLException {
    if (text.length() > maxChars) {
      throw new java.sql.SQLException(
          "statement of "
              + text.length()
              + " characters exceeds the server's limit of "
              + maxChars
              + " (veles server --max-statement-chars)",
          "54000");
    }
    List<SqlText.Token> tokens = SqlText.tokens(text);
    String kind = SqlText.firstWord(tokens);
    boolean command = PgCommands.handles(tokens);
    SqlText.Rewritten rw =
        command ? new SqlText.Rewritten(text, new int[0]) : SqlText.rewrite(text, facts);
    int count = declaredOids.length;
    for (int p : rw.params()) {
      count = Math.max(count, p);
    }
    PgType[] types = new PgType[count];
    for (int i = 0; i < declaredOids.length; i++) {
      types[i] = declaredOids[i] == 0 ? null : PgType.ofOid(declaredOids[i]);
    }
    if (command || !PREPARED_KINDS.contains(kind)) {
      if (rw.params().length > 0 && !command) {
        throw new SQLException("parameters are not supported in " + kind + " statements", "0A000");
      }
      return new PgQuery(text, tokens, rw, command, types, new int[0], null, null, null);
    }
    String[] sql = {rw.sql()};
    PreparedStatement ps = prepare(c, rw, types, sql);
    try {
      ParameterMetaData pm = ps.getParameterMetaData();
      int[] jdbc = new int[rw.params().length];
      for (int i = 0; i < jdbc.length; i++) {
        jdbc[i] = pm.getParameterType(i + 1);
        int n = rw.params()[i] - 1;
        if (types[n] == null) {
          types[n] = PgType.ofJdbc(jdbc[i], pm.getParameterTypeName(i + 1));
        }
      }
      for (int i = 0; i < types.length; i++) {
        if (types[i] == null) {
          types[i] = PgType.TEXT;
        }
      }
      ResultSetMetaData md = ps.getMetaData();
      PgColumns cols =
          md == null || md.getColumnCount() == 0 || !returnsRows(kind, tokens)
              ? null
              : PgColumns.of(md);
      return new PgQuery(text, tokens, rw, false, types, jdbc, ps, sql[0], cols);
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
  }

  private static boolean returnsRows(String kind, List<SqlText.Token> tokens) {
    return switch (kind) {
      case "SELECT", "WITH", "VALUES", "TABLE", "EXPLAIN" -> true;
      // RETURNING is a reserved word: as a bare word it is the clause
      case "INSERT", "UPSERT", "UPDATE", "DELETE" ->
          tokens.stream().anyMatch(t -> t.is("RETURNING"));
      default -> false;
    };
  }

  /** Whether this is INSERT, UPDATE or DELETE with RETURNING (its tag counts the rows sent). */
  boolean isDmlReturning() {
    return columns != null && !returnsRows(kind, List.of());
  }

  /**
   * Prepares the rewritten text; when Veles cannot type a bare {@code ?} (e.g. {@code SELECT ?})
   * and the client declared its type, again with each declared placeholder as {@code CAST(? AS
   * type)}, which is what a declared type means in PostgreSQL.
   */
  private static PreparedStatement prepare(
      Connection c, SqlText.Rewritten rw, PgType[] types, String[] sql) throws SQLException {
    try {
      return c.prepareStatement(rw.sql());
    } catch (SQLException e) {
      String typed = withCasts(rw, types);
      if (typed == null
          || e.getMessage() == null
          || !e.getMessage().contains("dynamic parameter")) {
        throw e;
      }
      sql[0] = typed;
      return c.prepareStatement(typed);
    }
  }

  private static String withCasts(SqlText.Rewritten rw, PgType[] types) {
    String sql = rw.sql();
    StringBuilder sb = new StringBuilder();
    int k = 0;
    boolean any = false;
    for (SqlText.Token t : SqlText.tokens(sql)) {
      if (t.is("?")) {
        PgType type = types[rw.params()[k++] - 1];
        String name = type == null ? null : type.sqlName();
        if (name != null) {
          sb.append(" CAST(? AS ").append(name).append(')');
          any = true;
          continue;
        }
      }
      sb.append(' ').append(t.render());
    }
    return any ? sb.toString() : null;
  }

  /** The command tag of an update count. */
  String tag(long count) {
    return switch (kind) {
      case "INSERT", "UPSERT" -> "INSERT 0 " + count;
      case "UPDATE" -> "UPDATE " + count;
      case "DELETE" -> "DELETE " + count;
      case "MERGE" -> "MERGE " + count;
      case "CREATE", "DROP", "ALTER" ->
          tokens.size() > 1
              ? kind + " " + tokens.get(1).text().toUpperCase(java.util.Locale.ROOT)
              : kind;
      default -> kind;
    };
  }

  @Override
  public void close() throws SQLException {
    if (prepared != null) {
      prepared.close();
    }
  }
}

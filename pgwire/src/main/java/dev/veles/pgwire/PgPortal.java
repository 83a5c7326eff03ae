package dev.veles.pgwire;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A bound statement being executed: the values of its parameters, the formats of its result columns
 * and, once executed, the open result it is reading rows from (Execute with a row limit leaves it
 * open and answers PortalSuspended; the next Execute goes on).
 *
 * <p>Not thread-safe; owned by its session.
 */
final class PgPortal implements AutoCloseable {
  private final PgSession session;
  final PgQuery query;
  private final Object[] values;
  private final short[] formats;
  private final boolean simple;
  private PreparedStatement own;
  private Statement statement;
  private ResultSet rs;
  private PgCommands.Result commandResult;
  private boolean done;

  PgPortal(PgSession session, PgQuery query, Object[] values, short[] formats, boolean simple) {
    this.session = session;
    this.query = query;
    this.values = values;
    this.formats = formats;
    this.simple = simple;
  }

  short[] formats() {
    return formats;
  }

  /** The result columns, or null for none (a SHOW runs here to know its column). */
  PgColumns columns() throws SQLException {
    if (query.columns != null) {
      return query.columns;
    }
    if (query.command && (query.kind.equals("SHOW") || query.kind.equals("SELECT"))) {
      return command().columns();
    }
    return null;
  }

  private PgCommands.Result command() throws SQLException {
    if (commandResult == null) {
      commandResult = PgCommands.run(session, query.tokens);
    }
    return commandResult;
  }

  /** Executes (or goes on with) the portal, writing at most {@code maxRows} rows (0: all). */
  void execute(int maxRows) throws SQLException, IOException {
    session.executing(true);
    try {
      executeNow(maxRows);
    } finally {
      session.executing(false);
    }
  }

  private void executeNow(int maxRows) throws SQLException, IOException {
    PgOutput out = session.out();
    session.checkNotFailed(query);
    if (done) {
      out.begin('C').cstring(query.tag(0)).end();
      return;
    }
    if (query.tokens.isEmpty()) {
      done = true;
      out.begin('I').end();
      return;
    }
    if (query.command) {
      PgCommands.Result r = command();
      done = true;
      if (r.columns() != null) {
        for (String[] row : r.rows()) {
          out.begin('D').int16(row.length);
          for (String v : row) {
            byte[] b = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.int32(b.length).bytes(b);
          }
          out.end();
        }
      }
      out.begin('C').cstring(r.tag()).end();
      return;
    }
    if (rs == null) {
      if (!start()) {
        return;
      }
    }
    writeRows(maxRows);
  }

  /** Runs the statement; false when it produced an update count (already reported). */
  private boolean start() throws SQLException, IOException {
    PgOutput out = session.out();
    if (query.prepared == null) {
      statement = session.connection().createStatement();
      session.running(statement);
      try {
        boolean hasRows = statement.execute(query.rewritten.sql());
        if (hasRows) {
          rs = statement.getResultSet();
          if (simple) {
            PgColumns.of(rs.getMetaData()).writeDescription(out, null);
          } else {
            done = true;
            out.begin('C').cstring(query.tag(0)).end();
            closeResult();
            return false;
          }
          return true;
        }
        done = true;
        out.begin('C').cstring(query.tag(Math.max(0, statement.getLargeUpdateCount()))).end();
        closeResult();
        return false;
      } finally {
        session.running(null);
      }
    }
    PreparedStatement ps = query.prepared;
    if (query.inUse) {
      own = session.connection().prepareStatement(query.preparedSql);
      ps = own;
    } else {
      query.inUse = true;
    }
    statement = ps;
    int[] params = query.rewritten.params();
    for (int i = 0; i < params.length; i++) {
      Object v = values[params[i] - 1];
      if (v == null) {
        ps.setNull(i + 1, query.placeholderJdbcTypes[i]);
      } else {
        ps.setObject(i + 1, v);
      }
    }
    session.running(ps);
    try {
      if (query.columns == null) {
        long n = ps.executeLargeUpdate();
        done = true;
        out.begin('C').cstring(query.tag(n)).end();
        closeResult();
        return false;
      }
      rs = ps.executeQuery();
      return true;
    } finally {
      session.running(null);
    }
  }

  private void writeRows(int maxRows) throws SQLException, IOException {
    PgOutput out = session.out();
    PgColumns cols = query.columns != null ? query.columns : PgColumns.of(rs.getMetaData());
    int n = cols.size();
    PgType[] types = cols.types;
    boolean[] binary = new boolean[n];
    for (int i = 0; i < n; i++) {
      binary[i] = PgColumns.binary(formats, i);
    }
    long sent = 0;
    session.running(statement);
    try {
      while (maxRows <= 0 || sent < maxRows) {
        if ((sent & 255) == 0) {
          session.checkCancelled();
        }
        if (!rs.next()) {
          done = true;
          break;
        }
        out.begin('D').int16(n);
        for (int i = 0; i < n; i++) {
          PgValues.write(out, rs, i + 1, types[i], binary[i]);
        }
        out.end();
        sent++;
      }
    } finally {
      session.running(null);
    }
    if (done) {
      closeResult();
      // INSERT ... RETURNING reports "INSERT 0 n", as PostgreSQL does
      out.begin('C').cstring(query.isDmlReturning() ? query.tag(sent) : "SELECT " + sent).end();
    } else {
      out.begin('s').end();
    }
  }

  private void closeResult() throws SQLException {
    if (rs != null) {
      rs.close();
      rs = null;
    }
    if (statement != null && query.prepared == null) {
      statement.close();
    }
    statement = null;
    if (own != null) {
      own.close();
      own = null;
    } else if (query.prepared != null) {
      query.inUse = false;
    }
  }

  void closeQuietly() {
    try {
      close();
    } catch (SQLException ignored) {
      // the session is closing or replacing this portal; its statement is closed with it
    }
  }

  @Override
  public void close() throws SQLException {
    if (rs != null || statement != null || own != null) {
      closeResult();
    }
  }
}

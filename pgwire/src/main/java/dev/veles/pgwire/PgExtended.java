package dev.veles.pgwire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * The extended query protocol of one session: Parse, Bind, Describe, Execute, Close, Flush and Sync
 * over named and unnamed statements and portals. After an error every message up to the next Sync
 * is skipped, as the protocol asks; at a Sync outside a transaction block the portals close (the
 * implicit transaction ends).
 *
 * <p>Not thread-safe; owned by its session.
 */
final class PgExtended {
  /** A longer vector text (over 128 KB, some 10,000 dimensions) gets an array of its own. */
  private static final int KEPT_SCRATCH = 1 << 16;

  private final PgSession session;
  private boolean skipping;

  /**
   * The commas' positions of the last query vector read as text, reused for the next (a k-NN client
   * binds one per query): twice the longest vector text's bytes, up to {@link #KEPT_SCRATCH}.
   */
  private int[] vectorScratch = new int[0];

  PgExtended(PgSession session) {
    this.session = session;
  }

  /** The text of the Parse message being handled, for the position of its error. */
  private String parsing;

  void handle(PgMessage m) throws IOException {
    if (skipping) {
      return;
    }
    String sql = null;
    try {
      switch (m.type) {
        case 'P' -> sql = parse(m);
        case 'B' -> bind(m);
        case 'D' -> describe(m);
        case 'E' -> execute(m);
        case 'C' -> close(m);
        case 'H' -> session.out().flush();
        default -> throw new PgProtocolException("unexpected message '" + (char) m.type + "'");
      }
    } catch (SQLException | RuntimeException e) {
      if (e instanceof PgProtocolException p && p.sqlState().equals("08P01")) {
        throw p;
      }
      // a failed Parse still names its text, so the error can say where in it the failure is
      session.error(e, m.type == 'P' ? parsing : sql);
      skipping = true;
    }
  }

  void sync() {
    skipping = false;
    if (session.txStatus() == 'I') {
      for (PgPortal p : session.portals().values()) {
        p.closeQuietly();
      }
      session.portals().clear();
    }
  }

  private String parse(PgMessage m) throws SQLException, IOException {
    String name = m.cstring();
    String text = m.cstring();
    parsing = text;
    int n = m.int16();
    if (n < 0) {
      throw new PgProtocolException("negative parameter count in Parse");
    }
    int[] oids = new int[n];
    for (int i = 0; i < n; i++) {
      oids[i] = m.int32();
    }
    if (!name.isEmpty() && session.statements().containsKey(name)) {
      throw new SQLException("prepared statement \"" + name + "\" already exists", "42P05");
    }
    if (SqlText.split(text).size() > 1) {
      throw new SQLException("cannot insert multiple commands into a prepared statement", "42601");
    }
    PgQuery q =
        PgQuery.parse(
            session.connection(),
            text,
            oids,
            session.server().config.maxStatementChars,
            session.facts());
    PgQuery old = session.statements().put(name, q);
    if (old != null) {
      old.close();
    }
    session.out().begin('1').end();
    return text;
  }

  private void bind(PgMessage m) throws SQLException, IOException {
    String portal = m.cstring();
    String name = m.cstring();
    PgQuery q = statement(name);
    short[] paramFormats = shorts(m);
    int n = m.int16();
    if (n != q.paramTypes.length) {
      throw new SQLException(
          "bind message supplies "
              + n
              + " parameters, but prepared statement \""
              + name
              + "\" requires "
              + q.paramTypes.length,
          "08P01");
    }
    int[] jdbcByNumber = new int[n];
    java.util.Arrays.fill(jdbcByNumber, java.sql.Types.VARCHAR);
    int[] params = q.rewritten.params();
    for (int i = params.length - 1; i >= 0; i--) {
      jdbcByNumber[params[i] - 1] = q.placeholderJdbcTypes[i];
    }
    Object[] values = new Object[n];
    for (int i = 0; i < n; i++) {
      int len = m.int32();
      if (len == -1) {
        continue;
      }
      boolean binary =
          paramFormats.length > 0
              && (paramFormats.length == 1 ? paramFormats[0] : paramFormats[i]) == 1;
      try {
        if (binary) {
          values[i] = PgValues.decodeBinary(m.bytes(len), q.paramTypes[i], jdbcByNumber[i]);
        } else if (PgValues.isVector(jdbcByNumber[i], q.paramTypes[i])) {
          int need = PgVectorText.scratchLength(len);
          if (vectorScratch.length < need && need <= KEPT_SCRATCH) {
            vectorScratch = new int[need];
          }
          // the query vector, read in the message's buffer
          values[i] = m.vectorText(len, vectorScratch);
        } else {
          values[i] =
              PgValues.decodeText(
                  new String(m.bytes(len), StandardCharsets.UTF_8),
                  jdbcByNumber[i],
                  q.paramTypes[i]);
        }
      } catch (PgProtocolException e) {
        throw e; // the message is shorter than its lengths say
      } catch (RuntimeException e) {
        throw new SQLException(
            "invalid value for parameter $" + (i + 1) + ": " + e.getMessage(), "22P02", e);
      }
    }
    short[] resultFormats = shorts(m);
    if (!portal.isEmpty() && session.portals().containsKey(portal)) {
      throw new SQLException("portal \"" + portal + "\" already exists", "42P03");
    }
    PgPortal old =
        session.portals().put(portal, new PgPortal(session, q, values, resultFormats, false));
    if (old != null) {
      old.closeQuietly();
    }
    session.out().begin('2').end();
  }

  private static short[] shorts(PgMessage m) {
    int n = m.int16();
    if (n < 0) {
      throw new PgProtocolException("negative count in Bind");
    }
    short[] s = new short[n];
    for (int i = 0; i < n; i++) {
      s[i] = m.int16();
    }
    return s;
  }

  private PgQuery statement(String name) throws SQLException {
    PgQuery q = session.statements().get(name);
    if (q == null) {
      throw new SQLException(
          name.isEmpty()
              ? "unnamed prepared statement does not exist"
              : "prepared statement \"" + name + "\" does not exist",
          "26000");
    }
    return q;
  }

  private PgPortal portal(String name) throws SQLException {
    PgPortal p = session.portals().get(name);
    if (p == null) {
      throw new SQLException("portal \"" + name + "\" does not exist", "34000");
    }
    return p;
  }

  private void describe(PgMessage m) throws SQLException, IOException {
    byte kind = m.int8();
    String name = m.cstring();
    PgOutput out = session.out();
    if (kind == 'S') {
      PgQuery q = statement(name);
      out.begin('t').int16(q.paramTypes.length);
      for (PgType t : q.paramTypes) {
        out.int32(t.oid);
      }
      out.end();
      PgColumns cols = q.columns;
      if (cols == null && q.command && q.kind.equals("SHOW")) {
        cols = new PgPortal(session, q, new Object[0], null, false).columns();
      }
      if (cols == null) {
        out.begin('n').end();
      } else {
        cols.writeDescription(out, null);
      }
    } else if (kind == 'P') {
      PgPortal p = portal(name);
      PgColumns cols = p.columns();
      if (cols == null) {
        out.begin('n').end();
      } else {
        cols.writeDescription(out, p.formats());
      }
    } else {
      throw new PgProtocolException("Describe of '" + (char) kind + "': expected 'S' or 'P'");
    }
  }

  private void execute(PgMessage m) throws SQLException, IOException {
    String name = m.cstring();
    int maxRows = m.int32();
    PgPortal p = portal(name);
    try {
      p.execute(maxRows);
    } catch (SQLException | RuntimeException e) {
      p.closeQuietly();
      session.portals().remove(name);
      throw e;
    }
  }

  private void close(PgMessage m) throws SQLException, IOException {
    byte kind = m.int8();
    String name = m.cstring();
    if (kind == 'S') {
      PgQuery q = session.statements().remove(name);
      if (q != null) {
        q.close();
      }
    } else if (kind == 'P') {
      PgPortal p = session.portals().remove(name);
      if (p != null) {
        p.close();
      }
    } else {
      throw new PgProtocolException("Close of '" + (char) kind + "': expected 'S' or 'P'");
    }
    session.out().begin('3').end();
  }
}

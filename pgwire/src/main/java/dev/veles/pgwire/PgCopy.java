package dev.veles.pgwire;

import dev.veles.pgwire.SqlText.Kind;
import dev.veles.pgwire.SqlText.Token;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code COPY t [(cols)] FROM STDIN} and {@code COPY t|(query) TO STDOUT} in PostgreSQL's text, CSV
 * and binary formats, as psql's {@code \copy} and pgjdbc's {@code CopyManager} use them. Rows
 * coming in are inserted through one prepared {@code INSERT} in batches of {@link #BATCH}; a
 * CopyFail or a broken connection stops the copy (rows of batches already executed stay: Veles
 * applies each statement when it executes).
 *
 * <p>Not thread-safe; one per COPY statement, on its session's thread.
 */
final class PgCopy {
  /** Rows per executeBatch: large enough to amortise a batch, small enough to bound memory. */
  static final int BATCH = 1000;

  private static final byte[] BINARY_SIGNATURE =
      "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

  enum Format {
    TEXT,
    CSV,
    BINARY
  }

  private final String table;
  private final String query;
  private final List<String> columns = new ArrayList<>();
  private final boolean from;
  private Format format = Format.TEXT;
  private char delimiter = '\t';
  private String nullText = "\\N";
  private boolean header;
  private char quote = '"';
  private boolean clientDone;
  private boolean started;

  private PgCopy(List<Token> t) {
    int i = 1;
    if (i < t.size() && t.get(i).is("(")) {
      int depth = 0;
      int start = i;
      for (; i < t.size(); i++) {
        if (t.get(i).is("(")) {
          depth++;
        } else if (t.get(i).is(")") && --depth == 0) {
          break;
        }
      }
      StringBuilder sb = new StringBuilder();
      for (Token tok : t.subList(start + 1, i)) {
        sb.append(tok.render()).append(' ');
      }
      query = sb.toString();
      table = null;
      i++;
    } else {
      StringBuilder name = new StringBuilder();
      while (i < t.size() && !t.get(i).is("(") && !t.get(i).is("FROM") && !t.get(i).is("TO")) {
        name.append(t.get(i).render());
        i++;
      }
      table = name.toString();
      query = null;
      if (i < t.size() && t.get(i).is("(")) {
        for (i++; i < t.size() && !t.get(i).is(")"); i++) {
          if (!t.get(i).is(",")) {
            columns.add(t.get(i).render());
          }
        }
        i++;
      }
    }
    if (i >= t.size() || !(t.get(i).is("FROM") || t.get(i).is("TO"))) {
      throw new IllegalArgumentException("syntax error in COPY: expected FROM STDIN or TO STDOUT");
    }
    from = t.get(i).is("FROM");
    i++;
    if (i >= t.size() || !(t.get(i).is("STDIN") || t.get(i).is("STDOUT"))) {
      throw new UnsupportedOperationException(
          "COPY to or from a server file is not supported: use STDIN/STDOUT (psql's \\copy)");
    }
    options(t, i + 1);
  }

  private void options(List<Token> t, int i) {
    for (; i < t.size(); i++) {
      Token tok = t.get(i);
      String w = tok.text().toUpperCase(Locale.ROOT);
      if (tok.kind() != Kind.WORD) {
        continue;
      }
      switch (w) {
        case "FORMAT" -> format = Format.valueOf(t.get(++i).text().toUpperCase(Locale.ROOT));
        case "CSV" -> format = Format.CSV;
        case "BINARY" -> format = Format.BINARY;
        case "TEXT" -> format = Format.TEXT;
        case "HEADER" -> {
          header = true;
          if (i + 1 < t.size() && (t.get(i + 1).is("true") || t.get(i + 1).is("on"))) {
            i++;
          }
        }
        case "DELIMITER" -> delimiter = t.get(++i).text().charAt(0);
        case "NULL" -> nullText = t.get(++i).text();
        case "QUOTE" -> quote = t.get(++i).text().charAt(0);
        case "WITH" -> {}
        default -> {}
      }
    }
    if (format == Format.CSV) {
      if (delimiter == '\t') {
        delimiter = ',';
      }
      if (nullText.equals("\\N")) {
        nullText = "";
      }
    }
  }

  static PgCopy parse(List<Token> t) {
    return new PgCopy(t);
  }

  boolean from() {
    return from;
  }

  /** Runs COPY FROM STDIN: CopyInResponse, then the client's data; returns the rows copied. */
  long copyIn(PgSession session, PgOutput out) throws SQLException, IOException {
    Connection c = session.connection();
    List<String> cols = columns.isEmpty() ? tableColumns(c) : columns;
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (");
    sql.append(String.join(", ", cols)).append(") VALUES (");
    sql.append("?, ".repeat(cols.size() - 1)).append("?)");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      ParameterMetaData pm = ps.getParameterMetaData();
      int[] jdbc = new int[cols.size()];
      PgType[] types = new PgType[cols.size()];
      for (int k = 0; k < jdbc.length; k++) {
        jdbc[k] = pm.getParameterType(k + 1);
        types[k] = PgType.ofJdbc(jdbc[k], pm.getParameterTypeName(k + 1));
      }
      out.begin('G').int8(format == Format.BINARY ? 1 : 0).int16(cols.size());
      for (int k = 0; k < cols.size(); k++) {
        out.int16(format == Format.BINARY ? 1 : 0);
      }
      out.end();
      out.flush();
      started = true;
      Loader loader = new Loader(ps, jdbc, types);
      ByteArrayOutputStream pending = new ByteArrayOutputStream();
      boolean headerSkipped = !header;
      boolean binaryHeaderRead = false;
      while (true) {
        PgMessage m = session.next();
        if (m == null) {
          throw new EOFException("client closed the connection during COPY");
        }
        if (m.type == 'c' || m.type == 'f') {
          clientDone = true;
        }
        if (m.type == 'd') {
          pending.write(m.rest());
          byte[] buf = pending.toByteArray();
          int used;
          if (format == Format.BINARY) {
            if (!binaryHeaderRead) {
              if (buf.length < 19) {
                continue;
              }
              binaryHeaderRead = true;
              used = binaryHeader(buf);
              buf = java.util.Arrays.copyOfRange(buf, used, buf.length);
            }
            used = loader.binaryTuples(buf);
          } else {
            used = 0;
            int nl;
            while ((nl = lineEnd(buf, used)) >= 0) {
              String line = new String(buf, used, nl - used, StandardCharsets.UTF_8);
              used = nl + 1;
              if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
              }
              if (!headerSkipped) {
                headerSkipped = true;
                continue;
              }
              if (format == Format.TEXT && line.equals("\\.")) {
                continue;
              }
              loader.row(format == Format.CSV ? csvFields(line) : textFields(line));
            }
          }
          pending.reset();
          pending.write(buf, used, buf.length - used);
        } else if (m.type == 'c') {
          if (pending.size() > 0 && format != Format.BINARY) {
            String line = pending.toString(StandardCharsets.UTF_8);
            if (!line.isBlank() && !line.equals("\\.")) {
              loader.row(format == Format.CSV ? csvFields(line) : textFields(line));
            }
          }
          return loader.finish();
        } else if (m.type == 'f') {
          throw new SQLException("COPY from stdin failed: " + m.cstring(), "57014");
        } else if (m.type != 'H' && m.type != 'S') {
          throw new PgProtocolException("unexpected message '" + (char) m.type + "' during COPY");
        }
      }
    }
  }

  /** After a failed COPY FROM: reads and drops the client's data up to its CopyDone or CopyFail. */
  void drain(PgSession session) throws IOException {
    while (started && !clientDone) {
      PgMessage m = session.next();
      if (m == null) {
        throw new EOFException("client closed the connection during COPY");
      }
      clientDone = m.type == 'c' || m.type == 'f';
    }
  }

  /** The end of a line in CSV must skip newlines inside quotes; text escapes them. */
  private int lineEnd(byte[] buf, int from) {
    boolean quoted = false;
    for (int i = from; i < buf.length; i++) {
      byte b = buf[i];
      if (format == Format.CSV && b == quote) {
        quoted = !quoted;
      } else if (b == '\n' && !quoted) {
        return i;
      }
    }
    return -1;
  }

  private static int binaryHeader(byte[] buf) {
    for (int i = 0; i < BINARY_SIGNATURE.length; i++) {
      if (buf[i] != BINARY_SIGNATURE[i]) {
        throw new IllegalArgumentException("COPY BINARY data lacks the PGCOPY signature");
      }
    }
    ByteBuffer bb = ByteBuffer.wrap(buf, 11, buf.length - 11);
    bb.getInt(); // flags
    int ext = bb.getInt();
    return 19 + ext;
  }

  private List<String> tableColumns(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
      for (int k = 1; k <= rs.getMetaData().getColumnCount(); k++) {
        out.add("\"" + rs.getMetaData().getColumnName(k) + "\"");
      }
    }
    return out;
  }

  private List<String> textFields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    boolean raw = true;
    for (int i = 0; i <= line.length(); i++) {
      if (i == line.length() || line.charAt(i) == delimiter) {
        String f = sb.toString();
        out.add(raw && f.equals(nullText) ? null : f);
        sb.setLength(0);
        raw = true;
        continue;
      }
      char ch = line.charAt(i);
      if (ch == '\\' && i + 1 < line.length()) {
        char e = line.charAt(++i);
        if (e == 'N' && nullText.equals("\\N")) {
          sb.append("\\N");
          continue;
        }
        raw = false;
        sb.append(
            switch (e) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              case 'b' -> '\b';
              case 'f' -> '\f';
              case 'v' -> '\u000b';
              default -> e;
            });
      } else {
        sb.append(ch);
      }
    }
    return out;
  }

  private List<String> csvFields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i <= line.length(); i++) {
      if (i == line.length() || (!quoted && line.charAt(i) == delimiter)) {
        String f = sb.toString();
        out.add(!wasQuoted && f.equals(nullText) ? null : f);
        sb.setLength(0);
        wasQuoted = false;
        continue;
      }
      char ch = line.charAt(i);
      if (ch == quote) {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == quote) {
          sb.append(quote);
          i++;
        } else {
          quoted = !quoted;
          wasQuoted = true;
        }
      } else {
        sb.append(ch);
      }
    }
    return out;
  }

  /** Binds rows to the INSERT and executes them in batches. */
  private static final class Loader {
    private final PreparedStatement ps;
    private final int[] jdbc;
    private final PgType[] types;
    private int batched;
    private long rows;

    Loader(PreparedStatement ps, int[] jdbc, PgType[] types) {
      this.ps = ps;
      this.jdbc = jdbc;
      this.types = types;
    }

    void row(List<String> fields) throws SQLException {
      if (fields.size() != jdbc.length) {
        throw new SQLException(
            "COPY row "
                + (rows + batched + 1)
                + " has "
                + fields.size()
                + " fields, expected "
                + jdbc.length,
            "22P04");
      }
      for (int k = 0; k < jdbc.length; k++) {
        String f = fields.get(k);
        if (f == null) {
          ps.setNull(k + 1, jdbc[k]);
        } else {
          try {
            ps.setObject(k + 1, PgValues.decodeText(f, jdbc[k], types[k]));
          } catch (RuntimeException e) {
            throw new SQLException(
                "COPY row " + (rows + batched + 1) + ", column " + (k + 1) + ": " + e.getMessage(),
                "22P02",
                e);
          }
        }
      }
      add();
    }

    /** Loads the whole tuples in {@code buf}; returns the bytes used. */
    int binaryTuples(byte[] buf) throws SQLException {
      ByteBuffer bb = ByteBuffer.wrap(buf);
      while (bb.remaining() >= 2) {
        int start = bb.position();
        short n = bb.getShort();
        if (n == -1) {
          return buf.length;
        }
        if (n != jdbc.length) {
          throw new SQLException(
              "COPY BINARY tuple has " + n + " fields, expected " + jdbc.length, "22P04");
        }
        Object[] values = new Object[n];
        for (int k = 0; k < n; k++) {
          if (bb.remaining() < 4) {
            return start;
          }
          int len = bb.getInt();
          if (len == -1) {
            continue;
          }
          if (bb.remaining() < len) {
            return start;
          }
          byte[] b = new byte[len];
          bb.get(b);
          values[k] = PgValues.decodeBinary(b, types[k], jdbc[k]);
        }
        for (int k = 0; k < n; k++) {
          if (values[k] == null) {
            ps.setNull(k + 1, jdbc[k]);
          } else {
            ps.setObject(k + 1, values[k]);
          }
        }
        add();
      }
      return bb.position();
    }

    private void add() throws SQLException {
      ps.addBatch();
      if (++batched == BATCH) {
        ps.executeBatch();
        rows += batched;
        batched = 0;
      }
    }

    long finish() throws SQLException {
      if (batched > 0) {
        ps.executeBatch();
        rows += batched;
        batched = 0;
      }
      return rows;
    }
  }

  /** Runs COPY ... TO STDOUT: CopyOutResponse, a CopyData per row, CopyDone; returns the rows. */
  long copyOut(PgSession session, PgOutput out) throws SQLException, IOException {
    String sql =
        query != null
            ? query
            : "SELECT " + (columns.isEmpty() ? "*" : String.join(", ", columns)) + " FROM " + table;
    try (Statement s = session.connection().createStatement()) {
      session.running(s);
      try (ResultSet rs = s.executeQuery(sql)) {
        PgColumns cols = PgColumns.of(rs.getMetaData());
        int n = cols.size();
        if (format == Format.BINARY) {
          throw new UnsupportedOperationException(
              "COPY TO STDOUT in BINARY format is not supported; use TEXT or CSV");
        }
        out.begin('H').int8(0).int16(n);
        for (int k = 0; k < n; k++) {
          out.int16(0);
        }
        out.end();
        StringBuilder line = new StringBuilder();
        if (header) {
          for (int k = 0; k < n; k++) {
            line.append(k == 0 ? "" : String.valueOf(delimiter)).append(field(cols.names[k]));
          }
          copyData(out, line.append('\n'));
        }
        long rows = 0;
        while (rs.next()) {
          if ((rows & 255) == 0) {
            session.checkCancelled();
          }
          line.setLength(0);
          for (int k = 0; k < n; k++) {
            if (k > 0) {
              line.append(delimiter);
            }
            String v = PgValues.text(rs, k + 1, cols.types[k]);
            line.append(v == null ? nullText : field(v));
          }
          copyData(out, line.append('\n'));
          rows++;
        }
        out.begin('c').end();
        return rows;
      } finally {
        session.running(null);
      }
    }
  }

  private String field(String v) {
    if (format == Format.CSV) {
      boolean needs =
          v.indexOf(delimiter) >= 0
              || v.indexOf(quote) >= 0
              || v.indexOf('\n') >= 0
              || v.indexOf('\r') >= 0
              || v.equals(nullText);
      return needs ? quote + v.replace(String.valueOf(quote), "" + quote + quote) + quote : v;
    }
    StringBuilder sb = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      switch (ch) {
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (ch == delimiter) {
            sb.append('\\');
          }
          sb.append(ch);
        }
      }
    }
    return sb.toString();
  }

  private static void copyData(PgOutput out, CharSequence line) throws IOException {
    out.begin('d').utf8(line);
    out.end();
  }
}

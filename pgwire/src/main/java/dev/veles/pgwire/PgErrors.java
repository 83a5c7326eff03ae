package dev.veles.pgwire;

import java.io.IOException;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ErrorResponse and NoticeResponse messages: severity (S, V), SQLSTATE (C), message (M), detail
 * (D), hint (H) and position (P, 1-based characters into the statement when the embedded error
 * names a line and column). The SQLSTATE is the embedded SQLException's (Veles's errors carry
 * PostgreSQL-compatible codes), XX000 when it has none. Never a stack trace. Stateless.
 */
final class PgErrors {
  /** The position every Veles message ends with when it has one ({@code Positions.describe}). */
  private static final Pattern POSITION = Pattern.compile(" ?\\(line (\\d+), column (\\d+)\\)$");

  /** Veles's message for a missing table: the name, qualified by its schema when given. */
  private static final Pattern MISSING = Pattern.compile("^relation \"(?:([^\".]+)\\.)?([^\"]+)\"");

  private PgErrors() {}

  /** Whether a missing relation is one of PostgreSQL's catalogs (not a user's table). */
  private static boolean isCatalog(String name, String schema) {
    return "pg_catalog".equals(schema)
        || "information_schema".equals(schema)
        || name.equals("information_schema")
        || name.startsWith("pg_");
  }

  /** Writes an ErrorResponse for {@code e} raised by {@code sql} (may be null). */
  static void write(PgOutput out, Throwable e, String sql) throws IOException {
    String state = "XX000";
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    if (e instanceof SQLException s && s.getSQLState() != null && s.getSQLState().length() == 5) {
      state = s.getSQLState();
    } else if (e instanceof PgProtocolException p) {
      state = p.sqlState();
    } else if (e instanceof UnsupportedOperationException) {
      state = "0A000";
    } else if (e instanceof IllegalArgumentException || e instanceof NumberFormatException) {
      state = "22P02";
    } else if (e instanceof java.time.DateTimeException) {
      state = "22007";
    }
    if (state.equals("42P01")) {
      Matcher m = MISSING.matcher(message);
      if (m.find() && isCatalog(m.group(2), m.group(1))) {
        state = "0A000";
        String name = m.group(1) == null ? m.group(2) : m.group(1) + "." + m.group(2);
        message =
            "catalog relation \""
                + name
                + "\" is not supported: Veles emulates the part of pg_catalog that psql, pgjdbc,"
                + " psycopg and SQLAlchemy read (see README)";
      }
    }
    if ((state.equals("XX000") || state.startsWith("HY"))
        && message.toLowerCase().contains("cancel")) {
      state = "57014";
      message = "canceling statement due to user request (" + message + ")";
    }
    String detail = null;
    int nl = message.indexOf('\n');
    if (nl > 0) {
      detail = message.substring(nl + 1).strip();
      message = message.substring(0, nl).strip();
    }
    // PostgreSQL states the position in its own field, not in the message
    int pos = position(message, sql);
    if (pos > 0) {
      message = POSITION.matcher(message).replaceFirst("");
    }
    out.begin('E');
    field(out, 'S', "ERROR");
    field(out, 'V', "ERROR");
    field(out, 'C', state);
    field(out, 'M', message);
    if (detail != null && !detail.isEmpty()) {
      field(out, 'D', detail.length() > 2000 ? detail.substring(0, 2000) : detail);
    }
    String hint = hint(state);
    if (hint != null) {
      field(out, 'H', hint);
    }
    if (pos > 0) {
      field(out, 'P', Integer.toString(pos));
    }
    out.int8(0).end();
  }

  /** Writes a NoticeResponse of severity WARNING. */
  static void warning(PgOutput out, String state, String message) throws IOException {
    out.begin('N');
    field(out, 'S', "WARNING");
    field(out, 'V', "WARNING");
    field(out, 'C', state);
    field(out, 'M', message);
    out.int8(0).end();
  }

  private static void field(PgOutput out, char code, String value) {
    out.int8(code).cstring(value);
  }

  private static String hint(String state) {
    return switch (state) {
      case "0A000" -> "Veles speaks PostgreSQL's protocol; its SQL is Veles's own (see README)";
      case "53300" -> "close unused connections or retry later (veles server --max-connections)";
      default -> null;
    };
  }

  /** The 1-based character offset that "(line L, column C)" ending {@code message} names, or 0. */
  static int position(String message, String sql) {
    if (sql == null) {
      return 0;
    }
    Matcher m = POSITION.matcher(message);
    if (!m.find()) {
      return 0;
    }
    int line = Integer.parseInt(m.group(1));
    int column = Integer.parseInt(m.group(2));
    int offset = 0;
    for (int l = 1; l < line; l++) {
      int nl = sql.indexOf('\n', offset);
      if (nl < 0) {
        return 0;
      }
      offset = nl + 1;
    }
    int pos = offset + column;
    return pos <= sql.length() ? pos : 0;
  }
}

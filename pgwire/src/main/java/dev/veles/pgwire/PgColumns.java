package dev.veles.pgwire;

import java.io.IOException;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * The columns of a result as PostgreSQL describes them: names and types, written as a
 * RowDescription with the format codes a portal asked for. Immutable.
 */
final class PgColumns {
  final String[] names;
  final PgType[] types;
  final int[] typmods;

  PgColumns(String[] names, PgType[] types, int[] typmods) {
    this.names = names;
    this.types = types;
    this.typmods = typmods;
  }

  static PgColumns of(ResultSetMetaData md) throws SQLException {
    int n = md.getColumnCount();
    String[] names = new String[n];
    PgType[] types = new PgType[n];
    int[] mods = new int[n];
    for (int i = 0; i < n; i++) {
      names[i] = md.getColumnLabel(i + 1);
      types[i] = PgType.ofJdbc(md.getColumnType(i + 1), md.getColumnTypeName(i + 1));
      String table = md.getTableName(i + 1);
      if (md.getColumnType(i + 1) == java.sql.Types.CHAR && table != null && !table.isEmpty()) {
        // a CHAR(n) column is PostgreSQL's bpchar; a string literal (Calcite's CHAR) is text
        types[i] = PgType.BPCHAR;
      }
      mods[i] = -1;
      if ((types[i] == PgType.VARCHAR || types[i] == PgType.BPCHAR) && md.getPrecision(i + 1) > 0) {
        mods[i] = md.getPrecision(i + 1) + 4;
      }
    }
    return new PgColumns(names, types, mods);
  }

  /** Text columns (session command results). */
  static PgColumns text(String... names) {
    PgType[] types = new PgType[names.length];
    int[] mods = new int[names.length];
    java.util.Arrays.fill(types, PgType.TEXT);
    java.util.Arrays.fill(mods, -1);
    return new PgColumns(names, types, mods);
  }

  int size() {
    return names.length;
  }

  /** Whether column {@code i} goes out in binary, given Bind's result format codes. */
  static boolean binary(short[] formats, int i) {
    if (formats == null || formats.length == 0) {
      return false;
    }
    return (formats.length == 1 ? formats[0] : formats[i]) == 1;
  }

  void writeDescription(PgOutput out, short[] formats) throws IOException {
    out.begin('T').int16(names.length);
    for (int i = 0; i < names.length; i++) {
      out.cstring(names[i]).int32(0).int16(0).int32(types[i].oid).int16(types[i].typlen);
      out.int32(typmods[i]).int16(binary(formats, i) ? 1 : 0);
    }
    out.end();
  }
}

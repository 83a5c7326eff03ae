package dev.veles.bench.sql;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads the benchmark's table into PostgreSQL + pgvector: the same ids and vectors as the Veles
 * table, through pgjdbc's {@code COPY FROM STDIN}, then an HNSW index with the Veles table's M and
 * ef_construction over cosine distance ({@code vector_cosine_ops}, what {@code <=>} searches).
 * Stateless; each call uses its own connection.
 */
final class PgVectorLoad {
  private PgVectorLoad() {}

  /** What a load took, for the report. */
  record Timing(double copySeconds, double indexSeconds, String version) {}

  /** Replaces {@code table} at {@code url} with the rows of {@code d}. */
  static Timing load(String url, String table, SqlDataset d, int m, int efConstruction)
      throws SQLException, IOException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS vector");
      s.execute("DROP TABLE IF EXISTS " + table);
      s.execute(
          String.format(
              Locale.ROOT,
              "CREATE TABLE %s (id bigint PRIMARY KEY, v vector(%d) NOT NULL)",
              table,
              d.dim()));
      long t0 = System.nanoTime();
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      long rows = copy.copyIn("COPY " + table + " (id, v) FROM STDIN", new Rows(d.base));
      if (rows != d.n()) {
        throw new IllegalStateException("COPY loaded " + rows + " rows, expected " + d.n());
      }
      long t1 = System.nanoTime();
      s.execute(
          String.format(
              Locale.ROOT,
              "CREATE INDEX ON %s USING hnsw (v vector_cosine_ops)"
                  + " WITH (m = %d, ef_construction = %d)",
              table,
              m,
              efConstruction));
      long t2 = System.nanoTime();
      s.execute("ANALYZE " + table);
      String version;
      try (var rs =
          s.executeQuery(
              "SELECT current_setting('server_version') || ' + pgvector ' || extversion"
                  + " FROM pg_extension WHERE extname = 'vector'")) {
        rs.next();
        version = rs.getString(1);
      }
      return new Timing((t1 - t0) / 1e9, (t2 - t1) / 1e9, version);
    }
  }

  /**
   * COPY's text format, one row at a time ({@code id TAB [x,y,...] NL}): the whole table as one
   * string would be several hundred MB at 60k x 784.
   */
  private static final class Rows extends Reader {
    private final float[][] base;
    private int row;
    private final StringBuilder line = new StringBuilder();
    private int pos;

    Rows(float[][] base) {
      this.base = base;
    }

    @Override
    public int read(char[] buf, int off, int len) {
      if (pos == line.length()) {
        if (row == base.length) {
          return -1;
        }
        line.setLength(0);
        pos = 0;
        line.append(row).append('\t').append('[');
        float[] v = base[row];
        for (int i = 0; i < v.length; i++) {
          if (i > 0) {
            line.append(',');
          }
          line.append(v[i]);
        }
        line.append("]\n");
        row++;
      }
      int n = Math.min(len, line.length() - pos);
      line.getChars(pos, pos + n, buf, off);
      pos += n;
      return n;
    }

    @Override
    public void close() {}
  }
}

package dev.veles.bench.sql;

import dev.veles.engine.CollectionSchema;
import dev.veles.engine.Database;
import dev.veles.engine.DatabaseOptions;
import dev.veles.engine.Durability;
import dev.veles.engine.IndexParams;
import dev.veles.engine.Metric;
import dev.veles.engine.Row;
import dev.veles.engine.VectorCollection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads the base vectors three ways and times each up to its durability barrier: the engine API
 * ({@code VectorCollection.insert} per batch, then {@code flush()}), JDBC {@code executeBatch} of
 * one-row inserts, and multi-row {@code INSERT ... VALUES (?, ?), (?, ?), ...} statements (both
 * ending with {@code commit()}, which flushes). All three tables have the same schema: cosine, M =
 * 16, ef_construction = 200, FSYNC durability (the driver's default).
 */
final class IngestBench {
  static final int M = 16;
  static final int EF_CONSTRUCTION = 200;

  private IngestBench() {}

  /** What a load measured. */
  record Result(String method, int rows, int rowsPerCall, double seconds, double cpuSeconds) {
    double rate() {
      return rows / seconds;
    }

    /** Rows per second of process CPU time (steadier than {@link #rate()} on a shared machine). */
    double cpuRate() {
      return rows / cpuSeconds;
    }
  }

  /** Process CPU time in nanoseconds (all threads: the index build, JIT and GC included). */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static String createTable(String table, int dim) {
    return String.format(
        Locale.ROOT,
        "CREATE TABLE %s (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(%d) NOT NULL)"
            + " WITH (metric = 'cosine', m = %d, ef_construction = %d)",
        table,
        dim,
        M,
        EF_CONSTRUCTION);
  }

  /** Engine API into a new database at {@code dir}, closed afterwards (the close is not timed). */
  static Result engine(Path dir, SqlDataset d, int batch) throws Exception {
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      CollectionSchema schema =
          new CollectionSchema(
              d.dim(),
              Metric.COSINE,
              List.of(),
              new IndexParams(M, EF_CONSTRUCTION, IndexParams.DEFAULT.efSearch()),
              Durability.FSYNC,
              Map.of());
      VectorCollection c = db.create("e", schema);
      Progress p = new Progress("engine insert", d.n());
      long t0 = System.nanoTime();
      long cpu0 = cpuNanos();
      for (int from = 0; from < d.n(); from += batch) {
        int to = Math.min(d.n(), from + batch);
        List<Row> rows = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
          rows.add(Row.of(i, d.base[i]));
        }
        c.insert(rows);
        p.at(to);
      }
      c.flush();
      return new Result(
          "engine insert(List<Row>)", d.n(), batch, (System.nanoTime() - t0) / 1e9, cpu(cpu0));
    }
  }

  /** {@code addBatch}/{@code executeBatch} of {@code INSERT INTO table VALUES (?, ?)}. */
  static Result jdbcBatch(String url, String table, SqlDataset d, int batch) throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      try (Statement s = c.createStatement()) {
        s.execute(createTable(table, d.dim()));
      }
      Progress p = new Progress("JDBC executeBatch", d.n());
      long t0 = System.nanoTime();
      long cpu0 = cpuNanos();
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
        for (int i = 0; i < d.n(); i++) {
          ps.setLong(1, i);
          ps.setObject(2, d.base[i]);
          ps.addBatch();
          if ((i + 1) % batch == 0 || i + 1 == d.n()) {
            ps.executeBatch();
            p.at(i + 1);
          }
        }
      }
      c.commit();
      return new Result(
          "JDBC executeBatch", d.n(), batch, (System.nanoTime() - t0) / 1e9, cpu(cpu0));
    }
  }

  /** Multi-row {@code INSERT INTO table VALUES (?, ?), ...} of {@code perStatement} rows each. */
  static Result multiRow(String url, String table, SqlDataset d, int perStatement)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      try (Statement s = c.createStatement()) {
        s.execute(createTable(table, d.dim()));
      }
      Progress p = new Progress("JDBC multi-row INSERT", d.n());
      long t0 = System.nanoTime();
      long cpu0 = cpuNanos();
      PreparedStatement full = c.prepareStatement(multiRowSql(table, perStatement));
      try (full) {
        int i = 0;
        while (i < d.n()) {
          int rows = Math.min(perStatement, d.n() - i);
          if (rows == perStatement) {
            i = bindAndRun(full, d, i, rows);
          } else {
            try (PreparedStatement tail = c.prepareStatement(multiRowSql(table, rows))) {
              i = bindAndRun(tail, d, i, rows);
            }
          }
          p.at(i);
        }
      }
      c.commit();
      return new Result(
          "JDBC multi-row INSERT", d.n(), perStatement, (System.nanoTime() - t0) / 1e9, cpu(cpu0));
    }
  }

  private static double cpu(long cpu0) {
    return (cpuNanos() - cpu0) / 1e9;
  }

  private static int bindAndRun(PreparedStatement ps, SqlDataset d, int from, int rows)
      throws SQLException {
    for (int r = 0; r < rows; r++) {
      ps.setLong(2 * r + 1, from + r);
      ps.setObject(2 * r + 2, d.base[from + r]);
    }
    int count = ps.executeUpdate();
    if (count != rows) {
      throw new SQLException("multi-row insert reported " + count + " rows, expected " + rows);
    }
    return from + rows;
  }

  static String multiRowSql(String table, int rows) {
    StringBuilder b = new StringBuilder("INSERT INTO ").append(table).append(" VALUES ");
    for (int r = 0; r < rows; r++) {
      b.append(r == 0 ? "(?, ?)" : ", (?, ?)");
    }
    return b.toString();
  }

  /** Prints a line at every tenth of a load. */
  private static final class Progress {
    private final String what;
    private final int total;
    private final long t0 = System.nanoTime();
    private int printed;

    Progress(String what, int total) {
      this.what = what;
      this.total = total;
    }

    void at(int done) {
      int tenth = (int) (10L * done / total);
      if (tenth > printed) {
        printed = tenth;
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            Locale.ROOT, "  %s: %d/%d rows, %.1f s, %.0f rows/s%n", what, done, total, s, done / s);
      }
    }
  }
}

package dev.veles.bench.sql;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The cost of {@code prepareStatement}: for a SQL text the JVM has never seen (parse, validate,
 * plan, generate code), and for a text seen before, prepared again on a new connection and on the
 * same connection (what a plan cache makes cheap). Also the first execution of each freshly
 * prepared statement and the cost of opening a connection. Medians and 90th percentiles of many.
 */
final class PrepareBench {
  private PrepareBench() {}

  /** Milliseconds per operation for one path. */
  record Result(
      String path,
      int newSamples,
      double newMedian,
      double newP90,
      double newFirstExecMedian,
      int seenSamples,
      double seenNewConnMedian,
      double seenNewConnP90,
      double seenSameConnMedian,
      double seenFirstExecMedian,
      double connectMedian) {}

  static Result run(
      String path,
      String url,
      String table,
      int k,
      float[] query,
      boolean remote,
      int newSamples,
      int seenSamples)
      throws SQLException {
    String seen = KnnPath.sql(table, 64, k);
    double[] fresh = new double[newSamples];
    double[] freshExec = new double[newSamples];
    // Unique per run: a plan cache in the same JVM (the remote server runs here too) must miss.
    long nonce = System.nanoTime() & 0xffffffL;
    try (Connection c = DriverManager.getConnection(url)) {
      for (int i = 0; i < newSamples; i++) {
        String sql =
            String.format(
                Locale.ROOT,
                "SELECT /*+ ef_search(64) */ id AS c%d_%d FROM %s"
                    + " ORDER BY cosine_distance(v, ?) LIMIT %d",
                nonce,
                i,
                table,
                k);
        long t0 = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          long t1 = System.nanoTime();
          execute(c, ps, query, remote, k);
          freshExec[i] = (System.nanoTime() - t1) / 1e6;
          fresh[i] = (t1 - t0) / 1e6;
        }
      }
    }
    double[] newConn = new double[seenSamples];
    double[] sameConn = new double[seenSamples];
    double[] seenExec = new double[seenSamples];
    double[] connect = new double[seenSamples];
    for (int i = 0; i < seenSamples; i++) {
      long t0 = System.nanoTime();
      try (Connection c = DriverManager.getConnection(url)) {
        long t1 = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(seen)) {
          long t2 = System.nanoTime();
          execute(c, ps, query, remote, k);
          seenExec[i] = (System.nanoTime() - t2) / 1e6;
          newConn[i] = (t2 - t1) / 1e6;
        }
        long t3 = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(seen)) {
          sameConn[i] = (System.nanoTime() - t3) / 1e6;
        }
        connect[i] = (t1 - t0) / 1e6;
      }
    }
    return new Result(
        path,
        newSamples,
        quantile(fresh, 0.5),
        quantile(fresh, 0.9),
        quantile(freshExec, 0.5),
        seenSamples,
        quantile(newConn, 0.5),
        quantile(newConn, 0.9),
        quantile(sameConn, 0.5),
        quantile(seenExec, 0.5),
        quantile(connect, 0.5));
  }

  private static void execute(Connection c, PreparedStatement ps, float[] q, boolean remote, int k)
      throws SQLException {
    if (remote) {
      Float[] boxed = new Float[q.length];
      for (int i = 0; i < q.length; i++) {
        boxed[i] = q[i];
      }
      Array a = c.createArrayOf("REAL", boxed);
      ps.setArray(1, a);
    } else {
      ps.setObject(1, q);
    }
    int rows = 0;
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows++;
      }
    }
    if (rows != k) {
      throw new SQLException("expected " + k + " rows from a fresh statement, got " + rows);
    }
  }

  static double quantile(double[] xs, double q) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int rank = (int) Math.ceil(q * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, rank))];
  }
}

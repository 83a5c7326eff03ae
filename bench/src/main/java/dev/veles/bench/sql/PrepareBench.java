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
    double[][] fresh = newTexts(url, table, k, query, remote, newSamples);
    double[][] seen = seenText(url, table, k, query, remote, seenSamples);
    return new Result(
        path,
        newSamples,
        quantile(fresh[0], 0.5),
        quantile(fresh[0], 0.9),
        quantile(fresh[1], 0.5),
        seenSamples,
        quantile(seen[0], 0.5),
        quantile(seen[0], 0.9),
        quantile(seen[1], 0.5),
        quantile(seen[2], 0.5),
        quantile(seen[3], 0.5));
  }

  /** {prepare, first execute} in ms for {@code samples} texts never prepared in this JVM. */
  private static double[][] newTexts(
      String url, String table, int k, float[] query, boolean remote, int samples)
      throws SQLException {
    double[] prepare = new double[samples];
    double[] exec = new double[samples];
    // Unique per run: a plan cache in the same JVM (the remote server runs here too) must miss.
    long nonce = System.nanoTime() & 0xffffffL;
    try (Connection c = DriverManager.getConnection(url)) {
      for (int i = 0; i < samples; i++) {
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
          exec[i] = (System.nanoTime() - t1) / 1e6;
          prepare[i] = (t1 - t0) / 1e6;
        }
      }
    }
    return new double[][] {prepare, exec};
  }

  /**
   * {prepare on a new connection, prepare again on the same connection, first execute, connect} in
   * ms for the benchmark's ef-64 k-NN text, which the k-NN runs have already prepared.
   */
  private static double[][] seenText(
      String url, String table, int k, float[] query, boolean remote, int samples)
      throws SQLException {
    String seen = KnnPath.sql(table, 64, k, KnnPath.Binding.OBJECT);
    double[] newConn = new double[samples];
    double[] sameConn = new double[samples];
    double[] exec = new double[samples];
    double[] connect = new double[samples];
    for (int i = 0; i < samples; i++) {
      long t0 = System.nanoTime();
      try (Connection c = DriverManager.getConnection(url)) {
        long t1 = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(seen)) {
          long t2 = System.nanoTime();
          execute(c, ps, query, remote, k);
          exec[i] = (System.nanoTime() - t2) / 1e6;
          newConn[i] = (t2 - t1) / 1e6;
        }
        long t3 = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(seen)) {
          sameConn[i] = (System.nanoTime() - t3) / 1e6;
        }
        connect[i] = (t1 - t0) / 1e6;
      }
    }
    return new double[][] {newConn, sameConn, exec, connect};
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

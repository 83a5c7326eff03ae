package dev.veles.bench.sql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Random;

/**
 * The cost of a small transaction against auto-commit, embedded: 10 single-row inserts with
 * auto-commit on (each its own durable write) against the same 10 inserts and {@code commit()} with
 * auto-commit off, in FSYNC and FLUSH_ONLY. Prints the median and 90th percentile per group of 10.
 *
 * <pre>java -cp ... dev.veles.bench.sql.TxCostBench [rounds] [work dir]</pre>
 */
public final class TxCostBench {
  private TxCostBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    Path work = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("txcost");
    for (String durability : new String[] {"FSYNC", "FLUSH_ONLY"}) {
      Path dir = work.resolve(durability.toLowerCase());
      try (Connection c =
          DriverManager.getConnection("jdbc:veles:path=" + dir + ";durability=" + durability)) {
        try (Statement s = c.createStatement()) {
          s.execute("CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(128) NOT NULL)");
        }
        Random rnd = new Random(42);
        long[] next = {0};
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
          run(c, ps, rnd, next, true, rounds / 5); // warm-up
          run(c, ps, rnd, next, false, rounds / 5);
          double[] auto = run(c, ps, rnd, next, true, rounds);
          double[] tx = run(c, ps, rnd, next, false, rounds);
          System.out.printf(
              "%-10s 10 auto-commit inserts: median %8.1f us, p90 %8.1f us | 10 inserts + commit:"
                  + " median %8.1f us, p90 %8.1f us%n",
              durability, pct(auto, 50), pct(auto, 90), pct(tx, 50), pct(tx, 90));
        }
      }
    }
  }

  private static double[] run(
      Connection c, PreparedStatement ps, Random rnd, long[] next, boolean auto, int rounds)
      throws SQLException {
    c.setAutoCommit(auto);
    double[] us = new double[rounds];
    float[] v = new float[128];
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 10; i++) {
        for (int j = 0; j < v.length; j++) {
          v[j] = rnd.nextFloat();
        }
        ps.setLong(1, next[0]++);
        ps.setObject(2, v);
        ps.executeUpdate();
      }
      if (!auto) {
        c.commit();
      }
      us[r] = (System.nanoTime() - t0) / 1e3;
    }
    c.setAutoCommit(true);
    return us;
  }

  private static double pct(double[] a, int p) {
    double[] s = a.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, s.length * p / 100)];
  }
}

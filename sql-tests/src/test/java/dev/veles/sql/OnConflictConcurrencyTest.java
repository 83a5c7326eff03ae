package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections racing {@code INSERT ... ON CONFLICT (id) DO UPDATE SET n = t.n + 1} on one key lose
 * no update: each statement either counts or fails with 40001 (first writer wins), and the final
 * value is exactly the number that counted, in auto-commit mode and in explicit transactions (where
 * a statement that lost leaves the transaction to roll back).
 */
class OnConflictConcurrencyTest {
  static final int THREADS = 4;
  static final int ROUNDS = 300;

  @TempDir Path dir;

  private static final String INCREMENT =
      "INSERT INTO c VALUES (1, '[1,0]', 1) ON CONFLICT (id) DO UPDATE SET n = c.n + 1";

  @Test
  void autoCommitIncrementsLoseNothing() throws Exception {
    race(false);
  }

  @Test
  void transactionalIncrementsLoseNothing() throws Exception {
    race(true);
  }

  private void race(boolean transactions) throws Exception {
    String url = "jdbc:veles:path=" + dir;
    try (Connection setup = DriverManager.getConnection(url);
        Statement s = setup.createStatement()) {
      s.execute("CREATE TABLE c (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL, n BIGINT)");
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<long[]>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          results.add(pool.submit(() -> worker(url, start, transactions)));
        }
        start.countDown();
        long counted = 0;
        long conflicts = 0;
        for (Future<long[]> f : results) {
          long[] r = f.get(5, TimeUnit.MINUTES);
          counted += r[0];
          conflicts += r[1];
        }
        System.out.println(
            "OnConflictConcurrencyTest transactions="
                + transactions
                + ": "
                + counted
                + " counted, "
                + conflicts
                + " lost with 40001");
        assertTrue(counted > 0);
        try (ResultSet rs = s.executeQuery("SELECT n FROM c WHERE id = 1")) {
          assertTrue(rs.next());
          assertEquals(counted, rs.getLong(1));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** Returns {statements that counted, statements that failed with 40001}. */
  private static long[] worker(String url, CountDownLatch start, boolean transactions)
      throws Exception {
    long counted = 0;
    long conflicts = 0;
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps = c.prepareStatement(INCREMENT)) {
      c.setAutoCommit(!transactions);
      start.await();
      for (int i = 0; i < ROUNDS; i++) {
        try {
          int n = ps.executeUpdate();
          assertEquals(1, n);
          if (transactions) {
            ps.executeUpdate(); // a second increment of the same row in the same transaction
            c.commit();
            counted += 2;
          } else {
            counted++;
          }
        } catch (SQLException e) {
          if (!"40001".equals(e.getSQLState())) {
            throw e;
          }
          conflicts++;
          if (transactions) {
            c.rollback();
          }
        }
      }
    }
    return new long[] {counted, conflicts};
  }
}

package dev.veles.bench.sql;

import dev.veles.pgwire.PgServer;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Bulk ingest through Veles's PostgreSQL listener, issue #18 requirement 3: pgjdbc's {@code
 * executeBatch} of {@code INSERT ... VALUES (?, ?::vector)} (batches of {@code --batch} rows, the
 * vector bound as text) against {@code COPY t FROM STDIN} through pgjdbc's {@code CopyManager} (the
 * same rows as COPY's text format), each into a new table of its own and up to {@code CHECKPOINT}
 * (the durability barrier) inclusive. Rounds alternate the two methods; prints rows per second and
 * per CPU second (this process: client and server) for each, and the medians of the per-round
 * ratios COPY / executeBatch.
 *
 * <pre>
 * PgCopyBench [--n 20000] [--dim 128] [--batch 1000] [--rounds 5] [--work bench/target/copy-work]
 *     [--data bench/target/ann-data]
 * </pre>
 */
public final class PgCopyBench {
  private PgCopyBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = SqlPathBenchmark.options(args);
    int n = Integer.parseInt(o.getOrDefault("n", "20000"));
    int dim = Integer.parseInt(o.getOrDefault("dim", "128"));
    int batch = Integer.parseInt(o.getOrDefault("batch", "1000"));
    int rounds = Integer.parseInt(o.getOrDefault("rounds", "5"));
    Path work = Path.of(o.getOrDefault("work", "bench/target/copy-work"));
    Path data = Path.of(o.getOrDefault("data", "bench/target/ann-data"));
    SqlDataset d = SqlDataset.obtain(n, dim, 10, 10, data);
    String[] texts = new String[n];
    for (int i = 0; i < n; i++) {
      texts[i] = Arrays.toString(d.base[i]).replace(" ", "");
    }
    SqlPathBenchmark.delete(work);
    Files.createDirectories(work);
    String url = "jdbc:veles:path=" + work.resolve("db").toAbsolutePath();
    List<double[]> batchRuns = new ArrayList<>();
    List<double[]> copyRuns = new ArrayList<>();
    try (Connection anchor = DriverManager.getConnection(url);
        PgServer pg = PgServer.builder().url(url).port(0).start();
        Connection c = DriverManager.getConnection(pg.jdbcUrl() + "?user=bench")) {
      // A first round of each is warm-up (the JIT of both paths), not reported.
      for (int round = 0; round <= rounds; round++) {
        boolean copyFirst = round % 2 == 1;
        for (int k = 0; k < 2; k++) {
          boolean copy = copyFirst == (k == 0);
          String table = (copy ? "copy_" : "batch_") + round;
          try (Statement s = c.createStatement()) {
            s.execute(IngestBench.createTable(table, dim));
          }
          System.gc();
          double[] r = copy ? copy(c, table, texts) : batch(c, table, texts, batch);
          if (round > 0) {
            (copy ? copyRuns : batchRuns).add(r);
          }
          System.out.printf(
              Locale.ROOT,
              "round %d %-12s %8.0f rows/s %8.0f rows per CPU s%n",
              round,
              copy ? "COPY" : "executeBatch",
              n / r[0],
              n / r[1]);
          try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + table);
          }
        }
      }
    }
    double[] wall = new double[rounds];
    double[] cpu = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      wall[i] = batchRuns.get(i)[0] / copyRuns.get(i)[0];
      cpu[i] = batchRuns.get(i)[1] / copyRuns.get(i)[1];
    }
    System.out.printf(
        Locale.ROOT,
        "%d x %d rows, %d rounds: COPY / executeBatch rows/s, median %.2fx (%.2f-%.2f);"
            + " rows per CPU s, median %.2fx (%.2f-%.2f)%n",
        n,
        dim,
        rounds,
        median(wall),
        min(wall),
        max(wall),
        median(cpu),
        min(cpu),
        max(cpu));
  }

  /** Seconds of wall and of process CPU for {@code executeBatch} of every row, then CHECKPOINT. */
  private static double[] batch(Connection c, String table, String[] texts, int batch)
      throws Exception {
    long cpu0 = cpu();
    long t0 = System.nanoTime();
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?::vector)")) {
      for (int i = 0; i < texts.length; i++) {
        ps.setLong(1, i);
        ps.setString(2, texts[i]);
        ps.addBatch();
        if ((i + 1) % batch == 0 || i == texts.length - 1) {
          ps.executeBatch();
        }
      }
    }
    checkpoint(c);
    return new double[] {(System.nanoTime() - t0) / 1e9, (cpu() - cpu0) / 1e9};
  }

  /** The same rows as COPY's text format through one {@code copyIn}, then CHECKPOINT. */
  private static double[] copy(Connection c, String table, String[] texts) throws Exception {
    long cpu0 = cpu();
    long t0 = System.nanoTime();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < texts.length; i++) {
      b.append(i).append('\t').append(texts[i]).append('\n');
    }
    long rows =
        new CopyManager(c.unwrap(BaseConnection.class))
            .copyIn("COPY " + table + " FROM STDIN", new StringReader(b.toString()));
    if (rows != texts.length) {
      throw new IllegalStateException("COPY loaded " + rows + " rows of " + texts.length);
    }
    checkpoint(c);
    return new double[] {(System.nanoTime() - t0) / 1e9, (cpu() - cpu0) / 1e9};
  }

  private static void checkpoint(Connection c) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("CHECKPOINT");
    }
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double min(double[] x) {
    return Arrays.stream(x).min().orElseThrow();
  }

  private static double max(double[] x) {
    return Arrays.stream(x).max().orElseThrow();
  }
}

package dev.veles.bench.sql;

import dev.veles.pgwire.PgServer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the CPU of a k-NN query goes, thread by thread: the embedded driver (the client thread does
 * everything) against pgjdbc through the PostgreSQL listener in this process (the client thread
 * formats the vector and runs pgjdbc, the session thread reads the Bind, searches and writes the
 * rows), in alternating passes over one table. Per pass: wall time per query, the process's CPU per
 * query, and each thread's CPU per query (from the platform {@code ThreadMXBean}; threads under 2
 * µs per query left out). JIT and GC threads are not Java threads here: they show as the difference
 * between the process and the listed threads.
 *
 * <p>Usage, on the table a {@link SqlPathBenchmark} run kept ({@code --keep true --work W}):
 *
 * <pre>
 * PgThreadCpu --work W [--n 60000] [--dim 784] [--queries 1000] [--ef 64] [--passes 5]
 *     [--warmup 3] [--data bench/target/ann-data]
 * </pre>
 */
public final class PgThreadCpu {
  private static final int K = 10;

  private PgThreadCpu() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = SqlPathBenchmark.options(args);
    int n = Integer.parseInt(o.getOrDefault("n", "60000"));
    int dim = Integer.parseInt(o.getOrDefault("dim", "784"));
    int queries = Integer.parseInt(o.getOrDefault("queries", "1000"));
    int ef = Integer.parseInt(o.getOrDefault("ef", "64"));
    int passes = Integer.parseInt(o.getOrDefault("passes", "5"));
    int warmup = Integer.parseInt(o.getOrDefault("warmup", "3"));
    Path data = Path.of(o.getOrDefault("data", "bench/target/ann-data"));
    if (!o.containsKey("work")) {
      throw new IllegalArgumentException("--work: the directory a SqlPathBenchmark run kept");
    }
    String url = "jdbc:veles:path=" + Path.of(o.get("work")).resolve("jdbc").toAbsolutePath();
    SqlDataset d = SqlDataset.obtain(n, dim, queries, K, SqlDataset.DEFAULT_SIGMA, data);
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (Connection anchor = DriverManager.getConnection(url);
        PgServer pg = PgServer.builder().url(url).port(0).start();
        KnnPath.Searcher embedded =
            KnnPath.jdbc("embedded", url, "e", K, KnnPath.Binding.OBJECT).open();
        KnnPath.Searcher pgjdbc =
            KnnPath.jdbc(
                    "pgjdbc",
                    pg.jdbcUrl() + "?user=bench&prepareThreshold=1",
                    "e",
                    K,
                    KnnPath.Binding.PG)
                .open()) {
      if (!anchor.isValid(1)) {
        throw new IllegalStateException("the database at " + url + " did not open");
      }
      for (int w = 0; w < warmup; w++) {
        for (float[] q : d.queries) {
          embedded.search(q, ef);
          pgjdbc.search(q, ef);
        }
      }
      for (int p = 0; p < passes; p++) {
        for (KnnPath.Searcher s : List.of(embedded, pgjdbc)) {
          Map<Long, Long> before = new HashMap<>();
          Map<Long, Long> allocatedBefore = new HashMap<>();
          for (long id : threads.getAllThreadIds()) {
            before.put(id, threads.getThreadCpuTime(id));
            allocatedBefore.put(id, threads.getThreadAllocatedBytes(id));
          }
          long cpu0 = os.getProcessCpuTime();
          long t0 = System.nanoTime();
          for (float[] q : d.queries) {
            s.search(q, ef);
          }
          long t1 = System.nanoTime();
          long cpu1 = os.getProcessCpuTime();
          StringBuilder line =
              new StringBuilder(
                  String.format(
                      Locale.ROOT,
                      "%-8s wall %6.1f µs/q  process CPU %6.1f µs/q |",
                      s == embedded ? "embedded" : "pgjdbc",
                      (t1 - t0) / 1e3 / queries,
                      (cpu1 - cpu0) / 1e3 / queries));
          List<long[]> used = new ArrayList<>();
          for (long id : threads.getAllThreadIds()) {
            long delta = threads.getThreadCpuTime(id) - before.getOrDefault(id, 0L);
            long allocated =
                threads.getThreadAllocatedBytes(id) - allocatedBefore.getOrDefault(id, 0L);
            if (delta > queries * 2000L) {
              used.add(new long[] {id, delta, allocated});
            }
          }
          used.sort((x, y) -> Long.compare(y[1], x[1]));
          for (long[] u : used) {
            ThreadInfo info = threads.getThreadInfo(u[0]);
            line.append(
                String.format(
                    Locale.ROOT,
                    " %s %.1f (%.1f KB)",
                    info == null ? "?" : info.getThreadName(),
                    u[1] / 1e3 / queries,
                    u[2] / 1024.0 / queries));
          }
          System.out.println(line);
        }
      }
    }
  }
}

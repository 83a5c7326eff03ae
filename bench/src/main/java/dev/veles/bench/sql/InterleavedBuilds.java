package dev.veles.bench.sql;

import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Two builds of the embedded driver in one JVM, each in a class loader of its own, measured in
 * alternating blocks: embedded k-NN queries over byte-identical copies of one database, and JDBC
 * {@code executeBatch} ingest into a table of each.
 *
 * <p>Separate processes run one after the other see the machine in different states (other work,
 * page cache, CPU frequency), which on a shared machine moves a single run by ±30 %. Here both
 * builds run in the same seconds: block {@code b} of the old build sits next to block {@code b} of
 * the new one (their order alternating), so the per-block ratio cancels what the machine did, and
 * its median over many blocks is the comparison. An old-against-old run of the same command shows
 * the method's own spread.
 *
 * <p>Usage (classpath: this module's classes and dependencies, for the data set only):
 *
 * <pre>
 * InterleavedBuilds OLD_CHECKOUT NEW_CHECKOUT WORK_DIR [--n 20000] [--dim 128] [--ef 32]
 *     [--block 1000] [--blocks 60] [--ingest-block 500] [--data DIR]
 * </pre>
 *
 * Each checkout must have been built ({@code bench/target/classes} and {@code
 * bench/target/classpath.txt}). The database is loaded by the old build, so the new build opens it
 * as a user's upgraded database would be opened.
 */
public final class InterleavedBuilds {
  private static final String TABLE = "items";
  private static final int K = 10;

  private InterleavedBuilds() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      throw new IllegalArgumentException(
          "usage: InterleavedBuilds OLD_CHECKOUT NEW_CHECKOUT WORK_DIR [--n N] [--dim D] [--ef E]"
              + " [--block Q] [--blocks B] [--ingest-block R] [--data DIR]");
    }
    Map<String, String> o = SqlPathBenchmark.options(Arrays.copyOfRange(args, 3, args.length));
    int n = Integer.parseInt(o.getOrDefault("n", "20000"));
    int dim = Integer.parseInt(o.getOrDefault("dim", "128"));
    Path work = Path.of(args[2]);
    SqlDataset d =
        SqlDataset.obtain(
            n, dim, 1000, K, Path.of(o.getOrDefault("data", "bench/target/ann-data")));
    Driver[] drivers = {driver(Path.of(args[0])), driver(Path.of(args[1]))};
    deleteTree(work);
    Files.createDirectories(work);
    Path seed = work.resolve("seed");
    try (Connection c = drivers[0].connect(url(seed), new Properties())) {
      try (Statement s = c.createStatement()) {
        s.execute(IngestBench.createTable(TABLE, dim));
      }
      insert(c, d.base, 0, n);
      try (Statement s = c.createStatement()) {
        s.execute("CALL flush()");
      }
    }
    System.out.printf(
        Locale.ROOT, "%d x %d loaded by the old build; old %s, new %s%n", n, dim, args[0], args[1]);
    knn(drivers, seed, work, d, o);
    ingest(drivers, work, d, o);
  }

  private static void knn(
      Driver[] drivers, Path seed, Path work, SqlDataset d, Map<String, String> o)
      throws Exception {
    int block = Integer.parseInt(o.getOrDefault("block", "1000"));
    int blocks = Integer.parseInt(o.getOrDefault("blocks", "60"));
    String sql =
        String.format(
            Locale.ROOT,
            "SELECT /*+ ef_search(%d) */ id FROM %s ORDER BY v <=> ?::vector LIMIT %d",
            Integer.parseInt(o.getOrDefault("ef", "32")),
            TABLE,
            K);
    Connection[] cs = new Connection[2];
    PreparedStatement[] ps = new PreparedStatement[2];
    for (int i = 0; i < 2; i++) {
      Path copy = work.resolve(i == 0 ? "knn-old" : "knn-new");
      copyTree(seed, copy);
      cs[i] = drivers[i].connect(url(copy), new Properties());
      ps[i] = cs[i].prepareStatement(sql);
    }
    var mx = ManagementFactory.getThreadMXBean();
    double[][] cpu = new double[2][blocks];
    long[] sums = new long[2];
    for (int b = 0; b < blocks; b++) {
      for (int step = 0; step < 2; step++) {
        int i = (b & 1) == 0 ? step : 1 - step;
        long c0 = mx.getCurrentThreadCpuTime();
        for (int q = 0; q < block; q++) {
          ps[i].setObject(1, d.queries[(b * block + q) % d.queries.length]);
          try (ResultSet rs = ps[i].executeQuery()) {
            while (rs.next()) {
              sums[i] += rs.getLong(1);
            }
          }
        }
        cpu[i][b] = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / block;
      }
    }
    for (int i = 0; i < 2; i++) {
      ps[i].close();
      cs[i].close();
    }
    if (sums[0] != sums[1]) {
      System.out.println("note: the builds returned different ids (checksums differ)");
    }
    report("embedded k-NN, thread CPU µs per query", cpu, blocks / 4);
  }

  private static void ingest(Driver[] drivers, Path work, SqlDataset d, Map<String, String> o)
      throws Exception {
    int rows = Integer.parseInt(o.getOrDefault("ingest-block", "500"));
    int blocks = d.n() / rows;
    Connection[] cs = new Connection[2];
    for (int i = 0; i < 2; i++) {
      cs[i] =
          drivers[i].connect(
              url(work.resolve(i == 0 ? "ingest-old" : "ingest-new")), new Properties());
      try (Statement s = cs[i].createStatement()) {
        s.execute(IngestBench.createTable(TABLE, d.dim()));
      }
    }
    double[][] cpu = new double[2][blocks];
    for (int b = 0; b < blocks; b++) {
      for (int step = 0; step < 2; step++) {
        int i = (b & 1) == 0 ? step : 1 - step;
        long c0 = threadsCpu();
        insert(cs[i], d.base, b * rows, (b + 1) * rows);
        cpu[i][b] = (threadsCpu() - c0) / 1e3 / rows;
      }
    }
    for (Connection c : cs) {
      c.close();
    }
    report("JDBC executeBatch ingest, CPU µs per row (all threads)", cpu, 0);
  }

  /**
   * CPU time of every live thread, in nanoseconds: the writer's and any background work of either
   * build. The process's CPU time would do too, but it ticks in 10 ms steps here, a tenth of a
   * block's time.
   */
  private static long threadsCpu() {
    var mx = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (long id : mx.getAllThreadIds()) {
      long t = mx.getThreadCpuTime(id);
      if (t > 0) {
        sum += t;
      }
    }
    return sum;
  }

  private static void insert(Connection c, float[][] base, int from, int to) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO " + TABLE + " (id, v) VALUES (?, ?)")) {
      for (int r = from; r < to; r++) {
        ps.setLong(1, r);
        ps.setObject(2, base[r]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Prints each build's median and the median of the per-block new/old ratios. */
  private static void report(String what, double[][] cpu, int warm) {
    int n = cpu[0].length - warm;
    double[] ratio = new double[n];
    for (int b = 0; b < n; b++) {
      ratio[b] = cpu[1][b + warm] / cpu[0][b + warm];
    }
    double[] old = Arrays.copyOfRange(cpu[0], warm, cpu[0].length);
    double[] now = Arrays.copyOfRange(cpu[1], warm, cpu[1].length);
    System.out.printf(
        Locale.ROOT,
        "%s: old %.1f, new %.1f (medians of %d blocks); new/old per block: median %.3f,"
            + " quartiles %.3f-%.3f%n",
        what,
        median(old),
        median(now),
        n,
        median(ratio),
        quantile(ratio, 0.25),
        quantile(ratio, 0.75));
  }

  private static double median(double[] x) {
    return quantile(x, 0.5);
  }

  private static double quantile(double[] x, double q) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.round(q * (s.length - 1)))];
  }

  /** The embedded driver of the build in {@code checkout}, in a class loader of its own. */
  private static Driver driver(Path checkout) throws Exception {
    Path bench = checkout.resolve("bench/target");
    List<URL> urls = new ArrayList<>();
    urls.add(bench.resolve("classes").toUri().toURL());
    for (String p : Files.readString(bench.resolve("classpath.txt")).trim().split(":")) {
      urls.add(Path.of(p).toUri().toURL());
    }
    ClassLoader loader =
        new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    return (Driver)
        loader.loadClass("dev.veles.jdbc.VelesDriver").getDeclaredConstructor().newInstance();
  }

  private static String url(Path dir) {
    return "jdbc:veles:path=" + dir.toAbsolutePath();
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        if (!p.getFileName().toString().endsWith(".lock")) {
          Files.copy(p, to.resolve(from.relativize(p).toString()));
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}

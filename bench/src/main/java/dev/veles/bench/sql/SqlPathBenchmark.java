package dev.veles.bench.sql;

import dev.veles.calcite.VelesCalcite;
import dev.veles.calcite.VelesSchema;
import dev.veles.engine.Database;
import dev.veles.engine.Metric;
import dev.veles.engine.VectorCollection;
import dev.veles.pgwire.PgServer;
import dev.veles.server.VelesServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;

/**
 * What SQL costs on top of the engine, in one run: ingest through the engine API, JDBC {@code
 * executeBatch} and multi-row {@code INSERT}; k-NN throughput and latency through the engine API,
 * embedded JDBC and remote JDBC (Avatica protobuf) at the same ef on 1 and 2 client threads, with
 * recall checked against the ground truth and against the engine; and the cost of preparing SQL.
 * Writes Markdown, CSV and SVG to {@code --out}. See bench/README.md for the command.
 *
 * <p>All k-NN paths query the same collection: the JDBC-loaded table, with the engine path reading
 * it through the database the driver opened (the driver shares one engine per directory in a JVM),
 * so recall through JDBC must equal recall through the engine, query by query.
 */
public final class SqlPathBenchmark {
  private static final int K = 10;
  private static final String TABLE = "e";

  /** pgjdbc's connection options, the same against Veles and against PostgreSQL + pgvector. */
  private static final String PG_OPTIONS = "prepareThreshold=1";

  private final Map<String, String> o;
  private final SqlReport report = new SqlReport();

  private SqlPathBenchmark(Map<String, String> options) {
    this.o = options;
  }

  public static void main(String[] args) throws Exception {
    new SqlPathBenchmark(options(args)).run(String.join(" ", args));
  }

  private void run(String commandLine) throws Exception {
    int n = intOpt("n", 100_000);
    int dim = intOpt("dim", 128);
    int queries = intOpt("queries", 2000);
    Path data = Path.of(o.getOrDefault("data", "bench/target/ann-data"));
    Path work = Path.of(o.getOrDefault("work", "bench/target/sql-work"));
    Path out = Path.of(o.getOrDefault("out", "bench/results/sql"));
    boolean reuse = Boolean.parseBoolean(o.getOrDefault("reuse", "false"));
    report.recallTarget = Double.parseDouble(o.getOrDefault("recall", "0.99"));
    report.facts.add("command: `SqlPathBenchmark " + commandLine + "`");
    report.facts.add(
        String.format(
            Locale.ROOT,
            "JDK %s, %d CPUs available (shared)",
            Runtime.version(),
            Runtime.getRuntime().availableProcessors()));
    double sigma = Double.parseDouble(o.getOrDefault("sigma", "" + SqlDataset.DEFAULT_SIGMA));
    SqlDataset d = SqlDataset.obtain(n, dim, queries, K, sigma, data);
    report.facts.add(
        String.format(
            Locale.ROOT,
            "data: %d x %d unit vectors (synthetic embeddings, %s), %d queries, exact top-%d truth",
            d.n(),
            d.dim(),
            d.dir.getFileName(),
            d.queries.length,
            K));
    report.facts.add(
        String.format(
            Locale.ROOT,
            "table: cosine, M = %d, ef_construction = %d, durability FSYNC (driver default)",
            IngestBench.M,
            IngestBench.EF_CONSTRUCTION));
    Path jdbcDir = work.resolve("jdbc");
    if (!(reuse && Files.isDirectory(jdbcDir))) {
      delete(work);
      ingest(d, work);
    }
    String stem = String.format(Locale.ROOT, "sql-path-%dx%d", d.n(), d.dim());
    knn(d, jdbcDir);
    report.write(out, stem, "QPS per path, " + d.n() + " x " + d.dim() + ", k = 10");
    System.out.println(report.markdown());
    System.out.println("written to " + out.resolve(stem + ".md"));
    if (!Boolean.parseBoolean(o.getOrDefault("keep", "false"))) {
      delete(work);
    }
  }

  /**
   * The loads named by {@code --ingest} (default all three); the JDBC {@code executeBatch} load is
   * always made, as it holds the table that the k-NN paths query.
   */
  private void ingest(SqlDataset d, Path work) throws Exception {
    int batch = intOpt("batch", 1000);
    int perStatement = intOpt("rows-per-insert", 100);
    List<String> loads = List.of(o.getOrDefault("ingest", "engine,batch,multirow").split(","));
    if (loads.contains("engine")) {
      report.ingest.add(IngestBench.engine(work.resolve("engine"), d, batch));
      System.out.println(report.ingest.getLast());
      delete(work.resolve("engine"));
    }
    report.ingest.add(IngestBench.jdbcBatch(url(work.resolve("jdbc")), TABLE, d, batch));
    System.out.println(report.ingest.getLast());
    if (loads.contains("multirow")) {
      Path dir = work.resolve("multirow");
      report.ingest.add(IngestBench.multiRow(url(dir), TABLE, d, perStatement));
      System.out.println(report.ingest.getLast());
      delete(dir);
    }
  }

  private void knn(SqlDataset d, Path dir) throws Exception {
    int[] efs = ints(o.getOrDefault("efs", "32,64,128"));
    int[] threads = ints(o.getOrDefault("threads", "1,2"));
    int passes = intOpt("passes", 5);
    // Every query of the set by default: 500 left the remote path (Jetty, protobuf) compiling in
    // the background during the timed passes and slowed whichever path ran next.
    int warmup = Math.min(d.queries.length, intOpt("warmup", d.queries.length));
    List<String> names =
        List.of(
            o.getOrDefault("paths", "engine,embedded,remote,remote-text,remote-veles").split(","));
    // The anchor connection keeps the database open and lends its engine to the engine path.
    try (Connection anchor = DriverManager.getConnection(url(dir));
        VelesServer server = VelesServer.builder().path(dir).port(0).start();
        PgServer pg = PgServer.builder().url(url(dir)).port(0).start()) {
      checkRows(anchor, d.n());
      VectorCollection c = collection(anchor);
      Map<String, KnnPath> paths = new LinkedHashMap<>();
      paths.put("engine", KnnPath.engine(c, Metric.COSINE, K));
      paths.put("embedded", KnnPath.jdbc("embedded", url(dir), TABLE, K, KnnPath.Binding.OBJECT));
      paths.put(
          "remote", KnnPath.jdbc("remote", server.clientUrl(), TABLE, K, KnnPath.Binding.ARRAY));
      paths.put(
          "remote-text",
          KnnPath.jdbc("remote-text", server.clientUrl(), TABLE, K, KnnPath.Binding.TEXT));
      paths.put(
          "remote-veles",
          KnnPath.jdbc(
              "remote-veles",
              "jdbc:veles:url=" + server.httpUrl(),
              TABLE,
              K,
              KnnPath.Binding.OBJECT));
      // pgjdbc against the PostgreSQL listener: a reused server-side prepared statement (named
      // after the first execution, as pgjdbc's prepareThreshold makes it) with the vector as text,
      // in pgvector's SQL; the pgvector path runs the same against PostgreSQL.
      paths.put(
          "pgjdbc",
          KnnPath.jdbc(
              "pgjdbc", pg.jdbcUrl() + "?user=bench&" + PG_OPTIONS, TABLE, K, KnnPath.Binding.PG));
      // The same with the vector bound by pgvector's Java client (binary), as its README does it.
      paths.put(
          "pgjdbc-bin",
          KnnPath.jdbc(
              "pgjdbc-bin",
              pg.jdbcUrl() + "?user=bench&" + PG_OPTIONS,
              TABLE,
              K,
              KnnPath.Binding.PGVECTOR));
      if (names.contains("pgvector") || names.contains("pgvector-bin")) {
        String url = pgvector(d);
        paths.put("pgvector", KnnPath.postgres("pgvector", url, TABLE, K, KnnPath.Binding.PG));
        paths.put(
            "pgvector-bin",
            KnnPath.postgres("pgvector-bin", url, TABLE, K, KnnPath.Binding.PGVECTOR));
      }
      paths.keySet().retainAll(names);
      Map<String, List<KnnPath.Searcher>> open = new LinkedHashMap<>();
      try {
        for (int t : threads) {
          for (KnnPath p : paths.values()) {
            List<KnnPath.Searcher> s = new ArrayList<>();
            open.put(p.name() + "/" + t, s);
            for (int i = 0; i < t; i++) {
              s.add(p.open());
            }
          }
        }
        float[][] warm = Arrays.copyOf(d.queries, warmup);
        // Every path at every ef once before any timing: the first ef would otherwise also pay
        // for the JIT of the remote path (Jetty, protobuf) and of the generated plans.
        for (int ef : efs) {
          for (Map.Entry<String, List<KnnPath.Searcher>> e : open.entrySet()) {
            KnnRun.run(e.getKey(), e.getValue(), warm, ef);
          }
        }
        for (int ef : efs) {
          measure(d, ef, open, passes, warm);
        }
      } finally {
        for (List<KnnPath.Searcher> l : open.values()) {
          for (KnnPath.Searcher s : l) {
            s.close();
          }
        }
      }
      if (Boolean.parseBoolean(o.getOrDefault("prepare", "true"))) {
        int fresh = intOpt("prepare-new", 30);
        int seen = intOpt("prepare-seen", 200);
        float[] q = d.queries[0];
        report.prepare.add(PrepareBench.run("embedded", url(dir), TABLE, K, q, false, fresh, seen));
        System.out.println(report.prepare.getLast());
        report.prepare.add(
            PrepareBench.run("remote", server.clientUrl(), TABLE, K, q, true, fresh, seen));
        System.out.println(report.prepare.getLast());
        report.prepare.add(
            PrepareBench.run(
                "remote-veles",
                "jdbc:veles:url=" + server.httpUrl(),
                TABLE,
                K,
                q,
                false,
                fresh,
                seen));
        System.out.println(report.prepare.getLast());
      }
    }
  }

  /**
   * Warm-up, then {@code passes} passes with the paths interleaved (a disturbance on the shared
   * machine hits all paths alike); the fastest pass of each is the least disturbed one.
   */
  private void measure(
      SqlDataset d,
      int ef,
      Map<String, List<KnnPath.Searcher>> open,
      int passes,
      float[][] warmupQueries)
      throws Exception {
    for (Map.Entry<String, List<KnnPath.Searcher>> e : open.entrySet()) {
      KnnRun.run(e.getKey(), e.getValue(), warmupQueries, ef);
    }
    Map<String, KnnRun.Pass> best = new HashMap<>();
    Map<String, Double> cpu = new HashMap<>();
    List<Map.Entry<String, List<KnnPath.Searcher>>> order = new ArrayList<>(open.entrySet());
    for (int pass = 0; pass < passes; pass++) {
      // Each pass starts with another path, so whatever one path leaves running (JIT compiles,
      // server threads) is not always charged to the same successor.
      Collections.rotate(order, 1);
      for (Map.Entry<String, List<KnnPath.Searcher>> e : order) {
        // The previous path's garbage (the remote path's is plenty) is collected here, not
        // during, and charged to, the next path's pass.
        System.gc();
        KnnRun.Pass p = KnnRun.run(e.getKey(), e.getValue(), d.queries, ef);
        report
            .passQps(e.getKey().substring(0, e.getKey().indexOf('/')), ef, e.getValue().size())
            .add(p.qps());
        best.merge(e.getKey(), p, (a, b) -> a.qps() >= b.qps() ? a : b);
        cpu.merge(e.getKey(), p.cpuMicros(), Math::min);
      }
    }
    for (Map.Entry<String, List<KnnPath.Searcher>> e : open.entrySet()) {
      record(d, ef, e.getKey(), e.getValue().size(), best, cpu);
      String path = e.getKey().substring(0, e.getKey().indexOf('/'));
      System.out.printf(
          Locale.ROOT,
          "  %s's QPS pass by pass: %s%n",
          path,
          report.passQps(path, ef, e.getValue().size()).stream()
              .map(q -> String.format(Locale.ROOT, "%.0f", q))
              .toList());
    }
    report.knn.sort(
        Comparator.comparingInt(SqlReport.Knn::ef).thenComparingInt(SqlReport.Knn::threads));
  }

  /**
   * Loads the table into the PostgreSQL + pgvector at {@code --pg-url} (see
   * bench/compare/pgvector-setup.sh) and returns the URL its searchers connect to.
   */
  private String pgvector(SqlDataset d) throws Exception {
    String base = o.get("pg-url");
    if (base == null) {
      throw new IllegalArgumentException(
          "the pgvector path needs --pg-url jdbc:postgresql://127.0.0.1:PORT/DB"
              + " (bench/compare/pgvector-setup.sh starts one)");
    }
    String url =
        base
            + (base.contains("?") ? "&" : "?")
            + "user="
            + o.getOrDefault("pg-user", "bench")
            + (o.containsKey("pg-password") ? "&password=" + o.get("pg-password") : "")
            + "&"
            + PG_OPTIONS;
    PgVectorLoad.Timing t =
        PgVectorLoad.load(url, TABLE, d, IngestBench.M, IngestBench.EF_CONSTRUCTION);
    report.facts.add(
        String.format(
            Locale.ROOT,
            "pgvector: PostgreSQL %s at %s, the same rows by COPY in %.1f s, HNSW"
                + " (vector_cosine_ops, M = %d, ef_construction = %d) built in %.1f s",
            t.version(),
            base,
            t.copySeconds(),
            IngestBench.M,
            IngestBench.EF_CONSTRUCTION,
            t.indexSeconds()));
    System.out.println(report.facts.getLast());
    return url;
  }

  /** Adds the best pass of {@code key} ("path/threads") at {@code ef} to the report. */
  private void record(
      SqlDataset d,
      int ef,
      String key,
      int threads,
      Map<String, KnnRun.Pass> best,
      Map<String, Double> cpu) {
    String path = key.substring(0, key.indexOf('/'));
    KnnRun.Pass p = best.get(key);
    KnnRun.Pass engine = best.get("engine/" + threads);
    int differ = engine == null || path.equals("engine") ? -1 : differ(p.ids(), engine.ids());
    SqlReport.Knn r =
        new SqlReport.Knn(
            path,
            ef,
            threads,
            p.qps(),
            p.latencyMs(0.5),
            p.latencyMs(0.99),
            d.recall(p.ids(), K),
            differ,
            cpu.get(key));
    report.knn.add(r);
    System.out.printf(
        Locale.ROOT,
        "ef %d, %d thread(s), %-8s: %.0f QPS, p50 %.3f ms, p99 %.3f ms, %.0f CPU us/query,"
            + " recall@10 %.4f%s%n",
        ef,
        threads,
        path,
        r.qps(),
        r.p50(),
        r.p99(),
        r.cpuMicros(),
        r.recall(),
        path.equals("engine") ? "" : ", " + differ + " queries differ from the engine");
  }

  /** The number of queries whose result ids differ between two passes. */
  static int differ(long[][] a, long[][] b) {
    int count = 0;
    for (int i = 0; i < a.length; i++) {
      if (!Arrays.equals(a[i], b[i])) {
        count++;
      }
    }
    return count;
  }

  /** The collection behind {@code TABLE}, from the engine the embedded driver opened. */
  private static VectorCollection collection(Connection c) throws Exception {
    SchemaPlus root = c.unwrap(CalciteConnection.class).getRootSchema();
    SchemaPlus tables = root.subSchemas().get(VelesCalcite.SCHEMA);
    Database db = tables.unwrap(VelesSchema.class).database();
    for (String name : db.names()) {
      if (name.equalsIgnoreCase(TABLE)) {
        return db.get(name);
      }
    }
    throw new IllegalStateException("no table " + TABLE + " in " + db.names());
  }

  private static void checkRows(Connection c, int n) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + TABLE)) {
      rs.next();
      if (rs.getLong(1) != n) {
        throw new IllegalStateException(
            "table " + TABLE + " holds " + rs.getLong(1) + " rows, expected " + n);
      }
    }
  }

  private static String url(Path dir) {
    return "jdbc:veles:path=" + dir.toAbsolutePath();
  }

  /** Deletes {@code dir} and everything under it, if it exists. */
  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private int intOpt(String name, int dflt) {
    String v = o.get(name);
    try {
      return v == null ? dflt : Integer.parseInt(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " needs an integer, got '" + v + "'");
    }
  }

  private static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
  }

  /** {@code --name value} or {@code --name=value}. */
  static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("options look like --name value, got " + a);
      }
      int eq = a.indexOf('=');
      if (eq > 0) {
        o.put(a.substring(2, eq), a.substring(eq + 1));
      } else if (i + 1 < args.length) {
        o.put(a.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException("option " + a + " needs a value");
      }
    }
    return o;
  }
}

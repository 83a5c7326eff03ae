package dev.veles.bench.sql;

import com.pgvector.PGvector;
import dev.veles.engine.Hit;
import dev.veles.engine.Metric;
import dev.veles.engine.VectorCollection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One way of asking for the {@code k} nearest neighbours of a query: the engine API, an embedded
 * JDBC connection, or a remote (Avatica protobuf) JDBC connection. Each client thread opens its own
 * {@link Searcher}.
 */
interface KnnPath {
  /** A short name for tables and plots. */
  String name();

  /** A searcher for one client thread; the caller closes it. */
  Searcher open() throws Exception;

  /**
   * Runs k-NN queries for one thread; holds that thread's connection and its prepared statements.
   *
   * <p>Not thread-safe: one searcher per client thread.
   */
  interface Searcher extends AutoCloseable {
    /** The ids of the nearest rows to {@code q}, nearest first, searching with {@code ef}. */
    long[] search(float[] q, int ef) throws Exception;

    /**
     * CPU seconds used so far by a server process outside this JVM on this searcher's behalf (a
     * PostgreSQL backend); 0 when the server runs in this process and its CPU is counted there.
     */
    default double outsideCpuSeconds() throws Exception {
      return 0;
    }

    @Override
    void close() throws Exception;
  }

  /**
   * The k-NN SQL text for one ef: a hint, so each ef has its own reused statement; with {@link
   * Binding#PG} and {@link Binding#PGVECTOR}, pgvector's form, the ef being set on the session
   * instead.
   */
  static String sql(String table, int ef, int k, Binding binding) {
    if (binding.pgvectorSql()) {
      return String.format(
          Locale.ROOT, "SELECT id FROM %s ORDER BY v <=> ?::vector LIMIT %d", table, k);
    }
    return String.format(
        Locale.ROOT,
        "SELECT /*+ ef_search(%d) */ id FROM %s ORDER BY cosine_distance(v, %s) LIMIT %d",
        ef,
        table,
        binding == Binding.TEXT ? "vec(?)" : "?",
        k);
  }

  /**
   * How a client binds the query vector: {@code setObject(float[])} (embedded), {@code
   * setArray(createArrayOf("REAL"))} (what a stock Avatica client can send: one protobuf value per
   * component), {@code setString("[...]")} with {@code vec(?)} (one value for the whole vector), or
   * {@link #PG}: what a pgvector application runs, {@code setString("[...]")} into {@code
   * ?::vector} with the cosine operator {@code <=>} and the ef set by {@code SET hnsw.ef_search},
   * the same text against PostgreSQL + pgvector and against Veles's PostgreSQL listener; or {@link
   * #PGVECTOR}: the same SQL with the vector bound as pgvector's Java client does it, {@code
   * setObject(new PGvector(float[]))} after {@code PGvector.registerTypes}, which makes pgjdbc send
   * it in pgvector's binary form.
   */
  enum Binding {
    OBJECT,
    ARRAY,
    TEXT,
    PG,
    PGVECTOR;

    /** pgvector's SQL, with the ef set by {@code SET hnsw.ef_search}. */
    boolean pgvectorSql() {
      return this == PG || this == PGVECTOR;
    }
  }

  /** The engine API on {@code c}: no SQL, no copies beyond the hit list. */
  static KnnPath engine(VectorCollection c, Metric metric, int k) {
    return new KnnPath() {
      @Override
      public String name() {
        return "engine";
      }

      @Override
      public Searcher open() {
        return new Searcher() {
          @Override
          public long[] search(float[] q, int ef) {
            List<Hit> hits = c.search(q, k, metric, null, ef);
            long[] ids = new long[hits.size()];
            for (int i = 0; i < ids.length; i++) {
              ids[i] = hits.get(i).id();
            }
            return ids;
          }

          @Override
          public void close() {}
        };
      }
    };
  }

  /**
   * JDBC at {@code url}. Embedded connections bind the query with {@code setObject(1, float[])};
   * remote ones ({@code remote}) with {@code setArray(1, createArrayOf("REAL", Float[]))}, as an
   * Avatica client must. One prepared statement per ef, prepared on first use and reused.
   */
  static KnnPath jdbc(String name, String url, String table, int k, Binding remote) {
    return new KnnPath() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Searcher open() throws SQLException {
        return new JdbcSearcher(DriverManager.getConnection(url), table, k, remote, null);
      }
    };
  }

  /**
   * pgjdbc with {@code binding} ({@link Binding#PG} or {@link Binding#PGVECTOR}) against a
   * PostgreSQL server on this machine, whose backend process's CPU time (from {@code /proc}) is
   * added to the client's.
   */
  static KnnPath postgres(String name, String url, String table, int k, Binding binding) {
    return new KnnPath() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Searcher open() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
          rs.next();
          return new JdbcSearcher(c, table, k, binding, Path.of("/proc", rs.getString(1), "stat"));
        } catch (SQLException | RuntimeException e) {
          c.close();
          throw e;
        }
      }
    };
  }

  /** See {@link #jdbc}. */
  final class JdbcSearcher implements Searcher {
    /** Linux's USER_HZ, the unit of /proc's CPU times, 100 on every mainstream architecture. */
    private static final int CLOCK_TICKS = 100;

    private final Connection c;
    private final String table;
    private final int k;
    private final Binding remote;
    private final Map<Integer, PreparedStatement> statements = new HashMap<>();
    private int sessionEf = -1;
    private final Path backendStat;

    JdbcSearcher(Connection c, String table, int k, Binding remote, Path backendStat)
        throws SQLException {
      if (remote == Binding.PGVECTOR) {
        PGvector.registerTypes(c);
      }
      this.c = c;
      this.table = table;
      this.k = k;
      this.remote = remote;
      this.backendStat = backendStat;
    }

    /** The backend's utime + stime, fields 14 and 15 of /proc/PID/stat, in clock ticks of 10 ms. */
    @Override
    public double outsideCpuSeconds() throws IOException {
      if (backendStat == null) {
        return 0;
      }
      String stat = Files.readString(backendStat);
      // The fields after the command name, which is in parentheses and may hold spaces
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
    }

    @Override
    public long[] search(float[] q, int ef) throws SQLException {
      if (remote.pgvectorSql() && ef != sessionEf) {
        try (Statement s = c.createStatement()) {
          s.execute("SET hnsw.ef_search = " + ef);
        }
        sessionEf = ef;
      }
      // One statement per ef, prepared after its SET, whether or not a server plans the setting in
      PreparedStatement ps = statements.get(ef);
      if (ps == null) {
        ps = c.prepareStatement(sql(table, ef, k, remote));
        statements.put(ef, ps);
      }
      switch (remote) {
        case ARRAY -> {
          Float[] boxed = new Float[q.length];
          for (int i = 0; i < q.length; i++) {
            boxed[i] = q[i];
          }
          ps.setArray(1, c.createArrayOf("REAL", boxed));
        }
        case TEXT, PG -> ps.setString(1, Arrays.toString(q));
        case PGVECTOR -> ps.setObject(1, new PGvector(q));
        default -> ps.setObject(1, q);
      }
      long[] ids = new long[k];
      int n = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (n == ids.length) {
            ids = Arrays.copyOf(ids, 2 * n);
          }
          ids[n++] = rs.getLong(1);
        }
      }
      return n == ids.length ? ids : Arrays.copyOf(ids, n);
    }

    @Override
    public void close() throws SQLException {
      try {
        for (PreparedStatement ps : statements.values()) {
          ps.close();
        }
      } finally {
        c.close();
      }
    }
  }
}

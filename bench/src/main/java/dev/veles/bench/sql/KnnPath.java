package dev.veles.bench.sql;

import dev.veles.engine.Hit;
import dev.veles.engine.Metric;
import dev.veles.engine.VectorCollection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    @Override
    void close() throws Exception;
  }

  /** The k-NN SQL text for one ef: a hint, so each ef has its own reused statement. */
  static String sql(String table, int ef, int k, Binding binding) {
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
   * component), or {@code setString("[...]")} with {@code vec(?)} (one value for the whole vector).
   */
  enum Binding {
    OBJECT,
    ARRAY,
    TEXT
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
        return new JdbcSearcher(DriverManager.getConnection(url), table, k, remote);
      }
    };
  }

  /** See {@link #jdbc}. */
  final class JdbcSearcher implements Searcher {
    private final Connection c;
    private final String table;
    private final int k;
    private final Binding remote;
    private final Map<Integer, PreparedStatement> statements = new HashMap<>();

    JdbcSearcher(Connection c, String table, int k, Binding remote) {
      this.c = c;
      this.table = table;
      this.k = k;
      this.remote = remote;
    }

    @Override
    public long[] search(float[] q, int ef) throws SQLException {
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
        case TEXT -> ps.setString(1, Arrays.toString(q));
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

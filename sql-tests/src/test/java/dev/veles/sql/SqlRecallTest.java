package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veles.engine.Metric;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * k-NN through SQL, answered by the HNSW index, against exact search over the same rows: with and
 * without a filter on a typed column, for every metric.
 */
class SqlRecallTest {
  private static final int N = 4000;
  private static final int DIM = 32;
  private static final int K = 10;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Metric.class)
  void indexedSearchMatchesExact(Metric metric) throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    float[][] centres = new float[40][DIM];
    for (float[] c : centres) {
      for (int d = 0; d < DIM; d++) {
        c[d] = (float) random.nextGaussian();
      }
    }
    float[][] data = new float[N][];
    for (int i = 0; i < N; i++) {
      data[i] = point(centres[random.nextInt(centres.length)], random);
    }
    String fn =
        switch (metric) {
          case L2 -> "l2_distance";
          case COSINE -> "cosine_distance";
          case INNER_PRODUCT -> "negative_inner_product";
          case L1 -> "l1_distance";
        };
    try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + dir);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE r (id BIGINT NOT NULL PRIMARY KEY, v VECTOR("
              + DIM
              + ") NOT NULL, bucket INTEGER) WITH (metric = '"
              + metric.sqlName()
              + "')");
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO r VALUES (?, ?, ?)")) {
        for (int i = 0; i < N; i++) {
          ins.setLong(1, i);
          ins.setObject(2, data[i]);
          ins.setInt(3, i % 10);
          ins.addBatch();
        }
        ins.executeBatch();
      }
      try (ResultSet rs =
          s.executeQuery(
              "EXPLAIN PLAN FOR SELECT id FROM r WHERE bucket = 3 ORDER BY "
                  + fn
                  + "(v, vec('"
                  + dev.veles.calcite.Vectors.format(data[0])
                  + "')) LIMIT 10")) {
        rs.next();
        String plan = rs.getString(1);
        assertTrue(plan.contains("index=[hnsw]") && plan.contains("filter="), plan);
      }
      double all = 0;
      double filtered = 0;
      int queries = 30;
      String sql = "SELECT id FROM r ORDER BY " + fn + "(v, ?) LIMIT " + K;
      String sqlFiltered = "SELECT id FROM r WHERE bucket = 3 ORDER BY " + fn + "(v, ?) LIMIT " + K;
      try (PreparedStatement ps = c.prepareStatement(sql);
          PreparedStatement pf = c.prepareStatement(sqlFiltered)) {
        for (int q = 0; q < queries; q++) {
          float[] query = point(centres[random.nextInt(centres.length)], random);
          all += recall(ids(ps, query), exact(data, query, metric, i -> true));
          filtered += recall(ids(pf, query), exact(data, query, metric, i -> i % 10 == 3));
        }
      }
      all /= queries;
      filtered /= queries;
      assertTrue(all >= 0.95, "recall@10 " + all + " for " + metric + ", seed " + seed);
      assertTrue(
          filtered >= 0.95, "filtered recall@10 " + filtered + " for " + metric + ", seed " + seed);
    }
  }

  private static float[] point(float[] centre, Random random) {
    float[] p = new float[DIM];
    for (int d = 0; d < DIM; d++) {
      p[d] = centre[d] + 0.3f * (float) random.nextGaussian();
    }
    return p;
  }

  private static List<Long> ids(PreparedStatement ps, float[] query) throws Exception {
    ps.setObject(1, query);
    List<Long> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }

  private static List<Long> exact(
      float[][] data, float[] q, Metric metric, java.util.function.IntPredicate accept) {
    return IntStream.range(0, data.length)
        .filter(accept)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> metric.distance(data[i], q)))
        .limit(K)
        .map(Integer::longValue)
        .toList();
  }

  private static double recall(List<Long> got, List<Long> truth) {
    Set<Long> t = new HashSet<>(truth);
    return got.stream().filter(t::contains).count() / (double) truth.size();
  }
}

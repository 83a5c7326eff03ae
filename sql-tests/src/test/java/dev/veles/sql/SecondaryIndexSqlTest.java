package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Secondary indexes through every client (embedded, the stock Avatica client over protobuf and
 * JSON, the Veles driver's remote mode): the plan looks a filter up in the index, the rows match a
 * model, a filtered k-NN search with an indexed filter matches brute force, UNIQUE answers 23505, a
 * transaction sees its own writes through a lookup, and the metadata lists the indexes.
 */
class SecondaryIndexSqlTest {
  @TempDir Path dir;

  private static final int ROWS = 2000;
  private static final int CATS = 50;

  @ParameterizedTest
  @EnumSource(Remote.Mode.class)
  void indexesServeFiltersAndSearches(Remote.Mode mode) throws Exception {
    long seed = Long.getLong("veles.seed", System.nanoTime());
    System.out.println("SecondaryIndexSqlTest " + mode + " seed " + seed);
    Random rnd = new Random(seed);
    int[] cat = new int[ROWS];
    float[][] vec = new float[ROWS][];
    try (Remote r = new Remote(mode, dir, 2);
        Connection c = r.connection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, emb VECTOR(3) NOT NULL, cat INTEGER,"
              + " sku VARCHAR(12))");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?)")) {
        for (int i = 0; i < ROWS; i++) {
          cat[i] = rnd.nextInt(CATS);
          vec[i] = new float[] {rnd.nextFloat(), rnd.nextFloat(), rnd.nextFloat()};
          ps.setLong(1, i);
          r.bindVector(c, ps, 2, vec[i]);
          ps.setInt(3, cat[i]);
          ps.setString(4, "sku" + i);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      s.execute("CREATE INDEX t_cat ON t (cat)");
      s.execute("CREATE UNIQUE INDEX t_sku ON t USING btree (sku)");
      assertTrue(plan(s, "SELECT id FROM t WHERE cat = 7").contains("lookup=[index t_cat]"));
      assertTrue(plan(s, "SELECT id FROM t WHERE sku IN ('a', 'b')").contains("[index t_sku]"));
      try (PreparedStatement ps =
          c.prepareStatement("SELECT id FROM t WHERE cat = ? ORDER BY id")) {
        for (int k = 0; k < 10; k++) {
          int want = rnd.nextInt(CATS);
          ps.setInt(1, want);
          List<Long> expected =
              IntStream.range(0, ROWS).filter(i -> cat[i] == want).mapToObj(i -> (long) i).toList();
          assertEquals(expected, ids(ps.executeQuery()), "cat = " + want);
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT id FROM t WHERE cat = ? ORDER BY l2_distance(emb, ?) LIMIT 5")) {
        for (int k = 0; k < 10; k++) {
          int want = rnd.nextInt(CATS);
          float[] q = {rnd.nextFloat(), rnd.nextFloat(), rnd.nextFloat()};
          ps.setInt(1, want);
          r.bindVector(c, ps, 2, q);
          List<Long> expected =
              IntStream.range(0, ROWS)
                  .filter(i -> cat[i] == want)
                  .boxed()
                  .sorted(
                      Comparator.comparingDouble((Integer i) -> l2(vec[i], q))
                          .thenComparing(i -> i))
                  .limit(5)
                  .map(i -> (long) i)
                  .toList();
          assertEquals(expected, ids(ps.executeQuery()), "k-NN where cat = " + want);
        }
      }
      SQLException dup =
          assertThrows(
              SQLException.class,
              () -> s.executeUpdate("INSERT INTO t VALUES (9999, '[0,0,0]', 1, 'sku5')"));
      assertEquals("23505", dup.getSQLState(), dup.toString());
      // a transaction sees its own writes through the lookup; a rollback takes them back
      c.setAutoCommit(false);
      s.executeUpdate("INSERT INTO t VALUES (5000, '[0,0,0]', 777, 'new')");
      s.executeUpdate("UPDATE t SET cat = 777 WHERE id = 3");
      assertEquals(List.of(3L, 5000L), ids(s.executeQuery("SELECT id FROM t WHERE cat = 777")));
      c.rollback();
      c.setAutoCommit(true);
      assertEquals(List.of(), ids(s.executeQuery("SELECT id FROM t WHERE cat = 777")));
      List<String> info = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT \"INDEX_NAME\", \"NON_UNIQUE\", \"COLUMN_NAME\" FROM veles.index_info"
                  + " WHERE \"TABLE_NAME\" = 't'"
                  + " ORDER BY \"INDEX_NAME\"")) {
        while (rs.next()) {
          info.add(rs.getString(1) + ":" + rs.getBoolean(2) + ":" + rs.getString(3));
        }
      }
      assertEquals(
          List.of("t_cat:true:cat", "t_emb_hnsw:true:emb", "t_pkey:false:id", "t_sku:false:sku"),
          info);
      if (mode == Remote.Mode.EMBEDDED || mode == Remote.Mode.VELES) {
        List<String> md = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getIndexInfo(null, null, "t", true, false)) {
          while (rs.next()) {
            md.add(rs.getString("INDEX_NAME"));
          }
        }
        assertTrue(md.contains("t_sku") && !md.contains("t_cat"), md.toString());
      }
      s.execute("DROP INDEX t_cat");
      assertTrue(!plan(s, "SELECT id FROM t WHERE cat = 7").contains("index t_cat"));
    }
  }

  private static double l2(float[] a, float[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      float x = a[i] - b[i];
      d += x * x;
    }
    return d;
  }

  private static String plan(Statement s, String sql) throws SQLException {
    StringBuilder sb = new StringBuilder();
    try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      while (rs.next()) {
        sb.append(rs.getString(1));
      }
    }
    return sb.toString();
  }

  private static List<Long> ids(ResultSet rs) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }
}

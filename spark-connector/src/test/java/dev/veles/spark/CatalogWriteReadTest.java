package dev.veles.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The catalog, upsert writes routed by the key's hash, and pruned, filtered parallel scans. */
@ExtendWith(SharedCluster.class)
class CatalogWriteReadTest {
  private static final long SEED = Long.getLong("seed", System.nanoTime());
  private static final int DIM = 8;
  private static final StructType SCHEMA =
      new StructType()
          .add("id", DataTypes.LongType, false)
          .add("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), false)
          .add("category", DataTypes.StringType, true)
          .add("price", DataTypes.DoubleType, true);
  private static VelesCluster cluster;

  @BeforeAll
  static void start(VelesCluster shared) throws Exception {
    System.out.println("CatalogWriteReadTest seed=" + SEED);
    cluster = shared;
  }

  static List<Row> rows(Random r, int n, double priceShift) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] v = new float[DIM];
      for (int d = 0; d < DIM; d++) {
        v[d] = r.nextFloat();
      }
      Float[] boxed = new Float[DIM];
      for (int d = 0; d < DIM; d++) {
        boxed[d] = v[d];
      }
      String category = i % 7 == 0 ? null : (i % 3 == 0 ? "x" : "y");
      out.add(RowFactory.create((long) i * 2, boxed, category, i + priceShift));
    }
    return out;
  }

  private static void create(String table) {
    cluster.spark.sql(
        "CREATE TABLE veles."
            + table
            + " (id BIGINT NOT NULL, embedding ARRAY<FLOAT> NOT NULL, category STRING,"
            + " price DOUBLE) TBLPROPERTIES ('key' = 'id', 'dimension' = '"
            + DIM
            + "', 'metric' = 'l2')");
  }

  private static Map<Long, Double> shardPrices(int shard, String table) throws Exception {
    Map<Long, Double> out = new HashMap<>();
    try (Connection c = cluster.shard(shard);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, price FROM " + table)) {
      while (rs.next()) {
        out.put(rs.getLong(1), rs.getDouble(2));
      }
    }
    return out;
  }

  @Test
  void createListsOnEveryShardAndDrop() throws Exception {
    create("cat_t");
    for (int i = 0; i < 3; i++) {
      try (Connection c = cluster.shard(i)) {
        TableInfo info = TableInfo.read(c, "cat_t");
        assertEquals(List.of("id"), info.key(), "shard " + i);
        assertEquals(DIM, info.dimension(), "shard " + i);
        assertEquals("l2", info.metric(), "shard " + i);
      }
    }
    List<String> names =
        cluster.spark.sql("SHOW TABLES IN veles").collectAsList().stream()
            .map(r -> r.getString(1))
            .toList();
    assertTrue(names.contains("cat_t"), names.toString());
    StructType loaded = cluster.spark.table("veles.cat_t").schema();
    assertEquals(SCHEMA, loaded);
    cluster.spark.sql("DROP TABLE veles.cat_t");
    for (int i = 0; i < 3; i++) {
      try (Connection c = cluster.shard(i)) {
        assertEquals(null, TableInfo.read(c, "cat_t"), "shard " + i);
      }
    }
  }

  @Test
  void createWithoutKeyIsRefused() {
    Exception e =
        assertThrows(
            Exception.class,
            () ->
                cluster.spark.sql(
                    "CREATE TABLE veles.nokey (id BIGINT, embedding ARRAY<FLOAT>)"
                        + " TBLPROPERTIES ('dimension' = '4')"));
    assertTrue(e.getMessage().contains("needs a key column"), e.getMessage());
  }

  @Test
  void upsertWritesRouteByHashAndRerunConverges() throws Exception {
    create("w_t");
    Random r = new Random(SEED);
    List<Row> first = rows(r, 600, 0);
    cluster.spark.createDataFrame(first, SCHEMA).repartition(3).writeTo("veles.w_t").append();
    // the same keys again with new prices: a rerun (or a retried task) replaces, never duplicates
    List<Row> second = rows(new Random(SEED), 600, 1000);
    cluster.spark.createDataFrame(second, SCHEMA).repartition(2).writeTo("veles.w_t").append();
    int total = 0;
    for (int shard = 0; shard < 3; shard++) {
      Map<Long, Double> prices = shardPrices(shard, "w_t");
      total += prices.size();
      for (Map.Entry<Long, Double> e : prices.entrySet()) {
        assertEquals(shard, ShardHash.shardOf(e.getKey(), 3), "row " + e.getKey());
        assertEquals(e.getKey() / 2 + 1000.0, e.getValue(), 0.0, "latest price of " + e.getKey());
      }
      assertTrue(prices.size() > 150, "shard " + shard + " holds " + prices.size());
    }
    assertEquals(600, total);
    assertEquals(600L, cluster.spark.table("veles.w_t").count());
  }

  /** INSERT INTO ... SELECT is the same upsert: running it twice leaves each row once. */
  @Test
  void insertIntoSelectUpserts() throws Exception {
    create("ins_t");
    String insert =
        "INSERT INTO veles.ins_t SELECT id * 3, array_repeat(CAST(id AS FLOAT), "
            + DIM
            + "), 'z', CAST(id AS DOUBLE) FROM range(0, 90)";
    cluster.spark.sql(insert);
    cluster.spark.sql(insert);
    int total = 0;
    for (int shard = 0; shard < 3; shard++) {
      Map<Long, Double> prices = shardPrices(shard, "ins_t");
      for (Map.Entry<Long, Double> e : prices.entrySet()) {
        assertEquals(shard, ShardHash.shardOf(e.getKey(), 3), "row " + e.getKey());
        assertEquals(e.getKey() / 3.0, e.getValue(), 0.0);
      }
      total += prices.size();
    }
    assertEquals(90, total);
  }

  @Test
  void wrongDimensionFailsNamingTheColumn() {
    create("dim_t");
    List<Row> bad = List.of(RowFactory.create(1L, new Float[] {1f, 2f}, "x", 1.0));
    Exception e =
        assertThrows(
            Exception.class,
            () -> cluster.spark.createDataFrame(bad, SCHEMA).writeTo("veles.dim_t").append());
    String all = messages(e);
    assertTrue(all.contains("VECTOR(" + DIM + "), a row has 2 elements"), all);
  }

  static String messages(Throwable e) {
    StringBuilder s = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      s.append(t.getMessage()).append(" | ");
    }
    return s.toString();
  }

  @Test
  void scanPushesFiltersAndColumnsAndSplitsLargeShards() throws Exception {
    create("r_t");
    List<Row> data = rows(new Random(SEED), 500, 0);
    cluster.spark.createDataFrame(data, SCHEMA).writeTo("veles.r_t").append();
    long expected =
        data.stream()
            .filter(
                x -> "x".equals(x.getString(2)) && x.getDouble(3) > 100 && x.getDouble(3) <= 400)
            .count();
    Dataset<Row> q =
        cluster.spark.sql(
            "SELECT id FROM veles.r_t WHERE category = 'x' AND price > 100 AND price <= 400");
    assertEquals(expected, q.count());
    String plan = q.queryExecution().executedPlan().toString();
    assertTrue(plan.contains("PushedFilters="), plan);
    assertTrue(plan.contains("columns=id,"), plan);
    assertTrue(!plan.contains("Filter "), "no filter left in Spark: " + plan);

    Dataset<Row> limited = cluster.spark.sql("SELECT id, price FROM veles.r_t LIMIT 7");
    assertTrue(
        limited.queryExecution().executedPlan().toString().contains("PushedLimit=7"),
        limited.queryExecution().executedPlan().toString());
    assertEquals(7, limited.collectAsList().size());
    scala.Option<scala.math.BigInt> estimate =
        cluster.spark.table("veles.r_t").queryExecution().optimizedPlan().stats().rowCount();
    assertEquals(500L, estimate.get().longValue(), "row count statistics from the shards");

    Dataset<Row> all = cluster.spark.read().option("rows_per_partition", "40").table("veles.r_t");
    int partitions = all.javaRDD().getNumPartitions();
    assertTrue(partitions >= 9, "each shard of ~167 rows split in ranges of 40: " + partitions);
    List<Long> ids = all.select("id").as(org.apache.spark.sql.Encoders.LONG()).collectAsList();
    assertEquals(500, ids.size());
    assertEquals(500, new java.util.HashSet<>(ids).size(), "no row read twice");

    Row one = cluster.spark.sql("SELECT * FROM veles.r_t WHERE id = 14").first();
    Row source = data.get(7);
    assertEquals(source.getString(2), one.getString(2));
    assertEquals(source.getDouble(3), one.getDouble(3), 0.0);
    List<Float> vector = one.getList(1);
    for (int d = 0; d < DIM; d++) {
      assertEquals(((Float[]) source.get(1))[d], vector.get(d), 0f);
    }
  }
}

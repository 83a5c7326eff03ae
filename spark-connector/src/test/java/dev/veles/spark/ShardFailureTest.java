package dev.veles.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veles.jdbc.remote.VelesRemoteDriver;
import dev.veles.server.VelesServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shard killed with SIGKILL during a write: the job fails naming that shard; after the shard
 * restarts, rerunning the job succeeds and every row is there exactly once with its latest value.
 */
@ExtendWith(SharedCluster.class)
class ShardFailureTest {
  private static final long SEED = Long.getLong("seed", System.nanoTime());
  private static final int DIM = 8;
  private static final int ROWS = 3_000;
  private static final StructType SCHEMA =
      new StructType()
          .add("id", DataTypes.LongType, false)
          .add("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), false)
          .add("price", DataTypes.DoubleType, true);

  private static List<Row> rows(double shift) {
    Random r = new Random(SEED);
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      Float[] v = new Float[DIM];
      for (int d = 0; d < DIM; d++) {
        v[d] = r.nextFloat();
      }
      out.add(RowFactory.create((long) i, v, i + shift));
    }
    return out;
  }

  private static Connection connect(String url) throws Exception {
    Properties p = new Properties();
    p.setProperty("url", url);
    return VelesRemoteDriver.open(p);
  }

  @Test
  void killedShardFailsTheJobByNameAndARerunConverges(VelesCluster shared, @TempDir Path dir)
      throws Exception {
    System.out.println("ShardFailureTest seed=" + SEED);
    try (VelesServer s0 = VelesServer.builder().path(dir.resolve("s0")).port(0).start();
        VelesServer s1 = VelesServer.builder().path(dir.resolve("s1")).port(0).start()) {
      Files.createDirectories(dir.resolve("s2"));
      ShardProcess child = ShardProcess.start(dir.resolve("s2"), 0);
      List<String> urls = List.of(s0.httpUrl(), s1.httpUrl(), child.url);
      // a session of the shared Spark with its own catalog over these three servers
      SparkSession spark = shared.spark.newSession();
      spark.conf().set("spark.sql.catalog.vfail", VelesCatalog.class.getName());
      spark.conf().set("spark.sql.catalog.vfail.shards", String.join(",", urls));
      try {
        spark.sql(
            "CREATE TABLE vfail.f (id BIGINT NOT NULL, embedding ARRAY<FLOAT> NOT NULL,"
                + " price DOUBLE) TBLPROPERTIES ('key' = 'id', 'dimension' = '8')");
        CompletableFuture<Void> job =
            CompletableFuture.runAsync(
                () -> {
                  try {
                    spark
                        .createDataFrame(rows(0), SCHEMA)
                        .repartition(2)
                        .writeTo("vfail.f")
                        .option("batch_size", "100")
                        .append();
                  } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
                    throw new IllegalStateException(e);
                  }
                });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        // one polling connection: opening one per poll would load the child with session set-up
        try (Connection poll = connect(urls.get(2))) {
          while (TableInfo.rowCount(poll, "f") < 150
              && System.nanoTime() < deadline
              && !job.isDone()) {
            Thread.sleep(50);
          }
        }
        child.kill(); // mid-write: the child shard has some rows, not all
        Exception e = assertThrows(Exception.class, job::join);
        String messages = CatalogWriteReadTest.messages(e);
        assertTrue(messages.contains("shard 2 of 3 (" + child.url + ")"), messages);

        child = ShardProcess.start(dir.resolve("s2"), child.port);
        spark
            .createDataFrame(rows(0.5), SCHEMA)
            .repartition(2)
            .writeTo("vfail.f")
            .option("batch_size", "100")
            .append();
        long total = 0;
        for (int shard = 0; shard < 3; shard++) {
          Map<Long, Double> prices = new HashMap<>();
          try (Connection c = connect(urls.get(shard));
              Statement st = c.createStatement();
              ResultSet rs = st.executeQuery("SELECT id, price FROM f")) {
            while (rs.next()) {
              assertEquals(null, prices.put(rs.getLong(1), rs.getDouble(2)), "duplicate row");
            }
          }
          for (Map.Entry<Long, Double> en : prices.entrySet()) {
            assertEquals(shard, ShardHash.shardOf(en.getKey(), 3), "row " + en.getKey());
            assertEquals(en.getKey() + 0.5, en.getValue(), 0.0, "latest value of " + en.getKey());
          }
          total += prices.size();
        }
        assertEquals(ROWS, total);
        assertEquals((long) ROWS, spark.table("vfail.f").count());
      } finally {
        child.close();
      }
    }
  }
}

package dev.veles.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.ToIntFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writes through the connector for every key kind of the hash rule beyond BIGINT ({@link
 * CatalogWriteReadTest} has it): VARCHAR, UUID and a composite key. Each write lands every row on
 * exactly the shard {@link ShardHash} names (read straight from each shard over JDBC), and a rerun
 * with new values overwrites, never duplicates. A keyless table is refused by name.
 */
@ExtendWith(SharedCluster.class)
class KeyKindsTest {
  private static final long SEED = Long.getLong("seed", System.nanoTime());
  private static final int ROWS = 300;
  private static VelesCluster cluster;

  @BeforeAll
  static void start(VelesCluster shared) {
    System.out.println("KeyKindsTest seed=" + SEED);
    cluster = shared;
  }

  /** Text keys with non-ASCII characters: the hash is over their UTF-8 bytes as stored. */
  @Test
  void varcharKeysPlaceByTheirUtf8Bytes() throws Exception {
    cluster.spark.sql(
        "CREATE TABLE veles.k_text (name STRING NOT NULL, price DOUBLE)"
            + " TBLPROPERTIES ('key' = 'name')");
    Random r = new Random(SEED);
    List<List<Object>> keys = new ArrayList<>();
    String[] stems = {"doc-", "ключ-", "文書-", "Doc "};
    for (int i = 0; i < ROWS; i++) {
      keys.add(List.of(stems[i % stems.length] + i + "-" + Integer.toHexString(r.nextInt())));
    }
    StructType schema =
        new StructType()
            .add("name", DataTypes.StringType, false)
            .add("price", DataTypes.DoubleType, true);
    writeTwiceAndCheck(
        "k_text",
        schema,
        List.of("name"),
        keys,
        keys,
        k -> ShardHash.shardOf((String) k.get(0), 3));
  }

  /**
   * UUID keys place by their 16 bytes: a key written in upper case lands where its lower-case form
   * does, and the rerun in lower case overwrites it (the shards store the canonical text).
   */
  @Test
  void uuidKeysPlaceByTheirBytesWhateverTheCase() throws Exception {
    cluster.spark.sql(
        "CREATE TABLE veles.k_uuid (id STRING NOT NULL, price DOUBLE)"
            + " TBLPROPERTIES ('key' = 'id', 'uuid_columns' = 'id')");
    assertShardsDeclare("k_uuid", List.of("id"), List.of("id"));
    Random r = new Random(SEED);
    List<List<Object>> first = new ArrayList<>();
    List<List<Object>> second = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      String u = new UUID(r.nextLong(), r.nextLong()).toString();
      first.add(List.of(i % 2 == 0 ? u.toUpperCase(Locale.ROOT) : u));
      second.add(List.of(u));
    }
    StructType schema =
        new StructType()
            .add("id", DataTypes.StringType, false)
            .add("price", DataTypes.DoubleType, true);
    writeTwiceAndCheck(
        "k_uuid",
        schema,
        List.of("id"),
        first,
        second,
        k -> ShardHash.shardOf(UUID.fromString((String) k.get(0)), 3));
  }

  /** A composite key of every part kind, hashed part by part, length-prefixed, in order. */
  @Test
  void compositeKeysPlaceByTheirPartsInOrder() throws Exception {
    cluster.spark.sql(
        "CREATE TABLE veles.k_comp (region STRING NOT NULL, tenant INT NOT NULL,"
            + " doc STRING NOT NULL, price DOUBLE)"
            + " TBLPROPERTIES ('key' = 'region, tenant, doc', 'uuid_columns' = 'doc')");
    assertShardsDeclare("k_comp", List.of("region", "tenant", "doc"), List.of("doc"));
    Random r = new Random(SEED);
    List<List<Object>> keys = new ArrayList<>();
    String[] regions = {"eu", "us", "ap-south"};
    for (int i = 0; i < ROWS; i++) {
      // few distinct regions and tenants: only the whole key is unique
      keys.add(
          List.of(
              regions[i % 3], r.nextInt(4) - 1, new UUID(r.nextLong(), r.nextLong()).toString()));
    }
    StructType schema =
        new StructType()
            .add("region", DataTypes.StringType, false)
            .add("tenant", DataTypes.IntegerType, false)
            .add("doc", DataTypes.StringType, false)
            .add("price", DataTypes.DoubleType, true);
    writeTwiceAndCheck(
        "k_comp",
        schema,
        List.of("region", "tenant", "doc"),
        keys,
        keys,
        k ->
            ShardHash.shardOfParts(
                new byte[][] {
                  ShardHash.bytes((String) k.get(0)),
                  ShardHash.bytes((Integer) k.get(1)),
                  ShardHash.bytes(UUID.fromString((String) k.get(2)))
                },
                3));
  }

  /** The catalog refuses a write into a keyless table, naming it and saying how to fix it. */
  @Test
  void writeToKeylessTableIsRefusedByName() throws Exception {
    for (int shard = 0; shard < 3; shard++) {
      try (Connection c = cluster.shard(shard);
          Statement st = c.createStatement()) {
        st.execute("CREATE TABLE k_none (name VARCHAR, price DOUBLE)");
        st.execute("INSERT INTO k_none VALUES ('row on shard " + shard + "', 1.0)");
      }
    }
    assertEquals(3L, cluster.spark.table("veles.k_none").count(), "a keyless table still reads");
    StructType schema =
        new StructType()
            .add("name", DataTypes.StringType, true)
            .add("price", DataTypes.DoubleType, true);
    List<Row> rows = List.of(RowFactory.create("a", 2.0));
    Exception e =
        assertThrows(
            Exception.class,
            () -> cluster.spark.createDataFrame(rows, schema).writeTo("veles.k_none").append());
    String all = CatalogWriteReadTest.messages(e);
    assertTrue(all.contains("table k_none has no key"), all);
    assertTrue(all.contains("writes to a keyless table are refused"), all);
    assertTrue(all.contains("TBLPROPERTIES ('key' = '<column>"), all);
    assertEquals(3L, cluster.spark.table("veles.k_none").count(), "nothing was written");
  }

  private static void assertShardsDeclare(String table, List<String> key, List<String> uuids)
      throws Exception {
    for (int shard = 0; shard < 3; shard++) {
      try (Connection c = cluster.shard(shard)) {
        TableInfo info = TableInfo.read(c, table);
        assertEquals(key, info.key(), "key on shard " + shard);
        assertEquals(uuids, info.uuids(), "UUID columns on shard " + shard);
      }
    }
  }

  /**
   * Appends {@code first} (price {@code i}), then {@code second} (the same keys, perhaps spelled
   * differently, price {@code i + 0.5}), and checks after each that every row is on its shard
   * exactly once with the price last written.
   */
  private static void writeTwiceAndCheck(
      String table,
      StructType schema,
      List<String> keyColumns,
      List<List<Object>> first,
      List<List<Object>> second,
      ToIntFunction<List<Object>> placement)
      throws Exception {
    for (double shift : new double[] {0, 0.5}) {
      List<List<Object>> keys = shift == 0 ? first : second;
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        Object[] values = keys.get(i).toArray(new Object[keyColumns.size() + 1]);
        values[keyColumns.size()] = i + shift;
        rows.add(RowFactory.create(values));
      }
      // a local relation of 300 rows is two tasks in local[2], each writing to every shard
      cluster.spark.createDataFrame(rows, schema).writeTo("veles." + table).append();
      Map<List<Object>, Double> expected = new HashMap<>();
      for (int i = 0; i < second.size(); i++) {
        expected.put(second.get(i), i + shift);
      }
      assertEquals(second.size(), expected.size(), "test keys are distinct");
      Map<List<Object>, Double> found = new HashMap<>();
      for (int shard = 0; shard < 3; shard++) {
        Map<List<Object>, Double> held = shardRows(shard, table, keyColumns);
        for (Map.Entry<List<Object>, Double> e : held.entrySet()) {
          assertEquals(shard, placement.applyAsInt(e.getKey()), "placement of " + e.getKey());
          assertNull(found.put(e.getKey(), e.getValue()), "on two shards: " + e.getKey());
        }
        assertTrue(held.size() > ROWS / 6, table + " shard " + shard + " holds " + held.size());
      }
      assertEquals(expected, found, table + " after the write with shift " + shift);
    }
    assertEquals(
        (long) second.size(), cluster.spark.table("veles." + table).count(), "Spark reads all");
  }

  private static Map<List<Object>, Double> shardRows(int shard, String table, List<String> key)
      throws Exception {
    StringJoiner columns = new StringJoiner(", ");
    key.forEach(k -> columns.add(VelesTypes.quote(k)));
    Map<List<Object>, Double> out = new HashMap<>();
    try (Connection c = cluster.shard(shard);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT " + columns + ", price FROM " + table)) {
      while (rs.next()) {
        Object[] k = new Object[key.size()];
        for (int i = 0; i < k.length; i++) {
          k[i] = rs.getObject(i + 1);
        }
        List<Object> row = Arrays.asList(k);
        assertNull(out.put(row, rs.getDouble(key.size() + 1)), "twice on shard " + shard + row);
      }
    }
    return out;
  }
}

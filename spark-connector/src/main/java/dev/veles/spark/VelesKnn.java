package dev.veles.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.row_number;

import java.io.Serial;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * The batch k-NN join: for every row of a query DataFrame, the k nearest rows of a sharded Veles
 * table. Each query row is paired with every shard; tasks run one top-k query per (query, shard)
 * pair on that shard (its index search), and a window over each query keeps the k nearest of the
 * shards' answers. So the shards work in parallel, and the work is spread over {@code queries'
 * partitions × shards} tasks.
 *
 * <pre>{@code
 * Dataset<Row> neighbours =
 *     VelesKnn.join(spark, "veles", queries, "query_vector", "docs", "l2_distance", 10);
 * // queries' columns + neighbour (the table's key) + distance, k rows per query row, nearest first
 * }</pre>
 *
 * Stateless.
 */
public final class VelesKnn {
  private static final String QUERY = "__veles_query";
  private static final String SHARD = "__veles_shard";

  private VelesKnn() {}

  /**
   * The k nearest rows of {@code table} for every row of {@code queries}.
   *
   * @param catalog the name the Veles catalog is configured under ({@code
   *     spark.sql.catalog.<catalog>})
   * @param vectorColumn the column of {@code queries} holding the query vectors ({@code
   *     array<float>})
   * @param function {@code l2_distance}, {@code cosine_distance}, {@code inner_product}, {@code
   *     negative_inner_product} or {@code l1_distance} (nearest = smallest)
   * @return {@code queries}' columns, {@code neighbour} (the table's key) and {@code distance}
   */
  public static Dataset<Row> join(
      SparkSession spark,
      String catalog,
      Dataset<Row> queries,
      String vectorColumn,
      String table,
      String function,
      int k) {
    DistanceFunction.Kind kind = DistanceFunction.Kind.byName(function);
    if (kind == null) {
      throw new IllegalArgumentException("unknown distance function " + function);
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be positive, got " + k);
    }
    Shards shards = Shards.fromOptions(catalogOptions(spark, catalog));
    TableInfo info;
    try (Connection c = shards.connect(0)) {
      info = TableInfo.read(c, table);
    } catch (SQLException e) {
      throw new IllegalStateException(shards.failure(0, "read table " + table, e).getMessage(), e);
    }
    if (info == null || info.key().isEmpty() || info.vector() == null) {
      throw new IllegalArgumentException(
          "the k-NN join needs a Veles table with a key and a vector column: " + table);
    }
    if (info.singleKey() == null) {
      throw new UnsupportedOperationException(
          "the k-NN join names each neighbour by its key; the composite key "
              + info.key()
              + " of "
              + table
              + ": not supported");
    }
    Dataset<Row> numbered = queries.withColumn(QUERY, monotonically_increasing_id());
    Dataset<Row> pairs =
        numbered.crossJoin(spark.range(shards.count()).withColumnRenamed("id", SHARD));
    StructType pairSchema = pairs.schema();
    StructType out =
        pairSchema
            .add("neighbour", info.schema().apply(info.singleKey()).dataType(), false)
            .add("distance", DataTypes.DoubleType, true);
    int vectorIndex = pairSchema.fieldIndex(vectorColumn);
    int shardIndex = pairSchema.fieldIndex(SHARD);
    String sql =
        "SELECT "
            + VelesTypes.quote(info.singleKey())
            + ", "
            + kind.sqlName()
            + "("
            + VelesTypes.quote(info.vector())
            + ", ?) AS d FROM "
            + VelesTypes.quote(info.name())
            + " ORDER BY d LIMIT "
            + k;
    Dataset<Row> candidates =
        pairs
            .repartition(col(SHARD), col(QUERY))
            .mapPartitions(
                new ShardSearch(shards, sql, vectorIndex, shardIndex, info.dimension()),
                Encoders.row(out));
    return candidates
        .withColumn(
            "__rank",
            row_number().over(Window.partitionBy(QUERY).orderBy(col("distance"), col("neighbour"))))
        .where(col("__rank").leq(lit(k)))
        .drop("__rank", QUERY, SHARD);
  }

  private static Map<String, String> catalogOptions(SparkSession spark, String catalog) {
    String prefix = "spark.sql.catalog." + catalog + ".";
    Map<String, String> options = new HashMap<>();
    scala.collection.Iterator<Tuple2<String, String>> it = spark.conf().getAll().iterator();
    while (it.hasNext()) {
      Tuple2<String, String> e = it.next();
      if (e._1().startsWith(prefix)) {
        options.put(e._1().substring(prefix.length()).toLowerCase(Locale.ROOT), e._2());
      }
    }
    return options;
  }

  /** Runs the top-k query of each (query, shard) pair of a partition. Serializable. */
  private record ShardSearch(
      Shards shards, String sql, int vectorIndex, int shardIndex, int dimension)
      implements MapPartitionsFunction<Row, Row> {
    @Serial private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Row> call(Iterator<Row> input) throws SQLException {
      List<Row> out = new ArrayList<>();
      Connection[] connections = new Connection[shards.count()];
      PreparedStatement[] statements = new PreparedStatement[shards.count()];
      try {
        while (input.hasNext()) {
          Row pair = input.next();
          int shard = (int) pair.getLong(shardIndex);
          if (statements[shard] == null) {
            connections[shard] = shards.connect(shard);
            statements[shard] = connections[shard].prepareStatement(sql);
          }
          List<Float> v = pair.getList(vectorIndex);
          if (v.size() != dimension) {
            throw new IllegalArgumentException(
                "a query vector has " + v.size() + " elements, the table's are " + dimension);
          }
          float[] q = new float[v.size()];
          for (int i = 0; i < q.length; i++) {
            q[i] = v.get(i);
          }
          statements[shard].setObject(1, q);
          try (ResultSet rs = statements[shard].executeQuery()) {
            while (rs.next()) {
              Object[] values = new Object[pair.length() + 2];
              for (int i = 0; i < pair.length(); i++) {
                values[i] = pair.get(i);
              }
              values[pair.length()] = rs.getObject(1);
              values[pair.length() + 1] = rs.getDouble(2);
              out.add(RowFactory.create(values));
            }
          } catch (SQLException e) {
            throw shards.failure(shard, "search", e);
          }
        }
      } finally {
        for (Connection c : connections) {
          if (c != null) {
            c.close();
          }
        }
      }
      return out.iterator();
    }
  }
}

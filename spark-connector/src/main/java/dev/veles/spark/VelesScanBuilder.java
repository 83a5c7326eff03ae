package dev.veles.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.expressions.SortOrder;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownLimit;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.connector.read.SupportsPushDownTopN;
import org.apache.spark.sql.connector.read.SupportsPushDownV2Filters;
import org.apache.spark.sql.types.StructType;

/**
 * Collects what Spark pushes into a scan of a sharded table: filters (those {@link ShardSql}
 * translates, which are then evaluated by the shards alone), the columns needed, a limit, and a
 * k-NN top-k ({@link TopN}). Spark calls it from the planning thread only.
 *
 * <p>Why {@link SupportsPushDownTopN} for k-NN: it is how Spark hands a connector {@code ORDER BY
 * f(...) LIMIT k} over a scan, with the catalog's own function as a {@code UserDefinedScalarFunc},
 * so plain Spark SQL ({@code ORDER BY veles.l2_distance(embedding, array(...)) LIMIT 10}) reaches
 * every shard's index with its filters, and Spark keeps its own sort and limit above the scan to
 * merge the shards' top-k ({@link #isPartiallyPushed}). A table-valued function would need its own
 * syntax and would not compose with {@code WHERE}. Spark pushes the top-k only when no filter is
 * left above the scan: a filter the shards cannot evaluate keeps the query correct but turns it
 * into a full scan with the sort in Spark.
 */
final class VelesScanBuilder
    implements ScanBuilder,
        SupportsPushDownV2Filters,
        SupportsPushDownRequiredColumns,
        SupportsPushDownLimit,
        SupportsPushDownTopN {
  private final Shards shards;
  private final TableInfo table;
  private final long rowsPerPartition;
  private final List<Predicate> pushed = new ArrayList<>();
  private final List<ShardSql> where = new ArrayList<>();
  private StructType required;
  private int limit = -1;
  private TopN topN;

  VelesScanBuilder(Shards shards, TableInfo table, long rowsPerPartition) {
    this.shards = shards;
    this.table = table;
    this.rowsPerPartition = rowsPerPartition;
    this.required = table.schema();
  }

  @Override
  public Predicate[] pushPredicates(Predicate[] predicates) {
    List<Predicate> rest = new ArrayList<>();
    for (Predicate p : predicates) {
      ShardSql sql = ShardSql.of(p, table);
      if (sql == null) {
        rest.add(p);
      } else {
        pushed.add(p);
        where.add(sql);
      }
    }
    return rest.toArray(Predicate[]::new);
  }

  @Override
  public Predicate[] pushedPredicates() {
    return pushed.toArray(Predicate[]::new);
  }

  @Override
  public void pruneColumns(StructType requiredSchema) {
    this.required = requiredSchema;
  }

  @Override
  public boolean pushLimit(int limit) {
    this.limit = limit;
    return true;
  }

  @Override
  public boolean pushTopN(SortOrder[] orders, int limit) {
    TopN t = TopN.of(orders, limit, table);
    if (t == null) {
      return false;
    }
    this.topN = t;
    return true;
  }

  /** The shards return their own top-k; Spark sorts and limits their union. */
  @Override
  public boolean isPartiallyPushed() {
    return true;
  }

  @Override
  public Scan build() {
    return new VelesScan(
        shards, table, required, List.copyOf(where), pushed, limit, topN, rowsPerPartition);
  }
}

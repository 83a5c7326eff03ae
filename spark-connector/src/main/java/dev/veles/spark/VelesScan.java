package dev.veles.spark;

import java.math.BigInteger;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.Statistics;
import org.apache.spark.sql.connector.read.SupportsReportStatistics;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A planned scan of a sharded table: at least one input partition per shard, more for a shard
 * holding more than {@code rows_per_partition} rows (split into ranges of its integer key), each
 * read by one task that sends the shard one query with the pushed columns, filters and limit or
 * top-k. Row counts come from each shard's {@code veles.collections} at planning. Used by the
 * planning thread only; the partitions and the reader factory it makes are serializable.
 */
final class VelesScan implements Scan, Batch, SupportsReportStatistics {
  private final Shards shards;
  private final TableInfo table;
  private final StructType required;
  private final List<ShardSql> where;
  private final List<Predicate> pushed;
  private final int limit;
  private final TopN topN;
  private final long rowsPerPartition;
  private long[] rowCounts;

  VelesScan(
      Shards shards,
      TableInfo table,
      StructType required,
      List<ShardSql> where,
      List<Predicate> pushed,
      int limit,
      TopN topN,
      long rowsPerPartition) {
    this.shards = shards;
    this.table = table;
    this.required = required;
    this.where = where;
    this.pushed = List.copyOf(pushed);
    this.limit = limit;
    this.topN = topN;
    this.rowsPerPartition = rowsPerPartition;
  }

  @Override
  public StructType readSchema() {
    return required;
  }

  @Override
  public String description() {
    StringBuilder s = new StringBuilder("VelesScan(table=").append(table.name());
    s.append(", shards=").append(shards.count());
    s.append(", columns=").append(String.join(",", required.fieldNames()));
    if (!pushed.isEmpty()) {
      s.append(", PushedFilters=").append(pushed);
    }
    if (topN != null) {
      s.append(", PushedTopN=[").append(topN.describe()).append(" on every shard]");
    } else if (limit >= 0) {
      s.append(", PushedLimit=").append(limit);
    }
    return s.append(')').toString();
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  @Override
  public Statistics estimateStatistics() {
    long total = 0;
    for (long n : rowCounts()) {
      total += n;
    }
    long rows = total;
    if (topN != null) {
      rows = Math.min(total, (long) topN.limit() * shards.count());
    } else if (limit >= 0) {
      rows = Math.min(total, (long) limit * shards.count());
    }
    long bytesPerRow = 16 + 8L * required.fields().length + 4L * table.dimension();
    long estimate = rows;
    return new Statistics() {
      @Override
      public OptionalLong sizeInBytes() {
        return OptionalLong.of(estimate * bytesPerRow);
      }

      @Override
      public OptionalLong numRows() {
        return OptionalLong.of(estimate);
      }
    };
  }

  private long[] rowCounts() {
    if (rowCounts == null) {
      long[] counts = new long[shards.count()];
      for (int i = 0; i < counts.length; i++) {
        try (Connection c = shards.connect(i)) {
          counts[i] = TableInfo.rowCount(c, table.name());
        } catch (SQLException e) {
          throw new IllegalStateException(
              shards.failure(i, "count the rows of " + table.name(), e).getMessage(), e);
        }
      }
      rowCounts = counts;
    }
    return rowCounts;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    List<InputPartition> out = new ArrayList<>();
    boolean splittable = topN == null && limit < 0 && integralKey();
    long[] counts = splittable ? rowCounts() : null;
    for (int i = 0; i < shards.count(); i++) {
      String[] hosts = {host(shards.url(i))};
      if (splittable && counts[i] > rowsPerPartition) {
        long pieces = (counts[i] + rowsPerPartition - 1) / rowsPerPartition;
        for (Long[] range : keyRanges(i, pieces)) {
          out.add(new ShardPartition(i, range[0], range[1], hosts));
        }
      } else {
        out.add(new ShardPartition(i, null, null, hosts));
      }
    }
    return out.toArray(InputPartition[]::new);
  }

  private boolean integralKey() {
    if (table.singleKey() == null) {
      return false; // keyless or composite: one range per shard
    }
    DataType t = table.schema().fields()[table.indexOf(table.singleKey())].dataType();
    return t.equals(DataTypes.LongType) || t.equals(DataTypes.IntegerType);
  }

  /**
   * {@code pieces} ranges {@code [lower, upper)} covering the shard's keys; the first has no lower
   * and the last no upper bound, so rows written after planning are not lost between ranges.
   */
  private List<Long[]> keyRanges(int shard, long pieces) {
    long min;
    long max;
    String key = VelesTypes.quote(table.singleKey());
    try (Connection c = shards.connect(shard);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT MIN("
                    + key
                    + "), MAX("
                    + key
                    + ") FROM "
                    + VelesTypes.quote(table.name()))) {
      rs.next();
      min = rs.getLong(1);
      max = rs.getLong(2);
    } catch (SQLException e) {
      throw new IllegalStateException(
          shards.failure(shard, "find the key range of " + table.name(), e).getMessage(), e);
    }
    List<Long[]> ranges = new ArrayList<>();
    BigInteger lo = BigInteger.valueOf(min);
    BigInteger span = BigInteger.valueOf(max).subtract(lo).add(BigInteger.ONE);
    pieces = Math.min(pieces, span.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue());
    Long previous = null;
    for (long p = 1; p <= pieces; p++) {
      Long bound =
          p == pieces
              ? null
              : lo.add(span.multiply(BigInteger.valueOf(p)).divide(BigInteger.valueOf(pieces)))
                  .longValue();
      ranges.add(new Long[] {previous, bound});
      previous = bound;
    }
    return ranges;
  }

  private static String host(String url) {
    try {
      String h = URI.create(url).getHost();
      return h == null ? "" : h;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new ShardReader.Factory(shards, table, required, where, limit, topN);
  }
}

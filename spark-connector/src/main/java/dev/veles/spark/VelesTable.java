package dev.veles.spark;

import java.util.EnumSet;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A sharded Veles table as Spark sees it: readable (a scan of every shard) and writable (appends,
 * as upserts routed by {@link ShardHash}). Immutable; Spark loads a fresh one per query.
 */
final class VelesTable implements SupportsRead, SupportsWrite {
  /** Catalog option: rows per input partition before a shard's scan is split by key ranges. */
  static final String ROWS_PER_PARTITION = "rows_per_partition";

  /** Catalog option: rows per {@code executeBatch} call of a writer, per shard. */
  static final String BATCH_SIZE = "batch_size";

  private final Shards shards;
  private final TableInfo info;
  private final CaseInsensitiveStringMap catalogOptions;

  VelesTable(Shards shards, TableInfo info, CaseInsensitiveStringMap catalogOptions) {
    this.shards = shards;
    this.info = info;
    this.catalogOptions = catalogOptions;
  }

  @Override
  public String name() {
    return info.name();
  }

  @Override
  @SuppressWarnings("deprecation")
  public StructType schema() {
    return info.schema();
  }

  @Override
  public Set<TableCapability> capabilities() {
    return EnumSet.of(TableCapability.BATCH_READ, TableCapability.BATCH_WRITE);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    long rowsPerPartition =
        options.getLong(ROWS_PER_PARTITION, catalogOptions.getLong(ROWS_PER_PARTITION, 1_000_000L));
    if (rowsPerPartition < 1) {
      throw new IllegalArgumentException(ROWS_PER_PARTITION + " must be positive");
    }
    return new VelesScanBuilder(shards, info, rowsPerPartition);
  }

  @Override
  public WriteBuilder newWriteBuilder(LogicalWriteInfo write) {
    if (info.key().isEmpty()) {
      throw new UnsupportedOperationException(
          "table "
              + info.name()
              + " has no key: a sharded Veles table routes each row by its key, so writes to a"
              + " keyless table are refused; recreate it with a key, in Spark with TBLPROPERTIES"
              + " ('key' = '<column>[, <column>...]') or on every shard with a PRIMARY KEY");
    }
    RowKey key = RowKey.of(info, write.schema());
    int batchSize = write.options().getInt(BATCH_SIZE, catalogOptions.getInt(BATCH_SIZE, 1000));
    if (batchSize < 1) {
      throw new IllegalArgumentException(BATCH_SIZE + " must be positive");
    }
    VelesWrite result = new VelesWrite(shards, info, write.schema(), key, batchSize);
    return new WriteBuilder() {
      @Override
      public org.apache.spark.sql.connector.write.Write build() {
        return result;
      }
    };
  }
}

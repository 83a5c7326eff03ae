package dev.veles.spark;

import java.io.Serial;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.sql.types.StructType;

/**
 * An append to a sharded table, as upserts: each task routes its rows to their shards by {@link
 * ShardHash}, sends them in batches, and flushes every shard it wrote before it reports success
 * ({@link ShardWriter#commit}). There is no job-level transaction: the rows of a failed job's
 * finished tasks stay, and because every write is an upsert by key, rerunning the job (or Spark
 * retrying a task) converges to the same table. Immutable.
 */
final class VelesWrite implements Write, BatchWrite {
  private final Shards shards;
  private final TableInfo table;
  private final StructType input;
  private final RowKey key;
  private final int batchSize;

  VelesWrite(Shards shards, TableInfo table, StructType input, RowKey key, int batchSize) {
    this.shards = shards;
    this.table = table;
    this.input = input;
    this.key = key;
    this.batchSize = batchSize;
  }

  @Override
  public String description() {
    return "VelesUpsert(table=" + table.name() + ", shards=" + shards.count() + ")";
  }

  @Override
  public BatchWrite toBatch() {
    return this;
  }

  @Override
  public DataWriterFactory createBatchWriterFactory(PhysicalWriteInfo info) {
    return new Factory(shards, table, input, key, batchSize);
  }

  @Override
  public boolean useCommitCoordinator() {
    return false; // upserts are idempotent: two attempts of a task may both commit harmlessly
  }

  @Override
  public void commit(WriterCommitMessage[] messages) {
    // every task flushed its shards before committing; nothing is left to publish
  }

  @Override
  public void abort(WriterCommitMessage[] messages) {
    // rows already upserted stay: a rerun of the job overwrites them with the same values
  }

  /** Makes one {@link ShardWriter} per task on the executors. Serializable, immutable. */
  private record Factory(
      Shards shards, TableInfo table, StructType input, RowKey key, int batchSize)
      implements DataWriterFactory {
    @Serial private static final long serialVersionUID = 1L;

    @Override
    public DataWriter<InternalRow> createWriter(int partitionId, long taskId) {
      return new ShardWriter(shards, table, input, key, batchSize);
    }
  }
}

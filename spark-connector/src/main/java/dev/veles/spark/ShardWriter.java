package dev.veles.spark;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.StringJoiner;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The writer of one Spark task: routes each row to its shard by the hash of its key, queues it on
 * that shard's {@code UPSERT} statement, sends a shard's queue with {@code executeBatch} every
 * {@code batchSize} rows, and on {@link #commit} sends the rest and runs {@code CALL flush()} on
 * every shard it wrote, so the task's rows are durable before Spark counts the task done. Every
 * failure names the shard. One connection per shard touched, opened on first use, closed by {@link
 * #close}. Not thread-safe (Spark drives it from the task's thread).
 */
final class ShardWriter implements DataWriter<InternalRow> {
  private final Shards shards;
  private final TableInfo table;
  private final StructField[] fields;
  private final RowKey key;
  private final int batchSize;
  private final String upsert;
  private final Connection[] connections;
  private final PreparedStatement[] statements;
  private final int[] queued;
  private long written;

  ShardWriter(Shards shards, TableInfo table, StructType input, RowKey key, int batchSize) {
    this.shards = shards;
    this.table = table;
    this.fields = input.fields();
    this.key = key;
    this.batchSize = batchSize;
    StringJoiner columns = new StringJoiner(", ");
    StringJoiner marks = new StringJoiner(", ");
    for (StructField f : fields) {
      columns.add(VelesTypes.quote(f.name()));
      marks.add("?");
    }
    this.upsert =
        "UPSERT INTO "
            + VelesTypes.quote(table.name())
            + " ("
            + columns
            + ") VALUES ("
            + marks
            + ")";
    int n = shards.count();
    this.connections = new Connection[n];
    this.statements = new PreparedStatement[n];
    this.queued = new int[n];
  }

  @Override
  public void write(InternalRow row) throws IOException {
    int shard = key.shardOf(row, shards.count());
    PreparedStatement ps = statement(shard);
    try {
      for (int i = 0; i < fields.length; i++) {
        bind(ps, i + 1, row, i, fields[i].dataType());
      }
      ps.addBatch();
    } catch (SQLException e) {
      throw failure(shard, "queue a row", e);
    }
    written++;
    if (++queued[shard] >= batchSize) {
      send(shard);
    }
  }

  private PreparedStatement statement(int shard) throws IOException {
    if (statements[shard] == null) {
      try {
        connections[shard] = shards.connect(shard);
        statements[shard] = connections[shard].prepareStatement(upsert);
      } catch (SQLException e) {
        throw failure(shard, "prepare the upsert", e);
      }
    }
    return statements[shard];
  }

  private void bind(PreparedStatement ps, int p, InternalRow row, int i, DataType t)
      throws SQLException, IOException {
    if (row.isNullAt(i)) {
      ps.setNull(p, sqlType(t));
    } else if (t instanceof ArrayType) {
      ps.setObject(p, vector(row.getArray(i), i));
    } else if (t.equals(DataTypes.LongType)) {
      ps.setLong(p, row.getLong(i));
    } else if (t.equals(DataTypes.IntegerType)) {
      ps.setInt(p, row.getInt(i));
    } else if (t.equals(DataTypes.ShortType)) {
      ps.setShort(p, row.getShort(i));
    } else if (t.equals(DataTypes.ByteType)) {
      ps.setByte(p, row.getByte(i));
    } else if (t.equals(DataTypes.BooleanType)) {
      ps.setBoolean(p, row.getBoolean(i));
    } else if (t.equals(DataTypes.DoubleType)) {
      ps.setDouble(p, row.getDouble(i));
    } else if (t.equals(DataTypes.FloatType)) {
      ps.setFloat(p, row.getFloat(i));
    } else if (t.equals(DataTypes.StringType)) {
      ps.setString(p, row.getUTF8String(i).toString());
    } else if (t.equals(DataTypes.TimestampNTZType)) {
      ps.setTimestamp(p, Timestamp.valueOf(DateTimeUtils.microsToLocalDateTime(row.getLong(i))));
    } else if (t.equals(DataTypes.DateType)) {
      ps.setDate(p, java.sql.Date.valueOf(LocalDate.ofEpochDay(row.getInt(i))));
    } else {
      throw new IOException(
          "column " + fields[i].name() + " of type " + t.simpleString() + ": not supported");
    }
  }

  private float[] vector(ArrayData a, int i) throws IOException {
    if (a.numElements() != table.dimension()) {
      throw new IOException(
          "column "
              + fields[i].name()
              + " of "
              + table.name()
              + " is VECTOR("
              + table.dimension()
              + "), a row has "
              + a.numElements()
              + " elements");
    }
    try {
      return DistanceFunction.floats(a);
    } catch (IllegalArgumentException e) {
      throw new IOException("column " + fields[i].name() + ": " + e.getMessage(), e);
    }
  }

  private static int sqlType(DataType t) {
    if (t instanceof ArrayType) {
      return Types.ARRAY;
    } else if (t.equals(DataTypes.LongType)) {
      return Types.BIGINT;
    } else if (t.equals(DataTypes.IntegerType)) {
      return Types.INTEGER;
    } else if (t.equals(DataTypes.ShortType)) {
      return Types.SMALLINT;
    } else if (t.equals(DataTypes.ByteType)) {
      return Types.TINYINT;
    } else if (t.equals(DataTypes.BooleanType)) {
      return Types.BOOLEAN;
    } else if (t.equals(DataTypes.DoubleType)) {
      return Types.DOUBLE;
    } else if (t.equals(DataTypes.FloatType)) {
      return Types.REAL;
    } else if (t.equals(DataTypes.TimestampNTZType)) {
      return Types.TIMESTAMP;
    } else if (t.equals(DataTypes.DateType)) {
      return Types.DATE;
    }
    return Types.VARCHAR;
  }

  private void send(int shard) throws IOException {
    if (queued[shard] == 0) {
      return;
    }
    try {
      statements[shard].executeBatch();
    } catch (SQLException e) {
      throw failure(shard, "upsert " + queued[shard] + " rows", e);
    }
    queued[shard] = 0;
  }

  /** Sends what is queued and makes every written shard durable ({@code CALL flush()}). */
  @Override
  public WriterCommitMessage commit() throws IOException {
    for (int shard = 0; shard < statements.length; shard++) {
      if (statements[shard] != null) {
        send(shard);
        try (Statement st = connections[shard].createStatement()) {
          st.execute("CALL flush()");
        } catch (SQLException e) {
          throw failure(shard, "flush", e);
        }
      }
    }
    return new Committed(written);
  }

  @Override
  public void abort() {
    // nothing to undo: the rows sent are upserts a rerun overwrites with the same values
  }

  @Override
  public void close() throws IOException {
    SQLException first = null;
    for (int shard = 0; shard < connections.length; shard++) {
      if (connections[shard] != null) {
        try {
          connections[shard].close();
        } catch (SQLException e) {
          first = first == null ? e : first;
        }
        connections[shard] = null;
        statements[shard] = null;
      }
    }
    if (first != null) {
      throw new IOException("closing the shard connections of a writer failed", first);
    }
  }

  private IOException failure(int shard, String doing, SQLException e) {
    SQLException named = shards.failure(shard, doing + " into " + table.name(), e);
    return new IOException(named.getMessage() + " [SQLSTATE " + e.getSQLState() + "]", named);
  }

  /** What a task reports: how many rows it upserted. */
  record Committed(long rows) implements WriterCommitMessage {}
}

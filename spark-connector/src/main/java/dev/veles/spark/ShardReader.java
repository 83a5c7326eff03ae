package dev.veles.spark;

import java.io.IOException;
import java.io.Serial;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Reads one {@link ShardPartition}: one query on one shard, streamed row by row into Spark rows.
 * Owns its connection and closes it in {@link #close}. Not thread-safe (one task).
 */
final class ShardReader implements PartitionReader<InternalRow> {
  private final Shards shards;
  private final int shard;
  private final StructField[] fields;
  private final Connection connection;
  private final PreparedStatement statement;
  private final ResultSet rows;
  private InternalRow current;

  private ShardReader(Shards shards, int shard, StructField[] fields, String sql, List<Object> p)
      throws IOException {
    this.shards = shards;
    this.shard = shard;
    this.fields = fields;
    Connection c = null;
    try {
      c = shards.connect(shard);
      PreparedStatement ps = c.prepareStatement(sql);
      for (int i = 0; i < p.size(); i++) {
        ps.setObject(i + 1, p.get(i));
      }
      this.rows = ps.executeQuery();
      this.statement = ps;
      this.connection = c;
    } catch (SQLException e) {
      closeQuietly(c);
      throw failure("read", e);
    }
  }

  @Override
  public boolean next() throws IOException {
    try {
      if (!rows.next()) {
        return false;
      }
      Object[] values = new Object[fields.length];
      for (int i = 0; i < fields.length; i++) {
        values[i] = value(i + 1, fields[i].dataType());
      }
      current = new GenericInternalRow(values);
      return true;
    } catch (SQLException e) {
      throw failure("read", e);
    }
  }

  private Object value(int col, DataType t) throws SQLException {
    if (t instanceof ArrayType) {
      Array a = rows.getArray(col);
      return a == null ? null : UnsafeArrayData.fromPrimitiveArray(floats(a.getArray()));
    } else if (t.equals(DataTypes.StringType)) {
      String s = rows.getString(col);
      return s == null ? null : UTF8String.fromString(s);
    } else if (t.equals(DataTypes.TimestampNTZType)) {
      Timestamp ts = rows.getTimestamp(col);
      return ts == null ? null : DateTimeUtils.localDateTimeToMicros(ts.toLocalDateTime());
    } else if (t.equals(DataTypes.DateType)) {
      java.sql.Date d = rows.getDate(col);
      return d == null ? null : (int) d.toLocalDate().toEpochDay();
    }
    Object v;
    if (t.equals(DataTypes.LongType)) {
      v = rows.getLong(col);
    } else if (t.equals(DataTypes.IntegerType)) {
      v = rows.getInt(col);
    } else if (t.equals(DataTypes.ShortType)) {
      v = rows.getShort(col);
    } else if (t.equals(DataTypes.ByteType)) {
      v = rows.getByte(col);
    } else if (t.equals(DataTypes.DoubleType)) {
      v = rows.getDouble(col);
    } else if (t.equals(DataTypes.FloatType)) {
      v = rows.getFloat(col);
    } else if (t.equals(DataTypes.BooleanType)) {
      v = rows.getBoolean(col);
    } else {
      throw new SQLException("column type " + t.simpleString() + ": not supported", "0A000");
    }
    return rows.wasNull() ? null : v;
  }

  private static float[] floats(Object array) throws SQLException {
    if (array instanceof float[] f) {
      return f;
    } else if (array instanceof Object[] o) {
      float[] f = new float[o.length];
      for (int i = 0; i < o.length; i++) {
        f[i] = ((Number) o[i]).floatValue();
      }
      return f;
    }
    throw new SQLException("a vector arrived as " + array.getClass().getName(), "XX000");
  }

  @Override
  public InternalRow get() {
    return current;
  }

  @Override
  public void close() throws IOException {
    try {
      rows.close();
      statement.close();
      connection.close();
    } catch (SQLException e) {
      throw failure("close a scan", e);
    }
  }

  private IOException failure(String doing, SQLException e) {
    SQLException named = shards.failure(shard, doing, e);
    return new IOException(named.getMessage() + " [SQLSTATE " + e.getSQLState() + "]", named);
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // the failure that led here is reported
      }
    }
  }

  /** Builds each partition's query and its reader on the executors. Serializable, immutable. */
  record Factory(
      Shards shards,
      TableInfo table,
      StructType required,
      List<ShardSql> where,
      int limit,
      TopN topN)
      implements PartitionReaderFactory {
    @Serial private static final long serialVersionUID = 1L;

    Factory {
      where = List.copyOf(where);
    }

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
      ShardPartition p = (ShardPartition) partition;
      List<Object> params = new ArrayList<>();
      String sql = sql(p, params);
      try {
        return new ShardReader(shards, p.shard(), required.fields(), sql, params);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    /** The query of one partition; its parameters are appended to {@code params}. */
    String sql(ShardPartition p, List<Object> params) {
      StringJoiner columns = new StringJoiner(", ");
      for (String name : required.fieldNames()) {
        columns.add(VelesTypes.quote(name));
      }
      if (columns.length() == 0) {
        // Spark needs only the row count (count(*)): fetch the narrowest thing, the key
        columns.add(
            VelesTypes.quote(
                table.key().isEmpty() ? table.schema().fieldNames()[0] : table.key().get(0)));
      }
      StringBuilder sql = new StringBuilder("SELECT ").append(columns);
      sql.append(" FROM ").append(VelesTypes.quote(table.name()));
      List<String> conditions = new ArrayList<>();
      for (ShardSql w : where) {
        conditions.add(w.sql());
        params.addAll(w.params());
      }
      if (p.lower() != null) {
        conditions.add(VelesTypes.quote(table.singleKey()) + " >= ?");
        params.add(p.lower());
      }
      if (p.upper() != null) {
        conditions.add(VelesTypes.quote(table.singleKey()) + " < ?");
        params.add(p.upper());
      }
      if (!conditions.isEmpty()) {
        sql.append(" WHERE ").append(String.join(" AND ", conditions));
      }
      if (topN != null) {
        sql.append(topN.orderBySql());
        params.add(topN.query());
      } else if (limit >= 0) {
        sql.append(" LIMIT ").append(limit);
      }
      return sql.toString();
    }
  }
}

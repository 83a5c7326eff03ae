package dev.veles.spark;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The key of the rows written to one sharded table: where each key column sits in the rows Spark
 * hands a writer, what kind of key part it is, and the shard {@link ShardHash} places a row on.
 * Built (and its key types checked) on the driver when a write is planned, then shipped to every
 * task. Immutable and serializable.
 */
final class RowKey implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * A key part's kind, which fixes its canonical bytes in the hash rule. BIGINT, INTEGER and
   * SMALLINT values are widened to 64 bits, so 7 lands on one shard whatever the key's width.
   */
  enum Kind {
    BIGINT,
    INTEGER,
    SMALLINT,
    /** VARCHAR: the UTF-8 bytes as stored. */
    VARCHAR,
    /** UUID (a Spark string): its 16 bytes, whatever the case of its text. */
    UUID
  }

  private final String table;
  private final List<String> columns;
  private final int[] indexes;
  private final Kind[] kinds;

  private RowKey(String table, List<String> columns, int[] indexes, Kind[] kinds) {
    this.table = table;
    this.columns = columns;
    this.indexes = indexes;
    this.kinds = kinds;
  }

  /**
   * The key of {@code table} in rows of schema {@code input}.
   *
   * @throws IllegalArgumentException if the table has no key, the rows lack a key column, or a key
   *     column's type has no place in the hash rule
   */
  static RowKey of(TableInfo table, StructType input) {
    if (table.key().isEmpty()) {
      throw new IllegalArgumentException("table " + table.name() + " has no key");
    }
    int n = table.key().size();
    int[] indexes = new int[n];
    Kind[] kinds = new Kind[n];
    for (int i = 0; i < n; i++) {
      String column = table.key().get(i);
      indexes[i] = input.getFieldIndex(column).getOrElse(() -> -1);
      if (indexes[i] < 0) {
        throw new IllegalArgumentException(
            "the rows written to " + table.name() + " lack its key column " + column);
      }
      kinds[i] = kind(table, column, input.fields()[indexes[i]].dataType());
    }
    return new RowKey(table.name(), table.key(), indexes, kinds);
  }

  private static Kind kind(TableInfo table, String column, DataType t) {
    if (t.equals(DataTypes.LongType)) {
      return Kind.BIGINT;
    } else if (t.equals(DataTypes.IntegerType)) {
      return Kind.INTEGER;
    } else if (t.equals(DataTypes.ShortType)) {
      return Kind.SMALLINT;
    } else if (t.equals(DataTypes.StringType)) {
      return table.isUuid(column) ? Kind.UUID : Kind.VARCHAR;
    }
    throw new IllegalArgumentException(
        "the key column "
            + column
            + " of "
            + table.name()
            + " has the Spark type "
            + t.simpleString()
            + "; keys of BIGINT, INTEGER, SMALLINT, VARCHAR and UUID columns route rows to shards:"
            + " not supported");
  }

  /**
   * The shard of one row among {@code shards}.
   *
   * @throws IOException if a key column is null or a UUID key is not a UUID's text
   */
  int shardOf(InternalRow row, int shards) throws IOException {
    if (indexes.length == 1) {
      int i = indexes[0];
      checkNotNull(row, 0);
      return switch (kinds[0]) {
        case BIGINT -> ShardHash.shardOf(row.getLong(i), shards);
        case INTEGER -> ShardHash.shardOf(row.getInt(i), shards);
        case SMALLINT -> ShardHash.shardOf(row.getShort(i), shards);
        case VARCHAR -> ShardHash.shardOf(row.getUTF8String(i).toString(), shards);
        case UUID -> ShardHash.shardOf(uuid(row, 0), shards);
      };
    }
    byte[][] parts = new byte[indexes.length][];
    for (int p = 0; p < indexes.length; p++) {
      checkNotNull(row, p);
      int i = indexes[p];
      parts[p] =
          switch (kinds[p]) {
            case BIGINT -> ShardHash.bytes(row.getLong(i));
            case INTEGER -> ShardHash.bytes(row.getInt(i));
            case SMALLINT -> ShardHash.bytes(row.getShort(i));
            case VARCHAR -> ShardHash.bytes(row.getUTF8String(i).toString());
            case UUID -> ShardHash.bytes(uuid(row, p));
          };
    }
    return ShardHash.shardOfParts(parts, shards);
  }

  private void checkNotNull(InternalRow row, int part) throws IOException {
    if (row.isNullAt(indexes[part])) {
      throw new IOException(
          "a row written to "
              + table
              + " has a null in its key column "
              + columns.get(part)
              + ": refused");
    }
  }

  /** The row's UUID, parsed as the shards parse it: any case, the canonical 8-4-4-4-12 groups. */
  private UUID uuid(InternalRow row, int part) throws IOException {
    String text = row.getUTF8String(indexes[part]).toString().trim();
    try {
      UUID u = UUID.fromString(text);
      if (u.toString().equalsIgnoreCase(text)) {
        return u;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new IOException(
        "a row written to "
            + table
            + " has \""
            + text
            + "\" in its UUID key column "
            + columns.get(part)
            + ", which is not a UUID");
  }
}

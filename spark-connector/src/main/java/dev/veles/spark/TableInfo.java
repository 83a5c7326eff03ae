package dev.veles.spark;

import java.io.Serial;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What the connector knows of one sharded table: its Spark schema (in the shards' column order),
 * its key columns, which columns are UUIDs (Spark strings), its vector column with the dimension,
 * and the metric its index is built for. Read from a shard's metadata; every shard holds the same.
 * Immutable and serializable.
 *
 * @param name the table's name on the shards
 * @param schema the Spark schema
 * @param key the key columns in declared order: one, several for a composite key, none for a
 *     keyless table (not writable through the connector)
 * @param uuids the columns of Veles type {@code UUID} (a string in Spark, its 36-character text)
 * @param vector the vector column, or null
 * @param dimension the vector dimension, 0 without a vector column
 * @param metric the index metric ({@code l2}, {@code cosine}, ...), or null
 */
record TableInfo(
    String name,
    StructType schema,
    List<String> key,
    List<String> uuids,
    String vector,
    int dimension,
    String metric)
    implements Serializable {
  @Serial private static final long serialVersionUID = 2L;

  TableInfo {
    key = List.copyOf(key);
    uuids = List.copyOf(uuids);
  }

  /** The schema Veles serves tables from. */
  static final String SCHEMA = "public";

  /**
   * Reads a table's description from one shard's metadata, or null if the shard has no such table.
   */
  static TableInfo read(Connection c, String name) throws SQLException {
    List<StructField> fields = new ArrayList<>();
    List<String> uuids = new ArrayList<>();
    String vector = null;
    int dimension = 0;
    try (ResultSet rs = c.getMetaData().getColumns(null, SCHEMA, name, null)) {
      while (rs.next()) {
        if (!name.equals(rs.getString("TABLE_NAME"))) {
          continue; // the pattern's '_' matches any character
        }
        String column = rs.getString("COLUMN_NAME");
        String typeName = rs.getString("TYPE_NAME");
        DataType type = VelesTypes.toSpark(rs.getInt("DATA_TYPE"), typeName, column);
        boolean nullable = rs.getInt("NULLABLE") != java.sql.DatabaseMetaData.columnNoNulls;
        if (type.equals(VelesTypes.VECTOR) && vector == null) {
          vector = column;
          dimension = rs.getInt("COLUMN_SIZE");
        }
        if ("UUID".equalsIgnoreCase(typeName)) {
          uuids.add(column);
        }
        fields.add(new StructField(column, type, nullable, Metadata.empty()));
      }
    }
    if (fields.isEmpty()) {
      return null;
    }
    List<String> key = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COLUMN_NAME FROM veles.primary_keys WHERE TABLE_NAME = ? ORDER BY KEY_SEQ")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          key.add(rs.getString(1));
        }
      }
    }
    String metric = null;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT metric FROM veles.collections WHERE table_name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          metric = rs.getString(1);
        }
      }
    }
    return new TableInfo(
        name,
        new StructType(fields.toArray(StructField[]::new)),
        key,
        uuids,
        vector,
        dimension,
        metric);
  }

  /** The number of rows of this table on one shard, as the shard reports it. */
  static long rowCount(Connection c, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT row_count FROM veles.collections WHERE table_name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /** The index of a column in {@link #schema}, or -1. */
  int indexOf(String column) {
    String[] names = schema.fieldNames();
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(column)) {
        return i;
      }
    }
    return -1;
  }

  /** The key column of a table keyed by one column, or null (keyless, or a composite key). */
  String singleKey() {
    return key.size() == 1 ? key.get(0) : null;
  }

  /** Whether a column holds UUIDs. */
  boolean isUuid(String column) {
    return uuids.contains(column);
  }

  /** Whether two shards' descriptions agree (same columns, types, key, dimension, metric). */
  boolean sameAs(TableInfo other) {
    return schema.equals(other.schema)
        && key.equals(other.key)
        && uuids.equals(other.uuids)
        && dimension == other.dimension
        && java.util.Objects.equals(metric, other.metric);
  }
}

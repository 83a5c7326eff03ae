package dev.veles.engine;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The schema of a collection, persisted in its {@code collection.json}.
 *
 * <p>Every row has a {@code long} id. A collection with {@code dimension > 0} also has one vector
 * per row; with {@code dimension == 0} it holds only the scalar columns.
 *
 * @param dimension floats per vector, 0 for a collection without vectors
 * @param metric the metric the index is built for
 * @param columns the scalar columns, in order
 * @param index the HNSW parameters
 * @param durability when writes become durable
 * @param properties opaque string properties stored with the schema for the layers above (the SQL
 *     adapter keeps column names and order here)
 * @param unique the unique keys: each a list of column names whose values, taken together, no two
 *     live rows share (a key with a null value is not checked, as in SQL); enforced by every write
 *     through an in-memory key index that is derived from the rows (see {@link KeyIndex})
 * @param indexes the secondary indexes on scalar columns (see {@link IndexSpec}); a unique one adds
 *     its columns to the keys that are enforced ({@link #uniqueKeys()})
 */
public record CollectionSchema(
    int dimension,
    Metric metric,
    List<ColumnSpec> columns,
    IndexParams index,
    Durability durability,
    Map<String, String> properties,
    List<List<String>> unique,
    List<IndexSpec> indexes) {

  /**
   * The property listing the features of the layers above that a reader must understand (comma
   * list); a schema with it, like one with unique keys, is written in a format that builds before
   * these features refuse by its version.
   */
  public static final String PROP_FEATURES = "features";

  /** Largest dimension any collection may have. */
  public static final int MAX_DIMENSION = 65_536;

  public CollectionSchema {
    if (dimension < 0 || dimension > MAX_DIMENSION) {
      throw new IllegalArgumentException(
          "dimension must be in 1.." + MAX_DIMENSION + " (or 0 for no vector), got " + dimension);
    }
    Objects.requireNonNull(metric, "metric");
    columns = List.copyOf(columns);
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(durability, "durability");
    properties = Map.copyOf(properties);
    Set<String> seen = new HashSet<>();
    for (ColumnSpec c : columns) {
      if (!seen.add(c.name())) {
        throw new IllegalArgumentException("duplicate column name " + c.name());
      }
    }
    unique = unique.stream().map(List::copyOf).toList();
    for (List<String> key : unique) {
      if (key.isEmpty() || new HashSet<>(key).size() != key.size() || !seen.containsAll(key)) {
        throw new IllegalArgumentException("bad unique key " + key + " over columns " + seen);
      }
      for (ColumnSpec c : columns) {
        if (c.type() == ColumnType.VARBINARY && key.contains(c.name())) {
          // the key index hashes values; arrays hash by identity
          throw new IllegalArgumentException(
              "a VARBINARY column (" + c.name() + ") cannot be part of a unique key");
        }
      }
    }
    indexes = List.copyOf(indexes);
    Set<String> names = new HashSet<>();
    for (IndexSpec i : indexes) {
      if (!names.add(i.name())) {
        throw new IllegalArgumentException("duplicate index name " + i.name());
      }
      for (String c : i.columns()) {
        if (!seen.contains(c)) {
          throw new IllegalArgumentException(
              "index " + i.name() + " names unknown column '" + c + "'");
        }
      }
    }
  }

  /** A schema without secondary indexes. */
  public CollectionSchema(
      int dimension,
      Metric metric,
      List<ColumnSpec> columns,
      IndexParams index,
      Durability durability,
      Map<String, String> properties,
      List<List<String>> unique) {
    this(dimension, metric, columns, index, durability, properties, unique, List.of());
  }

  /** This schema with the secondary indexes {@code next} instead of its own. */
  public CollectionSchema withIndexes(List<IndexSpec> next) {
    return new CollectionSchema(
        dimension, metric, columns, index, durability, properties, unique, next);
  }

  /**
   * The keys every write enforces: {@link #unique()}, then the columns of each unique index in
   * {@link #indexes()} order. A key's position here is its number in {@link KeyIndex} and {@link
   * RowLocks}.
   */
  public List<List<String>> uniqueKeys() {
    if (indexes.stream().noneMatch(IndexSpec::unique)) {
      return unique;
    }
    List<List<String>> all = new java.util.ArrayList<>(unique);
    for (IndexSpec i : indexes) {
      if (i.unique()) {
        all.add(i.columns());
      }
    }
    return List.copyOf(all);
  }

  /** A schema without unique keys. */
  public CollectionSchema(
      int dimension,
      Metric metric,
      List<ColumnSpec> columns,
      IndexParams index,
      Durability durability,
      Map<String, String> properties) {
    this(dimension, metric, columns, index, durability, properties, List.of(), List.of());
  }

  /** A schema with the given dimension and metric, no columns and default settings. */
  public static CollectionSchema of(int dimension, Metric metric) {
    return new CollectionSchema(
        dimension, metric, List.of(), IndexParams.DEFAULT, Durability.FSYNC, Map.of());
  }

  /** The position of the named column, or -1. */
  public int columnIndex(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}

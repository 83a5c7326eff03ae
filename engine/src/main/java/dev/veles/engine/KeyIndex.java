package dev.veles.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The unique keys of one collection in memory: for each key of {@link
 * CollectionSchema#uniqueKeys()}, a hash map from the key's value to the row id that holds it.
 *
 * <p>Derived state: built from the live rows when the collection opens and kept in step by every
 * write after the rows are applied, so it needs no file of its own; it is exactly as durable and
 * crash-safe as the rows (WAL, checksummed data and index files) it is computed from, and a crash
 * can never leave it out of step with them. The price: an open reads every row of a keyed
 * collection, and the heap holds one hash-map entry per row and key (with the key's value, which
 * the row's column store also holds).
 *
 * <p>A key's value is the column's value for a one-column key, else the list of the values; a value
 * with a null column is not indexed (SQL lets such rows repeat).
 *
 * <p>Not thread-safe: written under the collection's writer lock and the write side of its
 * read-write lock, read under either.
 */
final class KeyIndex {
  private final String collection;
  private final List<List<String>> names;
  private final int[][] columns;
  private final List<Map<Object, Long>> maps = new ArrayList<>();

  KeyIndex(String collection, CollectionSchema schema) {
    this.collection = collection;
    this.names = schema.uniqueKeys();
    this.columns = new int[names.size()][];
    for (int k = 0; k < columns.length; k++) {
      columns[k] = names.get(k).stream().mapToInt(schema::columnIndex).toArray();
      maps.add(new HashMap<>());
    }
  }

  /** The index of a schema with unique keys, or null. */
  static KeyIndex of(String collection, CollectionSchema schema) {
    return schema.uniqueKeys().isEmpty() ? null : new KeyIndex(collection, schema);
  }

  /** The column names of key {@code k}. */
  List<String> names(int k) {
    return names.get(k);
  }

  int keyCount() {
    return columns.length;
  }

  /** The value of key {@code k} in a row's values, or null if a column of it is null. */
  Object key(int k, Object[] values) {
    int[] cols = columns[k];
    if (cols.length == 1) {
      return values[cols[0]];
    }
    Object[] v = new Object[cols.length];
    for (int i = 0; i < cols.length; i++) {
      v[i] = values[cols[i]];
      if (v[i] == null) {
        return null;
      }
    }
    return Arrays.asList(v);
  }

  /** The id of the row whose key {@code k} has {@code value}, or -1. */
  long find(int k, Object value) {
    Long id = value == null ? null : maps.get(k).get(value);
    return id == null ? -1 : id;
  }

  /**
   * Fails if a write would give two live rows the same key: rows {@code ids[i]} get {@code
   * values[i]} (inserted or replacing the row of that id), rows {@code deletes} go.
   *
   * @throws DuplicateKeyException naming the key and value; nothing is changed
   */
  void check(long[] ids, Object[][] values, long[] deletes) {
    Set<Long> freed = new HashSet<>();
    for (long id : ids) {
      freed.add(id);
    }
    for (long id : deletes) {
      freed.add(id);
    }
    for (int k = 0; k < columns.length; k++) {
      Map<Object, Long> batch = new HashMap<>();
      for (int i = 0; i < ids.length; i++) {
        Object v = key(k, values[i]);
        if (v == null) {
          continue;
        }
        Long prior = batch.putIfAbsent(v, ids[i]);
        if (prior != null && prior != ids[i]) {
          throw new DuplicateKeyException(collection, names.get(k), v);
        }
        Long holder = maps.get(k).get(v);
        // a holder written or deleted by this same write gives its key up (or keeps it as ids[i])
        if (holder != null && holder != ids[i] && !freed.contains(holder)) {
          throw new DuplicateKeyException(collection, names.get(k), v);
        }
      }
    }
  }

  /**
   * Applies a checked write (see {@link #check}); {@code old} gives the values a row had before it
   * (null for a new row).
   */
  void apply(long[] ids, Object[][] values, long[] deletes, LongFunction<Object[]> old) {
    for (int k = 0; k < columns.length; k++) {
      Map<Object, Long> map = maps.get(k);
      for (long id : deletes) {
        remove(k, map, id, old.apply(id));
      }
      for (long id : ids) {
        remove(k, map, id, old.apply(id));
      }
      for (int i = 0; i < ids.length; i++) {
        Object v = key(k, values[i]);
        if (v != null) {
          map.put(v, ids[i]);
        }
      }
    }
  }

  private void remove(int k, Map<Object, Long> map, long id, Object[] values) {
    if (values != null) {
      Object v = key(k, values);
      if (v != null) {
        map.remove(v, id);
      }
    }
  }

  /**
   * Adds a row while checking that no row added before holds one of its key values.
   *
   * @return a description of the first key value held twice, or null
   */
  String addChecked(long id, Object[] values) {
    for (int k = 0; k < columns.length; k++) {
      Object v = key(k, values);
      Long prior = v == null ? null : maps.get(k).putIfAbsent(v, id);
      if (prior != null && prior != id) {
        return "rows " + prior + " and " + id + " share key " + names.get(k) + " = " + v;
      }
    }
    return null;
  }

  /** Adds a row while the index is built (the rows are unique already). */
  void add(long id, Object[] values) {
    for (int k = 0; k < columns.length; k++) {
      Object v = key(k, values);
      if (v != null) {
        maps.get(k).put(v, id);
      }
    }
  }
}

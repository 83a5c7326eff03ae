package dev.veles.engine;

import java.util.HashSet;
import java.util.List;

/**
 * The definition of a secondary index on scalar columns, persisted with its collection's schema
 * ({@link CollectionSchema#indexes()}); its contents are derived from the rows when the collection
 * opens (see {@link SecondaryIndex}).
 *
 * @param name the index name, matching {@link Names#PATTERN}
 * @param columns the indexed columns, in key order (the first one leads: a lookup needs a condition
 *     on it)
 * @param unique whether no two live rows may share the columns' values (a value with a null column
 *     is not checked, as in SQL); enforced with the collection's unique keys
 */
public record IndexSpec(String name, List<String> columns, boolean unique) {
  public IndexSpec {
    Names.check(name, "index");
    columns = List.copyOf(columns);
    if (columns.isEmpty() || new HashSet<>(columns).size() != columns.size()) {
      throw new IllegalArgumentException("index " + name + ": bad column list " + columns);
    }
  }
}

package dev.veles.engine;

import java.util.Arrays;
import java.util.Comparator;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * One secondary index in memory: the live rows ordered by the indexed columns' values, then by row
 * id, so that an equality or a range on a leading run of the columns is a walk over a sorted
 * subrange instead of a scan of the column.
 *
 * <p>Derived state, like {@link KeyIndex}: built from the live rows when the collection opens (or
 * the index is created) and kept in step by every write, so it has no file to tear and is exactly
 * as durable as the rows. A row whose first indexed column is null is not held (every lookup puts a
 * non-null condition on that column); nulls in later columns sort after every value.
 *
 * <p>Values are the columns' Java values ({@link ColumnType#javaClass()}), compared by their
 * natural order ({@code byte[]} unsigned, lexicographically), so any column type with a {@link
 * Comparable} value can be indexed.
 *
 * <p>Not thread-safe: written under the collection's writer lock and the write side of its
 * read-write lock, read under either.
 */
final class SecondaryIndex {
  /**
   * One row's entry: {@code key} is the column's value for a one-column index, else an {@code
   * Object[]} of the values. A bound of a lookup may have a shorter key (a prefix), with {@code id}
   * {@link Long#MIN_VALUE} (below every row with that prefix) or {@link Long#MAX_VALUE} (above).
   */
  private record Entry(Object key, long id) {}

  final IndexSpec spec;
  private final int[] columns;
  private final Comparator<Entry> order;
  private final NavigableSet<Entry> entries;

  /** Rows added by {@link #load} and not yet in {@link #entries} (see {@link #finishLoad}). */
  private java.util.ArrayList<Entry> loading;

  SecondaryIndex(IndexSpec spec, CollectionSchema schema) {
    this.spec = spec;
    this.columns = spec.columns().stream().mapToInt(schema::columnIndex).toArray();
    for (int i = 0; i < columns.length; i++) {
      ColumnSpec c = schema.columns().get(columns[i]);
      Class<?> k = c.type().javaClass();
      if (!Comparable.class.isAssignableFrom(k) && k != byte[].class) {
        throw new UnsupportedOperationException(
            "column " + c.name() + " of type " + c.type() + " has no order to index");
      }
    }
    this.order = columns.length == 1 ? SecondaryIndex::compareSingle : this::compare;
    this.entries = new TreeSet<>(order);
  }

  /** The position in the schema of indexed column {@code i}. */
  int column(int i) {
    return columns[i];
  }

  int arity() {
    return columns.length;
  }

  /** Nulls sort last; values of one column share a class. */
  @SuppressWarnings("unchecked")
  static int compareValues(Object a, Object b) {
    if (a == b) {
      return 0;
    }
    if (a == null) {
      return 1;
    }
    if (b == null) {
      return -1;
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.compareUnsigned(x, y);
    }
    return ((Comparable<Object>) a).compareTo(b);
  }

  private static int compareSingle(Entry a, Entry b) {
    int c = compareValues(a.key, b.key);
    return c != 0 ? c : Long.compare(a.id, b.id);
  }

  private int compare(Entry a, Entry b) {
    Object[] x = (Object[]) a.key;
    Object[] y = (Object[]) b.key;
    int n = Math.min(x.length, y.length);
    for (int i = 0; i < n; i++) {
      int c = compareValues(x[i], y[i]);
      if (c != 0) {
        return c;
      }
    }
    if (x.length == y.length) {
      return Long.compare(a.id, b.id);
    }
    // The shorter key is a bound: below its prefix's rows (id MIN) or above them (id MAX).
    if (x.length < y.length) {
      return a.id == Long.MAX_VALUE ? 1 : -1;
    }
    return b.id == Long.MAX_VALUE ? -1 : 1;
  }

  /** The entry key of a row's column values, or null if the row is not held. */
  private Object key(Object[] values) {
    Object first = values[columns[0]];
    if (first == null) {
      return null;
    }
    if (columns.length == 1) {
      return first;
    }
    Object[] k = new Object[columns.length];
    for (int i = 0; i < k.length; i++) {
      k[i] = values[columns[i]];
    }
    return k;
  }

  /** Adds row {@code id} with its column values. */
  void add(long id, Object[] values) {
    Object k = key(values);
    if (k != null) {
      entries.add(new Entry(k, id));
    }
  }

  /**
   * Adds row {@code id} to a bulk load of an empty index: rows are collected, then sorted once and
   * linked into the tree in linear time by {@link #finishLoad()}, instead of one tree insertion
   * (with its rebalancing) per row.
   */
  void load(long id, Object[] values) {
    Object k = key(values);
    if (k != null) {
      if (loading == null) {
        loading = new java.util.ArrayList<>();
      }
      loading.add(new Entry(k, id));
    }
  }

  /** Ends a bulk load (see {@link #load}). */
  void finishLoad() {
    if (loading == null) {
      return;
    }
    Entry[] sorted = loading.toArray(new Entry[0]);
    loading = null;
    Arrays.sort(sorted, order);
    // TreeSet.addAll builds the tree in linear time from a SortedSet with the same comparator.
    entries.addAll(new SortedArray(sorted, order));
  }

  /** A sorted array seen as a {@link java.util.SortedSet}, as far as {@link TreeSet} reads one. */
  private static final class SortedArray extends java.util.AbstractSet<Entry>
      implements java.util.SortedSet<Entry> {
    private final Entry[] a;
    private final Comparator<Entry> order;

    SortedArray(Entry[] a, Comparator<Entry> order) {
      this.a = a;
      this.order = order;
    }

    @Override
    public java.util.Iterator<Entry> iterator() {
      return Arrays.asList(a).iterator();
    }

    @Override
    public int size() {
      return a.length;
    }

    @Override
    public Comparator<? super Entry> comparator() {
      return order;
    }

    @Override
    public java.util.SortedSet<Entry> subSet(Entry from, Entry to) {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.util.SortedSet<Entry> headSet(Entry to) {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.util.SortedSet<Entry> tailSet(Entry from) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Entry first() {
      return a[0];
    }

    @Override
    public Entry last() {
      return a[a.length - 1];
    }
  }

  /** Removes row {@code id}, whose column values are {@code values}. */
  void remove(long id, Object[] values) {
    Object k = key(values);
    if (k != null) {
      entries.remove(new Entry(k, id));
    }
  }

  int size() {
    return entries.size();
  }

  /** The first shared key as the value {@link KeyIndex#key} gives it, or null. */
  Object duplicateKey() {
    Entry prev = null;
    for (Entry e : entries) {
      if (prev != null && sameKey(prev.key, e.key)) {
        return e.key instanceof Object[] a ? Arrays.asList(a) : e.key;
      }
      prev = e;
    }
    return null;
  }

  private static boolean sameKey(Object a, Object b) {
    if (a instanceof Object[] x && b instanceof Object[] y) {
      for (int i = 0; i < x.length; i++) {
        if (x[i] == null || compareValues(x[i], y[i]) != 0) {
          return false;
        }
      }
      return true;
    }
    return compareValues(a, b) == 0;
  }

  /**
   * Hands every row whose first {@code prefix.length} columns equal {@code prefix} and whose next
   * column (if {@code prefix.length < arity()}) lies in {@code [lo, hi]} to {@code out}; a null
   * bound is open. Values must be of the columns' classes. Stops early once more than {@code cap}
   * rows were handed over.
   *
   * @return false if it stopped early (the lookup is not selective)
   */
  boolean lookup(Object[] prefix, Object lo, Object hi, int cap, LongConsumer out) {
    boolean ranged = prefix.length < columns.length;
    Entry from = bound(prefix, ranged ? lo : null, Long.MIN_VALUE);
    Entry to = bound(prefix, ranged ? hi : null, Long.MAX_VALUE);
    NavigableSet<Entry> range =
        from == null && to == null
            ? entries
            : from == null
                ? entries.headSet(to, true)
                : to == null ? entries.tailSet(from, true) : entries.subSet(from, true, to, true);
    int n = 0;
    for (Entry e : range) {
      if (++n > cap) {
        return false;
      }
      out.accept(e.id);
    }
    return true;
  }

  /** A bound entry for a prefix plus an optional value of the next column, or null if open. */
  private Entry bound(Object[] prefix, Object next, long id) {
    int n = prefix.length + (next != null ? 1 : 0);
    if (n == 0) {
      return null;
    }
    if (columns.length == 1) {
      return new Entry(prefix.length == 1 ? prefix[0] : next, id);
    }
    Object[] k = Arrays.copyOf(prefix, n);
    if (next != null) {
      k[n - 1] = next;
    }
    return new Entry(k, id);
  }
}

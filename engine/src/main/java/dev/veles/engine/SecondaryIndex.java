package dev.veles.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
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
 * <p>Layout: a sorted base run in two parallel arrays (a key reference and a row id, 12 bytes a row
 * next to the key object itself), a bit per base row marking it removed, and a small sorted set of
 * rows added since the run was last rebuilt. A write touches the set or the bit; once they hold
 * more than a sixteenth of the rows the run is rebuilt by one merge, so a write costs amortized
 * constant copying, and a lookup walks the run's subrange and the set's. A tree node per row (what
 * a {@code TreeSet} of every row costs) would be about 80 bytes a row.
 *
 * <p>Values are the columns' Java values ({@link ColumnType#javaClass()}), compared by their
 * natural order ({@code byte[]} unsigned, lexicographically), so any column type with a {@link
 * Comparable} value can be indexed.
 *
 * <p>Not thread-safe: written under the collection's writer lock and the write side of its
 * read-write lock, read under either (a lookup never changes it).
 */
final class SecondaryIndex {
  /** Rows in the added set and removed bits that trigger a rebuild of the run, at least. */
  private static final int MIN_REBUILD = 4096;

  /**
   * One row's entry: {@code key} is the column's value for a one-column index, else an {@code
   * Object[]} of the values. A bound of a lookup may have a shorter key (a prefix), with {@code id}
   * {@link Long#MIN_VALUE} (below every row with that prefix) or {@link Long#MAX_VALUE} (above).
   */
  private record Entry(Object key, long id) {}

  final IndexSpec spec;
  private final int[] columns;
  private final Comparator<Entry> order;

  /** The sorted base run: row {@code i} is {@code (keys[i], ids[i])}, for i below runSize. */
  private Object[] keys = new Object[0];

  private long[] ids = new long[0];
  private int runSize;

  /** Base rows removed since the run was built. */
  private final BitSet removed = new BitSet();

  private int removedCount;

  /** Rows added since the run was built (none of them is a live row of the run). */
  private final TreeSet<Entry> added;

  /** Rows added by {@link #load} and not yet in the run (see {@link #finishLoad}). */
  private ArrayList<Entry> loading;

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
    this.order = (a, b) -> compare(a.key, a.id, b.key, b.id);
    this.added = new TreeSet<>(order);
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

  /** The order of entries {@code (ka, ia)} and {@code (kb, ib)}: keys, then ids. */
  private int compare(Object ka, long ia, Object kb, long ib) {
    if (columns.length == 1) {
      int c = compareValues(ka, kb);
      return c != 0 ? c : Long.compare(ia, ib);
    }
    Object[] x = (Object[]) ka;
    Object[] y = (Object[]) kb;
    int n = Math.min(x.length, y.length);
    for (int i = 0; i < n; i++) {
      int c = compareValues(x[i], y[i]);
      if (c != 0) {
        return c;
      }
    }
    if (x.length == y.length) {
      return Long.compare(ia, ib);
    }
    // The shorter key is a bound: below its prefix's rows (id MIN) or above them (id MAX).
    if (x.length < y.length) {
      return ia == Long.MAX_VALUE ? 1 : -1;
    }
    return ib == Long.MAX_VALUE ? -1 : 1;
  }

  /** The first position of the run whose row is not below {@code e} (runSize if none). */
  private int lowerBound(Entry e) {
    int lo = 0;
    int hi = runSize;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(keys[mid], ids[mid], e.key, e.id) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The position of {@code e} in the run, removed or not, or -1. */
  private int find(Entry e) {
    int i = lowerBound(e);
    return i < runSize && compare(keys[i], ids[i], e.key, e.id) == 0 ? i : -1;
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
      insert(new Entry(k, id));
    }
  }

  private void insert(Entry e) {
    int at = find(e);
    if (at < 0) {
      added.add(e);
    } else if (removed.get(at)) {
      removed.clear(at);
      removedCount--;
    }
    maybeRebuild();
  }

  /**
   * Adds row {@code id} to a bulk load of an empty index: rows are collected, then sorted once into
   * the run by {@link #finishLoad()}, instead of one ordered insertion per row.
   */
  void load(long id, Object[] values) {
    Object k = key(values);
    if (k != null) {
      if (loading == null) {
        loading = new ArrayList<>();
      }
      loading.add(new Entry(k, id));
    }
  }

  /** Ends a bulk load (see {@link #load}). */
  void finishLoad() {
    if (loading == null) {
      return;
    }
    List<Entry> rows = loading;
    loading = null;
    if (size() > 0) {
      rows.forEach(this::insert);
      return;
    }
    Entry[] sorted = rows.toArray(new Entry[0]);
    rows.clear();
    Arrays.sort(sorted, order);
    keys = new Object[sorted.length];
    ids = new long[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      keys[i] = sorted[i].key;
      ids[i] = sorted[i].id;
    }
    runSize = sorted.length;
    removed.clear();
    removedCount = 0;
    added.clear();
  }

  /** Removes row {@code id}, whose column values are {@code values}. */
  void remove(long id, Object[] values) {
    Object k = key(values);
    if (k == null) {
      return;
    }
    Entry e = new Entry(k, id);
    if (!added.remove(e)) {
      int at = find(e);
      if (at >= 0 && !removed.get(at)) {
        removed.set(at);
        removedCount++;
      }
    }
    maybeRebuild();
  }

  private void maybeRebuild() {
    if (added.size() + removedCount > Math.max(MIN_REBUILD, runSize >> 4)) {
      rebuild();
    }
  }

  /** Merges the run's live rows and the added set into a new run. */
  private void rebuild() {
    int n = size();
    Object[] k = new Object[n];
    long[] d = new long[n];
    int[] out = {0};
    forEachInOrder(
        (key, id) -> {
          k[out[0]] = key;
          d[out[0]++] = id;
        });
    keys = k;
    ids = d;
    runSize = n;
    removed.clear();
    removedCount = 0;
    added.clear();
  }

  private interface RowVisitor {
    void visit(Object key, long id);
  }

  /** Visits every held row in the index's order. */
  private void forEachInOrder(RowVisitor v) {
    Iterator<Entry> more = added.iterator();
    Entry next = more.hasNext() ? more.next() : null;
    for (int i = 0; i < runSize; i++) {
      if (removed.get(i)) {
        continue;
      }
      while (next != null && compare(next.key, next.id, keys[i], ids[i]) < 0) {
        v.visit(next.key, next.id);
        next = more.hasNext() ? more.next() : null;
      }
      v.visit(keys[i], ids[i]);
    }
    while (next != null) {
      v.visit(next.key, next.id);
      next = more.hasNext() ? more.next() : null;
    }
  }

  int size() {
    return runSize - removedCount + added.size();
  }

  /** The first shared key as the value {@link KeyIndex#key} gives it, or null. */
  Object duplicateKey() {
    Object[] prev = {null};
    Object[] dup = {null};
    forEachInOrder(
        (key, id) -> {
          if (dup[0] == null && prev[0] != null && sameKey(prev[0], key)) {
            dup[0] = key instanceof Object[] a ? Arrays.asList(a) : key;
          }
          prev[0] = key;
        });
    return dup[0];
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
   * rows were handed over. Rows come in no particular order.
   *
   * @return false if it stopped early (the lookup is not selective)
   */
  boolean lookup(Object[] prefix, Object lo, Object hi, int cap, LongConsumer out) {
    boolean ranged = prefix.length < columns.length;
    Entry from = bound(prefix, ranged ? lo : null, Long.MIN_VALUE);
    Entry to = bound(prefix, ranged ? hi : null, Long.MAX_VALUE);
    if (from != null && to != null && order.compare(from, to) > 0) {
      return true; // an empty range
    }
    int start = from == null ? 0 : lowerBound(from);
    int end = to == null ? runSize : lowerBound(to);
    int n = 0;
    for (int i = start; i < end; i++) {
      if (!removed.get(i)) {
        if (++n > cap) {
          return false;
        }
        out.accept(ids[i]);
      }
    }
    if (added.isEmpty()) {
      return true;
    }
    NavigableSet<Entry> range =
        from == null && to == null
            ? added
            : from == null
                ? added.headSet(to, true)
                : to == null ? added.tailSet(from, true) : added.subSet(from, true, to, true);
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

package dev.veles.engine;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The scalar columns of a collection in memory, one typed array per column indexed by slot, so that
 * a filter scans a column as a primitive array.
 *
 * <p>Values are normalized to {@link ColumnType#javaClass()} before they get here ({@link
 * RowCodec}). A set bit in a column's null set means NULL. Not thread-safe: mutated under the
 * collection's write lock, read under its read lock.
 */
final class Columns {
  private final ColumnSpec[] specs;
  private final Object[] data;
  private final BitSet[] nulls;
  private int capacity;

  Columns(List<ColumnSpec> columns, int capacity) {
    this.specs = columns.toArray(new ColumnSpec[0]);
    this.data = new Object[specs.length];
    this.nulls = new BitSet[specs.length];
    for (int c = 0; c < specs.length; c++) {
      data[c] = newArray(specs[c].type(), capacity);
      nulls[c] = new BitSet();
    }
    this.capacity = capacity;
  }

  private static Object newArray(ColumnType t, int n) {
    return switch (t) {
      case BIGINT, TIMESTAMP, TIME, TIMESTAMP_TZ -> new long[n];
      case INTEGER, DATE -> new int[n];
      case DOUBLE -> new double[n];
      case REAL -> new float[n];
      case BOOLEAN -> new boolean[n];
      case VARCHAR, CHAR -> new String[n];
      case SMALLINT -> new short[n];
      case TINYINT -> new byte[n];
      case DECIMAL -> new BigDecimal[n];
      case VARBINARY -> new byte[n][];
    };
  }

  int count() {
    return specs.length;
  }

  ColumnSpec spec(int c) {
    return specs[c];
  }

  /** Grows every column to hold at least {@code slots} slots. */
  void ensureCapacity(int slots) {
    if (slots <= capacity) {
      return;
    }
    int n = Math.max(slots, (int) Math.min(Integer.MAX_VALUE - 8, capacity * 2L));
    for (int c = 0; c < specs.length; c++) {
      data[c] =
          switch (data[c]) {
            case long[] a -> Arrays.copyOf(a, n);
            case int[] a -> Arrays.copyOf(a, n);
            case double[] a -> Arrays.copyOf(a, n);
            case float[] a -> Arrays.copyOf(a, n);
            case boolean[] a -> Arrays.copyOf(a, n);
            case String[] a -> Arrays.copyOf(a, n);
            case short[] a -> Arrays.copyOf(a, n);
            case byte[] a -> Arrays.copyOf(a, n);
            case BigDecimal[] a -> Arrays.copyOf(a, n);
            case byte[][] a -> Arrays.copyOf(a, n);
            default -> throw new AssertionError(data[c]);
          };
    }
    capacity = n;
  }

  /** Stores normalized {@code values} at {@code slot}. */
  void set(int slot, Object[] values) {
    ensureCapacity(slot + 1);
    for (int c = 0; c < specs.length; c++) {
      Object v = values[c];
      nulls[c].set(slot, v == null);
      if (v == null) {
        if (data[c] instanceof Object[] a) {
          a[slot] = null;
        }
        continue;
      }
      setOne(c, slot, v);
    }
  }

  /** Stores one non-null, normalized value (loading a checkpoint). */
  void setOne(int c, int slot, Object v) {
    ensureCapacity(slot + 1);
    switch (data[c]) {
      case long[] a -> a[slot] = (Long) v;
      case int[] a -> a[slot] = (Integer) v;
      case double[] a -> a[slot] = (Double) v;
      case float[] a -> a[slot] = (Float) v;
      case boolean[] a -> a[slot] = (Boolean) v;
      case String[] a -> a[slot] = (String) v;
      case short[] a -> a[slot] = (Short) v;
      case byte[] a -> a[slot] = (Byte) v;
      case BigDecimal[] a -> a[slot] = (BigDecimal) v;
      case byte[][] a -> a[slot] = (byte[]) v;
      default -> throw new AssertionError(data[c]);
    }
  }

  /** Replaces the null set of column {@code c} (loading a checkpoint). */
  void setNulls(int c, BitSet n) {
    nulls[c] = n;
  }

  /** Forgets the values at {@code slot} (releases strings and other objects). */
  void clear(int slot) {
    for (int c = 0; c < specs.length; c++) {
      nulls[c].set(slot);
      if (data[c] instanceof Object[] a && slot < a.length) {
        a[slot] = null;
      }
    }
  }

  /** The values at {@code slot}, boxed, in column order. */
  Object[] get(int slot) {
    Object[] out = new Object[specs.length];
    for (int c = 0; c < specs.length; c++) {
      out[c] = value(c, slot);
    }
    return out;
  }

  /** One boxed value, null for NULL. */
  Object value(int c, int slot) {
    if (nulls[c].get(slot)) {
      return null;
    }
    return switch (data[c]) {
      case long[] a -> a[slot];
      case int[] a -> a[slot];
      case double[] a -> a[slot];
      case float[] a -> a[slot];
      case boolean[] a -> a[slot];
      case String[] a -> a[slot];
      case short[] a -> a[slot];
      case byte[] a -> a[slot];
      case BigDecimal[] a -> a[slot];
      case byte[][] a -> a[slot].clone(); // the stored bytes stay private
      default -> throw new AssertionError(data[c]);
    };
  }

  /** The null set of column {@code c} (live view; do not modify). */
  BitSet nulls(int c) {
    return nulls[c];
  }

  /** The typed array of column {@code c} (live view; do not modify). */
  Object array(int c) {
    return data[c];
  }

  /** A copy holding the rows of {@code oldSlots[i]} at slot {@code i}. */
  Columns permuted(int[] oldSlots) {
    Columns out = new Columns(List.of(specs), Math.max(16, oldSlots.length));
    for (int i = 0; i < oldSlots.length; i++) {
      out.set(i, get(oldSlots[i]));
    }
    return out;
  }
}

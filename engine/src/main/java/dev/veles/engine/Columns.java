package dev.veles.engine;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The scalar columns of a collection in memory, one typed array per column indexed by slot, so that
 * a filter scans a column as a primitive array.
 *
 * <p>Values are normalized to {@link ColumnType#javaClass()} before they get here ({@link
 * RowCodec}). A set bit in a column's null set means NULL.
 *
 * <p>Long values: with a {@link ValueStore}, a text or binary value longer than {@link
 * ValueStore#INLINE_MAX} encoded bytes lives in the store; its column array holds null at that slot
 * and a parallel {@code long[]} the value's reference (0 elsewhere), so the heap keeps 12 bytes per
 * such row. Readers of the arrays ({@link FilterEval}) take a null element of a non-null slot as
 * "read it through {@link #string}/{@link #bytes}". Short values stay in the arrays as before.
 * Without a store every value lives on the heap.
 *
 * <p>Not thread-safe: mutated under the collection's write lock, read under its read lock. Does not
 * own its store (the {@link SlotTable} or the code that made it closes it).
 */
final class Columns {
  private final ColumnSpec[] specs;
  private final Object[] data;
  private final BitSet[] nulls;
  private final ValueStore store;
  private final long[][] refs; // per column: the store reference at each slot, null when none
  private int capacity;

  Columns(List<ColumnSpec> columns, int capacity) {
    this(columns, capacity, null);
  }

  /** Columns whose long values go to {@code store} (null: all on the heap). */
  Columns(List<ColumnSpec> columns, int capacity, ValueStore store) {
    this.specs = columns.toArray(new ColumnSpec[0]);
    this.data = new Object[specs.length];
    this.nulls = new BitSet[specs.length];
    this.store = store;
    this.refs = new long[specs.length][];
    for (int c = 0; c < specs.length; c++) {
      data[c] = newArray(specs[c].type(), capacity);
      nulls[c] = new BitSet();
      if (store != null && storable(specs[c].type())) {
        refs[c] = new long[capacity];
      }
    }
    this.capacity = capacity;
  }

  /** Whether values of type {@code t} may live in a {@link ValueStore}. */
  static boolean storable(ColumnType t) {
    return t == ColumnType.VARCHAR || t == ColumnType.CHAR || t == ColumnType.VARBINARY;
  }

  /** Whether any column of {@code columns} may hold values that go to a {@link ValueStore}. */
  static boolean needsStore(List<ColumnSpec> columns) {
    return columns.stream().anyMatch(c -> storable(c.type()));
  }

  /** The store of the long values, or null. */
  ValueStore store() {
    return store;
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
      if (refs[c] != null) {
        refs[c] = Arrays.copyOf(refs[c], n);
      }
    }
    capacity = n;
  }

  /**
   * Stores normalized {@code values} at {@code slot}.
   *
   * @throws IOException if the store cannot grow (see {@link SlotTable#reserveValues}, which avoids
   *     it)
   */
  void set(int slot, Object[] values) throws IOException {
    set(slot, values, slot);
  }

  /**
   * Stores normalized {@code values} at {@code slot}; a long value equal to the one stored for slot
   * {@code prev} (the row's slot before a move, or {@code slot} itself; -1 for none) keeps that
   * entry instead of appending a copy, so an UPDATE of other columns does not grow the store. The
   * store is append-only, so an entry stays valid while any slot refers to it.
   */
  void set(int slot, Object[] values, int prev) throws IOException {
    ensureCapacity(slot + 1);
    for (int c = 0; c < specs.length; c++) {
      Object v = values[c];
      nulls[c].set(slot, v == null);
      if (v == null) {
        if (data[c] instanceof Object[] a) {
          a[slot] = null;
        }
        if (refs[c] != null) {
          refs[c][slot] = 0;
        }
        continue;
      }
      byte[] b = refs[c] != null ? longBytes(v) : null;
      if (b == null) {
        setOne(c, slot, v);
        continue;
      }
      long keep = prev >= 0 ? refs[c][prev] : 0;
      refs[c][slot] = keep != 0 && store.holds(keep, b) ? keep : store.append(b);
      ((Object[]) data[c])[slot] = null;
    }
  }

  /** The bytes the long values of {@code values} take in the store (0 without a store). */
  long storeBytes(Object[] values) {
    long n = 0;
    for (int c = 0; c < specs.length; c++) {
      Object v = values[c];
      if (refs[c] != null && v != null) {
        long len = v instanceof String s ? utf8Length(s) : ((byte[]) v).length;
        n += len > ValueStore.INLINE_MAX ? ValueStore.entryBytes(len) : 0;
      }
    }
    return n;
  }

  /** The encoded bytes of {@code v} if it is a long value (goes to the store), else null. */
  private static byte[] longBytes(Object v) {
    if (v instanceof String s) {
      return utf8Longer(s, ValueStore.INLINE_MAX) ? s.getBytes(StandardCharsets.UTF_8) : null;
    }
    if (v instanceof byte[] b) {
      return b.length > ValueStore.INLINE_MAX ? b : null;
    }
    return null;
  }

  /** Whether {@code s} takes more than {@code max} bytes as UTF-8, without encoding it. */
  private static boolean utf8Longer(String s, int max) {
    int n = s.length();
    if (n > max) {
      return true;
    }
    // a char takes at most 3 bytes (a surrogate pair 4 for 2 chars)
    return n * 3 > max && utf8Length(s) > max;
  }

  /** The UTF-8 length of {@code s}, counted without encoding it. */
  private static long utf8Length(String s) {
    long bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      bytes += ch < 0x80 ? 1 : ch < 0x800 || Character.isSurrogate(ch) ? 2 : 3;
    }
    return bytes;
  }

  /** Stores one non-null, normalized value (loading a checkpoint). */
  void setOne(int c, int slot, Object v) throws IOException {
    ensureCapacity(slot + 1);
    if (refs[c] != null) {
      byte[] b = longBytes(v);
      refs[c][slot] = b == null ? 0 : store.append(b);
      if (b != null) {
        ((Object[]) data[c])[slot] = null;
        return;
      }
    }
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

  /**
   * Stores the non-null value of {@code n} encoded bytes at {@code off} of {@code src} (UTF-8 for
   * text) at {@code slot}: a long one goes to the store without becoming a heap object, a short one
   * is decoded (loading a checkpoint).
   */
  void setEncoded(int c, int slot, MemorySegment src, long off, long n) throws IOException {
    ensureCapacity(slot + 1);
    if (refs[c] != null && n > ValueStore.INLINE_MAX) {
      refs[c][slot] = store.append(src, off, n);
      ((Object[]) data[c])[slot] = null;
      return;
    }
    byte[] b = src.asSlice(off, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    setOne(c, slot, specs[c].type() == ColumnType.VARBINARY ? b : new String(b, UTF8));
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  /**
   * The store reference of the value at {@code slot} of column {@code c}, or 0 if it lives on the
   * heap (or is NULL).
   */
  long ref(int c, int slot) {
    return refs[c] == null ? 0 : refs[c][slot];
  }

  /** The non-null text of a VARCHAR or CHAR slot, from the array or the store. */
  String string(int c, int slot) {
    String s = ((String[]) data[c])[slot];
    return s != null ? s : store.string(refs[c][slot]);
  }

  /**
   * Whether the stored (long) value at {@code slot} of column {@code c} has exactly bytes {@code
   * b}.
   */
  boolean storedEquals(int c, int slot, byte[] b) {
    return store.matches(refs[c][slot], b);
  }

  /** The non-null bytes of a VARBINARY slot (the stored array itself, or a copy from the store). */
  byte[] bytes(int c, int slot) {
    byte[] b = ((byte[][]) data[c])[slot];
    return b != null ? b : store.bytes(refs[c][slot]);
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
      if (refs[c] != null && slot < refs[c].length) {
        refs[c][slot] = 0;
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
      case String[] a -> a[slot] != null ? a[slot] : store.string(refs[c][slot]);
      case short[] a -> a[slot];
      case byte[] a -> a[slot];
      case BigDecimal[] a -> a[slot];
      // the stored bytes stay private
      case byte[][] a -> a[slot] != null ? a[slot].clone() : store.bytes(refs[c][slot]);
      default -> throw new AssertionError(data[c]);
    };
  }

  /** Checks every stored value of the slots in {@code live}; adds each problem to {@code out}. */
  void checkStored(BitSet live, java.util.function.Consumer<CorruptFileException> out) {
    for (int c = 0; c < specs.length; c++) {
      long[] r = refs[c];
      if (r == null) {
        continue;
      }
      for (int s = live.nextSetBit(0); s >= 0 && s < r.length; s = live.nextSetBit(s + 1)) {
        CorruptFileException e = r[s] == 0 ? null : store.check(r[s]);
        if (e != null) {
          out.accept(e);
        }
      }
    }
  }

  /** The null set of column {@code c} (live view; do not modify). */
  BitSet nulls(int c) {
    return nulls[c];
  }

  /**
   * The typed array of column {@code c} (live view; do not modify). A null element at a non-null
   * slot of a text or binary column lives in the store: read it through {@link #string} or {@link
   * #bytes}.
   */
  Object array(int c) {
    return data[c];
  }

  /**
   * A copy holding the rows of {@code oldSlots[i]} at slot {@code i}, its long values in {@code
   * into} (a fresh store: a compaction reclaims the space of replaced values), or on the heap when
   * null.
   */
  Columns permuted(int[] oldSlots, ValueStore into) throws IOException {
    Columns out = new Columns(List.of(specs), Math.max(16, oldSlots.length), into);
    for (int i = 0; i < oldSlots.length; i++) {
      out.copyRow(this, oldSlots[i], i);
    }
    return out;
  }

  /** Copies row {@code from} of {@code src} to {@code slot}, stored values byte for byte. */
  private void copyRow(Columns src, int from, int slot) throws IOException {
    ensureCapacity(slot + 1);
    for (int c = 0; c < specs.length; c++) {
      boolean isNull = src.nulls[c].get(from);
      nulls[c].set(slot, isNull);
      long r = src.ref(c, from);
      if (isNull) {
        continue;
      }
      if (r != 0 && refs[c] != null) {
        MemorySegment v = src.store.value(r); // verified: damage is not copied on
        refs[c][slot] = store.append(v, 0, v.byteSize());
      } else {
        setOne(c, slot, src.value(c, from));
      }
    }
  }
}

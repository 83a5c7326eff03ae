package dev.veles.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Evaluates a {@link Filter} column-wise into the set of slots where it is TRUE, with SQL's
 * three-valued logic: each node yields the slots where it is true and those where it is false; the
 * rest are unknown. Numeric comparisons are exact across types (a BIGINT against 2.5 or a DOUBLE
 * against {@code Long.MAX_VALUE} compare as the mathematical values).
 *
 * <p>Not thread-safe; built per evaluation over state read under the collection's read lock.
 */
final class FilterEval {
  private final CollectionSchema schema;
  private final Columns columns;
  private final BitSet live;
  private final long[] ids;
  private final java.util.function.Function<Filter, BitSet> candidates;

  /**
   * @param candidates the live slots that may satisfy a filter, from an index, or null when every
   *     live slot may (see {@link SecondaryIndexes#slots}); null for none
   */
  FilterEval(
      CollectionSchema schema,
      Columns columns,
      BitSet live,
      long[] ids,
      java.util.function.Function<Filter, BitSet> candidates) {
    this.schema = schema;
    this.columns = columns;
    this.live = live;
    this.ids = ids;
    this.candidates = candidates;
  }

  FilterEval(CollectionSchema schema, Columns columns, BitSet live, long[] ids) {
    this(schema, columns, live, ids, null);
  }

  /** A test of one non-null slot value. */
  private interface SlotTest {
    boolean test(int slot);
  }

  /** The slots where the filter is true and where it is false; the others are unknown. */
  private record Truth(BitSet t, BitSet f) {}

  /** The live slots where {@code filter} is TRUE ({@code null} accepts every live slot). */
  BitSet accept(Filter filter) {
    if (filter == null) {
      return (BitSet) live.clone();
    }
    BitSet narrow = candidates == null ? null : candidates.apply(filter);
    if (narrow != null) {
      // Each row's truth depends on that row alone: evaluate over the candidates only.
      return new FilterEval(schema, columns, narrow, ids).eval(filter).t();
    }
    return eval(filter).t();
  }

  private Truth eval(Filter filter) {
    return switch (filter) {
      case Filter.Compare c -> leaf(c.column(), compare(c.column(), c.op(), c.value()));
      case Filter.In in -> in(in);
      case Filter.IsNull n -> isNull(n.column());
      case Filter.Like l -> leaf(l.column(), like(l));
      case Filter.And a -> {
        BitSet t = (BitSet) live.clone();
        BitSet f = new BitSet();
        for (Filter o : a.operands()) {
          Truth x = eval(o);
          t.and(x.t());
          f.or(x.f());
        }
        yield new Truth(t, f);
      }
      case Filter.Or o -> {
        BitSet t = new BitSet();
        BitSet f = (BitSet) live.clone();
        for (Filter x : o.operands()) {
          Truth y = eval(x);
          t.or(y.t());
          f.and(y.f());
        }
        yield new Truth(t, f);
      }
      case Filter.Not n -> {
        Truth x = eval(n.operand());
        yield new Truth(x.f(), x.t());
      }
    };
  }

  private int column(String name) {
    if (Filter.ID.equals(name)) {
      return -1;
    }
    int c = schema.columnIndex(name);
    if (c < 0) {
      throw new IllegalArgumentException("filter names unknown column '" + name + "'");
    }
    return c;
  }

  /** Non-null live slots of {@code name}. */
  private BitSet present(String name) {
    int c = column(name);
    BitSet s = (BitSet) live.clone();
    if (c >= 0) {
      s.andNot(columns.nulls(c));
    }
    return s;
  }

  private Truth leaf(String name, SlotTest test) {
    BitSet t = new BitSet();
    BitSet f = new BitSet();
    BitSet p = present(name);
    for (int i = p.nextSetBit(0); i >= 0; i = p.nextSetBit(i + 1)) {
      (test.test(i) ? t : f).set(i);
    }
    return new Truth(t, f);
  }

  private Truth isNull(String name) {
    BitSet f = present(name);
    BitSet t = (BitSet) live.clone();
    t.andNot(f);
    return new Truth(t, f);
  }

  private Truth in(Filter.In in) {
    List<SlotTest> tests = new ArrayList<>();
    boolean hasNull = false;
    for (Object v : in.values()) {
      if (v == null) {
        hasNull = true;
      } else {
        tests.add(compare(in.column(), Filter.Op.EQ, v));
      }
    }
    Truth x = leaf(in.column(), slot -> anyMatch(tests, slot));
    // x IN (.., NULL) is unknown rather than false when nothing matches.
    return hasNull ? new Truth(x.t(), new BitSet()) : x;
  }

  private static boolean anyMatch(List<SlotTest> tests, int slot) {
    for (SlotTest t : tests) {
      if (t.test(slot)) {
        return true;
      }
    }
    return false;
  }

  private SlotTest like(Filter.Like l) {
    int c = column(l.column());
    ColumnType t = c < 0 ? null : columns.spec(c).type();
    if (t != ColumnType.VARCHAR && t != ColumnType.CHAR) {
      throw new IllegalArgumentException("LIKE needs a VARCHAR or CHAR column, not " + l.column());
    }
    Pattern p = likePattern(l.pattern(), l.escape());
    String[] a = (String[]) columns.array(c);
    // A null element of a present slot is a long value: read through the store.
    if (t == ColumnType.CHAR) { // as PostgreSQL, which matches a bpchar without its padding
      return slot -> p.matcher(LaterTypes.unpadded(text(a, c, slot))).matches();
    }
    return slot -> p.matcher(text(a, c, slot)).matches();
  }

  /** The text of present slot {@code slot}: the array's, or the stored long value. */
  private String text(String[] a, int c, int slot) {
    String s = a[slot];
    return s != null ? s : columns.string(c, slot);
  }

  /** Translates a SQL LIKE pattern into an anchored regular expression. */
  static Pattern likePattern(String pattern, char escape) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char ch = pattern.charAt(i);
      if (escape != 0 && ch == escape) {
        if (++i >= pattern.length()) {
          throw new IllegalArgumentException("LIKE pattern '" + pattern + "' ends with its escape");
        }
        re.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
      } else if (ch == '%') {
        re.append(".*");
      } else if (ch == '_') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  private SlotTest compare(String name, Filter.Op op, Object value) {
    int c = column(name);
    if (c < 0) {
      return longTest(slot -> ids[slot], op, value, name);
    }
    ColumnType type = columns.spec(c).type();
    Object arr = columns.array(c);
    return switch (type) {
      case BIGINT, TIMESTAMP -> longTest(slot -> ((long[]) arr)[slot], op, value, name);
      case INTEGER, DATE -> longTest(slot -> ((int[]) arr)[slot], op, value, name);
      case DOUBLE -> doubleTest(slot -> ((double[]) arr)[slot], op, value, name);
      case REAL -> doubleTest(slot -> ((float[]) arr)[slot], op, value, name);
      case BOOLEAN -> {
        if (!(value instanceof Boolean b)) {
          throw typeError(name, type, value);
        }
        boolean[] a = (boolean[]) arr;
        yield slot -> holds(op, Boolean.compare(a[slot], b));
      }
      case VARCHAR -> {
        if (!(value instanceof String || value instanceof Character)) {
          throw typeError(name, type, value);
        }
        String s = value.toString();
        String[] a = (String[]) arr;
        if ((op == Filter.Op.EQ || op == Filter.Op.NE) && columns.store() != null) {
          // A stored value is compared as bytes (verified, not decoded): UTF-8 is one-to-one.
          byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          boolean eq = op == Filter.Op.EQ;
          yield slot -> {
            String v = a[slot];
            return (v != null ? v.equals(s) : columns.storedEquals(c, slot, b)) == eq;
          };
        }
        yield slot -> holds(op, text(a, c, slot).compareTo(s));
      }
      case SMALLINT -> longTest(slot -> ((short[]) arr)[slot], op, value, name);
      case TINYINT -> longTest(slot -> ((byte[]) arr)[slot], op, value, name);
      case TIME, TIMESTAMP_TZ -> longTest(slot -> ((long[]) arr)[slot], op, value, name);
      case DECIMAL -> decimalTest((BigDecimal[]) arr, op, value, name);
      case CHAR -> {
        if (!(value instanceof String || value instanceof Character)) {
          throw typeError(name, type, value);
        }
        // bpchar semantics: trailing blanks are insignificant on both sides
        String s = LaterTypes.unpadded(value.toString());
        String[] a = (String[]) arr;
        yield slot -> holds(op, LaterTypes.unpadded(text(a, c, slot)).compareTo(s));
      }
      case VARBINARY -> {
        if (!(value instanceof byte[] b)) {
          throw typeError(name, type, value);
        }
        byte[][] a = (byte[][]) arr;
        yield slot -> {
          byte[] v = a[slot];
          return holds(op, Arrays.compareUnsigned(v != null ? v : columns.bytes(c, slot), b));
        };
      }
    };
  }

  private SlotTest decimalTest(BigDecimal[] a, Filter.Op op, Object value, String col) {
    BigDecimal x = exact(value, col);
    if (x == null) { // NaN or an infinity: compare as doubles, which order them
      return doubleTest(slot -> a[slot].doubleValue(), op, value, col);
    }
    return slot -> holds(op, a[slot].compareTo(x));
  }

  private static IllegalArgumentException typeError(String col, Object type, Object v) {
    return new IllegalArgumentException(
        "cannot compare column "
            + col
            + " ("
            + type
            + ") with "
            + v.getClass().getSimpleName()
            + " value "
            + v);
  }

  private static boolean holds(Filter.Op op, int cmp) {
    return switch (op) {
      case EQ -> cmp == 0;
      case NE -> cmp != 0;
      case LT -> cmp < 0;
      case LE -> cmp <= 0;
      case GT -> cmp > 0;
      case GE -> cmp >= 0;
    };
  }

  private interface LongGetter {
    long get(int slot);
  }

  private interface DoubleGetter {
    double get(int slot);
  }

  /** The exact value of a numeric literal, or null for NaN and infinities. */
  private static BigDecimal exact(Object v, String col) {
    return switch (v) {
      case Long l -> BigDecimal.valueOf(l);
      case Integer i -> BigDecimal.valueOf(i);
      case Short s -> BigDecimal.valueOf(s);
      case Byte b -> BigDecimal.valueOf(b);
      case BigInteger b -> new BigDecimal(b);
      case BigDecimal b -> b;
      case Double d -> Double.isFinite(d) ? new BigDecimal(d) : null;
      case Float f -> Float.isFinite(f) ? new BigDecimal(f) : null;
      default -> throw typeError(col, "numeric", v);
    };
  }

  private SlotTest longTest(LongGetter g, Filter.Op op, Object value, String col) {
    BigDecimal x = exact(value, col);
    if (x == null) {
      double d = ((Number) value).doubleValue(); // NaN or infinite: double compares are exact
      return doubleTest(slot -> g.get(slot), op, d, col);
    }
    BigInteger floor = x.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
    BigInteger ceil = x.setScale(0, RoundingMode.CEILING).toBigIntegerExact();
    boolean integral = floor.equals(ceil);
    // Each operator accepts a range [lo, hi] of longs (or its complement for <>).
    BigInteger lo = BigInteger.valueOf(Long.MIN_VALUE);
    BigInteger hi = BigInteger.valueOf(Long.MAX_VALUE);
    boolean empty = false;
    switch (op) {
      case EQ, NE -> {
        empty = !integral;
        lo = floor;
        hi = floor;
      }
      case LT -> hi = ceil.subtract(BigInteger.ONE);
      case LE -> hi = floor;
      case GT -> lo = floor.add(BigInteger.ONE);
      case GE -> lo = ceil;
    }
    BigInteger min = BigInteger.valueOf(Long.MIN_VALUE);
    BigInteger max = BigInteger.valueOf(Long.MAX_VALUE);
    if (hi.compareTo(min) < 0 || lo.compareTo(max) > 0 || lo.compareTo(hi) > 0) {
      empty = true;
    }
    boolean negate = op == Filter.Op.NE;
    if (empty) {
      return slot -> negate;
    }
    long l = lo.max(min).longValueExact();
    long h = hi.min(max).longValueExact();
    return slot -> {
      long v = g.get(slot);
      return (v >= l && v <= h) != negate;
    };
  }

  private SlotTest doubleTest(DoubleGetter g, Filter.Op op, Object value, String col) {
    BigDecimal x = exact(value, col);
    double d = x == null ? ((Number) value).doubleValue() : x.doubleValue();
    if (Double.isNaN(d)) {
      return slot -> op == Filter.Op.NE;
    }
    // r: how the nearest double d relates to the exact literal x (0 when d is exact).
    int r =
        x == null ? 0 : Double.isInfinite(d) ? (d > 0 ? 1 : -1) : new BigDecimal(d).compareTo(x);
    if (r == 0) {
      return slot -> {
        double v = g.get(slot);
        return switch (op) {
          case EQ -> v == d;
          case NE -> v != d;
          case LT -> v < d;
          case LE -> v <= d;
          case GT -> v > d;
          case GE -> v >= d;
        };
      };
    }
    boolean above = r > 0; // no double lies strictly between x and d
    return slot -> {
      double v = g.get(slot);
      return switch (op) {
        case EQ -> false;
        case NE -> true;
        case LT, LE -> above ? v < d : v <= d;
        case GT, GE -> above ? v >= d : v > d;
      };
    };
  }

  /** The ids of {@code slots}, ascending. */
  long[] ids(BitSet slots) {
    long[] out = new long[slots.cardinality()];
    int n = 0;
    boolean sorted = true; // slots of an append-only table are in id order: no sort needed
    for (int i = slots.nextSetBit(0); i >= 0; i = slots.nextSetBit(i + 1)) {
      out[n] = ids[i];
      sorted &= n == 0 || out[n - 1] < out[n];
      n++;
    }
    if (!sorted) {
      Arrays.sort(out);
    }
    return out;
  }
}

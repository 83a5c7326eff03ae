package dev.veles.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.LongToIntFunction;

/**
 * The secondary indexes of one collection ({@link CollectionSchema#indexes()}) and the use of them
 * for a {@link Filter}: {@link #slots} turns the selective part of a filter (an equality, {@code
 * IN} or range on an index's leading columns) into the candidate rows, a superset of the rows the
 * filter accepts, which the caller then checks with the whole filter. A lookup that would hand over
 * more than a cap of rows is abandoned, and the caller scans the columns instead: past a few
 * percent of the rows a column scan is cheaper than walking the index.
 *
 * <p>Not thread-safe: written under the collection's writer lock and the write side of its
 * read-write lock, read under either.
 */
final class SecondaryIndexes {
  private final CollectionSchema schema;
  private final List<SecondaryIndex> all;

  private SecondaryIndexes(CollectionSchema schema, List<SecondaryIndex> all) {
    this.schema = schema;
    this.all = all;
  }

  /**
   * Empty indexes for {@code schema}'s specs, or null without any; {@code reuse} supplies ones that
   * are already built (kept when their spec is unchanged).
   */
  static SecondaryIndexes of(CollectionSchema schema, SecondaryIndexes reuse) {
    if (schema.indexes().isEmpty()) {
      return null;
    }
    List<SecondaryIndex> list = new ArrayList<>();
    for (IndexSpec spec : schema.indexes()) {
      SecondaryIndex old = reuse == null ? null : reuse.find(spec);
      list.add(old != null ? old : new SecondaryIndex(spec, schema));
    }
    return new SecondaryIndexes(schema, list);
  }

  private SecondaryIndex find(IndexSpec spec) {
    for (SecondaryIndex i : all) {
      if (i.spec.equals(spec)) {
        return i;
      }
    }
    return null;
  }

  /** The indexes that {@code previous} did not hold already (they need filling). */
  List<SecondaryIndex> fresh(SecondaryIndexes previous) {
    List<SecondaryIndex> out = new ArrayList<>();
    for (SecondaryIndex i : all) {
      if (previous == null || !previous.all.contains(i)) {
        out.add(i);
      }
    }
    return out;
  }

  List<SecondaryIndex> all() {
    return all;
  }

  /**
   * Applies a write: rows {@code ids[i]} now have {@code values[i]} (the last one counts for an id
   * written twice), rows {@code deletes} are gone; {@code old} gives a row's values before the
   * write (null for a new row).
   */
  void apply(long[] ids, Object[][] values, long[] deletes, LongFunction<Object[]> old) {
    for (SecondaryIndex ix : all) {
      for (long id : deletes) {
        Object[] v = old.apply(id);
        if (v != null) {
          ix.remove(id, v);
        }
      }
      Set<Long> done = new HashSet<>();
      for (int i = ids.length - 1; i >= 0; i--) {
        if (done.add(ids[i])) {
          Object[] v = old.apply(ids[i]);
          if (v != null) {
            ix.remove(ids[i], v);
          }
          ix.add(ids[i], values[i]);
        }
      }
    }
  }

  // ------------------------------------------------------------------ lookups

  /** A conservative range of keys of one column: null ends are open. */
  private record Range(Object lo, Object hi, boolean empty) {
    static final Range NONE = new Range(null, null, true);

    boolean exact() {
      return !empty && lo != null && SecondaryIndex.compareValues(lo, hi) == 0;
    }

    Range and(Range o) {
      if (empty || o.empty) {
        return NONE;
      }
      Object l = lo == null ? o.lo : o.lo == null ? lo : max(lo, o.lo);
      Object h = hi == null ? o.hi : o.hi == null ? hi : min(hi, o.hi);
      return l != null && h != null && SecondaryIndex.compareValues(l, h) > 0
          ? NONE
          : new Range(l, h, false);
    }

    private static Object max(Object a, Object b) {
      return SecondaryIndex.compareValues(a, b) >= 0 ? a : b;
    }

    private static Object min(Object a, Object b) {
      return SecondaryIndex.compareValues(a, b) <= 0 ? a : b;
    }
  }

  /** A lookup budget: how many rows the lookups of one filter may still hand over. */
  private static final class Budget {
    int left;

    Budget(int left) {
      this.left = left;
    }
  }

  /**
   * The live slots that may satisfy {@code filter}, found through the indexes, or null if no index
   * serves it selectively (then every live slot is a candidate).
   *
   * @param cap the most rows the lookups may hand over before they give up
   * @param slotOf a live row's slot
   */
  BitSet slots(Filter filter, int cap, LongToIntFunction slotOf) {
    Budget b = new Budget(cap);
    return candidates(filter, b, slotOf);
  }

  private BitSet candidates(Filter f, Budget b, LongToIntFunction slotOf) {
    return switch (f) {
      case Filter.Compare c -> {
        Range r = range(c.column(), c.op(), c.value());
        yield r == null ? null : best(Map.of(c.column(), r), b, slotOf);
      }
      case Filter.In in -> in(in, b, slotOf);
      case Filter.And a -> and(a, b, slotOf);
      case Filter.Or o -> {
        BitSet out = new BitSet();
        for (Filter x : o.operands()) {
          BitSet s = candidates(x, b, slotOf);
          if (s == null) {
            yield null;
          }
          out.or(s);
        }
        yield out;
      }
      default -> null;
    };
  }

  private BitSet in(Filter.In in, Budget b, LongToIntFunction slotOf) {
    BitSet out = new BitSet();
    for (Object v : in.values()) {
      if (v == null) {
        continue; // never equal
      }
      Range r = range(in.column(), Filter.Op.EQ, v);
      BitSet s = r == null ? null : best(Map.of(in.column(), r), b, slotOf);
      if (s == null) {
        return null;
      }
      out.or(s);
    }
    return out;
  }

  /** An AND: the comparisons combined per column; else the first operand an index serves. */
  private BitSet and(Filter.And a, Budget b, LongToIntFunction slotOf) {
    Map<String, Range> ranges = new HashMap<>();
    for (Filter o : a.operands()) {
      if (o instanceof Filter.Compare c) {
        Range r = range(c.column(), c.op(), c.value());
        if (r != null) {
          ranges.merge(c.column(), r, Range::and);
        }
      }
    }
    BitSet s = ranges.isEmpty() ? null : best(ranges, b, slotOf);
    if (s != null) {
      return s;
    }
    for (Filter o : a.operands()) {
      if (!(o instanceof Filter.Compare)) {
        s = candidates(o, b, slotOf);
        if (s != null) {
          return s;
        }
      }
    }
    return null;
  }

  /**
   * The rows of the index that uses most of {@code ranges} (an equality prefix, then a range on the
   * next column), or null if no index leads with a column of {@code ranges} or the lookup is not
   * selective.
   */
  private BitSet best(Map<String, Range> ranges, Budget b, LongToIntFunction slotOf) {
    SecondaryIndex pick = null;
    int score = 0;
    for (SecondaryIndex ix : all) {
      int s = 0;
      for (int i = 0; i < ix.arity(); i++) {
        Range r = ranges.get(schema.columns().get(ix.column(i)).name());
        if (r == null) {
          break;
        }
        if (r.empty) {
          return new BitSet();
        }
        s += 2;
        if (!r.exact()) {
          s--;
          break;
        }
      }
      if (s > score) {
        score = s;
        pick = ix;
      }
    }
    if (pick == null) {
      return null;
    }
    List<Object> prefix = new ArrayList<>();
    Range last = null;
    for (int i = 0; i < pick.arity(); i++) {
      Range r = ranges.get(schema.columns().get(pick.column(i)).name());
      if (r == null) {
        break;
      }
      if (!r.exact()) {
        last = r;
        break;
      }
      prefix.add(r.lo);
    }
    BitSet out = new BitSet();
    boolean whole =
        pick.lookup(
            prefix.toArray(),
            last == null ? null : last.lo,
            last == null ? null : last.hi,
            b.left,
            id -> out.set(slotOf.applyAsInt(id)));
    if (!whole) {
      b.left = 0; // not selective: the filter scans, later lookups would be wasted
      return null;
    }
    b.left -= out.cardinality();
    return out;
  }

  /**
   * The keys of column {@code name} that {@code name op value} may accept, conservatively (exact
   * comparisons are left to the filter), or null if an index cannot tell (an unknown column, an
   * operator or value it does not order, like NaN).
   */
  private Range range(String name, Filter.Op op, Object value) {
    int c = schema.columnIndex(name);
    // CHAR compares without trailing blanks (as bpchar), which the index's text order does not.
    if (c < 0 || op == Filter.Op.NE || schema.columns().get(c).type() == ColumnType.CHAR) {
      return null;
    }
    Object[] br = bracket(schema.columns().get(c).type().javaClass(), value);
    if (br == null) {
      return null;
    }
    if (br.length == 0) {
      return op == Filter.Op.EQ ? Range.NONE : null;
    }
    return switch (op) {
      case EQ -> new Range(br[0], br[1], false);
      case LT, LE -> new Range(null, br[1], false);
      case GT, GE -> new Range(br[0], null, false);
      case NE -> null;
    };
  }

  /**
   * Keys {lo, hi} of class {@code cls} with every key equal to {@code v} between them; an empty
   * array if {@code v} is out of the class's range (for numbers: no key equals it, but a range may
   * still hold keys), null if {@code v} does not compare with keys of that class.
   */
  static Object[] bracket(Class<?> cls, Object v) {
    if (cls == Long.class || cls == Integer.class || cls == Short.class || cls == Byte.class) {
      BigDecimal x = exact(v);
      if (x == null) {
        return null;
      }
      long min =
          cls == Long.class
              ? Long.MIN_VALUE
              : cls == Integer.class
                  ? Integer.MIN_VALUE
                  : cls == Short.class ? Short.MIN_VALUE : Byte.MIN_VALUE;
      long max =
          cls == Long.class
              ? Long.MAX_VALUE
              : cls == Integer.class
                  ? Integer.MAX_VALUE
                  : cls == Short.class ? Short.MAX_VALUE : Byte.MAX_VALUE;
      BigInteger lo = x.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
      BigInteger hi = x.setScale(0, RoundingMode.CEILING).toBigIntegerExact();
      if (hi.compareTo(BigInteger.valueOf(min)) < 0 || lo.compareTo(BigInteger.valueOf(max)) > 0) {
        return new Object[0];
      }
      return new Object[] {
        box(cls, Math.max(min, lo.max(BigInteger.valueOf(min)).longValueExact())),
        box(cls, Math.min(max, hi.min(BigInteger.valueOf(max)).longValueExact()))
      };
    }
    if (cls == Double.class || cls == Float.class) {
      if (!(v instanceof Number n)) {
        return null;
      }
      double d = n.doubleValue();
      if (Double.isNaN(d)) {
        return null;
      }
      if (cls == Double.class) {
        return new Object[] {Math.nextDown(d), Math.nextUp(d)};
      }
      float f = (float) d;
      return new Object[] {Math.nextDown(f), Math.nextUp(f)};
    }
    if (cls == String.class) {
      return v instanceof String || v instanceof Character
          ? new Object[] {v.toString(), v.toString()}
          : null;
    }
    return cls.isInstance(v) && (v instanceof Comparable<?> || v instanceof byte[])
        ? new Object[] {v, v}
        : null;
  }

  private static Object box(Class<?> cls, long v) {
    if (cls == Long.class) {
      return v;
    }
    if (cls == Integer.class) {
      return (int) v;
    }
    return cls == Short.class ? (Object) (short) v : (Object) (byte) v;
  }

  /** The exact value of a number, or null for anything else (NaN and infinities included). */
  private static BigDecimal exact(Object v) {
    return switch (v) {
      case Long l -> BigDecimal.valueOf(l);
      case Integer i -> BigDecimal.valueOf(i);
      case Short s -> BigDecimal.valueOf(s);
      case Byte b -> BigDecimal.valueOf(b);
      case BigInteger b -> new BigDecimal(b);
      case BigDecimal b -> b;
      case Double d -> Double.isFinite(d) ? new BigDecimal(d) : null;
      case Float f -> Float.isFinite(f) ? new BigDecimal(f) : null;
      default -> null;
    };
  }
}

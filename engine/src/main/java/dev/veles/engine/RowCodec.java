package dev.veles.engine;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;

/**
 * Validates rows against a schema and encodes them as WAL record data.
 *
 * <p>Record data layout (little-endian): the vector ({@code dimension} float32), a null bitmap of
 * {@code ceil(columns / 8)} bytes (bit set = NULL), then each non-null value in column order:
 * BIGINT/TIMESTAMP 8 bytes, INTEGER/DATE 4, DOUBLE 8, REAL 4, BOOLEAN 1, VARCHAR a u32 byte length
 * and UTF-8. The later types: SMALLINT 2, TINYINT 1, TIME/TIMESTAMP_TZ 8 (microseconds), CHAR as
 * VARCHAR (blank-padded), VARBINARY a u32 length and the bytes, and DECIMAL by its precision: up to
 * {@value ColumnSpec#LONG_DECIMAL_PRECISION} digits the unscaled value as 8 bytes (exact, since
 * {@code 10^18 < 2^63}; fixed width, and most decimal columns, money and measures, are that
 * narrow), wider ones a u16 length and the unscaled value's two's-complement big-endian bytes; the
 * scale is the column's, so it is not repeated per value. Immutable and thread-safe.
 */
final class RowCodec {
  /** The longest VARCHAR value, in code points, for a column declared without a length. */
  static final int MAX_UNBOUNDED_VARCHAR = 1 << 20;

  static final ValueLayout.OfFloat FLOAT_LE =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfLong LONG_LE =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfInt INT_LE =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfShort SHORT_LE =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfDouble DOUBLE_LE =
      ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final String collection;
  private final int dimension;
  private final ColumnSpec[] columns;
  private final int nullBytes;
  private final long maxDataLength;

  RowCodec(String collection, CollectionSchema schema) {
    this.collection = collection;
    this.dimension = schema.dimension();
    this.columns = schema.columns().toArray(new ColumnSpec[0]);
    this.nullBytes = (columns.length + 7) / 8;
    long max = dimension * 4L + nullBytes;
    for (ColumnSpec c : columns) {
      max +=
          switch (c.type()) {
            case VARCHAR, CHAR -> 4 + 4L * maxChars(c);
            case VARBINARY -> 4L + maxBytes(c);
            case DECIMAL -> decimalWidth(c.length());
            default -> c.type().fixedWidth();
          };
    }
    this.maxDataLength = max;
  }

  private static int maxChars(ColumnSpec c) {
    return c.length() > 0 ? c.length() : MAX_UNBOUNDED_VARCHAR;
  }

  private static int maxBytes(ColumnSpec c) {
    return c.length() > 0 ? c.length() : ColumnSpec.MAX_VARBINARY;
  }

  /** The largest encoded width of a DECIMAL of {@code precision} digits. */
  private static int decimalWidth(int precision) {
    // 10^p needs p * log2(10) < 3.33 p bits, plus a sign bit: at most p / 2 + 2 bytes
    return precision <= ColumnSpec.LONG_DECIMAL_PRECISION ? 8 : 2 + precision / 2 + 2;
  }

  /** The largest legal record data length for this schema. */
  long maxDataLength() {
    return maxDataLength;
  }

  /**
   * Checks a row and returns its values normalized to the column types (a new array).
   *
   * @throws IllegalArgumentException naming the row id and the bad value
   */
  Object[] check(Row row) {
    if (row == null) {
      throw new IllegalArgumentException("null row in a batch for " + collection);
    }
    checkVector(row.id(), row.vector());
    return checkValues(row.id(), row.values() == null ? new Object[0] : row.values());
  }

  /**
   * Checks the column values of row {@code id} and returns them normalized (a new array).
   *
   * @throws IllegalArgumentException naming the row id and the bad value
   */
  Object[] checkValues(long id, Object[] in) {
    if (in.length != columns.length) {
      throw new IllegalArgumentException(
          "row "
              + id
              + " of "
              + collection
              + " has "
              + in.length
              + " values, the schema has "
              + columns.length
              + " columns");
    }
    Object[] out = new Object[in.length];
    for (int c = 0; c < in.length; c++) {
      out[c] = normalize(id, columns[c], in[c]);
    }
    return out;
  }

  private void checkVector(long id, float[] v) {
    if (dimension == 0) {
      if (v != null) {
        throw new IllegalArgumentException(
            "row " + id + ": collection " + collection + " has no vector, but one was given");
      }
      return;
    }
    if (v == null || v.length != dimension) {
      throw new IllegalArgumentException(
          "row "
              + id
              + ": vector dimension "
              + (v == null ? "null" : String.valueOf(v.length))
              + " does not match "
              + collection
              + "'s dimension "
              + dimension);
    }
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw new IllegalArgumentException(
            "row " + id + ": vector component " + i + " is " + v[i] + "; only finite values");
      }
    }
  }

  private Object normalize(long id, ColumnSpec c, Object v) {
    if (v == null) {
      if (!c.nullable()) {
        throw new IllegalArgumentException(
            "row " + id + ": column " + c.name() + " is NOT NULL but got NULL");
      }
      return null;
    }
    Object n =
        switch (c.type()) {
          case BIGINT, TIMESTAMP ->
              v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                  ? (Object) ((Number) v).longValue()
                  : null;
          case INTEGER, DATE ->
              v instanceof Integer || v instanceof Short || v instanceof Byte
                  ? (Object) ((Number) v).intValue()
                  : null;
          case DOUBLE ->
              v instanceof Double
                      || v instanceof Float
                      || v instanceof Integer
                      || v instanceof Short
                      || v instanceof Byte
                  ? (Object) ((Number) v).doubleValue()
                  : null;
          case REAL ->
              v instanceof Float || v instanceof Short || v instanceof Byte
                  ? (Object) ((Number) v).floatValue()
                  : null;
          case BOOLEAN -> v instanceof Boolean ? v : null;
          case VARCHAR -> v instanceof String ? v : null;
          case SMALLINT, TINYINT, DECIMAL, CHAR, TIME, TIMESTAMP_TZ, VARBINARY ->
              LaterTypes.normalize(c, v);
        };
    if (n == null) {
      throw new IllegalArgumentException(
          "row "
              + id
              + ": column "
              + c.name()
              + " of type "
              + c.type()
              + " cannot hold a "
              + v.getClass().getSimpleName()
              + " ("
              + v
              + ")");
    }
    if (n instanceof String s && c.type() == ColumnType.VARCHAR) {
      int len = s.codePointCount(0, s.length());
      if (len > maxChars(c)) {
        throw new IllegalArgumentException(
            "row "
                + id
                + ": value of "
                + len
                + " characters is longer than column "
                + c.name()
                + "'s limit "
                + maxChars(c));
      }
    }
    return n;
  }

  /** The encoded size of a row's data. */
  int dataLength(Object[] values) {
    long n = dimension * 4L + nullBytes;
    for (int c = 0; c < columns.length; c++) {
      Object v = values[c];
      if (v != null) {
        n +=
            switch (v) {
              case String s -> 4 + s.getBytes(StandardCharsets.UTF_8).length;
              case byte[] b -> 4 + b.length;
              case BigDecimal d -> LaterTypes.decimalLength(columns[c], d);
              default -> columns[c].type().fixedWidth();
            };
      }
    }
    return Math.toIntExact(n);
  }

  /** Writes a row's data into {@code out} (little-endian order is set here). */
  void encode(ByteBuffer out, float[] vector, Object[] values) {
    out.order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < dimension; i++) {
      out.putFloat(vector[i]);
    }
    encodeColumns(out, values);
  }

  /**
   * The encoded size of a patch: the columns {@code changed} marks take their values from {@code
   * values}; the others are left out (see {@link #encodePatch}).
   */
  int patchLength(BitSet changed, Object[] values) {
    Object[] kept = changedOnly(changed, values);
    return Math.toIntExact(dataLength(kept) - dimension * 4L + nullBytes);
  }

  /**
   * Writes a patch: a bitmap of the changed columns, then the column encoding of a row where only
   * those hold values (no vector). {@link #decodePatch} lays it over the row's current values.
   */
  void encodePatch(ByteBuffer out, BitSet changed, Object[] values) {
    out.order(ByteOrder.LITTLE_ENDIAN);
    int base = out.position();
    for (int i = 0; i < nullBytes; i++) {
      out.put((byte) 0);
    }
    for (int c = changed.nextSetBit(0); c >= 0; c = changed.nextSetBit(c + 1)) {
      out.put(base + c / 8, (byte) (out.get(base + c / 8) | (1 << (c % 8))));
    }
    encodeColumns(out, changedOnly(changed, values));
  }

  /**
   * The values of a row after the patch in {@code data} (see {@link #encodePatch}) is laid over
   * {@code base}, its values before (not modified).
   *
   * @throws IllegalArgumentException if the data does not fit the schema
   */
  Object[] decodePatch(MemorySegment data, Object[] base) {
    if (data.byteSize() < nullBytes) {
      throw new IllegalArgumentException("patch data too short for the schema");
    }
    Object[] patch = decodeColumns(data, nullBytes, data.byteSize());
    Object[] out = base.clone();
    for (int c = 0; c < columns.length; c++) {
      if ((data.get(ValueLayout.JAVA_BYTE, c / 8) & (1 << (c % 8))) != 0) {
        out[c] = patch[c];
      }
    }
    return out;
  }

  private Object[] changedOnly(BitSet changed, Object[] values) {
    Object[] kept = new Object[columns.length];
    for (int c = changed.nextSetBit(0); c >= 0; c = changed.nextSetBit(c + 1)) {
      kept[c] = values[c];
    }
    return kept;
  }

  /** Writes the null bitmap and the non-null values of a row (its data after the vector). */
  private void encodeColumns(ByteBuffer out, Object[] values) {
    int base = out.position();
    for (int i = 0; i < nullBytes; i++) {
      out.put((byte) 0);
    }
    for (int c = 0; c < columns.length; c++) {
      Object v = values[c];
      if (v == null) {
        out.put(base + c / 8, (byte) (out.get(base + c / 8) | (1 << (c % 8))));
        continue;
      }
      switch (v) {
        case Long l -> out.putLong(l);
        case Integer i -> out.putInt(i);
        case Double d -> out.putDouble(d);
        case Float f -> out.putFloat(f);
        case Boolean b -> out.put((byte) (b ? 1 : 0));
        case String s -> {
          byte[] b = s.getBytes(StandardCharsets.UTF_8);
          out.putInt(b.length);
          out.put(b);
        }
        case Short x -> out.putShort(x);
        case Byte x -> out.put(x);
        case byte[] b -> {
          out.putInt(b.length);
          out.put(b);
        }
        case BigDecimal d -> LaterTypes.putDecimal(out, columns[c], d);
        default -> throw new AssertionError(v);
      }
    }
  }

  /**
   * Decodes the column values of record data at {@code [off, off + len)} of {@code seg}; the vector
   * is read by the caller from the first {@code dimension * 4} bytes.
   *
   * @throws IllegalArgumentException if the data does not fit the schema
   */
  Object[] decodeValues(MemorySegment seg, long off, long len) {
    return decodeColumns(seg, off + dimension * 4L, off + len);
  }

  /** Decodes the null bitmap and values written by {@link #encodeColumns} at {@code [p, end)}. */
  private Object[] decodeColumns(MemorySegment seg, long p, long end) {
    long nulls = p;
    p += nullBytes;
    if (p > end) {
      throw new IllegalArgumentException("record data too short for the schema");
    }
    Object[] out = new Object[columns.length];
    for (int c = 0; c < columns.length; c++) {
      if ((seg.get(ValueLayout.JAVA_BYTE, nulls + c / 8) & (1 << (c % 8))) != 0) {
        continue;
      }
      ColumnType t = columns[c].type();
      int w =
          switch (t) {
            case VARCHAR, CHAR, VARBINARY -> 4;
            case DECIMAL -> columns[c].length() <= ColumnSpec.LONG_DECIMAL_PRECISION ? 8 : 2;
            default -> t.fixedWidth();
          };
      if (p + w > end) {
        throw new IllegalArgumentException("record data too short for column " + c);
      }
      switch (t) {
        case BIGINT, TIMESTAMP, TIME, TIMESTAMP_TZ -> out[c] = seg.get(LONG_LE, p);
        case INTEGER, DATE -> out[c] = seg.get(INT_LE, p);
        case DOUBLE -> out[c] = seg.get(DOUBLE_LE, p);
        case REAL -> out[c] = seg.get(FLOAT_LE, p);
        case BOOLEAN -> out[c] = seg.get(ValueLayout.JAVA_BYTE, p) != 0;
        case VARCHAR -> {
          long n = Integer.toUnsignedLong(seg.get(INT_LE, p));
          if (p + 4 + n > end) {
            throw new IllegalArgumentException("VARCHAR length " + n + " past the record end");
          }
          byte[] b = seg.asSlice(p + 4, n).toArray(ValueLayout.JAVA_BYTE);
          out[c] = new String(b, StandardCharsets.UTF_8);
          w = (int) (4 + n);
        }
        case CHAR -> {
          long n = Integer.toUnsignedLong(seg.get(INT_LE, p));
          if (p + 4 + n > end) {
            throw new IllegalArgumentException("CHAR length " + n + " past the record end");
          }
          out[c] = new String(seg.asSlice(p + 4, n).toArray(ValueLayout.JAVA_BYTE), UTF_8);
          w = (int) (4 + n);
        }
        case VARBINARY -> {
          long n = Integer.toUnsignedLong(seg.get(INT_LE, p));
          if (p + 4 + n > end) {
            throw new IllegalArgumentException("VARBINARY length " + n + " past the record end");
          }
          out[c] = seg.asSlice(p + 4, n).toArray(ValueLayout.JAVA_BYTE);
          w = (int) (4 + n);
        }
        case SMALLINT -> out[c] = seg.get(SHORT_LE, p);
        case TINYINT -> out[c] = seg.get(ValueLayout.JAVA_BYTE, p);
        case DECIMAL -> {
          out[c] = LaterTypes.getDecimal(seg, p, end, columns[c]);
          w = LaterTypes.decimalLength(columns[c], (BigDecimal) out[c]);
        }
      }
      p += w;
    }
    if (p != end) {
      throw new IllegalArgumentException("record data has " + (end - p) + " extra bytes");
    }
    return out;
  }

  List<ColumnSpec> columns() {
    return List.of(columns);
  }
}

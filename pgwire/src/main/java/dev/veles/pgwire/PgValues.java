package dev.veles.pgwire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Text and binary encodings of values in PostgreSQL's formats: result columns written from a {@link
 * ResultSet} into a DataRow, and parameter values decoded into the Java objects the embedded
 * statement takes ({@code float[]} for a vector). Stateless.
 */
final class PgValues {
  /** 2000-01-01, PostgreSQL's epoch for binary dates and timestamps, as days since 1970-01-01. */
  private static final long PG_EPOCH_DAY = 10_957;

  private static final long PG_EPOCH_MICROS = PG_EPOCH_DAY * 86_400_000_000L;

  private static final DateTimeFormatter TIMESTAMP_IN =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd")
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendPattern("HH:mm")
          .optionalStart()
          .appendPattern(":ss")
          .optionalEnd()
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:mm", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private PgValues() {}

  /** Writes column {@code col} of the current row (length, then bytes; -1 for NULL). */
  static void write(PgOutput out, ResultSet rs, int col, PgType type, boolean binary)
      throws SQLException {
    switch (type) {
      case INT8 -> {
        long v = rs.getLong(col);
        if (rs.wasNull()) {
          out.int32(-1);
        } else if (binary) {
          out.int32(8).int64(v);
        } else {
          text(out, Long.toString(v));
        }
      }
      case INT4, INT2 -> {
        int v = rs.getInt(col);
        if (rs.wasNull()) {
          out.int32(-1);
        } else if (binary) {
          if (type == PgType.INT2) {
            out.int32(2).int16(v);
          } else {
            out.int32(4).int32(v);
          }
        } else {
          text(out, Integer.toString(v));
        }
      }
      case FLOAT8 -> {
        double v = rs.getDouble(col);
        if (rs.wasNull()) {
          out.int32(-1);
        } else if (binary) {
          out.int32(8).int64(Double.doubleToRawLongBits(v));
        } else {
          text(out, formatDouble(v));
        }
      }
      case FLOAT4 -> {
        float v = rs.getFloat(col);
        if (rs.wasNull()) {
          out.int32(-1);
        } else if (binary) {
          out.int32(4).int32(Float.floatToRawIntBits(v));
        } else {
          text(out, formatFloat(v));
        }
      }
      case BOOL -> {
        boolean v = rs.getBoolean(col);
        if (rs.wasNull()) {
          out.int32(-1);
        } else if (binary) {
          out.int32(1).int8(v ? 1 : 0);
        } else {
          out.int32(1).int8(v ? 't' : 'f');
        }
      }
      case VECTOR -> writeVector(out, rs.getArray(col), binary);
      default -> writeObject(out, rs, col, type, binary);
    }
  }

  /** The text form of column {@code col} (as COPY writes it), or null for NULL. */
  static String text(ResultSet rs, int col, PgType type) throws SQLException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    PgOutput scratch = new PgOutput(bytes);
    write(scratch, rs, col, type, false);
    try {
      scratch.flush();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a byte array does not fail", e);
    }
    byte[] b = bytes.toByteArray();
    int len = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    return len < 0 ? null : new String(b, 4, len, StandardCharsets.UTF_8);
  }

  private static void writeObject(PgOutput out, ResultSet rs, int col, PgType type, boolean binary)
      throws SQLException {
    Object v = rs.getObject(col);
    if (v == null) {
      out.int32(-1);
      return;
    }
    switch (type) {
      case DATE -> {
        LocalDate d = v instanceof java.sql.Date sd ? sd.toLocalDate() : LocalDate.parse(str(v));
        if (binary) {
          out.int32(4).int32((int) (d.toEpochDay() - PG_EPOCH_DAY));
        } else {
          text(out, d.toString());
        }
      }
      case TIMESTAMP, TIMESTAMPTZ -> {
        LocalDateTime t =
            v instanceof Timestamp ts ? ts.toLocalDateTime() : parseTimestamp(str(v)).dateTime;
        if (binary) {
          out.int32(8).int64(micros(t));
        } else {
          text(out, formatTimestamp(t) + (type == PgType.TIMESTAMPTZ ? "+00" : ""));
        }
      }
      case TIME -> {
        LocalTime t = v instanceof java.sql.Time st ? localTime(st) : LocalTime.parse(str(v));
        if (binary) {
          out.int32(8).int64(t.toNanoOfDay() / 1000);
        } else {
          text(out, t.toString());
        }
      }
      case NUMERIC -> {
        BigDecimal d = v instanceof BigDecimal b ? b : new BigDecimal(str(v));
        if (binary) {
          writeNumeric(out, d);
        } else {
          text(out, d.toPlainString());
        }
      }
      case BYTEA -> {
        byte[] b = v instanceof byte[] a ? a : rs.getBytes(col);
        if (binary) {
          out.int32(b.length).bytes(b);
        } else {
          text(out, "\\x" + HexFormat.of().formatHex(b));
        }
      }
      case FLOAT8_ARRAY, INT8_ARRAY, INT4_ARRAY, TEXT_ARRAY -> text(out, arrayText(v));
      default -> {
        byte[] b = str(v).getBytes(StandardCharsets.UTF_8);
        out.int32(b.length).bytes(b);
      }
    }
  }

  /**
   * A {@link java.sql.Time} as a local time with its milliseconds ({@code toLocalTime} drops them).
   */
  @SuppressWarnings("deprecation") // the wall-clock fields are what the driver's Time carries
  private static LocalTime localTime(java.sql.Time t) {
    int millis = (int) Math.floorMod(t.getTime(), 1000L);
    return LocalTime.of(t.getHours(), t.getMinutes(), t.getSeconds(), millis * 1_000_000);
  }

  private static String str(Object v) {
    return v instanceof Array ? arrayText(v) : v.toString();
  }

  private static void text(PgOutput out, String s) {
    int slot = out.lengthSlot();
    out.utf8(s);
    out.patchLength(slot);
  }

  /** PostgreSQL's array text form {@code {a,b}} of a JDBC array (elements unquoted numbers). */
  private static String arrayText(Object v) {
    Object[] items;
    try {
      items = v instanceof Array a ? (Object[]) a.getArray() : new Object[] {v};
    } catch (SQLException e) {
      return v.toString();
    }
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < items.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      Object item = items[i];
      if (item == null) {
        sb.append("NULL");
      } else if (item instanceof Number) {
        sb.append(item instanceof Double d ? formatDouble(d) : item.toString());
      } else {
        sb.append('"')
            .append(item.toString().replace("\\", "\\\\").replace("\"", "\\\""))
            .append('"');
      }
    }
    return sb.append('}').toString();
  }

  private static void writeVector(PgOutput out, Array a, boolean binary) throws SQLException {
    if (a == null) {
      out.int32(-1);
      return;
    }
    Object arr = a.getArray();
    int n = arr instanceof float[] f ? f.length : ((Object[]) arr).length;
    if (binary) {
      out.int32(4 + 4 * n).int16(n).int16(0);
      for (int i = 0; i < n; i++) {
        out.int32(Float.floatToRawIntBits(element(arr, i)));
      }
      return;
    }
    int slot = out.lengthSlot();
    StringBuilder sb = new StringBuilder(n * 8 + 2).append('[');
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(formatFloat(element(arr, i)));
    }
    out.utf8(sb.append(']'));
    out.patchLength(slot);
  }

  private static float element(Object arr, int i) {
    if (arr instanceof float[] f) {
      return f[i];
    }
    Object o = ((Object[]) arr)[i];
    return o == null ? Float.NaN : ((Number) o).floatValue();
  }

  /** PostgreSQL's shortest round-trip text of a float8: {@code 2.5}, {@code 100}, {@code 1e+20}. */
  static String formatDouble(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    return pgNumber(Double.toString(v));
  }

  /** As {@link #formatDouble} for a float4. */
  static String formatFloat(float v) {
    if (Float.isNaN(v)) {
      return "NaN";
    }
    if (Float.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    return pgNumber(Float.toString(v));
  }

  private static String pgNumber(String java) {
    int e = java.indexOf('E');
    String mantissa = e < 0 ? java : java.substring(0, e);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    if (e < 0) {
      return mantissa;
    }
    int exp = Integer.parseInt(java.substring(e + 1));
    return mantissa + (exp < 0 ? "e-" : "e+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
  }

  static String formatTimestamp(LocalDateTime t) {
    String s = t.toLocalDate() + " " + t.toLocalTime().withNano(0);
    if (t.getSecond() == 0 && t.getNano() == 0) {
      s += ":00";
    }
    int micros = t.getNano() / 1000;
    if (micros != 0) {
      String f = String.format(Locale.ROOT, "%06d", micros);
      int end = f.length();
      while (f.charAt(end - 1) == '0') {
        end--;
      }
      s += "." + f.substring(0, end);
    }
    return s;
  }

  private static long micros(LocalDateTime t) {
    long seconds = t.toEpochSecond(ZoneOffset.UTC);
    return seconds * 1_000_000L + t.getNano() / 1000 - PG_EPOCH_MICROS;
  }

  /** PostgreSQL's binary numeric: base-10000 digits with weight, sign and display scale. */
  private static void writeNumeric(PgOutput out, BigDecimal d) {
    int scale = Math.max(d.scale(), 0);
    BigInteger unscaled = d.setScale(scale).unscaledValue().abs();
    // Align the scale to a multiple of 4 so the fraction splits into whole base-10000 digits.
    int aligned = (scale + 3) / 4 * 4;
    String digits = unscaled.multiply(BigInteger.TEN.pow(aligned - scale)).toString();
    int intLen = digits.length() - aligned;
    int pad = intLen <= 0 ? 0 : (4 - intLen % 4) % 4;
    String padded = "0".repeat(pad + Math.max(0, -intLen)) + digits;
    int groups = padded.length() / 4;
    int fracGroups = aligned / 4;
    short[] g = new short[groups];
    for (int i = 0; i < groups; i++) {
      g[i] = Short.parseShort(padded.substring(4 * i, 4 * i + 4));
    }
    int first = 0;
    while (first < groups && g[first] == 0) {
      first++;
    }
    int last = groups - 1;
    while (last >= first && g[last] == 0) {
      last--;
    }
    int n = last - first + 1;
    int weight = (groups - fracGroups) - 1 - first;
    out.int32(8 + 2 * Math.max(n, 0)).int16(Math.max(n, 0)).int16(n <= 0 ? 0 : weight);
    out.int16(d.signum() < 0 ? 0x4000 : 0).int16(scale);
    for (int i = first; i <= last; i++) {
      out.int16(g[i]);
    }
  }

  /** A parsed timestamp: the local date-time and the offset it carried, if any. */
  record ParsedTimestamp(LocalDateTime dateTime, ZoneOffset offset) {}

  static ParsedTimestamp parseTimestamp(String s) {
    var p = TIMESTAMP_IN.parse(s.strip());
    LocalDate date = LocalDate.from(p);
    LocalTime time =
        p.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(p) : LocalTime.MIDNIGHT;
    ZoneOffset off = p.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(p) : null;
    return new ParsedTimestamp(LocalDateTime.of(date, time), off);
  }

  /**
   * A text-format parameter as the object the embedded statement takes for a parameter of JDBC type
   * {@code jdbcType} (from its parameter metadata).
   */
  static Object decodeText(String s, int jdbcType, PgType declared) {
    if (isVector(jdbcType, declared)) {
      return parseVector(s);
    }
    return switch (jdbcType) {
      case Types.BIGINT -> Long.parseLong(s.strip());
      case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> Integer.parseInt(s.strip());
      case Types.DOUBLE, Types.FLOAT -> Double.parseDouble(s.strip());
      case Types.REAL -> Float.parseFloat(s.strip());
      case Types.DECIMAL, Types.NUMERIC -> new BigDecimal(s.strip());
      case Types.BOOLEAN, Types.BIT -> parseBool(s);
      case Types.DATE -> java.sql.Date.valueOf(LocalDate.parse(s.strip().substring(0, 10)));
      case Types.TIME -> java.sql.Time.valueOf(LocalTime.parse(s.strip()));
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> timestamp(parseTimestamp(s));
      default -> s;
    };
  }

  /** Whether a text parameter of these types is a vector's text. */
  static boolean isVector(int jdbcType, PgType declared) {
    return declared == PgType.VECTOR || jdbcType == Types.ARRAY;
  }

  private static Timestamp timestamp(ParsedTimestamp p) {
    LocalDateTime t =
        p.offset == null
            ? p.dateTime
            : OffsetDateTime.of(p.dateTime, p.offset)
                .withOffsetSameInstant(ZoneOffset.UTC)
                .toLocalDateTime();
    return Timestamp.valueOf(t);
  }

  static boolean parseBool(String s) {
    return switch (s.strip().toLowerCase(Locale.ROOT)) {
      case "t", "true", "1", "on", "yes", "y" -> true;
      case "f", "false", "0", "off", "no", "n" -> false;
      default -> throw new IllegalArgumentException("invalid input syntax for type boolean: " + s);
    };
  }

  /** pgvector's text form {@code [1,2,3]}; PostgreSQL's array form {@code {1,2,3}} too. */
  static float[] parseVector(String s) {
    return PgVectorText.parse(s);
  }

  static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  /** A binary-format parameter of the declared type as a Java object. */
  static Object decodeBinary(byte[] b, PgType declared, int jdbcType) {
    ByteBuffer bb = ByteBuffer.wrap(b);
    if (declared == null) {
      throw new IllegalArgumentException(
          "a binary parameter needs its type in Parse (got type 0 or an unknown OID)");
    }
    return switch (declared) {
      case BOOL -> b[0] != 0;
      case INT2 -> (int) bb.getShort();
      case INT4, OID -> bb.getInt();
      case INT8 -> bb.getLong();
      case FLOAT4 -> bb.getFloat();
      case FLOAT8 -> bb.getDouble();
      case TEXT, VARCHAR, BPCHAR, NAME, UNKNOWN ->
          decodeText(new String(b, StandardCharsets.UTF_8), jdbcType, declared);
      case BYTEA -> b;
      case DATE -> java.sql.Date.valueOf(LocalDate.ofEpochDay(bb.getInt() + PG_EPOCH_DAY));
      case TIMESTAMP, TIMESTAMPTZ -> {
        long micros = bb.getLong() + PG_EPOCH_MICROS;
        yield Timestamp.valueOf(
            LocalDateTime.ofEpochSecond(
                Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1000,
                ZoneOffset.UTC));
      }
      case VECTOR -> {
        int dim = bb.getShort() & 0xffff;
        bb.getShort();
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
          v[i] = bb.getFloat();
        }
        yield v;
      }
      case FLOAT4_ARRAY -> floatArray(bb);
      case NUMERIC -> readNumeric(bb);
      case TIME -> {
        LocalTime t = LocalTime.ofNanoOfDay(bb.getLong() * 1000);
        // the wall-clock time as the driver's Time carries it (Time.valueOf drops the fraction)
        yield new java.sql.Time(Timestamp.valueOf(LocalDate.EPOCH.atTime(t)).getTime());
      }
      default ->
          throw new IllegalArgumentException(
              "binary format of type " + declared.typname + " is not supported");
    };
  }

  /**
   * PostgreSQL's binary numeric: digit count, weight, sign and display scale (int16 each), then
   * base-10000 digits, the first one worth {@code 10000^weight}.
   */
  private static BigDecimal readNumeric(ByteBuffer bb) {
    int n = bb.getShort();
    int weight = bb.getShort();
    int sign = bb.getShort() & 0xffff;
    int dscale = bb.getShort();
    if (sign == 0xC000) {
      throw new IllegalArgumentException("NaN is not a value of Veles's DECIMAL");
    }
    BigInteger unscaled = BigInteger.ZERO;
    for (int i = 0; i < n; i++) {
      unscaled =
          unscaled.multiply(BigInteger.valueOf(10_000)).add(BigInteger.valueOf(bb.getShort()));
    }
    // the digits read so far are worth 10000^(weight - n + 1) each
    BigDecimal d = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - n + 1));
    d = d.setScale(Math.max(dscale, 0), java.math.RoundingMode.UNNECESSARY);
    return sign == 0x4000 ? d.negate() : d;
  }

  /** A one-dimensional float4[] in PostgreSQL's binary array format. */
  private static float[] floatArray(ByteBuffer bb) {
    int dims = bb.getInt();
    bb.getInt(); // has-nulls flag
    bb.getInt(); // element OID
    if (dims == 0) {
      return new float[0];
    }
    if (dims != 1) {
      throw new IllegalArgumentException("a vector parameter must be a one-dimensional array");
    }
    int n = bb.getInt();
    bb.getInt(); // lower bound
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      if (bb.getInt() != 4) {
        throw new IllegalArgumentException("a vector parameter must not contain NULL");
      }
      v[i] = bb.getFloat();
    }
    return v;
  }
}

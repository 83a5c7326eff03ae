package dev.veles.pgwire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads pgvector's text form of a vector ({@code [1,2.5,-3e-2]}, also PostgreSQL's array form
 * {@code {1,2,3}}) into a {@code float[]}, as a bound parameter arrives: pgjdbc and pgvector's
 * clients send a query vector as text, so this runs once per query on the element count (784 per
 * query on Fashion-MNIST). It reads the parameter's bytes as they came in the Bind message, in one
 * pass, without a {@code String} or a substring.
 *
 * <p>Each element that is a plain decimal of at most 18 significant digits and a power of ten up to
 * 22 is computed exactly in double arithmetic (Clinger's fast path: both operands exact, one
 * correctly rounded operation), then narrowed to float, which is the correctly rounded float unless
 * the double lands exactly halfway between two floats (then {@link Float#parseFloat} decides, as
 * for every other form: NaN, infinities, long decimals). The JDK's parser takes a multi-precision
 * path for the 8 and 9 digit decimals that {@code Float.toString} prints, and was 34 % of the
 * server's time per k-NN query through pgjdbc (bench/results/pgwire/profile-knn.md). Stateless.
 */
final class PgVectorText {
  private static final double[] POWERS = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POWERS.length; i++) {
      POWERS[i] = p;
      p *= 10;
    }
  }

  /** Significands below this are exact in a double. */
  private static final long EXACT = 1L << 53;

  /** Eight bytes of a {@code byte[]} at once, the first in the lowest byte. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private PgVectorText() {}

  /** The vector of {@code s}; IllegalArgumentException naming the bad element. */
  static float[] parse(String s) {
    return parse(s.getBytes(StandardCharsets.UTF_8));
  }

  /** The vector of the UTF-8 text {@code b}; IllegalArgumentException naming the bad element. */
  static float[] parse(byte[] b) {
    int from = 0;
    int to = b.length;
    while (from < to && blank(b[from])) {
      from++;
    }
    while (to > from && blank(b[to - 1])) {
      to--;
    }
    byte open = to - from >= 2 ? b[from] : 0;
    byte close = to - from >= 2 ? b[to - 1] : 0;
    if (!((open == '[' && close == ']') || (open == '{' && close == '}'))) {
      throw new IllegalArgumentException(
          "invalid input syntax for type vector: \""
              + PgValues.abbreviate(new String(b, StandardCharsets.UTF_8))
              + "\" (expected [1,2,3])");
    }
    from++;
    to--;
    int n = 1;
    boolean empty = true;
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c == ',') {
        n++;
      } else if (!blank(c)) {
        empty = false;
      }
    }
    if (empty && n == 1) {
      return new float[0];
    }
    float[] v = new float[n];
    int start = from;
    for (int k = 0; k < n; k++) {
      int end = start;
      while (end < to && b[end] != ',') {
        end++;
      }
      v[k] = element(b, start, end, k);
      start = end + 1;
    }
    return v;
  }

  private static boolean blank(byte c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  private static float element(byte[] b, int from, int to, int k) {
    while (from < to && blank(b[from])) {
      from++;
    }
    while (to > from && blank(b[to - 1])) {
      to--;
    }
    float f = fast(b, from, to);
    if (!Float.isNaN(f)) {
      return f;
    }
    String text = new String(b, from, to - from, StandardCharsets.UTF_8);
    try {
      return Float.parseFloat(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid input syntax for type vector: element " + (k + 1) + " \"" + text + "\"");
    }
  }

  /**
   * The float of the plain decimal {@code b[from, to)} ({@code -12.5e-3}), or NaN when it is not
   * one this fast path reads exactly (the caller then asks {@link Float#parseFloat}).
   */
  static float fast(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    long m = 0;
    int start = i;
    for (; i < to && digit(b[i]); i++) {
      m = m * 10 + (b[i] - '0');
    }
    int digits = i - start;
    int scale = 0; // digits after the point
    if (i < to && b[i] == '.') {
      int point = ++i;
      // the 8-9 fraction digits of Float.toString's output, eight at a time
      while (i + 8 <= to) {
        long word = (long) LONGS.get(b, i);
        if (!eightDigits(word)) {
          break;
        }
        m = m * 100_000_000L + eightDigitsValue(word);
        i += 8;
        if (digits + (i - point) > 18) {
          return Float.NaN; // m may have wrapped: the slow path's
        }
      }
      for (; i < to && digit(b[i]); i++) {
        m = m * 10 + (b[i] - '0');
      }
      scale = i - point;
      digits += scale;
    }
    if (digits == 0 || digits > 18) {
      return Float.NaN; // no digit, or more than a long holds exactly
    }
    int exp = 0;
    if (i < to) {
      if ((b[i] | 0x20) != 'e' || ++i >= to) {
        return Float.NaN;
      }
      boolean negExp = false;
      if (b[i] == '-' || b[i] == '+') {
        negExp = b[i] == '-';
        if (++i >= to) {
          return Float.NaN;
        }
      }
      if (to - i > 4) {
        return Float.NaN;
      }
      for (; i < to; i++) {
        if (!digit(b[i])) {
          return Float.NaN;
        }
        exp = exp * 10 + (b[i] - '0');
      }
      exp = negExp ? -exp : exp;
    }
    if (m == 0) {
      return negative ? -0f : 0f;
    }
    int e10 = exp - scale;
    if (m >= EXACT || e10 < -22 || e10 > 22) {
      return Float.NaN;
    }
    double d = e10 < 0 ? m / POWERS[-e10] : m * POWERS[e10];
    float f = (float) d;
    if (f == 0 || Float.isInfinite(f) || Math.abs(f) < Float.MIN_NORMAL) {
      return Float.NaN; // underflow, overflow and subnormals: the slow path's
    }
    if (f != d) {
      double other = d > f ? Math.nextUp(f) : Math.nextDown(f);
      if (d - f == other - d) {
        return Float.NaN; // exactly halfway in double: the decimal itself may not be
      }
    }
    return negative ? -f : f;
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }

  /** Whether each of the eight bytes of {@code word} is an ASCII digit. */
  static boolean eightDigits(long word) {
    // every byte's high nibble is 3, and adding 6 to it keeps it 3 (its low nibble is at most 9)
    return ((word & 0xF0F0F0F0F0F0F0F0L)
            | (((word + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4))
        == 0x3333333333333333L;
  }

  /**
   * The value of eight ASCII digits read little-endian (the first digit in the lowest byte): pairs,
   * then quads, then the whole, each step one multiply across the lanes.
   */
  static long eightDigitsValue(long word) {
    long v = word - 0x3030303030303030L;
    v = v * 10 + (v >>> 8); // each 16-bit lane's low byte: two digits
    long pairs02 = v & 0x000000FF000000FFL; // digits 1-2 and 5-6
    long pairs13 = (v >>> 16) & 0x000000FF000000FFL; // digits 3-4 and 7-8
    return (pairs02 * (100 + (1_000_000L << 32)) + pairs13 * (1 + (10_000L << 32))) >>> 32;
  }
}

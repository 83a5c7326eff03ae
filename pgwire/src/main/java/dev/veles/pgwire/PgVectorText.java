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

  /** 10 to the power of 0 to 8. */
  private static final long[] TENS = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };

  /** Eight ASCII zeros. */
  private static final long ZEROS = 0x3030303030303030L;

  /** Significands below this are exact in a double. */
  private static final long EXACT = 1L << 53;

  /** Eight bytes of a {@code byte[]} at once, the first in the lowest byte. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private PgVectorText() {}

  /** The vector of {@code s}; IllegalArgumentException naming the bad element. */
  static float[] parse(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return parse(b, 0, b.length, null);
  }

  /**
   * The length of the scratch array that {@link #parse(byte[], int, int, int[])} needs for a text
   * of {@code len} bytes: room for the commas of any valid vector of that length (at most one per
   * two bytes) and one word's worth more.
   */
  static int scratchLength(int len) {
    return len / 2 + 10;
  }

  /**
   * The vector of the UTF-8 text {@code b[off, off + len)}, which may be a part of a larger buffer
   * (a Bind message's); IllegalArgumentException naming the bad element. {@code scratch}, when not
   * null and at least {@link #scratchLength} long, holds the commas' positions (the caller reuses
   * it from one vector to the next; what it holds does not matter), otherwise an array is
   * allocated.
   */
  static float[] parse(byte[] b, int off, int len, int[] scratch) {
    int from = off;
    int to = off + len;
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
              + PgValues.abbreviate(new String(b, off, len, StandardCharsets.UTF_8))
              + "\" (expected [1,2,3])");
    }
    from++;
    to--; // b[to] is the closing bracket: every run of digits stops there
    if (blankRange(b, from, to)) {
      return new float[0];
    }
    // Where each element ends (its comma; the last one's, the closing bracket), found first, so
    // that reading one element does not wait for the end of the one before it. Only a text with
    // empty elements (adjacent commas) has more commas than the scratch holds: it is counted
    // first, and fails below.
    int cap = scratchLength(to - from);
    int[] ends = scratch != null && scratch.length >= cap ? scratch : new int[cap];
    int n = commaPositions(b, from, to, ends) + 1;
    if (n == 0) {
      ends = new int[commas(b, from, to) + 10];
      n = commaPositions(b, from, to, ends) + 1;
    }
    ends[n - 1] = to;
    float[] v = new float[n];
    int start = from;
    for (int k = 0; k < n; k++) {
      int end = ends[k];
      // The usual element, a decimal after at most one blank (Arrays.toString's ", "), is read
      // here, where C2 inlines it into the loop; element() takes the rest.
      int i = b[start] == ' ' ? start + 1 : start;
      long r = usual(b, i, end);
      v[k] =
          r >= 0 && (int) (r >>> 32) == end
              ? Float.intBitsToFloat((int) r)
              : element(b, start, end, k);
      start = end + 1;
    }
    return v;
  }

  /** The element in {@code b[from, to)}, blanks around it allowed. */
  private static float element(byte[] b, int from, int to, int k) {
    int i = from;
    while (i < to && blank(b[i])) {
      i++;
    }
    int end = to;
    while (end > i && blank(b[end - 1])) {
      end--;
    }
    long r = decimal(b, i, end);
    if (r >= 0 && (int) (r >>> 32) == end) {
      return Float.intBitsToFloat((int) r);
    }
    return slow(b, i, end, k);
  }

  private static boolean blank(byte c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  private static boolean blankRange(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!blank(b[i])) {
        return false;
      }
    }
    return true;
  }

  /** The number of commas in {@code b[from, to)}, eight bytes at a time. */
  private static int commas(byte[] b, int from, int to) {
    int n = 0;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      n += Long.bitCount(commaBits((long) LONGS.get(b, i)));
    }
    for (; i < to; i++) {
      if (b[i] == ',') {
        n++;
      }
    }
    return n;
  }

  /**
   * Writes the index of every comma in {@code b[from, to)} to {@code at}, in order, and returns
   * their number, or -1 when {@code at} (less its last 9 slots) fills up first.
   *
   * <p>A word of a vector's text holds at most one comma but for very short elements, and its first
   * comma is written whether or not there is one (past the last when there is none): a loop over
   * each word's commas mispredicted its exit on most words (a fifth of the whole parse).
   */
  private static int commaPositions(byte[] b, int from, int to, int[] at) {
    int n = 0;
    int limit = at.length - 9; // a word adds at most 8 and the caller writes one more
    int i = from;
    for (; i + 8 <= to; i += 8) {
      if (n > limit) {
        return -1;
      }
      long bits = commaBits((long) LONGS.get(b, i));
      at[n] = i + (Long.numberOfTrailingZeros(bits) >>> 3);
      int c = Long.bitCount(bits);
      if (c > 1) {
        for (bits &= bits - 1; bits != 0; bits &= bits - 1) {
          at[++n] = i + (Long.numberOfTrailingZeros(bits) >>> 3);
        }
        n++;
      } else {
        n += c;
      }
    }
    if (n > limit) {
      return -1;
    }
    for (; i < to; i++) {
      if (b[i] == ',') {
        at[n++] = i;
      }
    }
    return n;
  }

  /** The high bit of each byte of {@code word} that is a comma, and no other bit. */
  private static long commaBits(long word) {
    long x = word ^ 0x2C2C2C2C2C2C2C2CL; // a comma becomes a zero byte
    // the high bit of each byte that is zero (no carry crosses a byte)
    return ~(((x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | x | 0x7F7F7F7F7F7F7F7FL);
  }

  /** An element off the fast path: {@link Float#parseFloat} of its trimmed text, or the error. */
  private static float slow(byte[] b, int from, int to, int k) {
    while (to > from && blank(b[to - 1])) {
      to--;
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
   * The plain decimal ({@code -12.5e-3}) that starts at {@code b[i]} and ends before {@code to} or
   * at the first byte that cannot continue it: {@code (end << 32) | floatBits}, or -1 when it is
   * not one this fast path reads exactly (the caller then asks {@link Float#parseFloat}).
   *
   * <p>The usual shape, at most 7 integer digits and 15 fraction digits with 32 bytes of the buffer
   * left, is read without a loop: the digits of each 8-byte word are counted and valued at once, so
   * that the varying digit counts of {@code Float.toString}'s output cost no mispredicted branches.
   * Anything else takes {@link #decimalLoop}.
   */
  private static long decimal(byte[] b, int i, int to) {
    if (i + 32 > b.length) {
      return decimalLoop(b, i, to);
    }
    int start = i;
    // The sign without a branch: half a vector's elements are negative, so a branch here would
    // mispredict on every other one (12 % of the parse).
    int sign = b[i] & 0xFF;
    int negative = ((sign ^ '-') - 1) >>> 31;
    i += negative | (((sign ^ '+') - 1) >>> 31);
    long w0 = (long) LONGS.get(b, i);
    int r0 = digitRun(w0);
    if (r0 == 8) {
      return decimalLoop(b, start, to);
    }
    i += r0;
    long m = runValue(w0, r0);
    int scale = 0;
    if (b[i] == '.') {
      long w1 = (long) LONGS.get(b, i + 1);
      long w2 = (long) LONGS.get(b, i + 9);
      int r1 = digitRun(w1);
      int r2 = digitRun(w2) & -(r1 >>> 3); // the second word counts only after eight digits
      if (r2 == 8) {
        return decimalLoop(b, start, to);
      }
      m = (m * TENS[r1] + runValue(w1, r1)) * TENS[r2] + runValue(w2, r2);
      scale = r1 + r2;
      i += 1 + scale;
    }
    if (i > to) {
      return -1;
    }
    if (i < to && (b[i] | 0x20) == 'e') {
      return decimalLoop(b, start, to); // exponents are rare in Float.toString's output
    }
    return plain(i, negative, m, r0 + scale, scale);
  }

  /** Eight ASCII points. */
  private static final long POINTS = 0x2E2E2E2E2E2E2E2EL;

  /**
   * The element that starts at {@code b[i]} and ends at {@code end}, as {@link #decimal} returns
   * it: this reads the usual one, an optional sign, then 2 to 15 digits with one point among the
   * first 8 bytes ({@code 0.035714287}), from two 8-byte words at once: the point's byte is taken
   * out of them and the 15 digits left valued as two runs. Anything else goes to {@link #decimal}.
   */
  private static long usual(byte[] b, int i, int end) {
    if (i + 17 > b.length) {
      return decimal(b, i, end);
    }
    int sign = b[i] & 0xFF;
    int negative = ((sign ^ '-') - 1) >>> 31;
    int at = i + (negative | (((sign ^ '+') - 1) >>> 31));
    int len = end - at;
    long lo = (long) LONGS.get(b, at);
    long hi = (long) LONGS.get(b, at + 8);
    long x = lo ^ POINTS; // a point becomes a zero byte
    long point = ~(((x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | x | 0x7F7F7F7F7F7F7F7FL);
    if (point == 0 || len > 16) {
      return decimal(b, i, end);
    }
    int p = Long.numberOfTrailingZeros(point) >>> 3; // the first point's index, 0 to 7
    long before = (1L << (8 * p)) - 1; // the bytes before it
    // the 15 bytes after the point's removal: eight in d0, seven in d1
    long d0 = (lo & before) | (((lo >>> 8) | (hi << 56)) & ~before);
    long d1 = hi >>> 8;
    int digits = len - 1;
    int first = Math.min(digits, 8);
    int second = digits - first;
    // a digit on both sides of the point, and nothing but digits up to the end (so a second
    // point, an exponent or a blank before the comma go to decimal())
    if (p == 0 || p >= digits || digitRun(d0) < first || digitRun(d1) < second) {
      return decimal(b, i, end);
    }
    return plain(
        end,
        negative,
        runValue(d0, first) * TENS[second] + runValue(d1, second),
        digits,
        digits - p);
  }

  /**
   * {@link #finish} without an exponent, small enough for C2 to inline into the parse loop: the
   * decimal {@code m / 10^scale} of {@code digits} digits, negated when {@code negative} is 1.
   */
  private static long plain(int i, int negative, long m, int digits, int scale) {
    if (digits == 0 || digits > 18 || m >= EXACT) {
      return -1;
    }
    int bits = 0;
    if (m != 0) {
      double d = m / POWERS[scale];
      float f = (float) d;
      // Underflow and subnormals, and a double halfway between two floats: see finish()
      if (f < Float.MIN_NORMAL || (Double.doubleToRawLongBits(d) & 0x1FFF_FFFFL) == 0x1000_0000L) {
        return -1;
      }
      bits = Float.floatToRawIntBits(f);
    }
    return ((long) i << 32) | ((bits | (negative << 31)) & 0xFFFF_FFFFL);
  }

  /** {@link #decimal} one digit at a time, for any length and near the buffer's end. */
  private static long decimalLoop(byte[] b, int i, int to) {
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    long m = 0;
    int digits = 0;
    for (; i < to && digit(b[i]); i++, digits++) {
      if (digits < 19) {
        m = m * 10 + (b[i] - '0');
      }
    }
    int scale = 0; // digits after the point
    if (i < to && b[i] == '.') {
      int point = ++i;
      for (; i < to && digit(b[i]); i++) {
        if (digits + (i - point) < 19) {
          m = m * 10 + (b[i] - '0');
        }
      }
      scale = i - point;
      digits += scale;
    }
    return finish(b, i, to, negative, m, digits, scale);
  }

  /**
   * The end of a decimal whose significand {@code m} of {@code digits} digits ({@code scale} of
   * them after the point) is read and whose exponent, if any, starts at {@code b[i]}.
   */
  private static long finish(
      byte[] b, int i, int to, boolean negative, long m, int digits, int scale) {
    if (digits == 0 || digits > 18) {
      return -1; // no digit, or more than a long holds exactly
    }
    int exp = 0;
    if (i < to && (b[i] | 0x20) == 'e') {
      if (++i >= to) {
        return -1;
      }
      boolean negExp = false;
      if (b[i] == '-' || b[i] == '+') {
        negExp = b[i] == '-';
        if (++i >= to) {
          return -1;
        }
      }
      int expStart = i;
      for (; i < to && digit(b[i]); i++) {
        exp = exp * 10 + (b[i] - '0');
        if (i - expStart >= 4) {
          return -1;
        }
      }
      if (i == expStart) {
        return -1;
      }
      exp = negExp ? -exp : exp;
    }
    float f;
    if (m == 0) {
      f = 0f;
    } else {
      int e10 = exp - scale;
      if (m >= EXACT || e10 < -22 || e10 > 22) {
        return -1;
      }
      double d = e10 < 0 ? m / POWERS[-e10] : m * POWERS[e10];
      f = (float) d;
      if (f == 0 || Float.isInfinite(f) || f < Float.MIN_NORMAL) {
        return -1; // underflow, overflow and subnormals: the slow path's
      }
      // A double exactly halfway between two normal floats has its 29 bits below the float's
      // precision at 1000...0; the decimal itself may then lie on either side: the slow path's.
      if ((Double.doubleToRawLongBits(d) & 0x1FFF_FFFFL) == 0x1000_0000L) {
        return -1;
      }
    }
    return ((long) i << 32) | (Float.floatToRawIntBits(negative ? -f : f) & 0xFFFF_FFFFL);
  }

  /** How many ASCII digits start {@code word} (its first byte the lowest), 0 to 8. */
  private static int digitRun(long word) {
    long x = word ^ 0x3030303030303030L; // a digit becomes 0..9
    // the high bit of each byte that was not a digit: 10..127 reach it by adding 0x76, 128..255
    // have it (masked before the add, so no carry crosses a byte)
    long other = (((x & 0x7F7F7F7F7F7F7F7FL) + 0x7676767676767676L) | x) & 0x8080808080808080L;
    return Long.numberOfTrailingZeros(other) >>> 3;
  }

  /** The value of the first {@code run} (0 to 8) digits of {@code word}. */
  private static long runValue(long word, int run) {
    // the run's digits to the top bytes, zero digits below them: the same number
    // (two shifts: a shift by 64 would be none)
    long digits = ((word << (32 - 4 * run)) << (32 - 4 * run)) | (ZEROS >>> (8 * run));
    return eightDigitsValue(digits);
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
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

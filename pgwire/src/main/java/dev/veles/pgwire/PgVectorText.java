package dev.veles.pgwire;

/**
 * Reads pgvector's text form of a vector ({@code [1,2.5,-3e-2]}, also PostgreSQL's array form
 * {@code {1,2,3}}) into a {@code float[]}, as a bound parameter arrives: pgjdbc and pgvector's
 * clients send a query vector as text, so this runs once per query on the element count (784 per
 * query on Fashion-MNIST).
 *
 * <p>Each element is read without a substring: a plain decimal of at most 19 significant digits and
 * a power of ten up to 22 is computed exactly in double arithmetic (Clinger's fast path: both
 * operands exact, one correctly rounded operation), then narrowed to float, which is the correctly
 * rounded float unless the double lands exactly halfway between two floats (then {@link
 * Float#parseFloat} decides, as for every other form). The JDK's parser takes a multi-precision
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

  private PgVectorText() {}

  /** The vector of {@code s}; IllegalArgumentException naming the bad element. */
  static float[] parse(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && Character.isWhitespace(s.charAt(from))) {
      from++;
    }
    while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
      to--;
    }
    char open = to - from >= 2 ? s.charAt(from) : 0;
    char close = to - from >= 2 ? s.charAt(to - 1) : 0;
    if (!((open == '[' && close == ']') || (open == '{' && close == '}'))) {
      throw new IllegalArgumentException(
          "invalid input syntax for type vector: \""
              + PgValues.abbreviate(s)
              + "\" (expected [1,2,3])");
    }
    from++;
    to--;
    if (s.substring(from, to).isBlank()) {
      return new float[0];
    }
    int n = 1;
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == ',') {
        n++;
      }
    }
    float[] v = new float[n];
    int start = from;
    for (int k = 0; k < n; k++) {
      int end = s.indexOf(',', start);
      if (end < 0 || end > to) {
        end = to;
      }
      v[k] = element(s, start, end, k);
      start = end + 1;
    }
    return v;
  }

  private static float element(String s, int from, int to, int k) {
    while (from < to && Character.isWhitespace(s.charAt(from))) {
      from++;
    }
    while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
      to--;
    }
    float f = fast(s, from, to);
    if (!Float.isNaN(f)) {
      return f;
    }
    try {
      return Float.parseFloat(s.substring(from, to));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid input syntax for type vector: element "
              + (k + 1)
              + " \""
              + s.substring(from, to)
              + "\"");
    }
  }

  /**
   * The float of the plain decimal {@code s[from, to)} ({@code -12.5e-3}), or NaN when it is not
   * one this fast path reads exactly (the caller then asks {@link Float#parseFloat}).
   */
  static float fast(String s, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    long m = 0;
    int digits = 0;
    int scale = 0; // digits after the point
    boolean point = false;
    boolean any = false;
    for (; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        any = true;
        if (m == 0 && c == '0') {
          if (point) {
            scale++;
          }
          continue; // a leading zero is no significant digit
        }
        if (++digits > 18) {
          return Float.NaN;
        }
        m = m * 10 + (c - '0');
        if (point) {
          scale++;
        }
      } else if (c == '.' && !point) {
        point = true;
      } else {
        break;
      }
    }
    if (!any) {
      return Float.NaN;
    }
    int exp = 0;
    if (i < to) {
      char c = s.charAt(i);
      if (c != 'e' && c != 'E' || ++i >= to) {
        return Float.NaN;
      }
      boolean negExp = false;
      if (s.charAt(i) == '-' || s.charAt(i) == '+') {
        negExp = s.charAt(i) == '-';
        if (++i >= to) {
          return Float.NaN;
        }
      }
      for (; i < to; i++) {
        c = s.charAt(i);
        if (c < '0' || c > '9' || exp > 1000) {
          return Float.NaN;
        }
        exp = exp * 10 + (c - '0');
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
}

package dev.veles.pgwire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vector text reader agrees with {@link Float#parseFloat} bit for bit. */
class PgVectorTextTest {
  @Test
  void everyElementIsTheFloatParseFloatReads() {
    long seed = System.nanoTime();
    System.out.println("seed " + seed);
    Random r = new Random(seed);
    for (int round = 0; round < 200; round++) {
      float[] v = new float[512];
      for (int i = 0; i < v.length; i++) {
        v[i] =
            switch (i % 4) {
              case 0 -> (float) r.nextGaussian() * 0.05f; // an embedding's components
              case 1 -> Float.intBitsToFloat(r.nextInt()); // any bit pattern, NaN included
              case 2 -> r.nextInt(2000) - 1000; // integers
              default -> (float) ((r.nextInt(2_000_001) - 1_000_000) / 1e4); // short decimals
            };
      }
      String text = Arrays.toString(v);
      float[] got = PgVectorText.parse(text);
      for (int i = 0; i < v.length; i++) {
        String element = Float.toString(v[i]);
        assertEquals(
            Float.floatToIntBits(Float.parseFloat(element)),
            Float.floatToIntBits(got[i]),
            () -> "seed " + seed + ": " + element);
      }
    }
    // decimals a client may print with more digits than Float.toString does
    for (int i = 0; i < 100_000; i++) {
      String d = Double.toString(r.nextGaussian() * Math.pow(10, r.nextInt(20) - 10));
      assertEquals(
          Float.floatToIntBits(Float.parseFloat(d)),
          Float.floatToIntBits(PgVectorText.parse("[" + d + "]")[0]),
          () -> "seed " + seed + ": " + d);
    }
  }

  @Test
  void whateverDecimalsAClientPrintsAreReadAsFloatParseFloatReadsThem() {
    long seed = System.nanoTime();
    System.out.println("seed " + seed);
    Random r = new Random(seed);
    int[] scratch = new int[PgVectorText.scratchLength(64)]; // grown below, as a session does
    for (int round = 0; round < 20_000; round++) {
      int n = 1 + r.nextInt(24);
      String[] elements = new String[n];
      StringBuilder text = new StringBuilder("[");
      for (int i = 0; i < n; i++) {
        float f =
            switch (r.nextInt(5)) {
              case 0 -> (float) r.nextGaussian() * 1e-5f;
              case 1 -> (float) (r.nextGaussian() * Math.pow(10, r.nextInt(16) - 8));
              case 2 -> r.nextInt(200) - 100;
              case 3 -> Float.intBitsToFloat(r.nextInt() & 0x7F7F_FFFF); // finite
              default -> (float) r.nextGaussian() / 28;
            };
        // psycopg, node-postgres and hand-written SQL print with fixed or general formats too
        String e =
            switch (r.nextInt(6)) {
              case 0 -> String.format(Locale.ROOT, "%." + r.nextInt(14) + "f", f);
              case 1 -> String.format(Locale.ROOT, "%." + (1 + r.nextInt(17)) + "g", f);
              case 2 -> Double.toString(f);
              default -> Float.toString(f);
            };
        elements[i] = e;
        text.append(i == 0 ? "" : r.nextBoolean() ? "," : ", ").append(e);
      }
      text.append(']');
      byte[] b = (text + " ".repeat(r.nextInt(24))).getBytes(UTF_8);
      if (scratch.length < PgVectorText.scratchLength(text.length())) {
        scratch = new int[PgVectorText.scratchLength(text.length())];
      }
      float[] got = PgVectorText.parse(b, 0, text.length(), scratch);
      assertEquals(n, got.length, () -> "seed " + seed + ": " + text);
      for (int i = 0; i < n; i++) {
        String e = elements[i];
        assertEquals(
            Float.floatToIntBits(Float.parseFloat(e)),
            Float.floatToIntBits(got[i]),
            () -> "seed " + seed + ": " + e + " in " + text);
      }
    }
  }

  @Test
  void pointsAndCommasOfNeighbouringElementsDoNotCount() {
    // each element short enough that the next one's point or comma is within its 16 bytes
    assertArrayEquals(
        new float[] {5f, 0.3f, 12f, 3.5f, 7f, 0.25f},
        PgVectorText.parse("[5, 0.3,12,3.5, 7,0.25]"));
    assertArrayEquals(new float[] {0.5f, 5f, -0.5f, 0.5f}, PgVectorText.parse("[.5,5.,-.5,+.5]"));
    // 15 digits in 16 bytes, then more than either word holds, then a point beyond the first word
    assertArrayEquals(
        new float[] {1234567.12345678f, 0.12345678901234567f, 12345678.1234567f, 1.25f},
        PgVectorText.parse("[1234567.12345678,0.12345678901234567,12345678.1234567,1.25]"));
    // a second point, an exponent, a blank before the comma
    assertThrows(IllegalArgumentException.class, () -> PgVectorText.parse("[1.2.3,4]"));
    assertArrayEquals(new float[] {1.5e-7f, 2f}, PgVectorText.parse("[1.5e-7 ,2]"));
  }

  @Test
  void emptyElementsFailWithTheElementWhateverTheScratch() {
    String commas = "[" + ",".repeat(100) + "]";
    int[] small = new int[PgVectorText.scratchLength(commas.length() - 2)];
    byte[] b = commas.getBytes(UTF_8);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> PgVectorText.parse(b, 0, b.length, small));
    assertEquals("invalid input syntax for type vector: element 1 \"\"", e.getMessage());
    byte[] one = "[1,,3]".getBytes(UTF_8);
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PgVectorText.parse(one, 0, one.length, new int[PgVectorText.scratchLength(4)]));
    assertEquals("invalid input syntax for type vector: element 2 \"\"", e.getMessage());
  }

  @Test
  void aVectorInsideALargerBufferEndsAtItsBracket() {
    // as in a Bind message: digits and another value follow the vector's bytes
    byte[] b = "xx[1.5, -2,0.125]1234567890123456789012345678901234567890".getBytes(UTF_8);
    assertArrayEquals(new float[] {1.5f, -2f, 0.125f}, PgVectorText.parse(b, 2, 15, null));
    // every element long enough to take both the word-at-a-time reading and the loop
    String text = "[0.035714287, -1.2345678E-4, 12345678.5, 0.1234567890123, 7, -0.0]";
    byte[] padded = (text + "9".repeat(40)).getBytes(UTF_8);
    float[] want = {0.035714287f, -1.2345678E-4f, 12345678.5f, 0.1234567890123f, 7f, -0f};
    assertArrayEquals(want, PgVectorText.parse(padded, 0, text.length(), new int[64]));
    // a scratch too short for the text (the session keeps none for very long vectors)
    assertArrayEquals(want, PgVectorText.parse(padded, 0, text.length(), new int[1]));
    assertArrayEquals(want, PgVectorText.parse(text));
  }

  @Test
  void formsAndErrors() {
    assertArrayEquals(
        new float[] {1f, -2.5f, 0.03f, 100f, -0f, 1.5f},
        PgVectorText.parse(" [1, -2.5 ,3e-2,1E2, -0.0,+1.50] "));
    assertArrayEquals(new float[] {1f, 2f}, PgVectorText.parse("{1,2}"));
    assertArrayEquals(new float[0], PgVectorText.parse("[ ]"));
    assertArrayEquals(
        new float[] {Float.NaN, Float.POSITIVE_INFINITY, 1e-45f, 3.4028235e38f},
        PgVectorText.parse("[NaN,Infinity,1.4e-45,3.4028235e38]"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PgVectorText.parse("[1,x,3]"));
    assertEquals("invalid input syntax for type vector: element 2 \"x\"", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PgVectorText.parse("[1,,3]"));
    assertThrows(IllegalArgumentException.class, () -> PgVectorText.parse("1,2"));
    assertThrows(IllegalArgumentException.class, () -> PgVectorText.parse("[1e,2]"));
  }
}

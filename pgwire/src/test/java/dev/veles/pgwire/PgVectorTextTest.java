package dev.veles.pgwire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
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
  void aVectorInsideALargerBufferEndsAtItsBracket() {
    // as in a Bind message: digits and another value follow the vector's bytes
    byte[] b = "xx[1.5, -2,0.125]1234567890123456789012345678901234567890".getBytes(UTF_8);
    assertArrayEquals(new float[] {1.5f, -2f, 0.125f}, PgVectorText.parse(b, 2, 15));
    // every element long enough to take both the word-at-a-time reading and the loop
    String text = "[0.035714287, -1.2345678E-4, 12345678.5, 0.1234567890123, 7, -0.0]";
    byte[] padded = (text + "9".repeat(40)).getBytes(UTF_8);
    float[] want = {0.035714287f, -1.2345678E-4f, 12345678.5f, 0.1234567890123f, 7f, -0f};
    assertArrayEquals(want, PgVectorText.parse(padded, 0, text.length()));
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

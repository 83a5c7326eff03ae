package dev.veles.pgwire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Time to read one query vector's text, as pgjdbc's {@code setString(Arrays.toString(q))} sends it:
 * 256 unit vectors of 784 Gaussian components, each inside a larger buffer as in a Bind message,
 * parsed round after round; prints microseconds per vector for each round (the last ones are the
 * steady state). Not a test: run it by hand, old and new builds alternated, several JVMs each (the
 * JIT's outcome varies between JVMs).
 *
 * <pre>
 * mvn -B -q -o test-compile -pl pgwire -am
 * java -cp pgwire/target/classes:pgwire/target/test-classes dev.veles.pgwire.PgVectorTextBench
 * </pre>
 */
public final class PgVectorTextBench {
  private PgVectorTextBench() {}

  public static void main(String[] args) {
    int dim = args.length > 0 ? Integer.parseInt(args[0]) : 784;
    int vectors = 256;
    Random r = new Random(7);
    byte[][] buffers = new byte[vectors][];
    int[] lengths = new int[vectors];
    for (int q = 0; q < vectors; q++) {
      float[] v = new float[dim];
      double norm = 0;
      for (int i = 0; i < dim; i++) {
        v[i] = (float) r.nextGaussian();
        norm += v[i] * v[i];
      }
      for (int i = 0; i < dim; i++) {
        v[i] /= (float) Math.sqrt(norm);
      }
      byte[] text = Arrays.toString(v).getBytes(StandardCharsets.UTF_8);
      lengths[q] = text.length;
      buffers[q] = Arrays.copyOf(text, text.length + 64); // more of the message after it
    }
    long sink = 0;
    int[] scratch = new int[0];
    for (int length : lengths) {
      scratch = new int[Math.max(scratch.length, PgVectorText.scratchLength(length))];
    }
    int reps = 20_000;
    for (int round = 1; round <= 12; round++) {
      long t0 = System.nanoTime();
      for (int k = 0; k < reps; k++) {
        int q = k % vectors;
        float[] v = PgVectorText.parse(buffers[q], 0, lengths[q], scratch);
        sink += Float.floatToRawIntBits(v[k % dim]);
      }
      long ns = System.nanoTime() - t0;
      System.out.printf(
          Locale.ROOT,
          "round %2d: %.2f µs per vector, %.1f ns per element%n",
          round,
          ns / 1e3 / reps,
          ns / (double) reps / dim);
    }
    System.out.println("(checksum " + sink + ")");
  }
}

package dev.veles.jdbc.remote;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The packed wire form of a vector parameter: its components as little-endian IEEE 754 floats, 4
 * bytes each, sent as one binary value. Avatica's protobuf client otherwise sends an array as one
 * message per component (128 messages for a 128-dimensional query), which dominates the cost of a
 * remote k-NN request.
 *
 * <p>Stateless and thread-safe.
 */
public final class VectorWire {
  private VectorWire() {}

  /** Packs {@code v}; the inverse of {@link #unpack}. */
  public static byte[] pack(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return b.array();
  }

  /**
   * Whether {@code packed} starts with gzip's magic number (1f 8b), which Avatica's Base64 decoder
   * takes as a request to gunzip the value.
   */
  public static boolean startsLikeGzip(byte[] packed) {
    return packed.length >= 2 && packed[0] == 0x1f && packed[1] == (byte) 0x8b;
  }

  /**
   * Unpacks a packed vector.
   *
   * @throws IllegalArgumentException if the length is not a multiple of 4
   */
  public static float[] unpack(byte[] bytes) {
    if (bytes.length % Float.BYTES != 0) {
      throw new IllegalArgumentException(
          "a packed vector has 4 bytes per component; got " + bytes.length + " bytes");
    }
    float[] v = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    return v;
  }
}

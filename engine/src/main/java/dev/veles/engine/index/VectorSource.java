package dev.veles.engine.index;

import java.lang.foreign.MemorySegment;

/**
 * Where an index reads vectors: little-endian float32, slot {@code i} at byte offset {@code i *
 * stride()} of {@link #segment()} (packed unless storage keeps a trailer after each vector). The
 * index keeps no copy of the vectors.
 *
 * <p>Contract with storage: {@link #segment()} returns the current view; storage may replace it
 * with a larger one when the file grows, and every view handed out stays valid (not unmapped) until
 * the collection closes, so an index reads it once per operation and uses that view throughout. A
 * slot's vector is fully written before the index is told about the slot ({@code insert}/{@code
 * update}). Implementations must be safe for concurrent calls.
 */
public interface VectorSource {
  /** The number of floats per vector; constant. */
  int dimension();

  /** The current view of the vectors; at least {@code slotCount() * stride()} bytes. */
  MemorySegment segment();

  /** The bytes from one vector to the next, at least {@code dimension() * 4}; constant. */
  default long stride() {
    return 4L * dimension();
  }

  /** The number of slots the current view covers (live or not). */
  default int slotCount() {
    return (int) Math.min(Integer.MAX_VALUE, segment().byteSize() / stride());
  }

  /** A source over a fixed segment, for tests, tools and benchmarks. */
  static VectorSource of(MemorySegment segment, int dimension) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be positive, got " + dimension);
    }
    return new VectorSource() {
      @Override
      public int dimension() {
        return dimension;
      }

      @Override
      public MemorySegment segment() {
        return segment;
      }
    };
  }
}

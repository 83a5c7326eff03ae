package dev.veles.engine.index;

import java.util.BitSet;

/**
 * An accept set of slots for a filtered search. Implementations must not change while a search that
 * uses them runs; searches only read them, from the calling thread.
 */
public interface Bits {
  /** Whether {@code slot} may appear in the results. */
  boolean get(int slot);

  /** The number of accepted slots, or an upper estimate of it; drives the exact-search switch. */
  int cardinality();

  /**
   * The first accepted slot at or after {@code from}, or -1 when none is below {@code limit}. The
   * default tests slots one by one; views of bit sets jump.
   */
  default int nextAccepted(int from, int limit) {
    for (int s = from; s < limit; s++) {
      if (get(s)) {
        return s;
      }
    }
    return -1;
  }

  /** Accepts every slot. */
  Bits ALL =
      new Bits() {
        @Override
        public boolean get(int slot) {
          return true;
        }

        @Override
        public int cardinality() {
          return Integer.MAX_VALUE;
        }
      };

  /** A view of a {@link BitSet} of slots; the set must not change during the search. */
  static Bits of(BitSet set) {
    int card = set.cardinality();
    return new Bits() {
      @Override
      public boolean get(int slot) {
        return set.get(slot);
      }

      @Override
      public int cardinality() {
        return card;
      }

      @Override
      public int nextAccepted(int from, int limit) {
        int s = set.nextSetBit(from);
        return s >= 0 && s < limit ? s : -1;
      }
    };
  }
}

package dev.veles.engine.index;

import dev.veles.engine.Hit;
import java.lang.foreign.MemorySegment;
import java.util.List;

/** Brute-force top-k over slots {@code [0, limit)}: the exact path shared by every index. */
final class ExactScan {
  private static final int BLOCK = 256;

  private ExactScan() {}

  /** Offers a scored slot to the results if it is live; the single read makes races harmless. */
  interface LiveSlots {
    /** Offers {@code (score, id of slot)} to {@code top} when the slot holds a live vector. */
    void offer(int slot, float score, TopK top);
  }

  static List<Hit> search(
      Scorer scorer,
      MemorySegment seg,
      float[] query,
      int k,
      int limit,
      Bits accept,
      LiveSlots slots,
      SlotCheck check) {
    float[] q = scorer.prepare(query);
    TopK top = new TopK(k);
    if (accept == Bits.ALL) {
      // Score blocks of slots first, then look at liveness only for the few that beat the bound.
      float[] buf = new float[BLOCK];
      for (int from = 0; from < limit; from += BLOCK) {
        int to = Math.min(limit, from + BLOCK);
        scorer.scoreRange(q, seg, from, to, buf);
        float bound = top.bound();
        for (int s = from; s < to; s++) {
          float score = buf[s - from];
          if (score <= bound) {
            slots.offer(s, score, top);
            bound = top.bound();
          }
        }
      }
    } else {
      for (int s = accept.nextAccepted(0, limit); s >= 0; s = accept.nextAccepted(s + 1, limit)) {
        float score = scorer.scoreUnknownNorm(q, seg, scorer.offset(s));
        if (score <= top.bound()) {
          slots.offer(s, score, top);
        }
      }
    }
    return top.toHits(scorer, check);
  }
}

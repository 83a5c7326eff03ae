package dev.veles.engine.index;

import dev.veles.engine.Hit;
import java.lang.foreign.MemorySegment;
import java.util.List;

/** Brute-force top-k over slots {@code [0, limit)}: the exact path shared by every index. */
final class ExactScan {
  private static final int BLOCK = 256;

  private ExactScan() {}

  /** Which slots hold live vectors and their ids; read-only during a scan. */
  interface LiveSlots {
    /** The id of a live slot, or {@link #NONE} when the slot is empty or deleted. */
    long id(int slot);

    /** Whether the slot is live; cheaper than {@link #id} where it matters. */
    boolean live(int slot);
  }

  /** Marker for "no live vector here". Ids are any long, so liveness is asked separately. */
  static final long NONE = Long.MIN_VALUE;

  static List<Hit> search(
      Scorer scorer,
      MemorySegment seg,
      float[] query,
      int k,
      int limit,
      Bits accept,
      LiveSlots slots) {
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
          if (score <= bound && slots.live(s)) {
            top.offer(score, slots.id(s));
            bound = top.bound();
          }
        }
      }
    } else {
      for (int s = accept.nextAccepted(0, limit); s >= 0; s = accept.nextAccepted(s + 1, limit)) {
        if (slots.live(s)) {
          offer(scorer, seg, q, top, s, slots);
        }
      }
    }
    return top.toHits(scorer);
  }

  private static void offer(
      Scorer scorer, MemorySegment seg, float[] q, TopK top, int s, LiveSlots slots) {
    float score = scorer.scoreUnknownNorm(q, seg, scorer.offset(s));
    if (score <= top.bound()) {
      top.offer(score, slots.id(s));
    }
  }
}

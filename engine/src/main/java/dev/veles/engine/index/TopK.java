package dev.veles.engine.index;

import dev.veles.engine.Hit;
import java.util.ArrayList;
import java.util.List;

/**
 * The best {@code k} (score, id) pairs seen: a bounded max-heap whose root is the worst kept pair,
 * ordered by score then id so that ties keep the smaller id. Not thread-safe: one per query.
 */
final class TopK {
  private final float[] score;
  private final long[] id;
  private final int[] slot;
  private int size;

  TopK(int k) {
    score = new float[k];
    id = new long[k];
    slot = new int[k];
  }

  /** The score a candidate must beat (or tie with a smaller id) to enter; +inf until full. */
  float bound() {
    return size < score.length ? Float.POSITIVE_INFINITY : score[0];
  }

  /** Offers the pair {@code (s, i)} found at {@code at}, the slot handed to the hits' check. */
  void offer(float s, long i, int at) {
    if (size < score.length) {
      int c = size++;
      while (c > 0) {
        int p = (c - 1) >>> 1;
        if (!worse(s, i, score[p], id[p])) {
          break;
        }
        score[c] = score[p];
        id[c] = id[p];
        slot[c] = slot[p];
        c = p;
      }
      score[c] = s;
      id[c] = i;
      slot[c] = at;
    } else if (worse(score[0], id[0], s, i)) {
      siftDownRoot(s, i, at);
    }
  }

  private static boolean worse(float s1, long i1, float s2, long i2) {
    int c = Float.compare(s1, s2);
    return c > 0 || (c == 0 && i1 > i2);
  }

  private void siftDownRoot(float s, long i, int at) {
    int c = 0;
    while (true) {
      int l = 2 * c + 1;
      if (l >= size) {
        break;
      }
      int r = l + 1;
      int w = r < size && worse(score[r], id[r], score[l], id[l]) ? r : l;
      if (!worse(score[w], id[w], s, i)) {
        break;
      }
      score[c] = score[w];
      id[c] = id[w];
      slot[c] = slot[w];
      c = w;
    }
    score[c] = s;
    id[c] = i;
    slot[c] = at;
  }

  /**
   * The kept pairs as hits, best first; {@code scorer} converts scores to distances, and {@code
   * check} verifies each kept slot first.
   */
  List<Hit> toHits(Scorer scorer, SlotCheck check) {
    List<Hit> hits = new ArrayList<>(size);
    for (int j = 0; j < size; j++) {
      check.verify(slot[j], id[j]);
      hits.add(new Hit(id[j], scorer.toDistance(score[j])));
    }
    // Sorting by the converted distance keeps (distance, id) order even where sqrt merges scores.
    hits.sort(null);
    return hits;
  }
}

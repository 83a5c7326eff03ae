package dev.veles.engine.index;

/**
 * Per-thread search state: a visited set stamped with a generation (cleared in O(1) per search) and
 * the two heaps. Reached through {@link #get()}; never shared between threads.
 */
final class SearchScratch {
  private static final ThreadLocal<SearchScratch> LOCAL =
      ThreadLocal.withInitial(SearchScratch::new);

  private int[] marks = new int[1024];
  private int gen;
  final LongHeap candidates = new LongHeap(256);
  final LongHeap results = new LongHeap(256);
  int visitedCount;
  int[] ids = new int[512];
  float[] scores = new float[512];
  int[] selIds = new int[512];
  float[] selScores = new float[512];
  int selCount;
  int[] batch = new int[64];
  float[] batchScores = new float[64];

  /** Doubles the neighbour batch (lists may exceed 2m after a load with a smaller m). */
  int[] growBatch() {
    batch = java.util.Arrays.copyOf(batch, batch.length * 2);
    batchScores = new float[batch.length];
    return batch;
  }

  /** Grows the candidate and selection arrays to hold {@code n} entries. */
  void ensure(int n) {
    if (ids.length < n) {
      int c = Math.max(n, ids.length * 2);
      ids = new int[c];
      scores = new float[c];
      selIds = new int[c];
      selScores = new float[c];
    }
  }

  static SearchScratch get() {
    return LOCAL.get();
  }

  /** Starts a new search over slots below {@code capacity}. */
  SearchScratch reset(int capacity) {
    if (marks.length < capacity) {
      marks = new int[Math.max(capacity, marks.length * 3 / 2)];
      gen = 0;
    }
    if (++gen == 0) {
      java.util.Arrays.fill(marks, 0);
      gen = 1;
    }
    candidates.clear();
    results.clear();
    visitedCount = 0;
    return this;
  }

  /** Marks a slot visited; false when it already was in this search. */
  boolean visit(int slot) {
    if (marks[slot] == gen) {
      return false;
    }
    marks[slot] = gen;
    return true;
  }
}

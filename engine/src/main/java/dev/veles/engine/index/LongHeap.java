package dev.veles.engine.index;

import java.util.Arrays;

/**
 * A growable binary min-heap of longs. Graph searches pack (score, slot) into one long with {@link
 * #key} so that heap order is score order, ties by slot; a max-heap stores {@code ~key}. Not
 * thread-safe: one per search thread.
 */
final class LongHeap {
  private long[] heap;
  private int size;

  LongHeap(int capacity) {
    heap = new long[Math.max(capacity, 4)];
  }

  /** Packs a score and a slot; keys compare like (score, slot). */
  static long key(float score, int slot) {
    int bits = Float.floatToRawIntBits(score);
    // Flip the magnitude bits of negatives so the signed int order equals the float order.
    int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
    return ((long) sortable << 32) | (slot & 0xffffffffL);
  }

  static int slot(long key) {
    return (int) key;
  }

  static float score(long key) {
    int s = (int) (key >> 32);
    return Float.intBitsToFloat(s ^ ((s >> 31) & 0x7fffffff));
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  long peek() {
    return heap[0];
  }

  void push(long v) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    int c = size++;
    while (c > 0) {
      int p = (c - 1) >>> 1;
      long pv = heap[p];
      if (pv <= v) {
        break;
      }
      heap[c] = pv;
      c = p;
    }
    heap[c] = v;
  }

  long pop() {
    long top = heap[0];
    long v = heap[--size];
    int c = 0;
    int half = size >>> 1;
    while (c < half) {
      int l = 2 * c + 1;
      int r = l + 1;
      int m = r < size && heap[r] < heap[l] ? r : l;
      if (heap[m] >= v) {
        break;
      }
      heap[c] = heap[m];
      c = m;
    }
    if (size > 0) {
      heap[c] = v;
    }
    return top;
  }
}

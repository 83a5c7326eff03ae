package dev.veles.engine;

import java.util.Arrays;

/**
 * An open-addressing hash map from {@code long} ids to non-negative {@code int} slots, so that a
 * million ids cost 16 MiB rather than the ~80 MiB of a boxed {@code HashMap}.
 *
 * <p>Not thread-safe: the collection mutates it under its write lock and reads it under its read
 * lock.
 */
final class LongIntMap {
  private static final int EMPTY = -1;
  private static final int DELETED = -2;

  private long[] keys;
  private int[] values;
  private int size;
  private int used;

  LongIntMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[cap];
    values = new int[cap];
    Arrays.fill(values, EMPTY);
  }

  int size() {
    return size;
  }

  private static int hash(long k) {
    long h = k * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  /** The slot of {@code key}, or -1. */
  int get(long key) {
    int mask = keys.length - 1;
    for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
      int v = values[i];
      if (v == EMPTY) {
        return -1;
      }
      if (v != DELETED && keys[i] == key) {
        return v;
      }
    }
  }

  /** Maps {@code key} to {@code value} (≥ 0); returns the previous slot or -1. */
  int put(long key, int value) {
    if ((used + 1) * 4L >= keys.length * 3L) {
      rehash(size * 4L >= keys.length ? keys.length * 2 : keys.length);
    }
    int mask = keys.length - 1;
    int tomb = -1;
    for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
      int v = values[i];
      if (v == EMPTY) {
        int at = tomb >= 0 ? tomb : i;
        if (tomb < 0) {
          used++;
        }
        keys[at] = key;
        values[at] = value;
        size++;
        return -1;
      }
      if (v == DELETED) {
        if (tomb < 0) {
          tomb = i;
        }
      } else if (keys[i] == key) {
        values[i] = value;
        return v;
      }
    }
  }

  /** Removes {@code key}; returns its slot or -1. */
  int remove(long key) {
    int mask = keys.length - 1;
    for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
      int v = values[i];
      if (v == EMPTY) {
        return -1;
      }
      if (v != DELETED && keys[i] == key) {
        values[i] = DELETED;
        size--;
        return v;
      }
    }
  }

  void clear() {
    Arrays.fill(values, EMPTY);
    size = 0;
    used = 0;
  }

  private void rehash(int cap) {
    long[] ok = keys;
    int[] ov = values;
    keys = new long[cap];
    values = new int[cap];
    Arrays.fill(values, EMPTY);
    size = 0;
    used = 0;
    for (int i = 0; i < ok.length; i++) {
      if (ov[i] >= 0) {
        put(ok[i], ov[i]);
      }
    }
  }

  /** The heap this map's arrays take. */
  long heapBytes() {
    return keys.length * 12L;
  }
}

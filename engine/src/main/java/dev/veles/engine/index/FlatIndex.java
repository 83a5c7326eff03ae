package dev.veles.engine.index;

import dev.veles.engine.Hit;
import dev.veles.engine.Metric;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Exact nearest-neighbour search: every accepted live slot is scored. It is the oracle in tests,
 * the fallback of {@link HnswIndex} for very selective filters, and the index of small collections.
 * It holds slot ids (8 bytes per slot) and a live bit set, never the vectors.
 *
 * <p>Thread-safety: searches run concurrently under a read lock; writes take the write lock
 * briefly, so a write waits for running scans of this index.
 */
public final class FlatIndex implements VectorIndex {
  private final VectorSource source;
  private final Scorer scorer;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private long[] ids = new long[16];
  private final BitSet live = new BitSet();

  public FlatIndex(VectorSource source, Metric metric) {
    this.source = source;
    this.scorer = new Scorer(metric, source.dimension(), source.stride(), VectorKernels.DEFAULT);
  }

  @Override
  public void insert(int slot, long id) {
    checkSlot(slot);
    lock.writeLock().lock();
    try {
      if (live.get(slot)) {
        throw new IllegalArgumentException("slot " + slot + " already holds id " + ids[slot]);
      }
      if (slot >= ids.length) {
        ids = Arrays.copyOf(ids, Math.max(slot + 1, ids.length * 2));
      }
      ids[slot] = id;
      live.set(slot);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void update(int slot) {
    checkSlot(slot);
    lock.readLock().lock();
    try {
      if (!live.get(slot)) {
        throw new IllegalArgumentException("slot " + slot + " holds no live vector");
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public boolean markDeleted(int slot) {
    checkSlot(slot);
    lock.writeLock().lock();
    try {
      boolean was = live.get(slot);
      live.clear(slot);
      return was;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public List<Hit> search(float[] query, int k, int efSearch, Bits accept, SlotCheck check) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be positive, got " + k);
    }
    lock.readLock().lock();
    try {
      long[] idsNow = ids;
      int limit = Math.min(live.length(), source.slotCount());
      ExactScan.LiveSlots slots =
          (slot, score, top) -> {
            if (live.get(slot)) {
              top.offer(score, idsNow[slot], slot);
            }
          };
      return ExactScan.search(scorer, source.segment(), query, k, limit, accept, slots, check);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * One exact scan without an index: the {@code k} slots of {@code accept} nearest to {@code query}
   * in {@code vectors} (slot {@code s} at byte {@code s * dimension * 4}), as hits carrying {@code
   * idBySlot[s]}, ordered by distance then id, with the metric's distance semantics. Uses the same
   * kernels as the indexes. Stateless; {@code accept} must not change during the call.
   *
   * @throws IllegalArgumentException when the query's length is not {@code dimension}
   */
  public static List<Hit> scan(
      Metric metric,
      MemorySegment vectors,
      int dimension,
      float[] query,
      int k,
      BitSet accept,
      long[] idBySlot) {
    return scan(metric, vectors, dimension, 4L * dimension, query, k, accept, idBySlot);
  }

  /** {@link #scan} over vectors {@code stride} bytes apart. */
  public static List<Hit> scan(
      Metric metric,
      MemorySegment vectors,
      int dimension,
      long stride,
      float[] query,
      int k,
      BitSet accept,
      long[] idBySlot) {
    Scorer scorer = new Scorer(metric, dimension, stride, VectorKernels.DEFAULT);
    scorer.prepare(query); // checks the dimension even when nothing is scored
    if (k < 1) {
      return List.of();
    }
    int limit = (int) Math.min(accept.length(), vectors.byteSize() / stride);
    ExactScan.LiveSlots slots =
        (slot, score, top) -> {
          if (accept.get(slot)) {
            top.offer(score, idBySlot[slot], slot);
          }
        };
    // A dense set is cheaper to score in blocks (then test membership); a sparse one slot by slot.
    Bits bits = accept.cardinality() * 4L >= limit ? Bits.ALL : Bits.of(accept);
    return ExactScan.search(scorer, vectors, query, k, limit, bits, slots, SlotCheck.NONE);
  }

  @Override
  public int size() {
    lock.readLock().lock();
    try {
      return live.cardinality();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public int tombstones() {
    return 0;
  }

  private static void checkSlot(int slot) {
    if (slot < 0) {
      throw new IllegalArgumentException("slot must be non-negative, got " + slot);
    }
  }
}

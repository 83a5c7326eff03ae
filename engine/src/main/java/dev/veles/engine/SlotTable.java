package dev.veles.engine;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The in-memory state of a collection: which id lives in which slot, the live set, the column
 * values, and the mapped vectors, plus the slots freed by deletes.
 *
 * <p>A freed slot first waits in {@code pending} until its delete (or the replace that moved its
 * row) is durable; only {@link #releasePending()} (called after a WAL sync or a checkpoint) clears
 * its id entry and makes it reusable, so a crash can never pair an old id with a reused slot's new
 * data. A slot freed by a delete also has its hole punched (its blocks reserved again when it is
 * reused: {@link #isHole}); one freed by a replace keeps its blocks, as the next write takes it.
 *
 * <p>Not thread-safe: the collection mutates it under its write lock and reads it under its read
 * lock. Owns its {@link VectorFile}s and its columns' {@link ValueStore}, and closes them.
 */
final class SlotTable implements Closeable {
  final int dimension;
  VectorFile vectors;
  private final List<VectorFile> retired = new ArrayList<>();
  LongIntMap idToSlot;
  long[] ids;
  BitSet live;
  Columns columns;
  int slotCount;
  private int[] free = new int[16];
  private int freeCount;
  private int[] pending = new int[16];
  private int pendingCount;

  /** Pending slots freed by a delete (their holes are punched on release). */
  private final BitSet deletedSlots = new BitSet();

  /** Free slots whose blocks may be gone (punched, or unknown after a load). */
  private final BitSet holes = new BitSet();

  SlotTable(int dimension, VectorFile vectors, IdIndexFile.Snapshot s) {
    this.dimension = dimension;
    this.vectors = vectors;
    load(s);
  }

  private void load(IdIndexFile.Snapshot s) {
    this.ids = s.ids();
    this.live = s.live();
    this.columns = s.columns();
    this.slotCount = s.slotCount();
    this.idToSlot = new LongIntMap(Math.max(16, live.cardinality()));
    for (int i = live.nextSetBit(0); i >= 0; i = live.nextSetBit(i + 1)) {
      idToSlot.put(ids[i], i);
    }
    freeCount = 0;
    pendingCount = 0;
    deletedSlots.clear();
    holes.clear();
    // Every free slot in a checkpoint belongs to a durable delete.
    for (int i = slotCount - 1; i >= 0; i--) {
      if (!live.get(i)) {
        free = push(free, freeCount++, i);
        holes.set(i);
      }
    }
  }

  /** Whether free slot {@code slot} needs its blocks reserved before it is written. */
  boolean isHole(int slot) {
    return holes.get(slot);
  }

  private static int[] push(int[] a, int n, int v) {
    int[] out = n == a.length ? Arrays.copyOf(a, n * 2) : a;
    out[n] = v;
    return out;
  }

  int size() {
    return idToSlot.size();
  }

  /** How many free slots a batch may take, from the top of the free stack. */
  int freeCount() {
    return freeCount;
  }

  /** The {@code k}-th free slot from the top of the stack ({@code k = 0} is taken first). */
  int peekFree(int k) {
    return free[freeCount - 1 - k];
  }

  /** Removes the top {@code k} free slots (after a batch took them). */
  void takeFree(int k) {
    freeCount -= k;
  }

  /** Grows the id array, columns and vector file for {@code slots} slots. */
  void ensureCapacity(int slots) throws IOException {
    if (slots > ids.length) {
      ids =
          Arrays.copyOf(
              ids, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(slots, ids.length * 2L)));
    }
    columns.ensureCapacity(slots);
    if (vectors != null) {
      vectors.ensureCapacity(slots);
    }
  }

  /** Stores a row at {@code slot}; the vector comes from {@code vector} or {@code data}. */
  void put(long id, int slot, float[] vector, MemorySegment data, Object[] values)
      throws IOException {
    ensureCapacity(slot + 1);
    int old = idToSlot.put(id, slot);
    boolean moved = old >= 0 && old != slot;
    if (moved) {
      live.clear(old);
      pending = push(pending, pendingCount++, old);
    }
    if (live.get(slot) && ids[slot] != id) {
      idToSlot.remove(ids[slot]);
    }
    live.set(slot);
    holes.clear(slot);
    deletedSlots.clear(slot);
    ids[slot] = id;
    slotCount = Math.max(slotCount, slot + 1);
    if (vectors != null) {
      if (vector != null) {
        vectors.write(slot, vector, id);
      } else {
        vectors.write(slot, data, id);
      }
    }
    columns.set(slot, values, moved ? old : slot); // long values the row keeps are not copied
    if (moved) {
      columns.clear(old);
    }
  }

  /**
   * Replaces the column values of row {@code id}, live at {@code slot}; its vector stays.
   *
   * @throws IllegalArgumentException if the row is not live at that slot
   */
  void patch(long id, int slot, Object[] values) throws IOException {
    if (idToSlot.get(id) != slot) {
      throw new IllegalArgumentException(
          "patch of row " + id + " at slot " + slot + ", where the row does not live");
    }
    columns.set(slot, values);
  }

  /** Removes {@code id}; its slot waits in pending. Returns the slot or -1. */
  int delete(long id) {
    int slot = idToSlot.remove(id);
    if (slot >= 0) {
      live.clear(slot);
      columns.clear(slot);
      pending = push(pending, pendingCount++, slot);
      deletedSlots.set(slot);
    }
    return slot;
  }

  /**
   * After the deletes and replaces that freed the pending slots became durable: clears their id
   * entries, punches the holes of deleted rows' slots, and makes them reusable.
   */
  void releasePending() throws IOException {
    for (int i = 0; i < pendingCount; i++) {
      int s = pending[i];
      if (!live.get(s)) {
        boolean punch = deletedSlots.get(s);
        if (vectors != null) {
          vectors.free(s, punch);
        }
        if (punch) {
          holes.set(s);
        }
        deletedSlots.clear(s);
        free = push(free, freeCount++, s);
      }
    }
    pendingCount = 0;
  }

  /**
   * Recomputes the free stack as every non-live slot, after replay: replayed puts may reuse slots
   * the checkpoint listed as free, and replayed deletes free slots. Call after {@link
   * #releasePending()}; every delete replayed from the log is durable.
   */
  void resetFree() {
    freeCount = 0;
    for (int i = slotCount - 1; i >= 0; i--) {
      if (!live.get(i)) {
        free = push(free, freeCount++, i);
        holes.set(i);
      }
    }
  }

  int slotOf(long id) {
    return idToSlot.get(id);
  }

  /** The row {@code id} (a copy) with its vector checked, or null. */
  Row row(long id) throws CorruptFileException {
    int slot = idToSlot.get(id);
    if (slot < 0) {
      return null;
    }
    return new Row(id, vectors == null ? null : vectors.read(slot, id), columns.get(slot));
  }

  /** Checks the vector of every live slot; adds each problem to {@code out}. */
  void checkVectors(java.util.function.Consumer<CorruptFileException> out) {
    if (vectors == null) {
      return;
    }
    for (int s = live.nextSetBit(0); s >= 0; s = live.nextSetBit(s + 1)) {
      CorruptFileException e = vectors.check(s, ids[s]);
      if (e != null) {
        out.accept(e);
      }
    }
  }

  IdIndexFile.Snapshot snapshot(long generation, long seq) {
    return new IdIndexFile.Snapshot(generation, seq, slotCount, live, ids, columns);
  }

  /** The live slots in ascending order: the new slot order of a compaction. */
  int[] liveSlots() {
    return live.stream().toArray();
  }

  /**
   * The snapshot a compaction writes: live rows packed into slots 0..n-1, their long values copied
   * into {@code store} (a new store; null when the columns have none).
   */
  IdIndexFile.Snapshot compacted(int[] order, long generation, long seq, ValueStore store)
      throws IOException {
    long[] nids = new long[Math.max(16, order.length)];
    for (int i = 0; i < order.length; i++) {
      nids[i] = ids[order[i]];
    }
    BitSet nlive = new BitSet();
    nlive.set(0, order.length);
    return new IdIndexFile.Snapshot(
        generation, seq, order.length, nlive, nids, columns.permuted(order, store));
  }

  /**
   * Makes room in the value store for the long values of {@code rows} (before a write is logged, so
   * that applying it cannot fail on a full disk).
   */
  void reserveValues(Object[][] rows) throws IOException {
    ValueStore store = columns.store();
    if (store == null) {
      return;
    }
    long n = 0;
    for (Object[] v : rows) {
      n += columns.storeBytes(v);
    }
    store.reserve(n);
  }

  /**
   * Switches to a compacted state; the old vector file stays mapped until close, the old value
   * store is closed (the caller holds the write lock: no reader uses it).
   */
  void switchTo(VectorFile nv, IdIndexFile.Snapshot s) throws IOException {
    if (vectors != null) {
      retired.add(vectors);
    }
    vectors = nv;
    ValueStore old = columns.store();
    load(s);
    if (old != null && old != columns.store()) {
      old.close();
    }
  }

  double fragmentation() {
    return slotCount == 0 ? 0 : (slotCount - live.cardinality()) / (double) slotCount;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    List<Closeable> all = new ArrayList<>(retired);
    if (vectors != null) {
      all.add(vectors);
    }
    if (columns.store() != null) {
      all.add(columns.store());
    }
    for (Closeable v : all) {
      try {
        v.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}

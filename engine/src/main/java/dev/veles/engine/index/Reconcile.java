package dev.veles.engine.index;

import java.util.BitSet;

/** The reconcile step of {@link HnswIndex}: makes a loaded graph agree with storage. */
final class Reconcile {
  private Reconcile() {}

  /** Runs with the index's write lock held. */
  static HnswIndex.Reconciliation run(
      HnswIndex index,
      HnswGraph graph,
      long[] idBySlot,
      BitSet liveSlots,
      BitSet changedSlots,
      int threads,
      BuildProgress progress) {
    if (liveSlots.length() > idBySlot.length) {
      throw new IllegalArgumentException(
          "live slot " + (liveSlots.length() - 1) + " has no id (" + idBySlot.length + " ids)");
    }
    int dropped = 0;
    int relinked = 0;
    Node[] nodes = graph.arrays().nodes();
    for (int s = 0; s < nodes.length; s++) {
      Node n = nodes[s];
      if (n == null || n.deleted) {
        continue;
      }
      if (!liveSlots.get(s)) {
        index.markDeletedLocked(n);
        dropped++;
      } else if (n.id != idBySlot[s] || changedSlots.get(s)) {
        index.relinkOrReplace(s, idBySlot[s]);
        relinked++;
      }
    }
    int missing = 0;
    for (int s = liveSlots.nextSetBit(0); s >= 0; s = liveSlots.nextSetBit(s + 1)) {
      Node n = graph.node(s);
      missing += n == null || n.deleted ? 1 : 0;
    }
    int[] slots = new int[missing];
    long[] ids = new long[missing];
    int i = 0;
    for (int s = liveSlots.nextSetBit(0); s >= 0; s = liveSlots.nextSetBit(s + 1)) {
      Node n = graph.node(s);
      if (n == null || n.deleted) {
        slots[i] = s;
        ids[i++] = idBySlot[s];
      }
    }
    index.insertAll(slots, ids, threads, progress);
    if (index.tombstones() > 0) {
      index.addDropped(HnswRepair.run(graph, index.writeLock()));
    }
    // A loaded graph may hold nodes that incremental pruning cut off; storage expects each to be
    // found by a search for its own vector.
    HnswRepair.reattach(graph);
    return new HnswIndex.Reconciliation(missing, dropped, relinked);
  }
}

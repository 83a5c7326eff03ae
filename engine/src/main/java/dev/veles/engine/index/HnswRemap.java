package dev.veles.engine.index;

import java.util.Arrays;
import java.util.BitSet;

/** The renumbering step of {@link HnswIndex#remap}: copies a graph onto new slot numbers. */
final class HnswRemap {
  private HnswRemap() {}

  /**
   * Fills the empty graph {@code to} with the live nodes of {@code from}, node {@code order[i]}
   * becoming node {@code i}. Runs with {@code from}'s write lock held. Returns the nodes copied.
   */
  static int copy(HnswGraph from, HnswGraph to, int[] order) {
    HnswGraph.Arrays2 a = from.arrays();
    Node[] nodes = a.nodes();
    int[] newSlot = new int[nodes.length];
    Arrays.fill(newSlot, -1);
    BitSet seen = new BitSet();
    for (int i = 0; i < order.length; i++) {
      int s = order[i];
      if (s < 0 || seen.get(s)) {
        throw new IllegalArgumentException("slot " + s + " is negative or repeated in the order");
      }
      seen.set(s);
      if (s < nodes.length && nodes[s] != null && !nodes[s].deleted) {
        newSlot[s] = i;
      }
    }
    to.ensureCapacity(order.length);
    int copied = 0;
    for (int i = 0; i < order.length; i++) {
      int s = order[i];
      if (s >= nodes.length || newSlot[s] < 0) {
        continue;
      }
      Node old = nodes[s];
      Node n = new Node(old.id, old.level);
      synchronized (old) {
        for (int l = 0; l <= old.level; l++) {
          renumber(old.links(l), old.scores(l), newSlot, n, l);
        }
      }
      to.publish(i, n, a.norms()[s]);
      copied++;
    }
    HnswGraph.Entry e = from.entry();
    if (e != null && e.slot() < newSlot.length && newSlot[e.slot()] >= 0) {
      to.setEntry(new HnswGraph.Entry(newSlot[e.slot()], e.level()));
    } else {
      to.resetEntry(new BitSet());
    }
    return copied;
  }

  /** Sets level {@code l} of {@code n} to the kept links of a list, renumbered, order kept. */
  private static void renumber(int[] links, float[] scores, int[] newSlot, Node n, int l) {
    boolean withScores = scores != null && scores.length == links.length;
    int[] ids = new int[links.length];
    float[] sc = withScores ? new float[links.length] : null;
    int kept = 0;
    for (int j = 0; j < links.length; j++) {
      int x = links[j];
      if (x < newSlot.length && newSlot[x] >= 0) {
        ids[kept] = newSlot[x];
        if (withScores) {
          sc[kept] = scores[j];
        }
        kept++;
      }
    }
    n.setLinks(l, Arrays.copyOf(ids, kept), withScores ? Arrays.copyOf(sc, kept) : null);
  }
}

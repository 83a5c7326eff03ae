package dev.veles.engine.index;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Removes tombstones from a graph in place while searches go on: every live node that links to a
 * deleted one gets a new list chosen by the heuristic from its live neighbours and the live
 * neighbours of its deleted ones (a bypass), then deleted nodes are unpublished. The writer lock is
 * taken per chunk of nodes, so writes interleave and searches are never blocked.
 */
final class HnswRepair {
  private static final int CHUNK = 512;

  private HnswRepair() {}

  /** Runs a repair; returns the number of nodes removed. */
  static int run(HnswGraph g, ReentrantLock writeLock) {
    BitSet dead = new BitSet();
    HnswGraph.Arrays2 a = g.arrays();
    for (int s = 0; s < a.nodes().length; s++) {
      Node n = a.nodes()[s];
      if (n != null && n.deleted) {
        dead.set(s);
      }
    }
    if (dead.isEmpty()) {
      return 0;
    }
    int len = a.nodes().length;
    for (int start = 0; start < len; start += CHUNK) {
      writeLock.lock();
      try {
        MemorySegment seg = g.source.segment();
        for (int s = start; s < Math.min(len, start + CHUNK); s++) {
          Node n = g.node(s);
          if (n != null && !n.deleted) {
            for (int l = 0; l <= n.level; l++) {
              bypass(g, s, n, l, dead, seg);
            }
          }
        }
      } finally {
        writeLock.unlock();
      }
    }
    writeLock.lock();
    try {
      int removed = 0;
      HnswGraph.Entry e = g.entry();
      if (e != null && dead.get(e.slot()) && g.node(e.slot()).deleted) {
        g.resetEntry(dead);
      }
      for (int s = dead.nextSetBit(0); s >= 0; s = dead.nextSetBit(s + 1)) {
        Node n = g.node(s);
        if (n != null && n.deleted) { // not replaced by an insert meanwhile
          g.clear(s);
          removed++;
        }
      }
      reattach(g);
      return removed;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Makes every live node reachable on level 0 from the entry again, and findable. The heuristic
   * may leave a node whose in-links all came from deleted nodes with none after the bypass (seen
   * with ~50 % deletions, and in tiny low-dimensional graphs); such a node is appended to the
   * level-0 list of its nearest reachable out-neighbour (or the entry's), without pruning. Being
   * reachable is not enough: a node whose only in-link comes from far away is never seen by a
   * search for its own vector, which converges on the node's nearest neighbours. So every node left
   * with fewer than {@link #FEW_IN_LINKS} in-links is linked anew, as if its vector had changed.
   * Holds the write lock. Returns the number of nodes reattached or linked anew.
   */
  static int reattach(HnswGraph g) {
    HnswGraph.Entry e = g.entry();
    if (e == null) {
      return 0;
    }
    Node[] nodes = g.arrays().nodes();
    MemorySegment seg = g.source.segment();
    int limit = g.limit(g.arrays(), seg);
    int added = 0;
    // Relinking adds back-links that may prune other lists, so it comes first; the reachability
    // pass below only appends, and undoes nothing.
    int[] in = new int[nodes.length];
    for (Node n : nodes) {
      if (n != null && !n.deleted) {
        for (int x : n.links(0)) {
          if (x < in.length) {
            in[x]++;
          }
        }
      }
    }
    for (int s = 0; s < limit; s++) {
      Node n = nodes[s];
      if (n != null && !n.deleted && in[s] < FEW_IN_LINKS && s != e.slot()) {
        // New lists from a search for the node's own vector, back-links, and a link from the
        // nearest node found: where such a search converges.
        g.relink(s, n);
        added++;
      }
    }
    BitSet reached = new BitSet(nodes.length);
    mark(nodes, e.slot(), reached);
    for (int s = 0; s < limit; s++) {
      Node n = nodes[s];
      if (n == null || n.deleted || reached.get(s)) {
        continue;
      }
      int t = nearest(g, s, n, reached, limit, seg);
      if (t < 0) {
        t = e.slot();
      }
      g.anchor(t, s, g.pairScore(seg, g.arrays().norms(), t, s), seg);
      mark(nodes, s, reached);
      added++;
    }
    return added;
  }

  /** In-links below which {@link #reattach} links a node anew. */
  static final int FEW_IN_LINKS = 3;

  /** The nearest live, reached level-0 out-neighbour of {@code s}, or -1. */
  private static int nearest(
      HnswGraph g, int s, Node n, BitSet reached, int limit, MemorySegment seg) {
    Node[] nodes = g.arrays().nodes();
    float[] norms = g.arrays().norms();
    int best = -1;
    float bestScore = Float.POSITIVE_INFINITY;
    for (int x : n.links(0)) {
      if (x < limit && x != s && reached.get(x) && nodes[x] != null && !nodes[x].deleted) {
        float score = g.pairScore(seg, norms, s, x);
        if (score < bestScore) {
          bestScore = score;
          best = x;
        }
      }
    }
    return best;
  }

  /** Marks every node reachable on level 0 from {@code start}. */
  private static void mark(Node[] nodes, int start, BitSet reached) {
    int[] stack = new int[16];
    int top = 0;
    stack[top++] = start;
    reached.set(start);
    while (top > 0) {
      Node n = nodes[stack[--top]];
      if (n == null) {
        continue;
      }
      for (int x : n.links(0)) {
        if (x < nodes.length && !reached.get(x)) {
          reached.set(x);
          if (top == stack.length) {
            stack = Arrays.copyOf(stack, top * 2);
          }
          stack[top++] = x;
        }
      }
    }
  }

  private static void bypass(
      HnswGraph g, int slot, Node n, int level, BitSet dead, MemorySegment seg) {
    int[] cur = n.links(level);
    boolean touched = false;
    for (int x : cur) {
      touched |= dead.get(x);
    }
    if (!touched) {
      return;
    }
    int[] cand = new int[cur.length * 4];
    int count = 0;
    for (int x : cur) {
      if (dead.get(x)) {
        Node d = g.node(x);
        for (int y : d == null ? Node.EMPTY : d.links(level)) {
          count = addCandidate(g, cand, count, y, slot, dead);
          if (count == cand.length) {
            cand = Arrays.copyOf(cand, count * 2);
          }
        }
      } else {
        count = addCandidate(g, cand, count, x, slot, dead);
        if (count == cand.length) {
          cand = Arrays.copyOf(cand, count * 2);
        }
      }
    }
    float[] norms = g.arrays().norms();
    int[] ids = Arrays.copyOf(cand, count);
    float[] scores = new float[count];
    for (int i = 0; i < count; i++) {
      scores[i] = g.pairScore(seg, norms, slot, ids[i]);
    }
    HnswGraph.sortByScore(ids, scores);
    SearchScratch sc = SearchScratch.get();
    sc.ensure(count);
    g.select(seg, norms, ids, scores, count, g.maxConn(level), sc);
    synchronized (n) {
      n.setLinks(
          level, Arrays.copyOf(sc.selIds, sc.selCount), Arrays.copyOf(sc.selScores, sc.selCount));
    }
  }

  private static int addCandidate(
      HnswGraph g, int[] cand, int count, int y, int self, BitSet dead) {
    if (y == self || dead.get(y)) {
      return count;
    }
    Node ny = g.node(y);
    if (ny == null || ny.deleted) {
      return count;
    }
    for (int i = 0; i < count; i++) {
      if (cand[i] == y) {
        return count;
      }
    }
    cand[count] = y;
    return count + 1;
  }
}

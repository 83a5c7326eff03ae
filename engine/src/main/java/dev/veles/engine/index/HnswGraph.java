package dev.veles.engine.index;

import dev.veles.engine.Metric;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The HNSW graph (Malkov &amp; Yashunin, 2018) and its algorithms: layered greedy search, beam
 * search on a layer, the neighbour-selection heuristic and linking. Nodes are storage slots;
 * vectors are read from the {@link VectorSource} and never copied except the one being inserted.
 *
 * <p>Thread-safety: searches are lock-free. Inserts may run in parallel with each other and with
 * searches: a node is published (made reachable) only after its own lists are complete, and each
 * node's lists are changed under that node's monitor. Structural changes that are not inserts
 * ({@link #relink}, repair, purge) are serialised by the owner ({@link HnswIndex}'s write lock).
 */
final class HnswGraph {
  /** The slot arrays, replaced whole when they grow; a search reads one snapshot. */
  record Arrays2(Node[] nodes, float[] norms) {}

  /** Where searches start: the node on the top level. */
  record Entry(int slot, int level) {}

  private static final int MAX_LEVEL = 30;

  final Scorer scorer;
  final VectorSource source;
  final int m;
  final int m0;
  final int efConstruction;
  private final double levelMult;
  private final long seed;
  private final boolean cosine;
  private final Object growLock = new Object();
  private volatile Arrays2 arrays = new Arrays2(new Node[0], new float[0]);
  private volatile Entry entry;

  /**
   * False while no node is tombstoned, so searches skip loading each candidate's node to test its
   * flag (a cache miss per candidate). Set before a node's flag; cleared under the writer lock.
   */
  volatile boolean maybeDeleted;

  HnswGraph(VectorSource source, Metric metric, int m, int efConstruction, long seed) {
    this.source = source;
    this.scorer = new Scorer(metric, source.dimension(), source.stride(), VectorKernels.DEFAULT);
    this.m = m;
    this.m0 = 2 * m;
    this.efConstruction = efConstruction;
    this.levelMult = 1 / Math.log(m);
    this.seed = seed;
    this.cosine = metric == Metric.COSINE;
  }

  Arrays2 arrays() {
    return arrays;
  }

  Entry entry() {
    return entry;
  }

  void setEntry(Entry e) {
    entry = e;
  }

  /** Points the entry at the highest-level live node outside {@code skip}; null when none. */
  synchronized void resetEntry(java.util.BitSet skip) {
    Node[] nodes = arrays.nodes;
    Entry best = null;
    for (int s = 0; s < nodes.length; s++) {
      Node n = nodes[s];
      if (n != null && !n.deleted && !skip.get(s) && (best == null || n.level > best.level())) {
        best = new Entry(s, n.level);
      }
    }
    entry = best;
  }

  Node node(int slot) {
    Node[] n = arrays.nodes;
    return slot < n.length ? n[slot] : null;
  }

  int maxConn(int level) {
    return level == 0 ? m0 : m;
  }

  /**
   * A level drawn from the exponential distribution, fixed per (seed, slot) for reproducibility.
   */
  int levelFor(int slot) {
    long h = seed + slot * 0x9E3779B97F4A7C15L;
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    h ^= h >>> 31;
    double u = (h >>> 11) * 0x1.0p-53;
    return Math.min(MAX_LEVEL, (int) (-Math.log(1 - u) * levelMult));
  }

  void ensureCapacity(int slots) {
    if (slots <= arrays.nodes.length) {
      return;
    }
    synchronized (growLock) {
      Arrays2 a = arrays;
      if (slots > a.nodes.length) {
        int cap = Math.max(slots, a.nodes.length + (a.nodes.length >> 1) + 16);
        arrays = new Arrays2(Arrays.copyOf(a.nodes, cap), Arrays.copyOf(a.norms, cap));
      }
    }
  }

  /** Makes a node reachable; its lists must be complete. Serialised with growth. */
  void publish(int slot, Node n, float norm) {
    synchronized (growLock) {
      Arrays2 a = arrays;
      a.norms[slot] = norm;
      a.nodes[slot] = n; // the monitor exit orders this after the lists and the norm
    }
  }

  /** Unlinks a slot's node from the arrays (the caller has removed in-links). */
  void clear(int slot) {
    synchronized (growLock) {
      arrays.nodes[slot] = null;
    }
  }

  float[] queryOf(int slot, MemorySegment seg) {
    float[] v = new float[scorer.dim];
    MemorySegment.copy(seg, VectorKernels.LE_FLOAT, scorer.offset(slot), v, 0, v.length);
    return scorer.prepare(v);
  }

  float norm(int slot, MemorySegment seg) {
    return cosine ? scorer.norm(seg, scorer.offset(slot)) : 1f;
  }

  float score(float[] q, MemorySegment seg, float[] norms, int slot) {
    // Only cosine reads the norm: for the other metrics the load would be a wasted cache miss.
    return scorer.score(q, seg, scorer.offset(slot), cosine ? norms[slot] : 1f);
  }

  float pairScore(MemorySegment seg, float[] norms, int a, int b) {
    return cosine
        ? scorer.score(seg, scorer.offset(a), norms[a], scorer.offset(b), norms[b])
        : scorer.score(seg, scorer.offset(a), 1f, scorer.offset(b), 1f);
  }

  /** The highest slot this search may touch: covered by both the arrays and the segment. */
  int limit(Arrays2 a, MemorySegment seg) {
    return (int) Math.min(a.nodes.length, seg.byteSize() / scorer.stride);
  }

  /**
   * Inserts a node for {@code slot} (vector already in the source). Safe to call from several
   * threads at once for different slots; the slot must be below the current capacity.
   */
  void insert(int slot, long id) {
    MemorySegment seg = source.segment();
    // A tombstone being replaced keeps its level: nodes may still link to it on every level it had
    // (levels differ from levelFor after a remap).
    Node prior = node(slot);
    int level = prior != null ? prior.level : levelFor(slot);
    Node node = new Node(id, level);
    float norm = norm(slot, seg);
    Entry e = entry;
    if (e == null) {
      synchronized (this) {
        if (entry == null) {
          publish(slot, node, norm);
          entry = new Entry(slot, level);
          return;
        }
        e = entry;
      }
    }
    float[] q = queryOf(slot, seg);
    SearchScratch sc = SearchScratch.get();
    Arrays2 a = arrays;
    int limit = limit(a, seg);
    int cur = greedy(q, seg, a, limit, e.slot(), e.level(), level, sc);
    int[][] chosen = new int[Math.min(level, e.level()) + 1][];
    float[][] chosenScores = new float[chosen.length][];
    int[] eps = {cur};
    for (int l = chosen.length - 1; l >= 0; l--) {
      searchLayer(q, seg, a, limit, eps, efConstruction, l, null, slot, Long.MAX_VALUE, sc);
      int count = drainSorted(sc.results, sc);
      eps = count > 0 ? Arrays.copyOf(sc.ids, count) : eps;
      select(seg, a.norms, sc.ids, sc.scores, count, maxConn(l), sc);
      chosen[l] = Arrays.copyOf(sc.selIds, sc.selCount);
      chosenScores[l] = Arrays.copyOf(sc.selScores, sc.selCount);
      node.setLinks(l, chosen[l], chosenScores[l]);
    }
    publish(slot, node, norm);
    for (int l = 0; l < chosen.length; l++) {
      for (int j = 0; j < chosen[l].length; j++) {
        addLink(chosen[l][j], slot, chosenScores[l][j], l, seg);
      }
    }
    if (chosen[0].length > 0) {
      anchor(chosen[0][0], slot, chosenScores[0][0], seg);
    }
    if (level > e.level()) {
      synchronized (this) {
        if (level > entry.level()) {
          entry = new Entry(slot, level);
        }
      }
    }
  }

  /**
   * Re-links a node whose vector changed: new out-lists from a fresh search and back-links from the
   * new neighbours. Old in-links elsewhere stay (they still lead to the node). Owner-serialised.
   */
  void relink(int slot, Node node) {
    MemorySegment seg = source.segment();
    float norm = norm(slot, seg);
    arrays.norms[slot] = norm;
    Entry e = entry;
    float[] q = queryOf(slot, seg);
    SearchScratch sc = SearchScratch.get();
    Arrays2 a = arrays;
    int limit = limit(a, seg);
    int top = Math.min(node.level, e.level());
    int[] eps = {greedy(q, seg, a, limit, e.slot(), e.level(), top, sc)};
    for (int l = top; l >= 0; l--) {
      searchLayer(q, seg, a, limit, eps, efConstruction, l, null, slot, Long.MAX_VALUE, sc);
      int count = drainSorted(sc.results, sc);
      eps = count > 0 ? Arrays.copyOf(sc.ids, count) : eps;
      select(seg, a.norms, sc.ids, sc.scores, count, maxConn(l), sc);
      int[] ids = Arrays.copyOf(sc.selIds, sc.selCount);
      float[] scs = Arrays.copyOf(sc.selScores, sc.selCount);
      synchronized (node) {
        node.setLinks(l, ids, scs);
      }
      for (int j = 0; j < ids.length; j++) {
        addLink(ids[j], slot, scs[j], l, seg);
      }
      if (l == 0 && ids.length > 0) {
        anchor(ids[0], slot, scs[0], seg);
      }
    }
  }

  /**
   * Moves the live node of slot {@code from} to slot {@code to}, whose vector is the same bytes or
   * is re-linked next (copy-on-write storage wrote the row to a fresh slot): the new node takes the
   * old one's lists, and the in-links found in its neighbours' lists (HNSW links are mostly mutual)
   * are redirected, with no distance computed. Other in-links keep leading to the old node, which
   * the caller tombstones. A tombstone at {@code to} is replaced, keeping its level.
   * Owner-serialised.
   */
  Node move(int from, int to, long id) {
    Node old = node(from);
    Node prior = node(to);
    int level = prior != null ? Math.max(prior.level, old.level) : old.level;
    Node fresh = new Node(id, level);
    synchronized (old) {
      for (int l = 0; l <= old.level; l++) {
        int[] ids = old.links(l);
        float[] sc = old.scores(l);
        int self = indexOf(ids, to);
        if (self >= 0) { // the old node linked to the tombstone this slot held
          ids = without(ids, self);
          sc = sc == null ? null : without(sc, self);
        } else if (sc != null) {
          sc = sc.clone();
        }
        fresh.setLinks(l, ids, sc);
      }
    }
    if (prior != null) {
      unlinkFromNeighbours(to, prior);
    }
    publish(to, fresh, arrays.norms[from]);
    for (int l = 0; l <= old.level; l++) {
      for (int nb : old.links(l)) {
        Node t = node(nb);
        if (t == null || nb == to) {
          continue;
        }
        synchronized (t) {
          int[] cur = t.links(l);
          int at = indexOf(cur, from);
          if (at >= 0 && indexOf(cur, to) < 0) {
            int[] next = cur.clone();
            next[at] = to;
            float[] sc = t.scores(l);
            t.setLinks(l, next, sc == null ? null : sc.clone());
          }
        }
      }
    }
    synchronized (this) {
      Entry e = entry;
      if (e == null || e.slot() == from || e.slot() == to || level > e.level()) {
        entry = new Entry(to, level);
      }
    }
    return fresh;
  }

  /**
   * Drops the links to the tombstone at {@code slot} from its neighbours' lists (most in-links are
   * mutual), so that they do not lead to the unrelated row about to take the slot.
   */
  private void unlinkFromNeighbours(int slot, Node tombstone) {
    for (int l = 0; l <= tombstone.level; l++) {
      for (int nb : tombstone.links(l)) {
        Node t = node(nb);
        if (t == null || nb == slot) {
          continue;
        }
        synchronized (t) {
          int[] cur = t.links(l);
          int at = indexOf(cur, slot);
          if (at >= 0) {
            float[] sc = t.scores(l);
            t.setLinks(l, without(cur, at), sc == null ? null : without(sc, at));
          }
        }
      }
    }
  }

  private static int indexOf(int[] a, int v) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    return -1;
  }

  private static int[] without(int[] a, int i) {
    int[] out = new int[a.length - 1];
    System.arraycopy(a, 0, out, 0, i);
    System.arraycopy(a, i + 1, out, i, a.length - i - 1);
    return out;
  }

  private static float[] without(float[] a, int i) {
    float[] out = new float[a.length - 1];
    System.arraycopy(a, 0, out, 0, i);
    System.arraycopy(a, i + 1, out, i, a.length - i - 1);
    return out;
  }

  /**
   * Makes sure the level-0 list of {@code target} (the nearest neighbour chosen for {@code slot})
   * links to {@code slot}. Pruning may have dropped every back-link of a node that is not diverse
   * enough for any neighbour's list; it stays reachable through links that lead elsewhere, yet a
   * search for its own vector converges on its nearest neighbours and would never see it. The list
   * grows by one past its cap, as {@link HnswRepair#reattach} lets it.
   */
  void anchor(int target, int slot, float score, MemorySegment seg) {
    Node t = node(target);
    if (t == null) {
      return;
    }
    synchronized (t) {
      int[] cur = t.links(0);
      for (int x : cur) {
        if (x == slot) {
          return;
        }
      }
      float[] cs = scoresOf(t, target, 0, cur, seg, arrays.norms);
      Links w = inserted(t.links(0), cs, slot, score);
      t.setLinks(0, w.ids, w.scores);
    }
  }

  /**
   * Greedy descent from the entry through the levels above {@code target}: the closest node found
   * on each level seeds the next (ef = 1, as in the paper). A node's neighbours are scored in one
   * bulk call, as in {@link #searchLayer}, so that their fetches overlap; uses {@code sc}'s batch.
   */
  int greedy(
      float[] q,
      MemorySegment seg,
      Arrays2 a,
      int limit,
      int start,
      int top,
      int target,
      SearchScratch sc) {
    int cur = start;
    float best = score(q, seg, a.norms, cur);
    for (int l = top; l > target; l--) {
      boolean moved = true;
      while (moved) {
        moved = false;
        Node n = a.nodes[cur];
        if (n == null) {
          break;
        }
        int[] batch = sc.batch;
        int count = 0;
        for (int nb : n.links(l)) {
          if (nb < limit && a.nodes[nb] != null) {
            if (count == batch.length) {
              batch = sc.growBatch();
            }
            batch[count++] = nb;
          }
        }
        float[] scores = sc.batchScores;
        scorer.scoreSlots(q, seg, a.norms, batch, count, scores);
        // The first of equal bests wins, as when the neighbours were scored one at a time
        for (int j = 0; j < count; j++) {
          if (scores[j] < best) {
            best = scores[j];
            cur = batch[j];
            moved = true;
          }
        }
      }
    }
    return cur;
  }

  /**
   * Beam search on one level. Leaves up to {@code ef} collectable nodes in {@code sc.results} as a
   * max-heap of {@code ~key}. Every reachable node is traversed; only live nodes that {@code
   * accept} admits (all live ones when null) and that are not {@code exclude} are collected, so a
   * filter narrows results without cutting paths. Returns false when more than {@code budget} nodes
   * were scored (the caller then prefers an exact scan).
   */
  boolean searchLayer(
      float[] q,
      MemorySegment seg,
      Arrays2 a,
      int limit,
      int[] entries,
      int ef,
      int level,
      Bits accept,
      int exclude,
      long budget,
      SearchScratch sc) {
    sc.reset(a.nodes.length);
    boolean checkDeleted = maybeDeleted;
    LongHeap cand = sc.candidates;
    LongHeap res = sc.results;
    Node[] nodes = a.nodes;
    float[] norms = a.norms;
    for (int ep : entries) {
      if (ep < limit && sc.visit(ep)) {
        long key = LongHeap.key(score(q, seg, norms, ep), ep);
        cand.push(key);
        if (collectable(nodes[ep], ep, accept, exclude, checkDeleted)) {
          res.push(~key);
        }
      }
    }
    // Hot loop: one iteration per expanded node; kept in one method so C2 inlines the kernels.
    while (cand.size() > 0) {
      long c = cand.peek();
      if (res.size() >= ef && c > ~res.peek()) {
        break;
      }
      cand.pop();
      Node n = nodes[LongHeap.slot(c)];
      if (n == null) {
        continue;
      }
      // Gather the unvisited neighbours first and score them in one bulk call, so that their
      // vector fetches overlap instead of each waiting behind the previous heap update.
      int[] batch = sc.batch;
      int count = 0;
      for (int nb : n.links(level)) {
        if (nb < limit && sc.visit(nb)) {
          if (count == batch.length) {
            batch = sc.growBatch();
          }
          batch[count++] = nb;
        }
      }
      float[] scores = sc.batchScores;
      scorer.scoreSlots(q, seg, norms, batch, count, scores);
      sc.visitedCount += count;
      for (int j = 0; j < count; j++) {
        int nb = batch[j];
        long key = LongHeap.key(scores[j], nb);
        if (res.size() < ef || key < ~res.peek()) {
          cand.push(key);
          if (collectable(nodes[nb], nb, accept, exclude, checkDeleted)) {
            res.push(~key);
            if (res.size() > ef) {
              res.pop();
            }
          }
        }
      }
      if (sc.visitedCount > budget) {
        return false;
      }
    }
    return true;
  }

  private static boolean collectable(
      Node n, int slot, Bits accept, int exclude, boolean checkDeleted) {
    return n != null
        && slot != exclude
        && (!checkDeleted || !n.deleted)
        && (accept == null || accept.get(slot));
  }

  /** Empties a max-heap of {@code ~key} into {@code sc.ids/scores}, best first; returns count. */
  static int drainSorted(LongHeap maxHeap, SearchScratch sc) {
    int count = maxHeap.size();
    sc.ensure(count);
    for (int i = count - 1; i >= 0; i--) {
      long key = ~maxHeap.pop();
      sc.ids[i] = LongHeap.slot(key);
      sc.scores[i] = LongHeap.score(key);
    }
    return count;
  }

  /**
   * The neighbour-selection heuristic (the paper's algorithm 4): walking candidates from the
   * closest, keep one only if it is closer to the base than to every neighbour already kept, up to
   * {@code max}. Candidates must be sorted by score; the result goes to {@code sc.sel*}.
   */
  void select(
      MemorySegment seg,
      float[] norms,
      int[] ids,
      float[] scores,
      int n,
      int max,
      SearchScratch sc) {
    sc.selCount = 0;
    for (int i = 0; i < n && sc.selCount < max; i++) {
      int c = ids[i];
      boolean diverse = true;
      for (int j = 0; j < sc.selCount; j++) {
        if (pairScore(seg, norms, c, sc.selIds[j]) < scores[i]) {
          diverse = false;
          break;
        }
      }
      if (diverse) {
        sc.selIds[sc.selCount] = c;
        sc.selScores[sc.selCount++] = scores[i];
      }
    }
  }

  /** Adds {@code slot} to a neighbour's list on {@code level}, pruning when the list is full. */
  void addLink(int target, int slot, float score, int level, MemorySegment seg) {
    Node t = node(target);
    if (t == null) {
      return;
    }
    Arrays2 a = arrays;
    synchronized (t) {
      int[] cur = t.links(level);
      for (int x : cur) {
        if (x == slot) {
          return;
        }
      }
      float[] cs = scoresOf(t, target, level, cur, seg, a.norms);
      Links w = inserted(t.links(level), cs, slot, score);
      if (w.ids.length <= maxConn(level)) {
        t.setLinks(level, w.ids, w.scores);
        return;
      }
      prune(t, level, w.ids, w.scores, seg, a);
    }
  }

  /** A neighbour list and its scores. */
  private record Links(int[] ids, float[] scores) {}

  /** {@code cur} (sorted by {@code cs}) with {@code slot} added in score order. */
  private static Links inserted(int[] cur, float[] cs, int slot, float score) {
    int n = cur.length;
    int pos = 0;
    while (pos < n && cs[pos] <= score) {
      pos++;
    }
    int[] ids = new int[n + 1];
    float[] scs = new float[n + 1];
    System.arraycopy(cur, 0, ids, 0, pos);
    System.arraycopy(cs, 0, scs, 0, pos);
    ids[pos] = slot;
    scs[pos] = score;
    System.arraycopy(cur, pos, ids, pos + 1, n - pos);
    System.arraycopy(cs, pos, scs, pos + 1, n - pos);
    return new Links(ids, scs);
  }

  /** Shrinks an over-full list with the heuristic, dropping deleted nodes first. Holds t's lock. */
  void prune(Node t, int level, int[] ids, float[] scs, MemorySegment seg, Arrays2 a) {
    int live = 0;
    for (int i = 0; i < ids.length; i++) {
      Node x = ids[i] < a.nodes.length ? a.nodes[ids[i]] : null;
      if (x != null && !x.deleted) {
        ids[live] = ids[i];
        scs[live++] = scs[i];
      }
    }
    SearchScratch sc = SearchScratch.get();
    sc.ensure(live);
    select(seg, a.norms, ids, scs, live, maxConn(level), sc);
    t.setLinks(
        level, Arrays.copyOf(sc.selIds, sc.selCount), Arrays.copyOf(sc.selScores, sc.selCount));
  }

  /** A node's list scores, computed if a load left them out. Caller holds the node's lock. */
  float[] scoresOf(Node t, int slot, int level, int[] ids, MemorySegment seg, float[] norms) {
    float[] cs = t.scores(level);
    if (cs != null && cs.length == ids.length) {
      return cs;
    }
    ids = ids.clone(); // published arrays are immutable
    cs = new float[ids.length];
    for (int i = 0; i < ids.length; i++) {
      cs[i] = pairScore(seg, norms, slot, ids[i]);
    }
    // Lists are kept sorted by score; a loaded list might not be.
    sortByScore(ids, cs);
    t.setLinks(level, ids, cs);
    return cs;
  }

  static void sortByScore(int[] ids, float[] scores) {
    for (int i = 1; i < ids.length; i++) {
      int id = ids[i];
      float s = scores[i];
      int j = i - 1;
      while (j >= 0 && scores[j] > s) {
        ids[j + 1] = ids[j];
        scores[j + 1] = scores[j];
        j--;
      }
      ids[j + 1] = id;
      scores[j + 1] = s;
    }
  }
}

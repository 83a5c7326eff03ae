package dev.veles.engine.index;

import dev.veles.engine.AlreadyClosedException;
import dev.veles.engine.Hit;
import dev.veles.engine.IndexParams;
import dev.veles.engine.Metric;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * An HNSW index (Malkov &amp; Yashunin) over the vectors of a {@link VectorSource}. Nodes are
 * storage slots; the index keeps each slot's id, its graph (about {@code 2m} ints per node on level
 * 0) and, for cosine, one float norm per slot, never the vectors.
 *
 * <p>Thread-safety: searches are lock-free and run concurrently with one writer; writes ({@code
 * insert}, {@code update}, {@code markDeleted}, {@code insertAll}, {@code reconcile}, {@code save})
 * are serialised by an internal lock. A node becomes visible only once its links are complete;
 * neighbour lists are replaced atomically; a slot marked deleted is never returned by a search that
 * starts afterwards. When tombstones pass {@link #repairThreshold()} of the nodes, a repair runs on
 * a daemon thread named {@code veles-hnsw-repair-N} without blocking searches.
 *
 * <p>Ownership: the index does not own the source; {@link #close()} stops its background thread.
 * Durability: nothing is durable until {@link #save(Path)} returns.
 */
public final class HnswIndex implements VectorIndex, AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** Filters accepting at most this many slots per unit of expected graph work go exact. */
  private static final double EXACT_COST_RATIO = 1.0;

  private final VectorSource source;
  private final Metric metric;
  private final IndexParams params;
  private final long seed;
  private final HnswGraph graph;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final AtomicInteger live = new AtomicInteger();
  private final AtomicInteger deleted = new AtomicInteger();
  private volatile double repairThreshold = 0.2;
  private volatile boolean closed;
  private volatile IntConsumer repairListener = removed -> {};
  private ExecutorService repairExecutor;
  private CompletableFuture<Integer> runningRepair;

  /** An empty index; {@code seed} fixes node levels, so equal inputs give equal graphs. */
  public HnswIndex(VectorSource source, Metric metric, IndexParams params, long seed) {
    this(
        source,
        metric,
        params,
        seed,
        new HnswGraph(source, metric, params.m(), params.efConstruction(), seed));
  }

  public HnswIndex(VectorSource source, Metric metric, IndexParams params) {
    this(source, metric, params, 42L);
  }

  private HnswIndex(
      VectorSource source, Metric metric, IndexParams params, long seed, HnswGraph g) {
    this.source = source;
    this.metric = metric;
    this.params = params;
    this.seed = seed;
    this.graph = g;
  }

  public Metric metric() {
    return metric;
  }

  public IndexParams params() {
    return params;
  }

  @Override
  public void insert(int slot, long id) {
    checkSlot(slot);
    writeLock.lock();
    try {
      checkOpen();
      graph.ensureCapacity(slot + 1);
      insertLocked(slot, id);
    } finally {
      writeLock.unlock();
    }
  }

  /** Inserts under the write lock; safe to run from several build threads for distinct slots. */
  private void insertLocked(int slot, long id) {
    Node old = graph.node(slot);
    if (old != null && !old.deleted) {
      throw new IllegalArgumentException("slot " + slot + " already holds id " + old.id);
    }
    graph.insert(slot, id);
    live.incrementAndGet();
    if (old != null) {
      deleted.decrementAndGet();
      HnswGraph.Entry e = graph.entry();
      if (e != null && e.slot() == slot && graph.node(slot).level < e.level()) {
        graph.resetEntry(new BitSet());
      }
    }
  }

  /**
   * Inserts many slots using up to {@code threads} threads (the caller's included) with per-node
   * locking, reporting progress. Blocks other writers until done; searches go on.
   *
   * @throws IllegalArgumentException when the arrays differ in length, a slot is negative or
   *     repeated, or already holds a live node
   */
  public void insertAll(int[] slots, long[] ids, int threads, BuildProgress progress) {
    if (slots.length != ids.length) {
      throw new IllegalArgumentException(slots.length + " slots but " + ids.length + " ids");
    }
    BitSet seen = new BitSet();
    int max = -1;
    for (int s : slots) {
      checkSlot(s);
      if (seen.get(s)) {
        throw new IllegalArgumentException("slot " + s + " appears twice");
      }
      seen.set(s);
      max = Math.max(max, s);
    }
    writeLock.lock();
    try {
      checkOpen();
      graph.ensureCapacity(max + 1);
      for (int s : slots) {
        Node n = graph.node(s);
        if (n != null && !n.deleted) {
          throw new IllegalArgumentException("slot " + s + " already holds id " + n.id);
        }
      }
      ParallelBuild.run(
          slots.length, threads, i -> insertLocked(slots[i], ids[i]), progress, THREADS);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public void update(int slot) {
    checkSlot(slot);
    writeLock.lock();
    try {
      checkOpen();
      Node n = graph.node(slot);
      if (n == null || n.deleted) {
        throw new IllegalArgumentException("slot " + slot + " holds no live node");
      }
      graph.relink(slot, n);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Moves the live node of {@code from} to the free slot {@code to} for row {@code id} (a
   * copy-on-write replace): the lists move and in-links are redirected (see {@link
   * HnswGraph#move}); {@code relink} re-links it as {@link #update} does when the vector at {@code
   * to} differs from the one at {@code from}. The old node becomes a tombstone.
   *
   * @throws IllegalArgumentException if {@code from} holds no live node or {@code to} holds one
   */
  public void move(int from, int to, long id, boolean relink) {
    checkSlot(from);
    checkSlot(to);
    boolean trigger;
    writeLock.lock();
    try {
      checkOpen();
      Node old = graph.node(from);
      if (old == null || old.deleted) {
        throw new IllegalArgumentException("slot " + from + " holds no live node");
      }
      graph.ensureCapacity(to + 1);
      Node prior = graph.node(to);
      if (prior != null && !prior.deleted) {
        throw new IllegalArgumentException("slot " + to + " already holds id " + prior.id);
      }
      Node fresh = graph.move(from, to, id);
      live.incrementAndGet();
      if (prior != null) {
        deleted.decrementAndGet();
      }
      if (relink) {
        graph.relink(to, fresh);
      }
      trigger = needsRepair(markDeletedLocked(old));
    } finally {
      writeLock.unlock();
    }
    if (trigger) {
      repairAsync();
    }
  }

  @Override
  public boolean markDeleted(int slot) {
    checkSlot(slot);
    boolean trigger;
    writeLock.lock();
    try {
      checkOpen();
      Node n = graph.node(slot);
      if (n == null || n.deleted) {
        return false;
      }
      trigger = needsRepair(markDeletedLocked(n));
    } finally {
      writeLock.unlock();
    }
    if (trigger) {
      repairAsync();
    }
    return true;
  }

  @Override
  public List<Hit> search(float[] query, int k, int efSearch, Bits accept, SlotCheck check) {
    return search(query, k, efSearch, accept, true, check);
  }

  /** As {@link #search}; {@code allowExact} false forces the graph walk (for tests). */
  List<Hit> search(float[] query, int k, int efSearch, Bits accept, boolean allowExact) {
    return search(query, k, efSearch, accept, allowExact, SlotCheck.NONE);
  }

  private List<Hit> search(
      float[] query, int k, int efSearch, Bits accept, boolean allowExact, SlotCheck check) {
    checkOpen();
    if (k < 1) {
      throw new IllegalArgumentException("k must be positive, got " + k);
    }
    float[] q = graph.scorer.prepare(query);
    HnswGraph.Entry e = graph.entry();
    if (e == null) {
      return List.of();
    }
    int ef = Math.max(efSearch, k);
    long budget = Long.MAX_VALUE;
    Bits filter = null;
    if (accept != Bits.ALL) {
      int card = accept.cardinality();
      if (card <= 0) {
        return List.of();
      }
      int total = Math.max(1, live.get() + deleted.get());
      double sel = Math.min(1.0, card / (double) total);
      ef = widen(ef, sel);
      if (allowExact) {
        // Expected graph work grows like ef * m / selectivity; an exact scan costs card.
        if (card <= EXACT_COST_RATIO * ef * params.m() / sel) {
          return exact(query, k, accept, check);
        }
        budget = card;
      }
      filter = accept;
    }
    HnswGraph.Arrays2 a = graph.arrays();
    MemorySegment seg = source.segment();
    int limit = graph.limit(a, seg);
    SearchScratch sc = SearchScratch.get();
    int ep = graph.greedy(q, seg, a, limit, e.slot(), e.level(), 0, sc);
    // The entry point seeds level 0 too: repair and reconcile guarantee that every live node is
    // reachable on level 0 from the entry point, not from wherever the descent lands. Far from
    // the query, the extra seed is dropped after one expansion.
    int[] seeds = ep == e.slot() ? new int[] {ep} : new int[] {ep, e.slot()};
    if (!graph.searchLayer(q, seg, a, limit, seeds, ef, 0, filter, -1, budget, sc)) {
      return exact(query, k, accept, check);
    }
    TopK top = new TopK(k);
    while (sc.results.size() > 0) {
      long key = ~sc.results.pop();
      Node n = a.nodes()[LongHeap.slot(key)];
      if (n != null && !n.deleted) { // re-checked: a delete may have landed during the walk
        top.offer(LongHeap.score(key), n.id, LongHeap.slot(key));
      }
    }
    return top.toHits(graph.scorer, check);
  }

  /** A filter keeps fewer nodes per step as selectivity falls, so the beam widens with it. */
  static int widen(int ef, double selectivity) {
    double f = 1 + Math.log(1 / selectivity) / Math.log(10);
    return (int) Math.min(10_000, Math.ceil(ef * f));
  }

  /** Exact search over the live accepted slots. */
  List<Hit> exact(float[] query, int k, Bits accept, SlotCheck check) {
    HnswGraph.Arrays2 a = graph.arrays();
    MemorySegment seg = source.segment();
    Node[] nodes = a.nodes();
    ExactScan.LiveSlots slots =
        (slot, score, top) -> {
          Node n = nodes[slot]; // one read: a concurrent repair may clear the slot
          if (n != null && !n.deleted) {
            top.offer(score, n.id, slot);
          }
        };
    return ExactScan.search(graph.scorer, seg, query, k, graph.limit(a, seg), accept, slots, check);
  }

  @Override
  public int size() {
    return live.get();
  }

  @Override
  public int tombstones() {
    return deleted.get();
  }

  /** The fraction of tombstones among nodes above which a background repair starts. */
  public double repairThreshold() {
    return repairThreshold;
  }

  /** Sets the tombstone fraction (0 &lt; f &le; 1) that triggers a background repair. */
  public void setRepairThreshold(double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("repair threshold must be in (0, 1], got " + fraction);
    }
    repairThreshold = fraction;
  }

  private boolean needsRepair(int tombstones) {
    return tombstones >= 16 && tombstones > repairThreshold * (tombstones + live.get());
  }

  /**
   * Removes tombstones now, in the calling thread: relinks around deleted nodes, then drops them.
   * Searches are not blocked; writers wait at most one chunk. Returns the number removed.
   */
  public int repair() {
    checkOpen();
    int removed = HnswRepair.run(graph, writeLock);
    writeLock.lock();
    try {
      if (deleted.addAndGet(-removed) == 0) {
        graph.maybeDeleted = false;
      }
    } finally {
      writeLock.unlock();
    }
    return removed;
  }

  /**
   * Starts {@link #repair()} on this index's daemon thread ({@code veles-hnsw-repair-N}) unless one
   * is running; the future completes with the number removed (the listener hook).
   */
  public synchronized CompletableFuture<Integer> repairAsync() {
    checkOpen();
    if (runningRepair != null && !runningRepair.isDone()) {
      return runningRepair;
    }
    if (repairExecutor == null) {
      repairExecutor =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "veles-hnsw-repair-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
    }
    runningRepair =
        CompletableFuture.supplyAsync(
            () -> {
              int removed = repair();
              repairListener.accept(removed);
              return removed;
            },
            repairExecutor);
    return runningRepair;
  }

  /**
   * Called on the repair thread after each background repair with the number of nodes removed
   * (storage may, for instance, save the graph then). Replaces any previous listener.
   */
  public void setRepairListener(IntConsumer listener) {
    repairListener = listener;
  }

  /** Writes the graph file (see {@link HnswFile}) atomically and durably; blocks writers. */
  public void save(Path file) throws IOException {
    writeLock.lock();
    try {
      checkOpen();
      HnswFile.write(file, graph, seed);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Loads a graph file saved by {@link #save}. The file's metric and dimension must match; the
   * given parameters apply to later inserts. Call {@link #reconcile} next if storage may have
   * changed since the save.
   *
   * @throws dev.veles.engine.CorruptFileException when the file fails its checks
   */
  public static HnswIndex load(Path file, VectorSource source, Metric metric, IndexParams params)
      throws IOException {
    HnswFile.Loaded l = HnswFile.read(file, source, metric, params.m(), params.efConstruction());
    HnswIndex index = new HnswIndex(source, metric, params, l.seed(), l.graph());
    index.live.set(l.live());
    index.deleted.set(l.deleted());
    index.graph.maybeDeleted = l.deleted() > 0;
    return index;
  }

  /**
   * Writes the graph in the {@link HnswFile} format to {@code out}, which is flushed but neither
   * synced nor closed: for callers that do their own atomic, durable file replacement. Blocks
   * writers.
   */
  public void save(OutputStream out) throws IOException {
    writeLock.lock();
    try {
      checkOpen();
      HnswFile.write(out, graph, seed);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Loads a graph written by {@link #save(OutputStream)} from {@code in}, read to its end and not
   * closed; {@code file} names the source in a {@link dev.veles.engine.CorruptFileException}, whose
   * offsets count from the stream's start. Otherwise as {@link #load(Path, VectorSource, Metric,
   * IndexParams)}.
   */
  public static HnswIndex load(
      InputStream in, Path file, VectorSource source, Metric metric, IndexParams params)
      throws IOException {
    HnswFile.Loaded l =
        HnswFile.read(in, file, source, metric, params.m(), params.efConstruction());
    HnswIndex index = new HnswIndex(source, metric, params, l.seed(), l.graph());
    index.live.set(l.live());
    index.deleted.set(l.deleted());
    return index;
  }

  /**
   * A new index over {@code target} whose node at slot {@code i} is this index's live node at slot
   * {@code order[i]}, with its level, links (renumbered; links to nodes left out are dropped) and
   * norm: the graph after storage moved the vectors of {@code order} to slots {@code 0..n-1}, as a
   * compaction does, without searching again. Run {@link #repair()} first so deleted nodes are
   * bypassed rather than cut out. This index is unchanged; blocks its writers meanwhile.
   *
   * @throws IllegalArgumentException when a slot in {@code order} is negative or repeated
   */
  public HnswIndex remap(int[] order, VectorSource target) {
    writeLock.lock();
    try {
      checkOpen();
      HnswGraph g = new HnswGraph(target, metric, params.m(), params.efConstruction(), seed);
      HnswIndex out = new HnswIndex(target, metric, params, seed, g);
      out.live.set(HnswRemap.copy(graph, g, order));
      out.repairThreshold = repairThreshold;
      return out;
    } finally {
      writeLock.unlock();
    }
  }

  /** What {@link #reconcile} changed. */
  public record Reconciliation(int inserted, int dropped, int relinked) {}

  /**
   * Brings a loaded graph in line with storage. {@code idBySlot[s]} is the id of slot {@code s}
   * where {@code liveSlots} has bit {@code s}; {@code changedSlots} are slots whose vector was
   * rewritten since the save (storage knows them from its log). Live slots missing from the graph
   * are inserted (in parallel), nodes whose slot is no longer live are dropped, and nodes whose
   * vector or id changed are re-linked.
   */
  public Reconciliation reconcile(
      long[] idBySlot, BitSet liveSlots, BitSet changedSlots, int threads, BuildProgress progress) {
    writeLock.lock();
    try {
      checkOpen();
      return Reconcile.run(this, graph, idBySlot, liveSlots, changedSlots, threads, progress);
    } finally {
      writeLock.unlock();
    }
  }

  /** For {@link Reconcile}: relink or re-id a live node; the write lock is held. */
  void relinkOrReplace(int slot, long id) {
    Node n = graph.node(slot);
    if (n.id == id) {
      graph.relink(slot, n);
    } else {
      markDeletedLocked(n);
      insertLocked(slot, id);
    }
  }

  /** Tombstones a live node; the write lock is held. Returns the tombstone count after it. */
  int markDeletedLocked(Node n) {
    graph.maybeDeleted = true; // before the flag: a search that sees the flag also checks it
    n.deleted = true; // volatile: every search that starts after this sees it
    live.decrementAndGet();
    return deleted.incrementAndGet();
  }

  /** For {@link Reconcile}: drops count adjustments after the repair; the write lock is held. */
  void addDropped(int removed) {
    if (deleted.addAndGet(-removed) == 0) {
      graph.maybeDeleted = false;
    }
  }

  ReentrantLock writeLock() {
    return writeLock;
  }

  /** Stops the background repair thread; searches and writes then fail. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (repairExecutor != null) {
      repairExecutor.shutdownNow();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new AlreadyClosedException("HNSW index");
    }
  }

  private static void checkSlot(int slot) {
    if (slot < 0) {
      throw new IllegalArgumentException("slot must be non-negative, got " + slot);
    }
  }
}

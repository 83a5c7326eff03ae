package dev.veles.engine;

import dev.veles.engine.index.BuildProgress;
import dev.veles.engine.index.HnswIndex;
import dev.veles.engine.index.VectorSource;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.NoSuchFileException;
import java.util.BitSet;
import java.util.concurrent.CompletionException;

/**
 * The HNSW index of one collection, kept in step with its storage: slots are nodes, read straight
 * from the collection's mapped {@link VectorFile} (never copied).
 *
 * <p>Invariant (between write calls): the index's live nodes are exactly the storage's live slots,
 * each with its row's id and current vector. Searches also take the storage's live set as their
 * accept set, so a row deleted in storage is never returned even before its node is tombstoned.
 *
 * <p>Thread-safety: every method except {@link #current()} runs under the collection's writer lock;
 * {@link #swap} runs under its write lock, so a reader holding the read lock sees one index
 * throughout. The {@link HnswIndex} itself lets searches run concurrently with its one writer. Owns
 * the current index and closes it (which stops its background repair thread).
 */
final class CollectionIndex implements AutoCloseable {
  /** Batches of at least this many new rows go through the parallel bulk build. */
  static final int BULK_ROWS = 5_000;

  static final int BUILD_THREADS = 2;

  /** Fixes node levels, so that equal histories give equal graphs. */
  private static final long SEED = 0x5645_4C45_53L;

  private static final System.Logger LOG = System.getLogger(CollectionIndex.class.getName());

  private final CollectionFiles files;
  private volatile HnswIndex index;
  private volatile BuildProgress listener = BuildProgress.NONE;

  private CollectionIndex(CollectionFiles files) {
    this.files = files;
  }

  /** A source over one vector file; stays valid while the file is open, even after it grows. */
  static VectorSource sourceOf(VectorFile vf) {
    return new VectorSource() {
      @Override
      public int dimension() {
        return vf.dimension();
      }

      @Override
      public MemorySegment segment() {
        return vf.slots(); // a volatile read: the newest mapping, older ones stay valid
      }

      @Override
      public long stride() {
        return vf.stride();
      }
    };
  }

  /**
   * Sets up the index after recovery: the saved graph when its tag proves it describes this storage
   * (same generation, saved at or after the index file's checkpoint and not after the last replayed
   * write), reconciled with the slots replayed since; otherwise a fresh build. A missing or damaged
   * graph file is logged and rebuilt, never an error.
   */
  static CollectionIndex open(CollectionFiles files, SlotTable table, CollectionFiles.Recovered r) {
    CollectionIndex ci = new CollectionIndex(files);
    String why = ci.tryLoad(table, r);
    if (why != null) {
      System.Logger.Level level =
          table.size() == 0 ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING;
      LOG.log(
          level,
          "collection {0}: rebuilding the HNSW graph of {1} rows ({2})",
          files.name,
          table.size(),
          why);
      ci.index = ci.build(table.vectors, table.live, table.ids);
    }
    return ci;
  }

  /** Loads and reconciles the saved graph; returns why it could not be used, or null. */
  private String tryLoad(SlotTable table, CollectionFiles.Recovered r) {
    CollectionSchema schema = files.schema;
    GraphFile.Loaded l;
    try {
      l =
          GraphFile.read(
              files.io, files.dir, sourceOf(table.vectors), schema.metric(), schema.index());
    } catch (NoSuchFileException e) {
      return "no graph file";
    } catch (IOException | RuntimeException e) {
      return "graph file unreadable: " + e.getMessage();
    }
    String stale = null;
    if (r.importInterrupted()) {
      stale = "a bulk import was interrupted after the graph was saved";
    } else if (l.generation() != r.generation()) {
      stale = "graph of generation " + l.generation() + ", data of " + r.generation();
    } else if (l.seq() < r.checkpointSeq() || l.seq() > r.seq()) {
      stale = "graph at write " + l.seq() + ", storage at " + r.checkpointSeq() + ".." + r.seq();
    }
    if (stale != null) {
      l.index().close();
      return stale;
    }
    try {
      HnswIndex.Reconciliation rec =
          l.index()
              .reconcile(
                  table.ids, table.live, r.replayed().after(l.seq()), BUILD_THREADS, listener);
      LOG.log(
          System.Logger.Level.DEBUG,
          "collection {0}: graph loaded; {1} inserted, {2} dropped, {3} relinked",
          files.name,
          rec.inserted(),
          rec.dropped(),
          rec.relinked());
      index = l.index();
      return null;
    } catch (RuntimeException e) {
      l.index().close();
      return "graph does not reconcile with storage: " + e;
    }
  }

  /** The index searches use; read under the collection's read lock. */
  HnswIndex current() {
    return index;
  }

  void setListener(BuildProgress progress) {
    listener = progress == null ? BuildProgress.NONE : progress;
  }

  /** A new index over the live slots of {@code vf}; large sets are built in parallel. */
  HnswIndex build(VectorFile vf, BitSet live, long[] ids) {
    CollectionSchema schema = files.schema;
    return build(vf, live, ids, schema.metric(), schema.index());
  }

  /** {@link #build(VectorFile, BitSet, long[])} for {@code metric} and {@code params}. */
  HnswIndex build(VectorFile vf, BitSet live, long[] ids, Metric metric, IndexParams params) {
    HnswIndex next = new HnswIndex(sourceOf(vf), metric, params, SEED);
    int[] slots = live.stream().toArray();
    long[] slotIds = new long[slots.length];
    for (int i = 0; i < slots.length; i++) {
      slotIds[i] = ids[slots[i]];
    }
    try {
      next.insertAll(slots, slotIds, BUILD_THREADS, listener);
    } catch (RuntimeException e) {
      next.close();
      throw e;
    }
    return next;
  }

  /**
   * Applies a write call: inserts the rows new to their slots and relinks the slots whose vector
   * was overwritten. Vectors are already in storage.
   */
  void written(int[] added, long[] addedIds, BitSet changed) {
    HnswIndex idx = index;
    if (added.length >= BULK_ROWS) {
      idx.insertAll(added, addedIds, BUILD_THREADS, listener);
    } else {
      for (int i = 0; i < added.length; i++) {
        idx.insert(added[i], addedIds[i]);
      }
    }
    for (int s = changed.nextSetBit(0); s >= 0; s = changed.nextSetBit(s + 1)) {
      idx.update(s);
    }
  }

  /**
   * Applies the replaces of a write call (copy-on-write): the node of {@code from[i]} moves to
   * {@code to[i]}, re-linked where {@code relink[i]} (the vector changed).
   */
  void moved(int[] from, int[] to, long[] ids, boolean[] relink) {
    HnswIndex idx = index;
    for (int i = 0; i < from.length; i++) {
      idx.move(from[i], to[i], ids[i], relink[i]);
    }
  }

  /** Tombstones deleted slots; a background repair starts past the index's threshold. */
  void deleted(int[] slots) {
    HnswIndex idx = index;
    for (int s : slots) {
      idx.markDeleted(s);
    }
  }

  /**
   * The index after a compaction moved live slot {@code order[i]} to slot {@code i} of {@code nv}:
   * tombstones are repaired away first (bypassing them, while searches go on), then the graph is
   * renumbered and checked against the compacted state.
   */
  HnswIndex compacted(int[] order, VectorFile nv, long[] ids, BitSet live) {
    HnswIndex cur = index;
    try {
      cur.repairAsync().join(); // waits for a running repair, or runs one
    } catch (CompletionException e) {
      LOG.log(System.Logger.Level.WARNING, "background repair failed; repairing again", e);
    }
    if (cur.tombstones() > 0) {
      cur.repair();
    }
    HnswIndex next = cur.remap(order, sourceOf(nv));
    try {
      next.reconcile(ids, live, new BitSet(), BUILD_THREADS, listener);
    } catch (RuntimeException e) {
      next.close();
      throw e;
    }
    return next;
  }

  /** Makes {@code next} current and closes the old index; under the collection's write lock. */
  void swap(HnswIndex next) {
    HnswIndex old = index;
    index = next;
    if (old != null && old != next) {
      old.close();
    }
  }

  /** Saves the graph tagged with the storage state it reflects; under the writer lock. */
  void save(long generation, long seq) throws IOException {
    GraphFile.write(files.io, files.dir, index, generation, seq);
  }

  @Override
  public void close() {
    HnswIndex idx = index;
    if (idx != null) {
      idx.close();
    }
  }
}

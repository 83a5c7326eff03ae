package dev.veles.engine;

import dev.veles.engine.index.Bits;
import dev.veles.engine.index.BuildProgress;
import dev.veles.engine.index.HnswIndex;
import dev.veles.engine.index.SlotCheck;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A collection of rows (id, vector, typed column values), stored in its own directory: {@code
 * collection.json}, {@code vectors.dat} with its side file {@code vectors.ids} (see {@link
 * VectorFile}), {@code vectors.wal}, {@code vectors.idx}, for a collection with vectors the HNSW
 * graph {@code vectors.hnsw}, and for one with text or binary columns the value store {@code
 * values.dat} of its long values (derived, rebuilt on open: see {@link ValueStore}).
 *
 * <p>Index: a collection with vectors owns an {@link HnswIndex} over its slots, kept in step by
 * every write, saved at each checkpoint (tagged with the write it reflects) and, on open, loaded
 * and reconciled with what the WAL replayed, or rebuilt when it is missing, damaged or stale.
 * {@link #search(float[], int, Metric, Filter, int)} uses it for the collection's metric.
 *
 * <p>Thread-safety: writes are serialized internally (one writer at a time); any number of readers
 * run concurrently with each other and with the slow part of a write (WAL I/O, fsync, index
 * linking). Readers see each call's effect on rows all at once; an indexed search finds a written
 * row from the moment its write call returns (a little earlier for some rows of a batch) and never
 * returns a deleted one.
 *
 * <p>Durability follows the collection's {@link Durability}: in {@code FSYNC} every write call (one
 * row or a batch) is fsynced to the WAL before it returns; in {@code FLUSH_ONLY} it is handed to
 * the OS and {@link #flush()} syncs; in {@code NONE} there is no WAL and {@link #flush()}
 * checkpoints. A {@link Transaction} touches storage only when it commits: its writes here are one
 * WAL group (opened by a transaction marker when it also wrote other collections, and then applied
 * by recovery only if the database's commit log holds its commit record; see {@link CommitLog}). A
 * write to a row that an open transaction holds fails with {@link WriteConflictException}. A failed
 * write, fsync or msync makes the collection refuse further writes with {@link FailedException}
 * until the database is reopened.
 *
 * <p>No torn rows: writes are copy-on-write (a replaced row goes to a fresh slot); a live slot is
 * never overwritten, and a slot freed by a delete or replace is reused only once that write is
 * durable (after the WAL sync in {@code FSYNC}, after {@link #flush()} or a checkpoint otherwise;
 * in {@code NONE} an upsert-heavy load therefore grows the file until the next flush). After a
 * power loss the collection holds a prefix of its write order: every acknowledged call in {@code
 * FSYNC}, at least everything before the last flush in {@code FLUSH_ONLY}, the last flush's state
 * in {@code NONE}. A transaction over several collections is there in all of them or in none
 * ({@code FSYNC} and {@code FLUSH_ONLY}; its groups are synced before its commit record, and a
 * flush or checkpoint syncs the commit log before releasing a slot or writing the index).
 *
 * <p>Keys: a collection's unique keys ({@link CollectionSchema#unique()}) are checked by every
 * write call and commit against an in-memory {@link KeyIndex} derived from the rows on open (a
 * duplicate fails the whole call with {@link DuplicateKeyException}); {@link #findKey} looks a key
 * up. Ids for rows inserted without one come from {@link #allocateIds}, backed by {@code ids.seq}
 * ({@link IdSequence}): never handed out twice, across crashes too.
 *
 * <p>Owned by its {@link Database}, which closes it.
 */
public final class VectorCollection {
  private static final System.Logger LOG = System.getLogger(VectorCollection.class.getName());

  /**
   * A secondary-index lookup gives up past {@code 1/LOOKUP_SHARE} of the live rows (and {@link
   * #LOOKUP_MIN_CAP}), and the filter scans the columns: a judgment, not a measured break-even; per
   * row, the walk (tree steps, an id-to-slot lookup) costs several times a column scan's compare.
   */
  static final int LOOKUP_SHARE = 16;

  static final int LOOKUP_MIN_CAP = 1024;

  /** The WAL size that triggers a checkpoint (index written, WAL emptied). */
  static final long CHECKPOINT_BYTES = 64L << 20;

  private final String name;
  private volatile CollectionSchema schema; // replaced only by reindex()
  private final CollectionFiles files;
  private final RowCodec codec;
  private final boolean readOnly;
  private final ReentrantLock writer = new ReentrantLock();
  private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
  private final SlotTable table;
  final RowLocks locks;
  private Wal wal;
  private long seq;
  private long checkpointSeq;
  private long generation;
  private boolean importDirty;
  private final boolean importInterrupted;
  private CollectionIndex index;
  private IdSequence sequence; // opened by the first allocation
  private KeyIndex keys; // null without unique keys
  private SecondaryIndexes indexes; // null without secondary indexes
  private volatile boolean closed;
  private volatile Throwable failure;
  private volatile CorruptFileException damage;
  private volatile boolean marked;

  /** Open cursors; a writer hands each the old image of a row it changes (under the write lock). */
  private final List<RowCursor.State> cursors = new CopyOnWriteArrayList<>();

  /**
   * Whether a marked group of this log may have a commit record that is not yet durable: then a
   * patch must not be logged (replay could skip the group it builds on), a full record is.
   */
  private boolean commitPending;

  long checkpointBytes = CHECKPOINT_BYTES;

  VectorCollection(String name, CollectionFiles files, CollectionFiles.Recovered r) {
    this.name = name;
    this.schema = files.schema;
    this.files = files;
    this.codec = files.codec;
    this.readOnly = files.readOnly;
    this.table = r.table();
    this.locks = new RowLocks(name);
    this.wal = r.wal();
    this.seq = r.seq();
    this.checkpointSeq = r.checkpointSeq();
    this.generation = r.generation();
    this.importInterrupted = r.importInterrupted();
    this.importDirty = r.importInterrupted(); // the marker is still on disk
  }

  /** Recovers a collection's files, sets up its index and, after a replay, checkpoints. */
  static VectorCollection open(String name, CollectionFiles files) throws IOException {
    CollectionFiles.Recovered r = files.recover();
    VectorCollection c = new VectorCollection(name, files, r);
    try {
      if (c.table.vectors != null) {
        c.index = CollectionIndex.open(files, c.table, r);
      }
      c.buildKeys();
      if (r.needsCheckpoint() && !c.readOnly) {
        c.checkpoint(); // the WAL restarts clean (and a torn tail is gone)
      }
      if (!c.readOnly) {
        c.upgrade();
      }
      return c;
    } catch (IOException | RuntimeException e) {
      try {
        c.close(false);
      } catch (IOException | RuntimeException s) {
        e.addSuppressed(s);
      }
      throw e;
    }
  }

  public String name() {
    return name;
  }

  /**
   * Rewrites files of an older format in the current one: the vector file through a compaction
   * (crash-safe by generations: a crash leaves the old or the new pair), then the schema
   * (atomically). Each step is idempotent, so a crash between them is finished by the next open.
   */
  private void upgrade() throws IOException {
    boolean data = table.vectors != null && table.vectors.version() < VectorFile.VERSION;
    boolean meta = files.schemaFormat() < SchemaJson.FORMAT;
    if (!data && !meta) {
      return;
    }
    LOG.log(
        System.Logger.Level.INFO,
        "collection {0}: upgrading its files to format v{1}",
        name,
        VectorFile.VERSION);
    if (data) {
      compact();
    }
    if (meta) {
      files.rewriteSchema();
    }
  }

  public CollectionSchema schema() {
    return schema;
  }

  RowCodec codec() {
    return codec;
  }

  /**
   * Whether this collection (durability {@code NONE}) was found on open with writes after its last
   * {@link #flush()}: a bulk import was interrupted and rows written since may be lost or damaged.
   */
  public boolean importInterrupted() {
    return importInterrupted;
  }

  // ---------------------------------------------------------------- writes

  /**
   * Inserts rows, all or nothing.
   *
   * @throws DuplicateKeyException if an id exists or repeats within {@code rows}; nothing written
   * @throws IllegalArgumentException for a bad vector or value; nothing written
   */
  public void insert(List<Row> rows) throws IOException {
    write(rows, false);
  }

  /**
   * Inserts rows or replaces existing ones, with the checks of {@link #insert}. A replaced row is
   * written to a fresh slot (copy-on-write, see {@link #planSlots}), never over its live one.
   */
  public void upsert(List<Row> rows) throws IOException {
    write(rows, true);
  }

  private void write(List<Row> rows, boolean replace) throws IOException {
    Objects.requireNonNull(rows, "rows");
    writer.lock();
    try {
      checkWritable();
      int n = rows.size();
      if (n == 0) {
        return;
      }
      if (locks.active()) {
        for (Row r : rows) {
          locks.check(r.id(), null);
        }
      }
      Object[][] values = new Object[n][];
      for (int i = 0; i < n; i++) {
        values[i] = codec.check(rows.get(i));
      }
      KeyWrite kw = tracksKeys() ? checkKeys(rows, values, new long[0], true) : null;
      int[] slots = new int[n];
      BitSet inPlace = new BitSet();
      int[] plan = planSlots(rows, replace, slots, inPlace);
      BitSet[] patches = patches(rows, values, slots, inPlace);
      int taken = plan[0];
      int next = plan[1];
      IndexPlan ip = index == null ? null : planIndex(rows, slots);
      try {
        table.reserveValues(values); // the long values' room: applying them cannot fail
        if (table.vectors != null) {
          table.vectors.ensureCapacity(next); // may remap: before the log
        }
        for (int i = 0; i < taken && table.vectors != null; i++) {
          if (table.isHole(table.peekFree(i))) {
            table.vectors.reserve(table.peekFree(i));
          }
        }
      } catch (DiskFullException e) {
        throw e; // nothing written yet: the call fails, the collection stays writable
      } catch (IOException | RuntimeException e) {
        throw fail(e);
      }
      log(rows, values, slots, null, patches);
      rw.writeLock().lock();
      try {
        keepForCursors(rows, null);
        table.takeFree(taken);
        for (int i = 0; i < n; i++) {
          Row r = rows.get(i);
          if (patches != null && patches[i] != null) {
            table.patch(r.id(), slots[i], values[i]); // same vector, same slot: columns only
          } else {
            table.put(r.id(), slots[i], r.vector(), null, values[i]);
          }
        }
        seq += n;
        if (kw != null) {
          kw.apply(keys, indexes);
        }
      } finally {
        rw.writeLock().unlock();
      }
      if (ip != null) {
        try {
          index.written(ip.added, ip.addedIds, new BitSet());
          index.moved(ip.from, ip.to, ip.movedIds, ip.relink);
        } catch (RuntimeException e) {
          throw fail(e); // the index no longer matches storage: reopen to reconcile
        }
      }
      afterWrite();
    } finally {
      writer.unlock();
    }
  }

  /**
   * The index work of a write call: rows new to the collection (slot, id), and replaced rows whose
   * node moves from their old slot to their new one, re-linked when the vector changes.
   */
  private record IndexPlan(
      int[] added, long[] addedIds, int[] from, int[] to, long[] movedIds, boolean[] relink) {}

  /** Plans the index work of a batch before it is applied (the table still shows the old rows). */
  private IndexPlan planIndex(List<Row> rows, int[] slots) {
    Map<Long, Integer> last = new LinkedHashMap<>(); // id -> its last row in the call
    for (int i = 0; i < rows.size(); i++) {
      last.put(rows.get(i).id(), i);
    }
    int n = last.size();
    int[] added = new int[n];
    long[] addedIds = new long[n];
    int[] from = new int[n];
    int[] to = new int[n];
    long[] movedIds = new long[n];
    boolean[] relink = new boolean[n];
    int a = 0;
    int m = 0;
    for (Map.Entry<Long, Integer> e : last.entrySet()) {
      long id = e.getKey();
      int i = e.getValue();
      int old = table.slotOf(id);
      if (old < 0) {
        added[a] = slots[i];
        addedIds[a++] = id;
      } else if (old != slots[i]) {
        from[m] = old;
        to[m] = slots[i];
        movedIds[m] = id;
        // An UPDATE of columns keeps the vector: the node moves without a search.
        relink[m++] = !table.vectors.holds(old, rows.get(i).vector());
      }
    }
    return new IndexPlan(
        java.util.Arrays.copyOf(added, a),
        java.util.Arrays.copyOf(addedIds, a),
        java.util.Arrays.copyOf(from, m),
        java.util.Arrays.copyOf(to, m),
        java.util.Arrays.copyOf(movedIds, m),
        java.util.Arrays.copyOf(relink, m));
  }

  /**
   * Assigns slots; returns {free slots taken, next new slot}. Changes no state.
   *
   * <p>Copy-on-write: every row gets a slot that no durable state refers to (a free slot, whose
   * delete or replacement is durable, or a new one at the end), a replaced row included; its old
   * slot goes to the pending list and is freed once this write is durable. So a page of {@code
   * vectors.dat} or {@code vectors.ids} that the OS writes back early never changes a row of any
   * state that recovery can reach: the checkpoint's rows stay intact, and the WAL (redo of full
   * rows) rewrites the slots it names. A row written twice in one call reuses the slot the call
   * gave it. The one exception is a replace that keeps the vector bit for bit: it stays in its
   * slot, since writing a slot's own bytes back changes no page.
   */
  private int[] planSlots(List<Row> rows, boolean replace, int[] slots, BitSet inPlace) {
    Map<Long, Integer> batch = new HashMap<>(rows.size() * 2);
    Map<Long, Integer> last = new HashMap<>(); // replace: id -> its last row in the call
    if (replace) {
      for (int i = 0; i < rows.size(); i++) {
        last.put(rows.get(i).id(), i);
      }
    }
    int taken = 0;
    int next = table.slotCount;
    for (int i = 0; i < rows.size(); i++) {
      long id = rows.get(i).id();
      Integer prior = batch.get(id);
      if (!replace && (prior != null || table.slotOf(id) >= 0)) {
        throw new DuplicateKeyException(name, id);
      }
      if (prior != null) {
        slots[i] = prior;
        continue;
      }
      int old = replace && last.get(id) == i ? table.slotOf(id) : -1;
      if (old >= 0 && table.vectors != null && table.vectors.holds(old, rows.get(i).vector())) {
        // The vector is unchanged (an UPDATE of columns): rewriting the slot writes the bytes it
        // already holds, so no state can see a torn row, and the row keeps its slot and node. Only
        // for an id the call writes once: a later row of the call would write over the live slot.
        slots[i] = old;
        batch.put(id, old);
        inPlace.set(i);
        continue;
      }
      slots[i] = taken < table.freeCount() ? table.peekFree(taken++) : next++;
      batch.put(id, slots[i]);
    }
    if (next < 0) {
      throw new IllegalArgumentException("collection " + name + " is full (2^31 slots)");
    }
    return new int[] {taken, next};
  }

  /**
   * For each row that {@link #planSlots} kept in its live slot (its vector unchanged), the columns
   * whose values change; null elsewhere, or null when there are no such rows.
   */
  private BitSet[] patches(List<Row> rows, Object[][] values, int[] slots, BitSet inPlace) {
    if (inPlace.isEmpty()) {
      return null;
    }
    BitSet[] out = new BitSet[rows.size()];
    for (int i = inPlace.nextSetBit(0); i >= 0; i = inPlace.nextSetBit(i + 1)) {
      Object[] before = table.columns.get(slots[i]);
      BitSet changed = new BitSet();
      for (int c = 0; c < before.length; c++) {
        if (!Objects.equals(before[c], values[i][c])) {
          changed.set(c);
        }
      }
      out[i] = changed;
    }
    return out;
  }

  /**
   * Writes one call's WAL records as one group and, in FSYNC mode, syncs it. Any failure is
   * fail-stop: the log's end is unknown. A row with a patch (see {@link #patches}) is logged as its
   * changed columns only when the log's format has patches.
   */
  private void log(List<Row> rows, Object[][] values, int[] slots, long[] deletes, BitSet[] patches)
      throws IOException {
    if (schema.durability() == Durability.NONE) {
      try {
        markImport();
      } catch (DiskFullException e) {
        throw e; // no marker, nothing written
      } catch (IOException | RuntimeException e) {
        throw fail(e);
      }
      return;
    }
    try {
      append(rows, values, slots, deletes, patches);
    } catch (DiskFullException e) {
      // A write ran out of space before anything of this call was forced: cut the log back.
      try {
        wal.rollback();
      } catch (IOException | RuntimeException r) {
        e.addSuppressed(r);
        throw fail(e);
      }
      throw e;
    } catch (IOException | RuntimeException e) {
      throw fail(e);
    }
    try {
      if (schema.durability() == Durability.FSYNC) {
        wal.force(); // a failed fsync stays fail-stop, whatever its errno
      }
    } catch (IOException | RuntimeException e) {
      throw fail(e);
    }
  }

  /** Writes one call's records (not forced). */
  private void append(
      List<Row> rows, Object[][] values, int[] slots, long[] deletes, BitSet[] patches)
      throws IOException {
    wal.begin();
    int n = deletes != null ? deletes.length : rows.size();
    for (int i = 0; i < n; i++) {
      if (deletes != null) {
        wal.add(Wal.OP_DELETE, i == n - 1, seq + 1 + i, deletes[i], slots[i], codec, null, null);
      } else {
        addPut(i == n - 1, seq + 1 + i, rows.get(i), slots[i], values[i], patches, i);
      }
    }
    wal.commit();
  }

  /** Logs one written row: its changed columns if it has a patch and the log takes patches. */
  private void addPut(
      boolean commit, long q, Row r, int slot, Object[] values, BitSet[] patches, int i)
      throws IOException {
    if (patches != null && patches[i] != null && wal.version() >= Wal.VERSION && !commitPending) {
      wal.addPatch(commit, q, r.id(), slot, codec, patches[i], values);
    } else {
      wal.add(Wal.OP_PUT, commit, q, r.id(), slot, codec, r.vector(), values);
    }
  }

  private void markImport() throws IOException {
    if (!importDirty) {
      files.createImportMarker();
      importDirty = true;
    }
  }

  private void afterWrite() throws IOException {
    try {
      if (schema.durability() == Durability.FSYNC) {
        table.releasePending();
      }
      // NONE writes no log: its checkpoints are its flushes, never implicit.
      if (schema.durability() != Durability.NONE && wal != null && wal.size() > checkpointBytes) {
        checkpoint();
      }
    } catch (DiskFullException e) {
      // The call is durable in the WAL; the checkpoint left the old files in place (its temp
      // files are replaced next time) and is retried after the next write.
      LOG.log(System.Logger.Level.WARNING, "collection {0}: checkpoint postponed: {1}", name, e);
    } catch (IOException | RuntimeException e) {
      throw fail(e);
    }
  }

  /**
   * Hands out {@code n} row ids that no live row has and that this collection never handed out
   * before, also across crashes (see {@link IdSequence}): for rows inserted without an id.
   *
   * @throws IOException if the sequence cannot be made durable; no id is handed out then
   */
  public long[] allocateIds(int n) throws IOException {
    if (n < 0) {
      throw new IllegalArgumentException("negative id count " + n);
    }
    writer.lock();
    try {
      checkWritable();
      if (sequence == null) {
        long[] live = ids(null);
        sequence =
            IdSequence.open(files.io, files.dir, live.length == 0 ? 0 : live[live.length - 1]);
      }
      return sequence.next(n, this::contains);
    } finally {
      writer.unlock();
    }
  }

  /**
   * Deletes rows by id; absent ids are ignored.
   *
   * @return how many of the ids existed
   */
  public int delete(long... ids) throws IOException {
    writer.lock();
    try {
      checkWritable();
      if (locks.active()) {
        for (long id : ids) {
          locks.check(id, null);
        }
      }
      Map<Long, Integer> found = new LinkedHashMap<>();
      for (long id : ids) {
        int slot = table.slotOf(id);
        if (slot >= 0) {
          found.putIfAbsent(id, slot);
        }
      }
      if (found.isEmpty()) {
        return 0;
      }
      long[] del = found.keySet().stream().mapToLong(Long::longValue).toArray();
      int[] slots = found.values().stream().mapToInt(Integer::intValue).toArray();
      KeyWrite kw = tracksKeys() ? checkKeys(List.of(), new Object[0][], del, true) : null;
      log(null, null, slots, del, null);
      rw.writeLock().lock();
      try {
        keepForCursors(List.of(), del);
        for (long id : del) {
          table.delete(id);
        }
        seq += del.length;
        if (kw != null) {
          kw.apply(keys, indexes);
        }
      } finally {
        rw.writeLock().unlock();
      }
      if (index != null) {
        try {
          index.deleted(slots);
        } catch (RuntimeException e) {
          throw fail(e);
        }
      }
      afterWrite();
      return del.length;
    } finally {
      writer.unlock();
    }
  }

  /**
   * A write's effect on the unique keys and secondary indexes, checked before the write is logged
   * and applied with it: the ids and values it writes, the ids it deletes and the values those rows
   * had before.
   */
  private record KeyWrite(long[] ids, Object[][] values, long[] deletes, Map<Long, Object[]> old) {
    void apply(KeyIndex keys, SecondaryIndexes indexes) {
      if (keys != null) {
        keys.apply(ids, values, deletes, old::get);
      }
      if (indexes != null) {
        indexes.apply(ids, values, deletes, old::get);
      }
    }
  }

  /** Whether writes must compute a {@link KeyWrite}: unique keys or secondary indexes exist. */
  private boolean tracksKeys() {
    return keys != null || indexes != null;
  }

  /**
   * Checks a write against the unique keys (and, for a single write call with transactions open,
   * their key locks); the caller holds the writer lock.
   *
   * @param call whether a single write call writes (a committing transaction holds the locks of its
   *     own key values, and no other transaction can hold them)
   * @throws DuplicateKeyException if two live rows would share a key; nothing is written then
   */
  private KeyWrite checkKeys(List<Row> rows, Object[][] values, long[] deletes, boolean call) {
    long[] ids = new long[rows.size()];
    Map<Long, Object[]> old = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      ids[i] = rows.get(i).id();
      Object[] prior = valuesOf(ids[i]);
      if (prior != null) {
        old.put(ids[i], prior);
      }
      if (call && keys != null && locks.active()) {
        for (int k = 0; k < keys.keyCount(); k++) {
          Object v = keys.key(k, values[i]);
          if (v != null) {
            locks.checkKey(k, v, null);
          }
        }
      }
    }
    for (long id : deletes) {
      Object[] prior = valuesOf(id);
      if (prior != null) {
        old.put(id, prior);
      }
    }
    if (keys != null) {
      keys.check(ids, values, deletes);
    }
    return new KeyWrite(ids, values, deletes, old);
  }

  /** The column values of live row {@code id}, or null. */
  private Object[] valuesOf(long id) {
    int slot = table.slotOf(id);
    return slot < 0 ? null : table.columns.get(slot);
  }

  /**
   * Builds the unique-key index (see {@link KeyIndex}) and the secondary indexes (see {@link
   * SecondaryIndex}) from the live rows, in one pass.
   */
  private void buildKeys() {
    keys = KeyIndex.of(name, schema);
    indexes = SecondaryIndexes.of(schema, null);
    if (keys == null && indexes == null) {
      return;
    }
    List<SecondaryIndex> fill = indexes == null ? List.of() : indexes.all();
    for (long id : ids(null)) {
      Object[] v = valuesOf(id);
      if (keys != null) {
        keys.add(id, v);
      }
      for (SecondaryIndex ix : fill) {
        ix.load(id, v);
      }
    }
    for (SecondaryIndex ix : fill) {
      ix.finishLoad();
    }
  }

  /**
   * The unique-key index, or null; for a transaction's checks (read it through {@link
   * #findKeyValue}).
   */
  KeyIndex keyIndex() {
    return keys;
  }

  /** The id holding {@code value} (see {@link KeyIndex#key}) of key {@code k}, or -1. */
  long findKeyValue(int k, Object value) {
    rw.readLock().lock();
    try {
      return keys.find(k, value);
    } finally {
      rw.readLock().unlock();
    }
  }

  /** The first unique-key value two live rows share (see {@link KeyIndex#addChecked}), or null. */
  private String duplicateKey() {
    KeyIndex fresh = KeyIndex.of(name, schema);
    for (long id : ids(null)) {
      String dup = fresh.addChecked(id, valuesOf(id));
      if (dup != null) {
        return dup;
      }
    }
    return null;
  }

  /** Whether this collection has unique keys ({@link CollectionSchema#unique()}). */
  public boolean hasKeys() {
    return keys != null;
  }

  /**
   * The id of the live row whose unique key {@code k} (an index into {@link
   * CollectionSchema#unique()}) has these column values (in the key's column order, each of its
   * column's type), or -1: a hash lookup, no scan.
   */
  public long findKey(int k, Object... values) {
    rw.readLock().lock();
    try {
      checkOpen();
      return keys == null
          ? -1
          : keys.find(k, values.length == 1 ? values[0] : java.util.Arrays.asList(values));
    } finally {
      rw.readLock().unlock();
    }
  }

  // ---------------------------------------------------------------- transactions

  /**
   * Registers a transaction that will lock rows here (see {@link RowLocks}): waits for the write
   * call in progress, so that every later write call checks the locks.
   */
  void registerTransaction() throws IOException {
    writer.lock();
    try {
      checkWritable();
      locks.register();
    } finally {
      writer.unlock();
    }
  }

  void lockWriter() {
    writer.lock();
  }

  void unlockWriter() {
    writer.unlock();
  }

  /** A transaction's writes to this collection, logged but not yet visible to readers. */
  static final class Staged {
    final List<Row> puts;
    final Object[][] values;
    final int[] slots;
    final int taken;
    final long[] deletes;
    final int[] deleteSlots;
    final IndexPlan plan;
    final int records;
    final BitSet[] patches;
    KeyWrite keys;

    private Staged(
        List<Row> puts,
        Object[][] values,
        int[] slots,
        int taken,
        long[] deletes,
        int[] deleteSlots,
        IndexPlan plan,
        int records,
        BitSet[] patches) {
      this.patches = patches;
      this.puts = puts;
      this.values = values;
      this.slots = slots;
      this.taken = taken;
      this.deletes = deletes;
      this.deleteSlots = deleteSlots;
      this.plan = plan;
      this.records = records;
    }
  }

  /**
   * Logs a transaction's final writes here as one WAL group (opened by a marker of {@code txid}
   * when it is positive) and, in FSYNC mode, syncs it; changes nothing readers see. {@code puts}
   * insert or replace; {@code deletes} are ids to remove (absent ones are skipped); no id is in
   * both. The caller holds the writer lock (see {@link #lockWriter()}) until {@link #publish} or
   * {@link #unstage}.
   */
  Staged stage(List<Row> puts, long[] deletes, long txid) throws IOException {
    checkWritable();
    int n = puts.size();
    Object[][] values = new Object[n][];
    for (int i = 0; i < n; i++) {
      values[i] = codec.check(puts.get(i));
    }
    int[] slots = new int[n];
    BitSet inPlace = new BitSet();
    int[] p = planSlots(puts, true, slots, inPlace);
    BitSet[] patches = patches(puts, values, slots, inPlace);
    long[] del = new long[deletes.length];
    int[] delSlots = new int[deletes.length];
    int d = 0;
    for (long id : deletes) {
      int slot = table.slotOf(id);
      if (slot >= 0) {
        del[d] = id;
        delSlots[d++] = slot;
      }
    }
    del = java.util.Arrays.copyOf(del, d);
    delSlots = java.util.Arrays.copyOf(delSlots, d);
    KeyWrite kw = tracksKeys() ? checkKeys(puts, values, del, false) : null;
    IndexPlan ip = index == null ? null : planIndex(puts, slots);
    try {
      table.reserveValues(values);
      if (table.vectors != null) {
        table.vectors.ensureCapacity(p[1]);
        for (int i = 0; i < p[0]; i++) {
          table.vectors.reserve(table.peekFree(i));
        }
      }
    } catch (DiskFullException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw fail(e);
    }
    int records = n + d + (txid > 0 && n + d > 0 ? 1 : 0);
    Staged s = new Staged(puts, values, slots, p[0], del, delSlots, ip, records, patches);
    s.keys = kw;
    if (n + d > 0) {
      logStaged(s, txid);
    }
    return s;
  }

  /**
   * Makes the commit records of this WAL's marked groups durable, before anything that depends on
   * them: a slot released because its replacement (in a marked group) is durable, or a checkpoint
   * that writes a marked group's rows into the index file. Without it a power loss could keep this
   * collection's part of a transaction whose commit record was lost.
   */
  private void syncCommits() throws IOException {
    if (marked) {
      files.commitSync.force();
      commitPending = false;
    }
  }

  /**
   * Whether the WAL may hold a group opened by a transaction marker (since the last checkpoint).
   */
  boolean holdsMarkedGroups() {
    return marked;
  }

  /**
   * Makes this collection fail-stop after a failure that leaves its log's meaning unknown (a commit
   * record that may or may not have landed).
   */
  FailedException failStop(Throwable e) {
    return fail(e);
  }

  private void logStaged(Staged s, long txid) throws IOException {
    if (schema.durability() == Durability.NONE) {
      try {
        markImport();
      } catch (DiskFullException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw fail(e);
      }
      return;
    }
    try {
      wal.begin();
      long q = seq;
      if (txid > 0) {
        marked = true; // before the group lands: the commit log's truncation checks it
        // An FSYNC part forces the commit record before the writer lock is released.
        commitPending |= schema.durability() != Durability.FSYNC;
        wal.addTxMarker(++q, txid);
      }
      int last = s.deletes.length + s.puts.size();
      int i = 0;
      for (int j = 0; j < s.deletes.length; j++) {
        wal.add(Wal.OP_DELETE, ++i == last, ++q, s.deletes[j], s.deleteSlots[j], codec, null, null);
      }
      for (int j = 0; j < s.puts.size(); j++) {
        addPut(++i == last, ++q, s.puts.get(j), s.slots[j], s.values[j], s.patches, j);
      }
      wal.commit();
    } catch (DiskFullException e) {
      try {
        wal.rollback();
      } catch (IOException | RuntimeException r) {
        e.addSuppressed(r);
        throw fail(e);
      }
      throw e;
    } catch (IOException | RuntimeException e) {
      throw fail(e);
    }
    try {
      if (schema.durability() == Durability.FSYNC) {
        wal.force();
      }
    } catch (IOException | RuntimeException e) {
      throw fail(e);
    }
  }

  /**
   * Cuts a staged group out of the WAL: the transaction will not commit. A failure makes the
   * collection fail-stop (replay would skip the marked group anyway).
   */
  void unstage(Staged s) throws FailedException {
    if (wal == null || s.records == 0 || schema.durability() == Durability.NONE) {
      return;
    }
    try {
      wal.rollback();
    } catch (IOException | RuntimeException e) {
      throw fail(e);
    }
  }

  /** Makes a staged group visible to readers at once (the apply step of a commit). */
  void publish(Staged s) throws IOException {
    rw.writeLock().lock();
    try {
      keepForCursors(s.puts, s.deletes);
      table.takeFree(s.taken);
      for (long id : s.deletes) {
        table.delete(id);
      }
      for (int i = 0; i < s.puts.size(); i++) {
        Row r = s.puts.get(i);
        if (s.patches != null && s.patches[i] != null) {
          table.patch(r.id(), s.slots[i], s.values[i]);
        } else {
          table.put(r.id(), s.slots[i], r.vector(), null, s.values[i]);
        }
      }
      seq += s.records;
      if (s.keys != null) {
        s.keys.apply(keys, indexes);
      }
    } catch (IOException | RuntimeException e) {
      throw fail(e); // logged but half applied in memory: reopen to replay
    } finally {
      rw.writeLock().unlock();
    }
  }

  /** After {@link #publish}: keeps the index in step and checkpoints when the WAL is large. */
  void finish(Staged s) throws IOException {
    if (s.records == 0) {
      return;
    }
    if (index != null) {
      try {
        if (s.deleteSlots.length > 0) {
          index.deleted(s.deleteSlots);
        }
        IndexPlan ip = s.plan;
        index.written(ip.added, ip.addedIds, new BitSet());
        index.moved(ip.from, ip.to, ip.movedIds, ip.relink);
      } catch (RuntimeException e) {
        throw fail(e);
      }
    }
    afterWrite();
  }

  /**
   * Syncs the WAL without releasing anything (the first step of a database flush, before the commit
   * log is synced: a commit record must never be durable before the groups it commits).
   */
  void forceWal() throws IOException {
    writer.lock();
    try {
      if (closed || readOnly || wal == null || schema.durability() == Durability.NONE) {
        return;
      }
      checkFailed();
      try {
        wal.force();
      } catch (IOException | RuntimeException e) {
        throw fail(e);
      }
    } finally {
      writer.unlock();
    }
  }

  /** Checkpoints now (the WAL empties); for the commit log's truncation. */
  void checkpointNow() throws IOException {
    writer.lock();
    try {
      checkWritable();
      try {
        checkpoint();
      } catch (DiskFullException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw fail(e);
      }
    } finally {
      writer.unlock();
    }
  }

  /** The durability mode's sync of the WAL (FLUSH_ONLY hands it to the OS already). */
  boolean hasWal() {
    return schema.durability() != Durability.NONE;
  }

  /**
   * The durability barrier: everything acknowledged before is on stable storage when it returns
   * (WAL synced and data msynced; in {@code NONE} mode a checkpoint).
   */
  public void flush() throws IOException {
    writer.lock();
    try {
      checkOpen();
      if (readOnly) {
        return;
      }
      checkFailed();
      try {
        if (schema.durability() == Durability.NONE) {
          checkpoint();
        } else {
          wal.force();
          if (table.vectors != null) {
            table.vectors.msync();
          }
          syncCommits();
          table.releasePending();
        }
      } catch (DiskFullException e) {
        throw e; // a checkpoint's write: the old checkpoint stands; retry once space is free
      } catch (IOException | RuntimeException e) {
        throw fail(e);
      }
    } finally {
      writer.unlock();
    }
  }

  /**
   * Writes a checkpoint: data msynced, graph file and index file replaced, WAL emptied. The graph
   * goes first, tagged with {@code seq}: a crash before the index file lands leaves a graph at or
   * after the old checkpoint and covered by the WAL, which open reconciles. Caller holds writer.
   */
  private void checkpoint() throws IOException {
    syncCommits();
    if (table.vectors != null) {
      table.vectors.msync();
    }
    if (index != null) {
      index.save(generation, seq);
    }
    files.writeIndex(table.snapshot(generation, seq));
    checkpointSeq = seq;
    if (importDirty) {
      files.deleteImportMarker();
      importDirty = false;
    }
    if (wal.version() < Wal.VERSION) {
      wal = files.renewWal(wal); // the log is empty now: a good time to take the new format
    } else {
      wal.reset();
    }
    marked = false;
    commitPending = false;
    table.releasePending();
  }

  /**
   * Rewrites the live rows into a new, dense {@code vectors.dat} (temp file, force, rename,
   * directory sync, checkpoint). A crash at any step reopens to the old or the new state.
   */
  public void compact() throws IOException {
    writer.lock();
    try {
      checkWritable();
      try {
        int[] order = table.liveSlots();
        long gen = generation + 1;
        // The live long values move to a fresh store: the space of replaced ones is reclaimed.
        ValueStore store = files.newValueStore(ValueStore.NEXT);
        IdIndexFile.Snapshot s;
        VectorFile nv;
        try {
          s = table.compacted(order, gen, seq, store);
          nv = files.compact(table.vectors, order, s);
        } catch (CorruptFileException e) {
          closeQuietly(store, e);
          throw damaged(e); // found while copying: nothing was replaced, the old files stand
        } catch (DamagedCollectionException e) {
          closeQuietly(store, e);
          throw damaged(e.problem()); // a damaged long value: the old files stand
        } catch (IOException | RuntimeException e) {
          closeQuietly(store, e);
          throw e;
        }
        // Searches go on over the old file and graph (still mapped) until the swap.
        HnswIndex next = index == null ? null : index.compacted(order, nv, s.ids(), s.live());
        rw.writeLock().lock();
        try {
          table.switchTo(nv, s);
          generation = gen;
          if (next != null) {
            index.swap(next);
          }
        } finally {
          rw.writeLock().unlock();
        }
        if (store != null) {
          files.io.rename(files.file(ValueStore.NEXT), files.file(ValueStore.NAME));
          store.renamed(files.file(ValueStore.NAME));
        }
        checkpointSeq = seq;
        if (index != null) {
          index.save(gen, seq); // a crash before this leaves an old-generation graph: rebuilt
        }
        if (importDirty) {
          files.deleteImportMarker();
          importDirty = false;
        }
        wal.reset();
        marked = false;
        commitPending = false;
      } catch (DamagedCollectionException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw fail(e);
      }
    } finally {
      writer.unlock();
    }
  }

  private static void closeQuietly(ValueStore store, Exception cause) {
    if (store != null) {
      try {
        store.close();
      } catch (IOException | RuntimeException e) {
        cause.addSuppressed(e);
      }
    }
  }

  private FailedException fail(Throwable e) {
    if (failure == null) {
      failure = e;
    }
    if (e instanceof FailedException f) {
      return f;
    }
    return new FailedException(name, e);
  }

  private void checkOpen() {
    if (closed) {
      throw new AlreadyClosedException("collection " + name);
    }
  }

  private void checkFailed() throws FailedException {
    Throwable f = failure;
    if (f != null) {
      throw new FailedException(name, f);
    }
  }

  private void checkWritable() throws FailedException {
    checkOpen();
    if (readOnly) {
      throw new IllegalStateException(
          "collection " + name + " is read-only: open the database with readOnly=false to write");
    }
    checkFailed();
  }

  // ---------------------------------------------------------------- reads

  /**
   * The row with {@code id} (a copy), or null. Its vector's checksum is verified.
   *
   * @throws DamagedCollectionException if the stored vector fails its check
   */
  public Row get(long id) {
    rw.readLock().lock();
    try {
      checkOpen();
      return table.row(id);
    } catch (CorruptFileException e) {
      throw damaged(e);
    } catch (DamagedCollectionException e) {
      throw damaged(e.problem()); // a long value failed its check
    } finally {
      rw.readLock().unlock();
    }
  }

  /**
   * The vector of row {@code id} (a copy), or null if absent or the collection has no vectors. Its
   * checksum is verified.
   *
   * @throws DamagedCollectionException if the stored vector fails its check
   */
  public float[] vector(long id) {
    Row r = get(id);
    return r == null ? null : r.vector();
  }

  public boolean contains(long id) {
    rw.readLock().lock();
    try {
      checkOpen();
      return table.slotOf(id) >= 0;
    } finally {
      rw.readLock().unlock();
    }
  }

  /** The number of live rows. */
  public long size() {
    rw.readLock().lock();
    try {
      checkOpen();
      return table.size();
    } finally {
      rw.readLock().unlock();
    }
  }

  /** The ids of live rows where {@code filter} is TRUE, ascending; {@code null} means all. */
  public long[] ids(Filter filter) {
    rw.readLock().lock();
    try {
      checkOpen();
      FilterEval e = evaluator();
      return e.ids(e.accept(filter));
    } catch (DamagedCollectionException e) {
      throw damaged(e.problem()); // a long value read by the filter failed its check
    } finally {
      rw.readLock().unlock();
    }
  }

  /**
   * A cursor over the live rows where {@code filter} is TRUE ({@code null}: all), in ascending id
   * order, that reads each row when asked and shows the rows as they are now even if they change
   * before it reads them.
   */
  public RowCursor scan(Filter filter) {
    rw.readLock().lock();
    try {
      checkOpen();
      FilterEval e = evaluator();
      RowCursor.State state = new RowCursor.State(e.ids(e.accept(filter)));
      cursors.add(state); // under the read lock: no write applies between the ids and this
      return new RowCursor(this, state);
    } catch (DamagedCollectionException e) {
      throw damaged(e.problem());
    } finally {
      rw.readLock().unlock();
    }
  }

  void unregister(RowCursor.State state) {
    cursors.remove(state);
  }

  /** Row {@code id} of an open cursor: its kept old image, else the stored row. */
  Row cursorRow(RowCursor.State state, long id) {
    rw.readLock().lock();
    try {
      checkOpen();
      Object kept = state.kept.get(id);
      if (kept instanceof CorruptFileException e) {
        throw damaged(e);
      }
      return kept != null ? copy((Row) kept) : table.row(id);
    } catch (CorruptFileException e) {
      throw damaged(e);
    } catch (DamagedCollectionException e) {
      throw damaged(e.problem());
    } finally {
      rw.readLock().unlock();
    }
  }

  private static Row copy(Row r) {
    return new Row(r.id(), r.vector() == null ? null : r.vector().clone(), r.values().clone());
  }

  /** Hands the old image of every row a write changes to the open cursors (write lock held). */
  private void keepForCursors(List<Row> puts, long[] deletes) {
    if (cursors.isEmpty()) {
      return;
    }
    for (RowCursor.State c : cursors) {
      for (Row r : puts) {
        c.keep(r.id(), table);
      }
      if (deletes != null) {
        for (long id : deletes) {
          c.keep(id, table);
        }
      }
    }
  }

  private FilterEval evaluator() {
    SecondaryIndexes ix = indexes;
    if (ix == null) {
      return new FilterEval(schema, table.columns, table.live, table.ids, null);
    }
    // A lookup pays off while it hands over a few percent of the rows at most.
    int cap = Math.max(LOOKUP_MIN_CAP, table.size() / LOOKUP_SHARE);
    return new FilterEval(
        schema, table.columns, table.live, table.ids, f -> ix.slots(f, cap, table::slotOf));
  }

  /**
   * The {@code k} live rows accepted by {@code filter} ({@code null} accepts all) nearest to {@code
   * query} under {@code metric}, ordered by distance then id, with the collection's default {@code
   * ef_search}. See {@link #search(float[], int, Metric, Filter, int)}.
   */
  public List<Hit> search(float[] query, int k, Metric metric, Filter filter) {
    return search(query, k, metric, filter, 0);
  }

  /**
   * The {@code k} live rows accepted by {@code filter} ({@code null} accepts all) nearest to {@code
   * query} under {@code metric}, ordered by distance then id; distances have {@link Metric}'s
   * meaning. For the collection's own metric the HNSW index answers (approximate; the filter is
   * applied inside the graph walk, and a very selective filter switches to an exact scan); any
   * other metric is an exact scan. A deleted row is never returned. The vectors of the returned
   * rows have their checksums verified (k checks; the graph walk itself reads unchecked bytes).
   *
   * @param efSearch the index's candidate list size; {@code <= 0} means the collection's {@code
   *     schema().index().efSearch()}; raised to {@code k} when smaller
   * @throws IllegalArgumentException for a query of the wrong dimension, a non-finite component, a
   *     negative k, or a collection without vectors
   * @throws DamagedCollectionException if a returned row's vector fails its check
   */
  public List<Hit> search(float[] query, int k, Metric metric, Filter filter, int efSearch) {
    checkQuery(query, k, metric);
    rw.readLock().lock();
    try {
      return searchLocked(query, k, metric, filter, efSearch, this::verifyVector);
    } catch (DamagedCollectionException e) {
      throw damaged(e.problem());
    } finally {
      rw.readLock().unlock();
    }
  }

  /**
   * The search of {@link #search(float[], int, Metric, Filter, int)}, returning each hit's row (a
   * copy) read under the same lock as the distances: a row's distance is computed on the vector
   * returned with it, whatever writers do meanwhile.
   */
  public List<Match> searchRows(float[] query, int k, Metric metric, Filter filter, int efSearch) {
    checkQuery(query, k, metric);
    rw.readLock().lock();
    try {
      // Each hit's row is read where its vector is checked: one check, no second id lookup.
      Map<Long, Row> rows = new HashMap<>();
      List<Hit> hits =
          searchLocked(
              query,
              k,
              metric,
              filter,
              efSearch,
              (slot, id) -> {
                verifyVector(slot, id);
                rows.put(id, new Row(id, table.vectors.read(slot), table.columns.get(slot)));
              });
      List<Match> out = new java.util.ArrayList<>(hits.size());
      for (Hit h : hits) {
        Row r = rows.get(h.id());
        out.add(new Match(r != null ? r : table.row(h.id()), h.distance()));
      }
      return out;
    } catch (CorruptFileException e) {
      throw damaged(e);
    } catch (DamagedCollectionException e) {
      throw damaged(e.problem());
    } finally {
      rw.readLock().unlock();
    }
  }

  /**
   * The body of a search; the caller holds the read lock. {@code onHit} gets the slot and id of
   * every returned row and checks its vector (it may read the row too).
   */
  private List<Hit> searchLocked(
      float[] query, int k, Metric metric, Filter filter, int efSearch, SlotCheck onHit) {
    int ef = efSearch > 0 ? efSearch : schema.index().efSearch();
    checkOpen();
    // Under the read lock nothing mutates the live set, so it serves as is (no copy).
    BitSet accept = filter == null ? table.live : evaluator().accept(filter);
    if (k == 0) {
      return List.of();
    }
    if (index != null && metric == schema.metric()) {
      // The index hands over each hit's slot, so the check needs no id lookup.
      return index.current().search(query, k, ef, Bits.of(accept), onHit);
    }
    List<Hit> hits = ExactSearch.search(query, k, metric, table.vectors, accept, table.ids);
    for (Hit h : hits) {
      onHit.verify(table.slotOf(h.id()), h.id());
    }
    return hits;
  }

  /**
   * Throws {@link DamagedCollectionException} unless {@code slot} holds a sound vector of {@code
   * id}.
   */
  private void verifyVector(int slot, long id) {
    CorruptFileException e = table.vectors.check(slot, id);
    if (e != null) {
      throw damaged(e);
    }
  }

  private void checkQuery(float[] query, int k, Metric metric) {
    Objects.requireNonNull(metric, "metric");
    if (schema.dimension() == 0) {
      throw new IllegalArgumentException("collection " + name + " has no vectors to search");
    }
    if (query == null || query.length != schema.dimension()) {
      throw new IllegalArgumentException(
          "query dimension "
              + (query == null ? "null" : String.valueOf(query.length))
              + " does not match "
              + name
              + "'s dimension "
              + schema.dimension());
    }
    for (int i = 0; i < query.length; i++) {
      if (!Float.isFinite(query[i])) {
        throw new IllegalArgumentException("query component " + i + " is " + query[i]);
      }
    }
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0, got " + k);
    }
  }

  // ---------------------------------------------------------------- index maintenance

  /**
   * Sets the listener that receives the progress of bulk index builds: write batches of at least
   * {@value CollectionIndex#BULK_ROWS} new rows, {@link #rebuildIndex()}, and the graph check after
   * {@link #compact()}. Calls come from build threads, one at a time. {@code null} removes it. No
   * effect on a collection without vectors.
   */
  public void setBuildListener(BuildProgress listener) {
    if (index != null) {
      index.setListener(listener);
    }
  }

  /**
   * Builds a new HNSW graph from the live rows and swaps it in, then saves it: searches go on over
   * the old graph meanwhile; writers wait. Does nothing for a collection without vectors.
   */
  public void rebuildIndex() throws IOException {
    writer.lock();
    try {
      checkOpen();
      checkFailed();
      if (index == null) {
        return;
      }
      try {
        HnswIndex next = index.build(table.vectors, table.live, table.ids);
        rw.writeLock().lock();
        try {
          index.swap(next);
        } finally {
          rw.writeLock().unlock();
        }
        if (!readOnly) {
          index.save(generation, seq);
        }
      } catch (IOException | RuntimeException e) {
        throw fail(e);
      }
    } finally {
      writer.unlock();
    }
  }

  /**
   * Rebuilds the index for {@code metric} and {@code params} and makes them this collection's, with
   * the schema's {@code properties} replaced: the new graph is built from the live rows while
   * searches go on over the old one (writers wait), then the schema is replaced on disk (see {@link
   * CollectionFiles#replaceIndexSchema}: a crash leaves the old index or the new one), the graph
   * swapped in and saved. Searches for {@code metric} then use the index; others scan exactly.
   *
   * @throws IllegalArgumentException for a collection without vectors
   */
  public void reindex(Metric metric, IndexParams params, Map<String, String> properties)
      throws IOException {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(params, "params");
    writer.lock();
    try {
      checkOpen();
      checkWritable();
      if (index == null) {
        throw new IllegalArgumentException("collection " + name + " has no vectors to index");
      }
      CollectionSchema next =
          new CollectionSchema(
              schema.dimension(),
              metric,
              schema.columns(),
              params,
              schema.durability(),
              properties,
              schema.unique(),
              schema.indexes());
      HnswIndex built = index.build(table.vectors, table.live, table.ids, metric, params);
      try {
        files.replaceIndexSchema(next);
        rw.writeLock().lock();
        try {
          schema = next;
          index.swap(built);
        } finally {
          rw.writeLock().unlock();
        }
        index.save(generation, seq);
      } catch (IOException | RuntimeException e) {
        if (schema != next) {
          built.close();
        }
        throw fail(e);
      }
    } finally {
      writer.unlock();
    }
  }

  /**
   * Makes {@code next} this collection's secondary indexes (see {@link IndexSpec}): builds the ones
   * it adds from the live rows while readers go on (writers wait), checks a new unique index
   * against the rows, replaces the schema on disk atomically (see {@link
   * CollectionFiles#replaceSecondaryIndexes}) and swaps the indexes in. Indexes kept from the
   * current set are not rebuilt.
   *
   * @throws DuplicateKeyException if a new unique index finds two live rows sharing its key;
   *     nothing changes then
   * @throws WriteConflictException if the unique keys change while an open transaction writes here
   *     (its key checks are numbered by the current keys)
   * @throws IllegalArgumentException for a bad index list (unknown column, duplicate name)
   * @throws UnsupportedOperationException for a column whose type has no order
   */
  public void setIndexes(List<IndexSpec> next) throws IOException {
    writer.lock();
    try {
      checkOpen();
      checkWritable();
      CollectionSchema ns = schema.withIndexes(next);
      boolean keysChange = !ns.uniqueKeys().equals(schema.uniqueKeys());
      if (keysChange && locks.active()) {
        throw new WriteConflictException(name, "the unique keys");
      }
      SecondaryIndexes ni = SecondaryIndexes.of(ns, indexes);
      List<SecondaryIndex> fill = ni == null ? List.of() : ni.fresh(indexes);
      KeyIndex nk = keysChange ? KeyIndex.of(name, ns) : keys;
      if (!fill.isEmpty() || keysChange) {
        for (long id : ids(null)) {
          Object[] v = valuesOf(id);
          for (SecondaryIndex ix : fill) {
            ix.load(id, v);
          }
          if (keysChange && nk != null) {
            nk.add(id, v);
          }
        }
      }
      for (SecondaryIndex ix : fill) {
        ix.finishLoad();
      }
      for (SecondaryIndex ix : fill) {
        Object dup = ix.spec.unique() ? ix.duplicateKey() : null;
        if (dup != null) {
          throw new DuplicateKeyException(name, ix.spec.columns(), dup);
        }
      }
      try {
        files.replaceSecondaryIndexes(ns);
      } catch (IOException | RuntimeException e) {
        throw fail(e);
      }
      rw.writeLock().lock();
      try {
        schema = ns;
        keys = nk;
        indexes = ni;
      } finally {
        rw.writeLock().unlock();
      }
    } finally {
      writer.unlock();
    }
  }

  /**
   * Verifies every file of this collection against its checksums and structure and every live
   * vector slot against its checksum and row id (see {@link IntegrityCheck}); changes nothing.
   * Writers wait while it runs (it reads every live vector); readers go on.
   */
  public CheckReport check() {
    writer.lock();
    try {
      checkOpen();
      CheckReport r = IntegrityCheck.run(files, table, checkpointSeq, importInterrupted);
      String dup = keys == null ? null : duplicateKey();
      if (dup != null) {
        CheckReport.Problem p =
            new CheckReport.Problem(name, files.file(CollectionFiles.INDEX), 0, dup);
        r = CheckReport.merge(List.of(r, new CheckReport(List.of(p), List.of())));
      }
      if (!r.ok() && damage == null) {
        CheckReport.Problem p = r.problems().getFirst();
        damage = new CorruptFileException(p.file(), p.offset(), p.what());
      }
      return r;
    } finally {
      writer.unlock();
    }
  }

  /**
   * The first damage that a read or {@link #check()} found in this collection's files since it
   * opened, if any (damage found on open keeps the collection closed instead: {@link
   * Database#damaged()}).
   */
  public java.util.Optional<CorruptFileException> damage() {
    return java.util.Optional.ofNullable(damage);
  }

  private DamagedCollectionException damaged(CorruptFileException e) {
    if (damage == null) {
      damage = e;
    }
    return new DamagedCollectionException(name, e);
  }

  private boolean valuesDamaged() {
    CorruptFileException d = damage;
    ValueStore store = table.columns.store();
    return d != null && store != null && d.file().equals(store.path());
  }

  /** The store of the long values, or null when no column can hold one; for tests. */
  ValueStore valueStore() {
    return table.columns.store();
  }

  /** The current HNSW index, or null without vectors; for tests. */
  HnswIndex hnsw() {
    return index == null ? null : index.current();
  }

  /** Freed slots divided by all slots in use or freed (0 when empty or just compacted). */
  public double fragmentation() {
    rw.readLock().lock();
    try {
      checkOpen();
      return table.fragmentation();
    } finally {
      rw.readLock().unlock();
    }
  }

  // ---------------------------------------------------------------- package-level, for the index

  /**
   * All vector slots as one segment (slot {@code i} at {@code i * dimension * 4}), valid until the
   * collection closes even after it grows or compacts; null without vectors.
   */
  MemorySegment vectorSlots() {
    rw.readLock().lock();
    try {
      checkOpen();
      return table.vectors == null ? null : table.vectors.slots();
    } finally {
      rw.readLock().unlock();
    }
  }

  /** The live slots (a copy). */
  BitSet liveSlots() {
    rw.readLock().lock();
    try {
      return (BitSet) table.live.clone();
    } finally {
      rw.readLock().unlock();
    }
  }

  /** The id at each slot up to {@link #slotCount()} (a copy; meaningful for live slots). */
  long[] slotIds() {
    rw.readLock().lock();
    try {
      return java.util.Arrays.copyOf(table.ids, table.slotCount);
    } finally {
      rw.readLock().unlock();
    }
  }

  int slotCount() {
    rw.readLock().lock();
    try {
      return table.slotCount;
    } finally {
      rw.readLock().unlock();
    }
  }

  /** The slot of {@code id}, or -1. */
  int slotOf(long id) {
    rw.readLock().lock();
    try {
      return table.slotOf(id);
    } finally {
      rw.readLock().unlock();
    }
  }

  /** The live slots where {@code filter} is TRUE, as a new bitset. */
  BitSet acceptSlots(Filter filter) {
    rw.readLock().lock();
    try {
      checkOpen();
      return evaluator().accept(filter);
    } catch (DamagedCollectionException e) {
      throw damaged(e.problem());
    } finally {
      rw.readLock().unlock();
    }
  }

  Path directory() {
    return files.dir;
  }

  /** Closes; a healthy writable collection checkpoints first so the next open replays nothing. */
  void close(boolean checkpoint) throws IOException {
    writer.lock();
    try {
      if (closed) {
        return;
      }
      IOException error = null;
      try {
        // A damaged long value would fail the checkpoint (it never copies damage): the WAL stays,
        // and the next open rebuilds the value store from the last checkpoint and the WAL.
        if (checkpoint && !readOnly && failure == null && !valuesDamaged()) {
          checkpoint();
        }
      } catch (IOException e) {
        error = e;
      }
      rw.writeLock().lock();
      try {
        closed = true;
        try {
          if (index != null) {
            index.close();
          }
          table.close();
          if (wal != null) {
            wal.close();
          }
        } catch (IOException e) {
          if (error == null) {
            error = e;
          } else {
            error.addSuppressed(e);
          }
        }
      } finally {
        rw.writeLock().unlock();
      }
      if (error != null) {
        throw error;
      }
    } finally {
      writer.unlock();
    }
  }

  @Override
  public String toString() {
    return "VectorCollection[" + name + "]";
  }
}

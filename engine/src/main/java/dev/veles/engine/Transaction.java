package dev.veles.engine;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A transaction over one {@link Database}: writes to any number of collections that become visible
 * and durable all at once at {@link #commit()}, or not at all.
 *
 * <p>Isolation is READ COMMITTED: nobody else sees the writes before the commit; the transaction's
 * own reads ({@link #get}, {@link #ids}, {@link #searchRows}) see the committed state with its own
 * writes laid over it. A row is locked when the transaction first writes it: a second writer of the
 * row (another transaction or a single write call) fails at once with {@link
 * WriteConflictException}, so there is no waiting and no deadlock; the locks go at commit or
 * rollback. Readers never wait for an open transaction.
 *
 * <p>Storage: the write set is one entry per written row (about 90 bytes of heap with its lock);
 * the first 4 MiB of rows stay objects, later ones are encoded into a {@link SpillStore} that moves
 * to a temp file past another 4 MiB; storage files are touched only at commit. The commit decodes
 * the rows of each collection once (the vectors and values then take their plain size on the heap
 * for the commit's duration).
 *
 * <p>Durability: a commit that wrote one collection with a WAL is one WAL group with the commit
 * flag, synced per its {@link Durability}. A commit over several such collections writes each one's
 * group opened by a transaction marker, syncs them per their modes, then appends one record to the
 * database's {@link CommitLog} (forced when any of them is {@code FSYNC}): recovery applies the
 * groups only if that record is durable. Collections in {@code NONE} durability have no WAL: their
 * part is applied at commit and rolls back, but is not crash-atomic.
 *
 * <p>Not thread-safe: one transaction belongs to one connection. {@link #close()} rolls back an
 * open transaction.
 */
public final class Transaction implements AutoCloseable {
  private static final byte PUT = 1;
  private static final byte DELETE = 2;

  private final Database db;
  private final SpillStore store;
  private final List<Part> parts = new ArrayList<>();
  private final Map<String, Part> byName = new TreeMap<>();
  private final List<Mark> savepoints = new ArrayList<>();
  private int count;
  private int[] part = new int[64];
  private long[] ids = new long[64];
  private int[] prev = new int[64];
  private byte[] kind = new byte[64];
  private long[] offset = new long[64];
  private int[] length = new int[64];

  /**
   * Rows kept as objects while they take less than {@value SpillStore#HEAP_BYTES} bytes in all (a
   * small transaction or a JDBC batch pays no encoding); later rows go to the store.
   */
  private Row[] inline = new Row[64];

  private long inlineBytes;
  private boolean ended;

  /** The rows one transaction wrote in one collection: id to the latest entry. */
  private static final class Part {
    final VectorCollection c;
    final LongIntMap latest = new LongIntMap(16);

    /** Ids locked here, so they can be released. */
    final LongIntMap locked = new LongIntMap(16);

    /**
     * Per unique key, the id this transaction last wrote with each value: a hint, checked against
     * the row as this transaction sees it (a savepoint rollback may have undone it).
     */
    List<Map<Object, Long>> ownKeys;

    /** Ids locked by {@link Transaction#lockRow}: held until the end, written or not. */
    final java.util.Set<Long> held = new java.util.HashSet<>();

    Part(VectorCollection c) {
      this.c = c;
    }
  }

  private record Mark(String name, int count, long storeEnd, int keyLocks) {}

  /** A unique-key value this transaction locked in a part. */
  private record KeyLock(Part part, int key, Object value) {}

  /**
   * Unique-key values locked, in locking order: a savepoint rollback (or a failed statement)
   * releases those locked after its mark, the end releases all.
   */
  private final List<KeyLock> keyLocks = new ArrayList<>();

  Transaction(Database db, SpillStore store) {
    this.db = db;
    this.store = store;
  }

  // ------------------------------------------------------------------ writes

  /**
   * Inserts rows; an id that exists (committed or written by this transaction) fails the call.
   *
   * @throws DuplicateKeyException for an existing id; nothing of the call is kept
   * @throws WriteConflictException if another open transaction wrote one of the rows
   */
  public void insert(String collection, List<Row> rows) throws IOException {
    write(collection, rows, false);
  }

  /** Inserts rows or replaces existing ones, with the checks of {@link #insert}. */
  public void upsert(String collection, List<Row> rows) throws IOException {
    write(collection, rows, true);
  }

  private void write(String collection, List<Row> rows, boolean replace) throws IOException {
    Objects.requireNonNull(rows, "rows");
    Part p = part(collection);
    int mark = count;
    long storeEnd = store.end();
    int keyMark = keyLocks.size();
    try {
      java.util.Set<Long> seen = replace ? null : new java.util.HashSet<>();
      for (Row r : rows) {
        Object[] values = p.c.codec().check(r);
        if (p.c.keyIndex() != null) {
          checkKeys(p, r.id(), values);
        }
        boolean fresh = lock(p, r.id());
        if (!replace && (exists(p, r.id()) || !seen.add(r.id()))) {
          if (fresh) {
            unlock(p, r.id());
          }
          throw new DuplicateKeyException(collection, r.id());
        }
        int size = p.c.codec().dataLength(values) + 64;
        if (inlineBytes + size <= SpillStore.HEAP_BYTES) {
          float[] v = r.vector() == null ? null : r.vector().clone(); // the caller owns its arrays
          int e = append(p, r.id(), PUT, null);
          inline[e] = new Row(r.id(), v, values);
          length[e] = size;
          inlineBytes += size;
        } else {
          append(p, r.id(), PUT, encode(p, r.vector(), values));
        }
      }
    } catch (IOException | RuntimeException e) {
      undo(mark, storeEnd, keyMark);
      throw e;
    }
  }

  /**
   * Locks the unique-key values of a row this transaction writes and fails if another row (as this
   * transaction sees the table) has one of them.
   */
  private void checkKeys(Part p, long id, Object[] values) throws IOException {
    KeyIndex ki = p.c.keyIndex();
    if (p.ownKeys == null) {
      p.ownKeys = new ArrayList<>();
      for (int k = 0; k < ki.keyCount(); k++) {
        p.ownKeys.add(new java.util.HashMap<>());
      }
    }
    for (int k = 0; k < ki.keyCount(); k++) {
      Object v = ki.key(k, values);
      if (v == null) {
        continue;
      }
      if (p.c.locks.lockKey(k, v, this)) {
        keyLocks.add(new KeyLock(p, k, v));
      }
      if (holds(p, ki, k, v, p.c.findKeyValue(k, v), id)
          || holds(p, ki, k, v, p.ownKeys.get(k).getOrDefault(v, -1L), id)) {
        throw new DuplicateKeyException(p.c.name(), ki.names(k), v);
      }
      p.ownKeys.get(k).put(v, id);
    }
  }

  /**
   * The row that has, as this transaction sees {@code collection}, the value of unique key {@code
   * k} ({@link CollectionSchema#uniqueKeys()}) that {@code row} has; -1 if none, or if that value
   * has a NULL part.
   */
  public long keyHolder(String collection, int k, Row row) throws IOException {
    checkOpen();
    Part p = byName.get(collection);
    VectorCollection c = p == null ? db.get(collection) : p.c;
    KeyIndex ki = c.keyIndex();
    boolean known = ki != null && k >= 0 && k < ki.keyCount();
    return known ? holderOf(collection, k, ki.key(k, c.codec().check(row))) : -1;
  }

  /**
   * The row that has, as this transaction sees {@code collection}, these column values of unique
   * key {@code k} (in the key's column order, each of its column's type); -1 if none. A hash lookup
   * in the committed rows and in this transaction's own writes, whatever their number.
   */
  public long findKey(String collection, int k, Object... values) throws IOException {
    if (Arrays.asList(values).contains(null)) {
      return -1;
    }
    return holderOf(collection, k, values.length == 1 ? values[0] : Arrays.asList(values));
  }

  /** The holder of value {@code v} (as {@link KeyIndex#key} gives it) of key {@code k}, or -1. */
  private long holderOf(String collection, int k, Object v) throws IOException {
    checkOpen();
    Part p = byName.get(collection);
    VectorCollection c = p == null ? db.get(collection) : p.c;
    KeyIndex ki = c.keyIndex();
    if (v == null || ki == null || k < 0 || k >= ki.keyCount()) {
      return -1;
    }
    long committed = c.findKeyValue(k, v);
    if (p == null) {
      return committed;
    }
    long own = p.ownKeys == null ? -1 : p.ownKeys.get(k).getOrDefault(v, -1L);
    for (long holder : new long[] {own, committed}) {
      if (holder >= 0) {
        Row h = get(p, holder);
        if (h != null && v.equals(ki.key(k, h.values()))) {
          return holder;
        }
      }
    }
    return -1;
  }

  /** Whether row {@code holder}, other than {@code id}, has value {@code v} of key {@code k}. */
  private boolean holds(Part p, KeyIndex ki, int k, Object v, long holder, long id)
      throws IOException {
    if (holder < 0 || holder == id) {
      return false;
    }
    Row h = get(p, holder);
    return h != null && v.equals(ki.key(k, h.values()));
  }

  /**
   * Changes row {@code id}: the columns in {@code values} (by schema name; a value may be null)
   * and, when {@code vector} is not null, the vector; the rest stays.
   *
   * @return 1 if the row existed, else 0
   */
  public int update(String collection, long id, Map<String, Object> values, float[] vector)
      throws IOException {
    Part p = part(collection);
    Row old = get(p, id);
    if (old == null) {
      return 0;
    }
    List<ColumnSpec> cols = p.c.schema().columns();
    Object[] v = old.values().clone();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      int c = columnIndex(cols, e.getKey(), collection);
      v[c] = e.getValue();
    }
    upsert(collection, List.of(new Row(id, vector != null ? vector : old.vector(), v)));
    return 1;
  }

  private static int columnIndex(List<ColumnSpec> cols, String name, String collection) {
    for (int c = 0; c < cols.size(); c++) {
      if (cols.get(c).name().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("collection " + collection + " has no column " + name);
  }

  /**
   * Deletes rows by id; ids absent (for this transaction) are ignored.
   *
   * @return how many of the ids existed
   */
  public int delete(String collection, long... idsToDelete) throws IOException {
    Part p = part(collection);
    int mark = count;
    long storeEnd = store.end();
    int keyMark = keyLocks.size();
    int n = 0;
    try {
      for (long id : idsToDelete) {
        if (!exists(p, id)) {
          continue;
        }
        lock(p, id);
        if (exists(p, id)) { // the lock makes the committed state of the row stable
          append(p, id, DELETE, null);
          n++;
        }
      }
    } catch (IOException | RuntimeException e) {
      undo(mark, storeEnd, keyMark);
      throw e;
    }
    return n;
  }

  /**
   * Locks row {@code id} as a write would (the row need not exist: its id is locked) and returns
   * the row as this transaction then sees it (a copy), or null. The lock is held until this
   * transaction ends, written or not, so nobody else changes the row meanwhile: a read-modify-write
   * through this method loses no concurrent update (SQL's {@code SELECT ... FOR UPDATE}, and {@code
   * INSERT ... ON CONFLICT}).
   *
   * @throws WriteConflictException if another open transaction holds the row (no waiting)
   */
  public Row lockRow(String collection, long id) throws IOException {
    Part p = part(collection);
    lock(p, id);
    p.held.add(id);
    return get(p, id); // read after locking: the committed state is now stable
  }

  private Part part(String collection) throws IOException {
    checkOpen();
    Part p = byName.get(collection);
    if (p == null) {
      VectorCollection c = db.get(collection);
      c.registerTransaction();
      p = new Part(c);
      parts.add(p);
      byName.put(collection, p);
    }
    return p;
  }

  private boolean lock(Part p, long id) {
    if (p.c.locks.lock(id, this)) {
      p.locked.put(id, 0);
      return true;
    }
    return false;
  }

  private void unlock(Part p, long id) {
    if (p.locked.remove(id) >= 0) {
      p.c.locks.unlock(id, this);
    }
  }

  private ByteBuffer encode(Part p, float[] vector, Object[] values) {
    RowCodec codec = p.c.codec();
    ByteBuffer b = ByteBuffer.allocate(codec.dataLength(values)).order(ByteOrder.LITTLE_ENDIAN);
    codec.encode(b, vector, values);
    return b.flip();
  }

  private int append(Part p, long id, byte k, ByteBuffer data) throws IOException {
    if (count == ids.length) {
      int n = count * 2;
      inline = Arrays.copyOf(inline, n);
      part = Arrays.copyOf(part, n);
      ids = Arrays.copyOf(ids, n);
      prev = Arrays.copyOf(prev, n);
      kind = Arrays.copyOf(kind, n);
      offset = Arrays.copyOf(offset, n);
      length = Arrays.copyOf(length, n);
    }
    int e = count++;
    part[e] = parts.indexOf(p);
    ids[e] = id;
    kind[e] = k;
    prev[e] = p.latest.put(id, e);
    inline[e] = null;
    if (data != null) {
      length[e] = data.remaining();
      offset[e] = store.append(data);
    }
    return e;
  }

  /**
   * Drops the entries from {@code mark} on, newest first; releases the rows no longer written and
   * the key values locked since {@code keyMark}.
   */
  private void undo(int mark, long storeEnd, int keyMark) throws IOException {
    for (int i = keyLocks.size() - 1; i >= keyMark; i--) {
      KeyLock l = keyLocks.remove(i);
      l.part().c.locks.unlockKey(l.key(), l.value(), this);
    }
    for (int e = count - 1; e >= mark; e--) {
      Part p = parts.get(part[e]);
      if (inline[e] != null) {
        inlineBytes -= length[e];
        inline[e] = null;
      }
      if (prev[e] >= 0) {
        p.latest.put(ids[e], prev[e]);
      } else {
        p.latest.remove(ids[e]);
        if (!p.held.contains(ids[e])) {
          unlock(p, ids[e]);
        }
      }
    }
    count = mark;
    store.truncate(storeEnd);
  }

  // ------------------------------------------------------------------ savepoints

  /** Sets (or moves) the savepoint {@code name}: {@link #rollbackTo} returns to this point. */
  public void savepoint(String name) {
    checkOpen();
    Objects.requireNonNull(name, "name");
    savepoints.add(new Mark(name, count, store.end(), keyLocks.size()));
  }

  /**
   * Undoes every write since savepoint {@code name} (the latest of that name) and drops the
   * savepoints set after it; the savepoint itself stays. Rows written and unique-key values locked
   * only since then are unlocked.
   *
   * @throws TransactionStateException if there is no such savepoint
   */
  public void rollbackTo(String name) throws IOException {
    int i = find(name);
    Mark m = savepoints.get(i);
    savepoints.subList(i + 1, savepoints.size()).clear();
    undo(m.count, m.storeEnd, m.keyLocks);
  }

  /** Forgets savepoint {@code name} and those set after it; the writes stay. */
  public void release(String name) {
    int i = find(name);
    savepoints.subList(i, savepoints.size()).clear();
  }

  private int find(String name) {
    checkOpen();
    for (int i = savepoints.size() - 1; i >= 0; i--) {
      if (savepoints.get(i).name.equals(name)) {
        return i;
      }
    }
    throw new TransactionStateException("no savepoint " + name + " in this transaction");
  }

  // ------------------------------------------------------------------ reads

  /** The row {@code id} as this transaction sees it (a copy), or null. */
  public Row get(String collection, long id) throws IOException {
    checkOpen();
    Part p = byName.get(collection);
    return p == null ? db.get(collection).get(id) : get(p, id);
  }

  private Row get(Part p, long id) throws IOException {
    int e = p.latest.get(id);
    if (e < 0) {
      return p.c.get(id);
    }
    if (kind[e] == DELETE) {
      return null;
    }
    Row r = inline[e];
    return r == null
        ? decode(p, e)
        : new Row(r.id(), r.vector() == null ? null : r.vector().clone(), r.values().clone());
  }

  private boolean exists(Part p, long id) {
    int e = p.latest.get(id);
    return e >= 0 ? kind[e] == PUT : p.c.contains(id);
  }

  private Row decode(Part p, int e) throws IOException {
    if (inline[e] != null) {
      return inline[e];
    }
    byte[] b = store.read(offset[e], length[e]);
    MemorySegment seg = MemorySegment.ofArray(b);
    RowCodec codec = p.c.codec();
    int dim = p.c.schema().dimension();
    float[] v = null;
    if (dim > 0) {
      v = new float[dim];
      ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    }
    return new Row(ids[e], v, codec.decodeValues(seg, 0, b.length));
  }

  /**
   * The ids where {@code filter} is TRUE ({@code null}: all) as this transaction sees them,
   * ascending.
   */
  public long[] ids(String collection, Filter filter) throws IOException {
    checkOpen();
    Part p = byName.get(collection);
    VectorCollection c = p == null ? db.get(collection) : p.c;
    long[] committed = c.ids(filter);
    if (p == null || p.latest.size() == 0) {
      return committed;
    }
    long[] out = new long[committed.length + p.latest.size()];
    int n = 0;
    for (long id : committed) {
      if (p.latest.get(id) < 0) {
        out[n++] = id;
      }
    }
    for (Row r : ownPuts(p, filter)) {
      out[n++] = r.id();
    }
    out = Arrays.copyOf(out, n);
    Arrays.sort(out);
    return out;
  }

  /** This transaction's live puts in {@code p} accepted by {@code filter}. */
  private List<Row> ownPuts(Part p, Filter filter) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (int e : finalEntries(p)) {
      if (kind[e] == PUT) {
        rows.add(decode(p, e));
      }
    }
    if (filter == null || rows.isEmpty()) {
      return rows;
    }
    CollectionSchema s = p.c.schema();
    Columns cols = new Columns(s.columns(), rows.size());
    BitSet live = new BitSet();
    long[] rowIds = new long[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      cols.set(i, rows.get(i).values());
      live.set(i);
      rowIds[i] = rows.get(i).id();
    }
    BitSet accept = new FilterEval(s, cols, live, rowIds).accept(filter);
    List<Row> out = new ArrayList<>(accept.cardinality());
    for (int i = accept.nextSetBit(0); i >= 0; i = accept.nextSetBit(i + 1)) {
      out.add(rows.get(i));
    }
    return out;
  }

  /** The latest entry of each row written in {@code p}, in write order. */
  private int[] finalEntries(Part p) {
    int[] out = new int[p.latest.size()];
    int n = 0;
    int pi = parts.indexOf(p);
    for (int e = 0; e < count; e++) {
      if (part[e] == pi && p.latest.get(ids[e]) == e) {
        out[n++] = e;
      }
    }
    return out;
  }

  /**
   * The k-NN search of {@link VectorCollection#searchRows} as this transaction sees the collection:
   * the index answers with extra candidates for the rows this transaction wrote, those rows are
   * dropped from its answer, and an exact search over this transaction's own puts is merged in.
   */
  public List<Match> searchRows(
      String collection, float[] query, int k, Metric metric, Filter filter, int efSearch)
      throws IOException {
    checkOpen();
    Part p = byName.get(collection);
    if (p == null || p.latest.size() == 0) {
      return db.get(collection).searchRows(query, k, metric, filter, efSearch);
    }
    int extra = p.latest.size();
    int kk = (int) Math.min(Integer.MAX_VALUE - 1, (long) k + extra);
    int ef = Math.max(efSearch > 0 ? efSearch : p.c.schema().index().efSearch(), kk);
    List<Match> all = new ArrayList<>(kk);
    for (Match m : p.c.searchRows(query, kk, metric, filter, ef)) {
      if (p.latest.get(m.row().id()) < 0) {
        all.add(m);
      }
    }
    for (Row r : ownPuts(p, filter)) {
      all.add(new Match(r, metric.distance(query, r.vector())));
    }
    all.sort(
        (a, b) -> {
          int c = Float.compare(a.distance(), b.distance());
          return c != 0 ? c : Long.compare(a.row().id(), b.row().id());
        });
    return all.size() <= k ? all : new ArrayList<>(all.subList(0, k));
  }

  /** Whether this transaction has written anything that is still to commit. */
  public boolean hasWrites() {
    for (Part p : parts) {
      if (p.latest.size() > 0) {
        return true;
      }
    }
    return false;
  }

  /** The names of the collections this transaction wrote, sorted. */
  public List<String> collections() {
    return Collections.unmodifiableList(new ArrayList<>(byName.keySet()));
  }

  // ------------------------------------------------------------------ end

  /**
   * Makes every write of this transaction visible and durable at once (see the class comment), then
   * ends it. On an exception nothing of it was applied (or, for an I/O failure during the commit
   * record's write, the collections involved fail-stop and the next open decides).
   */
  public void commit() throws IOException {
    checkOpen();
    try {
      Map<Part, Writes> w = new LinkedHashMap<>();
      // decoded here, before any writer lock is taken
      for (Part p : byName.values()) { // by name: writers are locked in one global order
        Writes x = writes(p);
        if (x.puts.size() + x.deletes.length > 0) {
          w.put(p, x);
        }
      }
      if (!w.isEmpty()) {
        db.commit(new ArrayList<>(w.values()));
      }
    } finally {
      end();
    }
  }

  /** A collection's final writes: rows to put and ids to delete. */
  record Writes(VectorCollection collection, List<Row> puts, long[] deletes) {}

  private Writes writes(Part p) throws IOException {
    List<Row> puts = new ArrayList<>();
    long[] del = new long[p.latest.size()];
    int d = 0;
    for (int e : finalEntries(p)) {
      if (kind[e] == PUT) {
        puts.add(decode(p, e));
      } else {
        del[d++] = ids[e];
      }
    }
    return new Writes(p.c, puts, Arrays.copyOf(del, d));
  }

  /** Discards every write of this transaction and ends it. Idempotent. */
  public void rollback() throws IOException {
    if (!ended) {
      end();
    }
  }

  /** Whether this transaction has committed or rolled back. */
  public boolean ended() {
    return ended;
  }

  private void end() throws IOException {
    ended = true;
    for (KeyLock l : keyLocks) {
      l.part().c.locks.unlockKey(l.key(), l.value(), this);
    }
    keyLocks.clear();
    for (Part p : parts) {
      for (int e = 0; e < count; e++) {
        if (parts.get(part[e]) == p) {
          unlock(p, ids[e]);
        }
      }
      for (long id : p.held) {
        unlock(p, id);
      }
      p.c.locks.unregister();
    }
    parts.clear();
    byName.clear();
    Arrays.fill(inline, 0, count, null);
    inlineBytes = 0;
    count = 0;
    store.close();
  }

  /** Rolls back if still open. */
  @Override
  public void close() throws IOException {
    rollback();
  }

  private void checkOpen() {
    if (ended) {
      throw new TransactionStateException("the transaction has ended");
    }
  }

  /** Bytes of heap this transaction holds for its write set (entries, map, store buffer). */
  long heapBytes() {
    long b = ids.length * (4L + 8 + 4 + 1 + 8 + 4 + 4) + store.heapBytes() + inlineBytes;
    for (Part p : parts) {
      b += p.latest.heapBytes() + p.locked.heapBytes();
    }
    return b;
  }
}

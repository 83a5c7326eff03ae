package dev.veles.engine;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A database: a directory holding one subdirectory per {@link VectorCollection} and a lock file
 * ({@value #LOCK_FILE}) that lets one process at a time own it.
 *
 * <p>Thread-safe. The database owns its collections: {@link #close()} closes them (each writes a
 * checkpoint so the next open replays nothing) and releases the lock. Collections are opened
 * eagerly; one whose files fail their checks is left closed and listed by {@link #damaged()}, and
 * {@link #get} of it throws a {@link DamagedCollectionException} naming the file, while the others
 * work. Open never deletes a directory it cannot prove is garbage: only the remains of a drop
 * (renamed aside first), of a create that still carries its {@value CollectionFiles#CREATE_MARKER}
 * marker, and empty directories.
 *
 * <p>Read-only ({@link DatabaseOptions#readOnly()}): the database takes a shared lock (creating an
 * empty lock file if there is none and the directory allows it), replays WALs into memory and
 * writes, renames and deletes nothing; a writer in another process makes the open fail.
 */
public final class Database implements AutoCloseable {
  /** The lock file in the root directory; it holds a description of the owning process. */
  public static final String LOCK_FILE = "veles.lock";

  private static final String DROP_PREFIX = ".drop-";
  private static final System.Logger LOG = System.getLogger(Database.class.getName());

  private final Path root;
  private final DatabaseOptions options;
  private final StorageIO io;
  private final Closeable lock;
  private final ConcurrentSkipListMap<String, VectorCollection> collections =
      new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<String, CollectionDamage> damaged =
      new ConcurrentSkipListMap<>();
  private final AtomicLong schemaVersion = new AtomicLong();
  private final AtomicLong spills = new AtomicLong();

  /**
   * The apply lock: a statement that must read one committed state of several collections holds the
   * read side ({@link #readConsistent()}); the apply step of a commit over several collections
   * takes the write side, briefly.
   */
  private final ReentrantReadWriteLock applyLock = new ReentrantReadWriteLock();

  private CommitLog commitLog;

  /** The views (see {@link ViewStore}), replaced whole under the database's lock. */
  private volatile Map<String, Map<String, String>> views = Map.of();

  private final AtomicLong maxApplyPause = new AtomicLong();
  private volatile boolean closed;

  /** The commit log is truncated when it holds this many records (16 bytes each). */
  static final int COMMIT_LOG_RECORDS = 4096;

  private Database(Path root, DatabaseOptions options, StorageIO io, Closeable lock) {
    this.root = root;
    this.options = options;
    this.io = io;
    this.lock = lock;
  }

  /**
   * Opens (or creates) the database in {@code root} and takes its lock.
   *
   * @throws IOException naming the holder if another process has it open; {@link
   *     CorruptFileException} if a collection's files are damaged
   */
  public static Database open(Path root, DatabaseOptions options) throws IOException {
    return open(root, options, NioStorageIO.INSTANCE);
  }

  static Database open(Path root, DatabaseOptions options, StorageIO io) throws IOException {
    Objects.requireNonNull(options, "options");
    Path r = root.toAbsolutePath().normalize();
    if (!io.isDirectory(r)) {
      if (!options.create() || options.readOnly()) {
        throw new NoSuchFileException(r.toString(), null, "no database directory");
      }
      createDirectories(io, r);
    }
    Closeable lock =
        options.readOnly()
            ? io.lockShared(r.resolve(LOCK_FILE))
            : io.lock(r.resolve(LOCK_FILE), NioStorageIO.processDescription());
    Database db = new Database(r, options, io, lock);
    try {
      db.load();
    } catch (IOException | RuntimeException e) {
      try {
        db.close(false);
      } catch (IOException | RuntimeException s) {
        e.addSuppressed(s);
      }
      throw e;
    }
    return db;
  }

  private static void createDirectories(StorageIO io, Path dir) throws IOException {
    Path parent = dir.getParent();
    if (parent != null && !io.isDirectory(parent)) {
      createDirectories(io, parent);
    }
    io.createDirectory(dir);
    if (parent != null) {
      io.syncDirectory(parent);
    }
  }

  private void load() throws IOException {
    commitLog = CommitLog.open(io, root, options.readOnly());
    Path viewsTmp = root.resolve(ViewStore.NAME + ".tmp");
    if (!options.readOnly() && io.exists(viewsTmp)) {
      io.delete(viewsTmp); // a view change that a crash interrupted before its rename
    }
    views = Map.copyOf(ViewStore.read(io, root));
    for (Path p : io.list(root)) {
      String n = p.getFileName().toString();
      if (!io.isDirectory(p)) {
        if (n.startsWith(SpillStore.PREFIX)
            && n.endsWith(SpillStore.SUFFIX)
            && !options.readOnly()) {
          io.delete(p); // the write set of a transaction that a crash ended
        }
        continue;
      }
      if (n.startsWith(DROP_PREFIX)) {
        if (!options.readOnly()) {
          deleteTree(p); // a drop that a crash interrupted: finish it
        }
      } else if (Names.PATTERN.matcher(n).matches()) {
        if (isUnfinishedCreate(p)) {
          if (!options.readOnly()) {
            LOG.log(System.Logger.Level.INFO, "removing {0}: its create was interrupted", p);
            deleteTree(p);
          }
        } else {
          load(p, n);
        }
      }
    }
    if (!options.readOnly() && damaged.isEmpty() && commitLog.size() > 0) {
      // Every open collection replayed its marked groups and checkpointed: none is left.
      commitLog.truncate();
    }
  }

  /** Whether {@code dir} is provably the remains of a create: its marker, or nothing at all. */
  private boolean isUnfinishedCreate(Path dir) throws IOException {
    return io.exists(dir.resolve(CollectionFiles.CREATE_MARKER)) || io.list(dir).isEmpty();
  }

  private void load(Path dir, String name) throws IOException {
    CollectionSchema schema = null;
    try {
      SchemaChange.recover(io, dir, options.readOnly());
      schema = CollectionFiles.readSchema(io, dir);
      collections.put(name, VectorCollection.open(name, files(dir, name, schema)));
    } catch (CorruptFileException e) {
      damaged(name, schema, e);
    } catch (NoSuchFileException e) {
      Path f = e.getFile() == null ? dir : Path.of(e.getFile());
      CorruptFileException c = new CorruptFileException(f, 0, "file missing");
      c.initCause(e);
      damaged(name, schema, c);
    } catch (RuntimeException e) {
      // A check that a damaged file slipped past: still this collection's damage, not the
      // database's.
      CorruptFileException c =
          new CorruptFileException(dir, 0, "unreadable collection (" + e + ")");
      c.initCause(e);
      damaged(name, schema, c);
    }
  }

  private void damaged(String name, CollectionSchema schema, CorruptFileException e) {
    LOG.log(System.Logger.Level.ERROR, "collection {0} is damaged and stays closed: {1}", name, e);
    damaged.put(name, new CollectionDamage(name, schema, e));
  }

  private CollectionFiles files(Path dir, String name, CollectionSchema schema) {
    CommitLog log = commitLog;
    return new CollectionFiles(
        io,
        dir,
        name,
        schema,
        options.readOnly(),
        log::isCommitted,
        () -> {
          synchronized (log) {
            log.force();
          }
        });
  }

  private VectorCollection openCollection(Path dir, String name) throws IOException {
    return VectorCollection.open(name, files(dir, name, CollectionFiles.readSchema(io, dir)));
  }

  private void deleteTree(Path p) throws IOException {
    if (io.isDirectory(p)) {
      for (Path c : io.list(p)) {
        deleteTree(c);
      }
    }
    io.delete(p);
  }

  public Path root() {
    return root;
  }

  public DatabaseOptions options() {
    return options;
  }

  private void checkOpen() {
    if (closed) {
      throw new AlreadyClosedException("database " + root);
    }
  }

  private Path dirOf(String name) {
    Names.check(name, "collection");
    Path dir = root.resolve(name).normalize();
    if (!dir.getParent().equals(root)) {
      throw new IllegalArgumentException("collection name '" + name + "' leaves the database");
    }
    return dir;
  }

  /**
   * Creates a collection.
   *
   * @throws IllegalArgumentException for an illegal name, a dimension above {@link
   *     DatabaseOptions#maxDimension()}, or a name that already exists
   */
  public synchronized VectorCollection create(String name, CollectionSchema schema)
      throws IOException {
    return create(name, schema, false);
  }

  /**
   * Creates a collection that stays provisional until {@link #finishCreate}: it works as any other,
   * but a crash before that call removes it on the next open (its create marker stays on disk). For
   * a table filled as it is created ({@code CREATE TABLE ... AS SELECT}): the table survives a
   * crash only with all of its rows. To give up, {@link #drop} it.
   */
  public VectorCollection createProvisional(String name, CollectionSchema schema)
      throws IOException {
    return create(name, schema, true);
  }

  /**
   * Makes a provisional collection (see {@link #createProvisional}) permanent: flushes it, then
   * removes its create marker durably.
   *
   * @throws NoSuchCollectionException if there is no such collection
   */
  public synchronized void finishCreate(String name) throws IOException {
    checkOpen();
    checkWritable();
    VectorCollection c = get(name);
    c.flush();
    CollectionFiles.finishCreate(io, dirOf(name));
  }

  private synchronized VectorCollection create(
      String name, CollectionSchema schema, boolean provisional) throws IOException {
    checkOpen();
    Objects.requireNonNull(schema, "schema");
    Path dir = dirOf(name);
    if (schema.dimension() > options.maxDimension()) {
      throw new IllegalArgumentException(
          "dimension "
              + schema.dimension()
              + " exceeds this database's ceiling "
              + options.maxDimension()
              + "; open it with a larger maxDimension (at most "
              + CollectionSchema.MAX_DIMENSION
              + ")");
    }
    if (options.readOnly()) {
      throw new IllegalStateException("database " + root + " is open read-only");
    }
    if (collections.containsKey(name) || views.containsKey(name)) {
      throw new IllegalArgumentException("collection " + name + " already exists");
    }
    CollectionDamage d = damaged.get(name);
    if (d != null) {
      throw d.exception();
    }
    if (io.exists(dir)) {
      if (!io.isDirectory(dir) || !isUnfinishedCreate(dir)) {
        throw new IOException(
            dir + " exists and is not a collection this database can prove empty; move it away");
      }
      deleteTree(dir); // the remains of a create that failed in this process
    }
    CollectionFiles.create(io, dir, name, schema, provisional);
    VectorCollection c = openCollection(dir, name);
    collections.put(name, c);
    schemaVersion.incrementAndGet();
    return c;
  }

  /**
   * The named collection.
   *
   * @throws NoSuchCollectionException if there is none
   */
  public VectorCollection get(String name) {
    Optional<VectorCollection> c = find(name);
    if (c.isPresent()) {
      return c.get();
    }
    CollectionDamage d = name == null ? null : damaged.get(name);
    if (d != null) {
      throw d.exception();
    }
    throw new NoSuchCollectionException(name);
  }

  /** The named collection if it is open; empty if there is none or it is damaged. */
  public Optional<VectorCollection> find(String name) {
    checkOpen();
    return name == null ? Optional.empty() : Optional.ofNullable(collections.get(name));
  }

  /** The collection names, damaged ones included, sorted. */
  public List<String> names() {
    checkOpen();
    java.util.TreeSet<String> all = new java.util.TreeSet<>(collections.keySet());
    all.addAll(damaged.keySet());
    return List.copyOf(all);
  }

  /** The collections found damaged on open, by name. */
  public List<CollectionDamage> damaged() {
    checkOpen();
    return List.copyOf(damaged.values());
  }

  /** The damage of the named collection, or empty if it is open or absent. */
  public Optional<CollectionDamage> damage(String name) {
    checkOpen();
    return name == null ? Optional.empty() : Optional.ofNullable(damaged.get(name));
  }

  /**
   * Repairs a collection, damaged or not: closes it, rebuilds its files from what is intact (see
   * {@link Salvage}: the id index from the side file, the WAL and the last good index; the graph on
   * the next open) through temporary files and renames, and opens it again. Never called by the
   * engine itself. A crash during the repair leaves the old or the repaired files (run it again).
   *
   * @return what was rebuilt and which rows could not be recovered
   * @throws NoSuchCollectionException if there is no such collection
   * @throws IllegalStateException if the database is open read-only
   * @throws CorruptFileException if the schema ({@code collection.json}) is unreadable: nothing to
   *     rebuild from
   */
  public synchronized RepairReport repair(String name) throws IOException {
    checkOpen();
    if (options.readOnly()) {
      throw new IllegalStateException("database " + root + " is open read-only: repair writes");
    }
    VectorCollection c = name == null ? null : collections.get(name);
    if (c == null && (name == null || !damaged.containsKey(name))) {
      throw new NoSuchCollectionException(name);
    }
    Path dir = dirOf(name);
    if (c != null) {
      collections.remove(name);
      c.close(c.damage().isEmpty()); // a sound collection checkpoints; a damaged one writes nothing
    }
    damaged.remove(name);
    RepairReport report;
    try {
      CollectionSchema schema = CollectionFiles.readSchema(io, dir);
      report = Salvage.run(files(dir, name, schema));
    } finally {
      load(dir, name); // open again (or record the damage that remains)
      schemaVersion.incrementAndGet();
    }
    LOG.log(System.Logger.Level.INFO, "repaired {0}", report);
    return report;
  }

  /**
   * Drops a collection, a damaged one included: closes it and deletes its directory (renamed aside
   * first, so a crash leaves it either present or gone).
   *
   * @return false if there was no such collection
   */
  public synchronized boolean drop(String name) throws IOException {
    checkOpen();
    VectorCollection c = name == null ? null : collections.get(name);
    if (c == null && (name == null || !damaged.containsKey(name))) {
      return false;
    }
    if (options.readOnly()) {
      throw new IllegalStateException("database " + root + " is open read-only");
    }
    Path dir = dirOf(name);
    if (c != null) {
      collections.remove(name);
      c.close(false);
    } else {
      damaged.remove(name);
    }
    schemaVersion.incrementAndGet();
    Path aside = root.resolve(DROP_PREFIX + name + "-" + System.nanoTime());
    io.rename(dir, aside);
    io.syncDirectory(root);
    deleteTree(aside);
    return true;
  }

  /**
   * Changes a collection's scalar columns (add, drop, rename, nullability, length) and properties,
   * all or nothing, also across a crash (see {@link SchemaChange}): column {@code c} of {@code
   * next} takes the values of the current column {@code source[c]} (of the same type), or {@code
   * fill}'s when that is -1. The collection is checkpointed, closed, changed and opened again; a
   * reader or an open transaction still holding the old {@link VectorCollection} gets an {@link
   * AlreadyClosedException}. Counts as a schema change.
   *
   * @throws NoSuchCollectionException if there is no such collection
   * @throws IllegalArgumentException if {@code next} changes the dimension or durability, or an
   *     existing row's value does not fit its new column (a NULL in a NOT NULL column); nothing
   *     changed
   */
  public synchronized void alter(String name, CollectionSchema next, int[] source, ColumnFill fill)
      throws IOException {
    checkOpen();
    checkWritable();
    VectorCollection c = get(name);
    Path dir = dirOf(name);
    collections.remove(name);
    try {
      c.close(true);
      SchemaChange.apply(io, dir, name, c.schema(), next, source, fill);
    } finally {
      load(dir, name); // the new schema, or the old one when the change failed
      schemaVersion.incrementAndGet();
    }
  }

  /**
   * Renames a collection: closes it, renames its directory (one atomic rename, directory synced)
   * and opens it under the new name. Counts as a schema change.
   *
   * @throws NoSuchCollectionException if there is no collection {@code from}
   * @throws IllegalArgumentException if {@code to} is illegal or already exists
   */
  public synchronized void rename(String from, String to) throws IOException {
    checkOpen();
    checkWritable();
    VectorCollection c = get(from);
    Path src = dirOf(from);
    Path dst = dirOf(to);
    if (collections.containsKey(to)
        || damaged.containsKey(to)
        || views.containsKey(to)
        || io.exists(dst)) {
      throw new IllegalArgumentException("collection " + to + " already exists");
    }
    collections.remove(from);
    boolean moved = false;
    try {
      c.close(true);
      io.rename(src, dst);
      moved = true;
      io.syncDirectory(root);
    } finally {
      if (moved) {
        load(dst, to);
      } else {
        load(src, from);
      }
      schemaVersion.incrementAndGet();
    }
  }

  /**
   * The views stored with the database (see {@link ViewStore}): name to definition, both opaque to
   * the engine, sorted by name.
   */
  public Map<String, Map<String, String>> views() {
    checkOpen();
    return views;
  }

  /**
   * Creates or replaces a view (atomically, durable when it returns). Counts as a schema change.
   *
   * @throws IllegalArgumentException for an illegal name or one a collection has
   */
  public synchronized void putView(String name, Map<String, String> definition) throws IOException {
    checkOpen();
    checkWritable();
    Names.check(name, "view");
    if (collections.containsKey(name) || damaged.containsKey(name)) {
      throw new IllegalArgumentException("a collection named " + name + " exists");
    }
    java.util.TreeMap<String, Map<String, String>> next = new java.util.TreeMap<>(views);
    next.put(name, Map.copyOf(definition));
    ViewStore.write(io, root, next);
    views = java.util.Collections.unmodifiableMap(next);
    schemaVersion.incrementAndGet();
  }

  /**
   * Drops a view (atomically, durable when it returns). Counts as a schema change.
   *
   * @return false if there was no such view
   */
  public synchronized boolean dropView(String name) throws IOException {
    checkOpen();
    if (name == null || !views.containsKey(name)) {
      return false;
    }
    checkWritable();
    java.util.TreeMap<String, Map<String, String>> next = new java.util.TreeMap<>(views);
    next.remove(name);
    ViewStore.write(io, root, next);
    views = java.util.Collections.unmodifiableMap(next);
    schemaVersion.incrementAndGet();
    return true;
  }

  private void checkWritable() {
    if (options.readOnly()) {
      throw new IllegalStateException("database " + root + " is open read-only");
    }
  }

  /**
   * Rebuilds a collection's index for {@code metric} and {@code params}, with its schema's
   * properties replaced (see {@link VectorCollection#reindex}); counts as a schema change.
   *
   * @throws NoSuchCollectionException if there is no such collection
   */
  public void reindex(
      String name, Metric metric, IndexParams params, Map<String, String> properties)
      throws IOException {
    checkOpen();
    if (options.readOnly()) {
      throw new IllegalStateException("database " + root + " is open read-only");
    }
    try {
      get(name).reindex(metric, params, properties);
    } finally {
      schemaVersion.incrementAndGet();
    }
  }

  /**
   * Replaces a collection's secondary indexes (see {@link VectorCollection#setIndexes}); counts as
   * a schema change.
   *
   * @throws NoSuchCollectionException if there is no such collection
   */
  public void setIndexes(String name, List<IndexSpec> indexes) throws IOException {
    checkOpen();
    if (options.readOnly()) {
      throw new IllegalStateException("database " + root + " is open read-only");
    }
    try {
      get(name).setIndexes(indexes);
    } finally {
      schemaVersion.incrementAndGet();
    }
  }

  /**
   * Verifies every collection's files (see {@link VectorCollection#check()}); a collection found
   * damaged on open is reported with the problem found then. Changes nothing.
   */
  public CheckReport check() {
    checkOpen();
    List<CheckReport> all = new ArrayList<>();
    try {
      CommitLog.check(io, root);
    } catch (IOException e) {
      Path f = root.resolve(CommitLog.NAME);
      CorruptFileException c =
          e instanceof CorruptFileException x ? x : new CorruptFileException(f, 0, e.toString());
      all.add(new CheckReport(List.of(CheckReport.Problem.of("(database)", c)), List.of()));
    }
    try {
      ViewStore.read(io, root);
    } catch (IOException e) {
      Path f = root.resolve(ViewStore.NAME);
      CorruptFileException c =
          e instanceof CorruptFileException x ? x : new CorruptFileException(f, 0, e.toString());
      all.add(new CheckReport(List.of(CheckReport.Problem.of("(views)", c)), List.of()));
    }
    for (String name : names()) {
      VectorCollection c = collections.get(name);
      CollectionDamage d = damaged.get(name);
      if (c != null) {
        all.add(c.check());
      } else if (d != null) {
        all.add(new CheckReport(List.of(CheckReport.Problem.of(name, d.problem())), List.of()));
      }
    }
    return CheckReport.merge(all);
  }

  /** Increases by one on every create and drop in this process. */
  public long schemaVersion() {
    return schemaVersion.get();
  }

  /** Flushes every collection (see {@link VectorCollection#flush()}) and the commit log. */
  public void flush() throws IOException {
    checkOpen();
    if (!options.readOnly()) {
      // WAL groups, then the commit records that commit them, then what depends on both (a slot
      // released because its replacement is durable).
      for (VectorCollection c : collections.values()) {
        c.forceWal();
      }
      synchronized (commitLog) {
        commitLog.force();
      }
    }
    for (VectorCollection c : collections.values()) {
      c.flush();
    }
  }

  // ---------------------------------------------------------------- transactions

  /**
   * Starts a transaction (see {@link Transaction}): READ COMMITTED, its writes kept apart until
   * {@link Transaction#commit()}. The caller owns it and must end it (commit, rollback or close).
   */
  public Transaction begin() {
    checkOpen();
    Path spill =
        root.resolve(
            SpillStore.PREFIX
                + spills.incrementAndGet()
                + "-"
                + ProcessHandle.current().pid()
                + SpillStore.SUFFIX);
    return new Transaction(this, new SpillStore(io, spill));
  }

  /**
   * Holds the read side of the apply lock until closed: the statement sees every commit over
   * several collections either whole or not at all. Hold it only while reading (not across a
   * client's round trips); re-entrant in one thread.
   */
  public ReadScope readConsistent() {
    checkOpen();
    applyLock.readLock().lock();
    return () -> applyLock.readLock().unlock();
  }

  /**
   * The longest apply step of a commit so far, in nanoseconds (waiting for readers included): how
   * long a statement that reads several tables could have waited for a commit.
   */
  public long maxApplyPauseNanos() {
    return maxApplyPause.get();
  }

  /** The read side of the apply lock, released by {@link #close()}. */
  public interface ReadScope extends AutoCloseable {
    @Override
    void close();
  }

  /** Commits a transaction's final writes (see {@link Transaction#commit()}). */
  void commit(List<Transaction.Writes> writes) throws IOException {
    checkOpen();
    if (options.readOnly()) {
      throw new IllegalStateException("database " + root + " is open read-only");
    }
    List<Transaction.Writes> w = new ArrayList<>(writes);
    w.sort(java.util.Comparator.comparing(x -> x.collection().name()));
    int logged = 0;
    boolean force = false;
    for (Transaction.Writes x : w) {
      if (x.collection().hasWal()) {
        logged++;
        force |= x.collection().schema().durability() == Durability.FSYNC;
      }
    }
    long txid = 0;
    if (logged > 1) {
      synchronized (commitLog) {
        txid = commitLog.nextTxid();
      }
    }
    int locked = 0;
    try {
      for (Transaction.Writes x : w) {
        x.collection().lockWriter();
        locked++;
      }
      List<VectorCollection.Staged> staged = stage(w, txid, force);
      long t0 = System.nanoTime();
      applyLock.writeLock().lock();
      try {
        for (int i = 0; i < w.size(); i++) {
          w.get(i).collection().publish(staged.get(i));
        }
      } finally {
        applyLock.writeLock().unlock();
        maxApplyPause.accumulateAndGet(System.nanoTime() - t0, Math::max);
      }
      for (int i = 0; i < w.size(); i++) {
        w.get(i).collection().finish(staged.get(i));
      }
    } finally {
      for (int i = locked - 1; i >= 0; i--) {
        w.get(i).collection().unlockWriter();
      }
    }
    if (txid > 0) {
      truncateCommitLogIfLarge();
    }
  }

  /**
   * Logs each collection's group and, for a marked commit, the commit record; undoes on failure.
   */
  private List<VectorCollection.Staged> stage(List<Transaction.Writes> w, long txid, boolean force)
      throws IOException {
    List<VectorCollection.Staged> staged = new ArrayList<>();
    try {
      for (Transaction.Writes x : w) {
        VectorCollection c = x.collection();
        staged.add(c.stage(x.puts(), x.deletes(), c.hasWal() ? txid : 0));
      }
    } catch (IOException | RuntimeException e) {
      for (int i = 0; i < staged.size(); i++) {
        try {
          w.get(i).collection().unstage(staged.get(i));
        } catch (IOException | RuntimeException u) {
          e.addSuppressed(u);
        }
      }
      throw e;
    }
    if (txid > 0) {
      try {
        // Every group durable before the record that commits them, in FLUSH_ONLY too: a record
        // that survives a power loss then always finds all of its groups.
        for (Transaction.Writes x : w) {
          x.collection().forceWal();
        }
        synchronized (commitLog) {
          commitLog.append(txid, force);
        }
      } catch (IOException | RuntimeException e) {
        // The record may or may not have landed: only the next open can tell.
        FailedException f = null;
        for (Transaction.Writes x : w) {
          f = x.collection().failStop(e);
        }
        throw f;
      }
    }
    return staged;
  }

  private void truncateCommitLogIfLarge() throws IOException {
    synchronized (commitLog) {
      if (commitLog.size() < COMMIT_LOG_RECORDS) {
        return;
      }
    }
    truncateCommitLog();
  }

  /**
   * Checkpoints every collection whose WAL may hold a marked group, then, if none does any more and
   * no collection is damaged (its WAL's groups still need the records), empties the commit log.
   */
  private void truncateCommitLog() throws IOException {
    if (!damaged.isEmpty()) {
      return;
    }
    for (VectorCollection c : collections.values()) {
      if (c.holdsMarkedGroups()) {
        c.checkpointNow();
      }
    }
    synchronized (commitLog) {
      for (VectorCollection c : collections.values()) {
        if (c.holdsMarkedGroups()) {
          return; // a commit marked a group since: next time
        }
      }
      commitLog.truncate();
    }
  }

  /** Closes every collection (each checkpoints) and releases the lock. Idempotent. */
  @Override
  public void close() throws IOException {
    close(true);
  }

  synchronized void close(boolean checkpoint) throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    IOException error = null;
    List<VectorCollection> all = new ArrayList<>(collections.values());
    collections.clear();
    boolean clean = true;
    for (VectorCollection c : all) {
      try {
        c.close(checkpoint);
        clean &= checkpoint && !c.holdsMarkedGroups();
      } catch (IOException e) {
        clean = false;
        if (error == null) {
          error = e;
        } else {
          error.addSuppressed(e);
        }
      }
    }
    try {
      if (commitLog != null) {
        if (clean && damaged.isEmpty() && !options.readOnly() && commitLog.size() > 0) {
          commitLog.truncate();
        }
        commitLog.close();
      }
    } catch (IOException e) {
      if (error == null) {
        error = e;
      } else {
        error.addSuppressed(e);
      }
    }
    try {
      lock.close();
    } catch (IOException e) {
      if (error == null) {
        error = e;
      } else {
        error.addSuppressed(e);
      }
    }
    if (error != null) {
      throw error;
    }
  }

  @Override
  public String toString() {
    return "Database[" + root + "]";
  }
}

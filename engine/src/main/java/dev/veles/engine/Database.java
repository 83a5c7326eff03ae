package dev.veles.engine;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

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
  private volatile boolean closed;

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
    for (Path p : io.list(root)) {
      String n = p.getFileName().toString();
      if (!io.isDirectory(p)) {
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
  }

  /** Whether {@code dir} is provably the remains of a create: its marker, or nothing at all. */
  private boolean isUnfinishedCreate(Path dir) throws IOException {
    return io.exists(dir.resolve(CollectionFiles.CREATE_MARKER)) || io.list(dir).isEmpty();
  }

  private void load(Path dir, String name) throws IOException {
    CollectionSchema schema = null;
    try {
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
    return new CollectionFiles(io, dir, name, schema, options.readOnly());
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
    if (collections.containsKey(name)) {
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
    CollectionFiles.create(io, dir, name, schema);
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
   * Verifies every collection's files (see {@link VectorCollection#check()}); a collection found
   * damaged on open is reported with the problem found then. Changes nothing.
   */
  public CheckReport check() {
    checkOpen();
    List<CheckReport> all = new ArrayList<>();
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

  /** Flushes every collection (see {@link VectorCollection#flush()}). */
  public void flush() throws IOException {
    checkOpen();
    for (VectorCollection c : collections.values()) {
      c.flush();
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
    for (VectorCollection c : all) {
      try {
        c.close(checkpoint);
      } catch (IOException e) {
        if (error == null) {
          error = e;
        } else {
          error.addSuppressed(e);
        }
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

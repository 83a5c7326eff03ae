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
 * eagerly, so a damaged collection fails {@link #open} with a {@link CorruptFileException} naming
 * the file and offset.
 */
public final class Database implements AutoCloseable {
  /** The lock file in the root directory; it holds a description of the owning process. */
  public static final String LOCK_FILE = "veles.lock";

  private static final String DROP_PREFIX = ".drop-";

  private final Path root;
  private final DatabaseOptions options;
  private final StorageIO io;
  private final Closeable lock;
  private final ConcurrentSkipListMap<String, VectorCollection> collections =
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
    Closeable lock = io.lock(r.resolve(LOCK_FILE), NioStorageIO.processDescription());
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
      if (Names.PATTERN.matcher(n).matches() && io.exists(p.resolve(CollectionFiles.SCHEMA))) {
        collections.put(n, openCollection(p, n));
      } else if (!options.readOnly()
          && (n.startsWith(DROP_PREFIX) || Names.PATTERN.matcher(n).matches())) {
        // A drop or a create that a crash interrupted: finish it.
        deleteTree(p);
      }
    }
  }

  private VectorCollection openCollection(Path dir, String name) throws IOException {
    CollectionSchema schema = CollectionFiles.readSchema(io, dir);
    CollectionFiles files = new CollectionFiles(io, dir, name, schema, options.readOnly());
    return VectorCollection.open(name, files);
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
    if (io.exists(dir)) {
      deleteTree(dir); // the remains of an interrupted create
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
    return find(name).orElseThrow(() -> new NoSuchCollectionException(name));
  }

  public Optional<VectorCollection> find(String name) {
    checkOpen();
    return name == null ? Optional.empty() : Optional.ofNullable(collections.get(name));
  }

  /** The collection names, sorted. */
  public List<String> names() {
    checkOpen();
    return List.copyOf(collections.keySet());
  }

  /**
   * Drops a collection: closes it and deletes its directory (renamed aside first, so a crash leaves
   * it either present or gone).
   *
   * @return false if there was no such collection
   */
  public synchronized boolean drop(String name) throws IOException {
    checkOpen();
    VectorCollection c = name == null ? null : collections.get(name);
    if (c == null) {
      return false;
    }
    if (options.readOnly()) {
      throw new IllegalStateException("database " + root + " is open read-only");
    }
    collections.remove(name);
    schemaVersion.incrementAndGet();
    c.close(false);
    Path aside = root.resolve(DROP_PREFIX + name + "-" + System.nanoTime());
    io.rename(c.directory(), aside);
    io.syncDirectory(root);
    deleteTree(aside);
    return true;
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

package dev.veles.jdbc;

import dev.veles.engine.Database;
import dev.veles.engine.DatabaseOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The open databases of this JVM, shared by every connection to the same directory: the database
 * owns the directory lock, so one instance must serve them all. A database closes when its last
 * connection closes.
 *
 * <p>Read-only rule: a {@code read_only=true} connection shares the database when this JVM already
 * has it open (writable or not); otherwise it opens it read-only as a whole (a shared lock, no
 * recovery writes, no deletions), so other read-only processes may open it too and a writer cannot.
 * A writable connection to a database this JVM holds read-only fails: close the read-only
 * connections first.
 *
 * <p>Thread-safe.
 */
final class Engines {
  private static final Map<Path, Entry> OPEN = new HashMap<>();

  private static final class Entry {
    final Database db;
    int leases;

    Entry(Database db) {
      this.db = db;
    }
  }

  private Engines() {}

  /**
   * Opens (or shares) the database at {@code dir}; each call must be paired with a release. See the
   * read-only rule above.
   */
  static synchronized Database acquire(Path dir, boolean create, boolean readOnly, int maxDimension)
      throws IOException {
    Path key = key(dir, create && !readOnly);
    Entry e = OPEN.get(key);
    if (e == null) {
      e = new Entry(Database.open(key, new DatabaseOptions(create, readOnly, maxDimension)));
      OPEN.put(key, e);
    } else if (!readOnly && e.db.options().readOnly()) {
      throw new IOException(
          "database "
              + key
              + " is open read-only in this JVM (connections with read_only=true); close them"
              + " before connecting writable");
    }
    e.leases++;
    return e.db;
  }

  static synchronized void release(Database db) throws IOException {
    for (Map.Entry<Path, Entry> m : OPEN.entrySet()) {
      Entry e = m.getValue();
      if (e.db == db) {
        if (--e.leases == 0) {
          OPEN.remove(m.getKey());
          db.close();
        }
        return;
      }
    }
  }

  private static Path key(Path dir, boolean create) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.exists(abs)) {
      if (!create) {
        throw new IOException("database directory " + abs + " does not exist (set create=true)");
      }
      Files.createDirectories(abs);
    }
    return abs.toRealPath();
  }
}

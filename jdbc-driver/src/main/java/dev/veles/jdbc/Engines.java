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

  /** Opens (or shares) the database at {@code dir}; each call must be paired with a release. */
  static synchronized Database acquire(Path dir, boolean create, int maxDimension)
      throws IOException {
    Path key = key(dir, create);
    Entry e = OPEN.get(key);
    if (e == null) {
      e = new Entry(Database.open(key, new DatabaseOptions(create, false, maxDimension)));
      OPEN.put(key, e);
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

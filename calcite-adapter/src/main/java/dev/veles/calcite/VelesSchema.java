package dev.veles.calcite;

import dev.veles.engine.Database;
import dev.veles.engine.VectorCollection;
import java.util.HashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The tables of a database: one {@link VelesTable} per collection. Reads the database's list of
 * collections on every lookup (cheaply, by schema version), so a table created or dropped by
 * another connection is seen at once.
 *
 * <p>Thread-safe.
 */
public final class VelesSchema extends AbstractSchema {
  private final Database db;
  private final VelesSettings settings;
  private final boolean upsert;
  private volatile Snapshot snapshot = new Snapshot(-1, Map.of());

  private record Snapshot(long version, Map<String, Table> tables) {}

  /**
   * @param upsert whether this schema's tables replace rows on insert (the hidden schema that
   *     {@code UPSERT INTO} statements are pointed at)
   */
  public VelesSchema(Database db, VelesSettings settings, boolean upsert) {
    this.db = db;
    this.settings = settings;
    this.upsert = upsert;
  }

  public Database database() {
    return db;
  }

  public VelesSettings settings() {
    return settings;
  }

  @Override
  public boolean isMutable() {
    return true;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    Snapshot s = snapshot;
    long version = db.schemaVersion();
    if (s.version() == version) {
      return s.tables();
    }
    Map<String, Table> tables = new HashMap<>();
    for (String name : db.names()) {
      VectorCollection c = db.find(name).orElse(null);
      if (c != null) {
        tables.put(name, new VelesTable(db, name, new TableLayout(c.schema()), this, upsert));
      }
    }
    snapshot = new Snapshot(version, Map.copyOf(tables));
    return snapshot.tables();
  }
}

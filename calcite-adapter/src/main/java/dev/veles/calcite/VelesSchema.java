package dev.veles.calcite;

import dev.veles.engine.CollectionDamage;
import dev.veles.engine.CollectionSchema;
import dev.veles.engine.Database;
import dev.veles.engine.VectorCollection;
import java.util.HashMap;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The tables of a database: one {@link VelesTable} per collection, and one Calcite {@code
 * ViewTable} per stored view (see {@link ViewDefinition}). Reads the database's list of collections
 * on every lookup (cheaply, by schema version), so a table created or dropped by another connection
 * is seen at once.
 *
 * <p>Thread-safe.
 */
public final class VelesSchema extends AbstractSchema {
  private final Database db;
  private final Session session;
  private final boolean upsert;
  private volatile Snapshot snapshot = new Snapshot(-1, Map.of());

  private record Snapshot(long version, Map<String, Table> tables) {}

  /**
   * @param upsert whether this schema's tables replace rows on insert (the hidden schema that
   *     {@code UPSERT INTO} statements are pointed at)
   */
  public VelesSchema(Database db, Session session, boolean upsert) {
    this.db = db;
    this.session = session;
    this.upsert = upsert;
  }

  public Database database() {
    return db;
  }

  public VelesSettings settings() {
    return session.settings();
  }

  /**
   * The settings of the connection executing a statement: a cached plan may have been prepared by
   * another connection, so per-connection settings come from the execution context.
   */
  public static VelesSettings settingsOf(DataContext root, VelesSettings fallback) {
    if (root != null && root.getQueryProvider() instanceof CalciteConnection c) {
      SchemaPlus sub = c.getRootSchema().getSubSchema(VelesCalcite.SCHEMA);
      VelesSchema s = sub == null ? null : sub.unwrap(VelesSchema.class);
      if (s != null) {
        return s.settings();
      }
    }
    return fallback;
  }

  /** The session of the connection executing a statement, or null (see {@link #settingsOf}). */
  public static Session sessionOf(DataContext root) {
    if (root != null && root.getQueryProvider() instanceof CalciteConnection c) {
      SchemaPlus sub = c.getRootSchema().getSubSchema(VelesCalcite.SCHEMA);
      VelesSchema s = sub == null ? null : sub.unwrap(VelesSchema.class);
      if (s != null) {
        return s.session();
      }
    }
    return null;
  }

  public Session session() {
    return session;
  }

  @Override
  public boolean isMutable() {
    return true;
  }

  /** The tables, by name. */
  Map<String, Table> tableMap() {
    return getTableMap();
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
      // A damaged collection keeps its table (when its schema is readable) so that using it
      // answers XX001 naming the file, not "table not found".
      CollectionSchema cs =
          db.find(name)
              .map(VectorCollection::schema)
              .orElseGet(() -> db.damage(name).map(CollectionDamage::schema).orElse(null));
      if (cs != null) {
        tables.put(name, new VelesTable(db, name, new TableLayout(cs), this, upsert));
      }
    }
    if (!upsert) {
      for (Map.Entry<String, Map<String, String>> v : db.views().entrySet()) {
        Map<String, String> def = v.getValue();
        tables.put(
            v.getKey(),
            new org.apache.calcite.schema.impl.ViewTable(
                Object[].class,
                f -> ViewDefinition.rowType(def, f),
                ViewDefinition.sql(def),
                java.util.List.of(VelesCalcite.SCHEMA),
                java.util.List.of(VelesCalcite.SCHEMA, v.getKey())));
      }
    }
    snapshot = new Snapshot(version, Map.copyOf(tables));
    return snapshot.tables();
  }
}

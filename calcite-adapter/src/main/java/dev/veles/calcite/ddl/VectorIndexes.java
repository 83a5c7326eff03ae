package dev.veles.calcite.ddl;

import dev.veles.calcite.SqlState;
import dev.veles.calcite.TableLayout;
import dev.veles.calcite.VelesException;
import dev.veles.calcite.parser.SqlCreateVelesIndex;
import dev.veles.calcite.parser.SqlDropVelesIndex;
import dev.veles.engine.CollectionSchema;
import dev.veles.engine.Database;
import dev.veles.engine.IndexParams;
import dev.veles.engine.Metric;
import dev.veles.engine.VectorCollection;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;

/**
 * pgvector's {@code CREATE INDEX ... USING hnsw (column opclass) WITH (m = .., ef_construction =
 * ..)} and {@code DROP INDEX}. A table has one vector index, the HNSW graph the engine keeps in
 * step with its rows: CREATE INDEX rebuilds it for the operator class's metric and the given
 * parameters and names it; DROP INDEX rebuilds it for the metric and parameters the table was
 * created with and removes the name. A search by the index's metric uses it, any other is exact.
 *
 * <p>The name and the table's own metric and parameters are kept in the schema properties, which
 * the engine replaces with the index in one atomic step (a crash leaves the old or the new index).
 *
 * <p>Stateless.
 */
final class VectorIndexes {
  /** The property holding the index name. */
  static final String PROP_NAME = "sql.index.name";

  /** The property holding the table's own "metric,m,ef_construction" while an index is named. */
  static final String PROP_BASE = "sql.index.base";

  private static final Map<String, Metric> OPCLASSES =
      Map.of(
          "vector_l2_ops", Metric.L2,
          "vector_cosine_ops", Metric.COSINE,
          "vector_ip_ops", Metric.INNER_PRODUCT,
          "vector_l1_ops", Metric.L1);

  private static final String OPCLASS_LIST =
      "vector_l2_ops, vector_cosine_ops, vector_ip_ops or vector_l1_ops";

  private VectorIndexes() {}

  static void create(Database db, String table, SqlCreateVelesIndex create) throws IOException {
    String method =
        create.method == null ? "btree" : create.method.getSimple().toLowerCase(Locale.ROOT);
    if (!method.equals("hnsw")) {
      throw unsupported(
          "index method "
              + method
              + " is not supported: Veles indexes the vector column with hnsw, CREATE INDEX ON t"
              + " USING hnsw (embedding vector_l2_ops) and scalar columns with btree (or hash)");
    }
    if (create.unique) {
      throw unsupported("CREATE UNIQUE INDEX is not supported: an hnsw index is not unique");
    }
    if (create.partial) {
      throw unsupported("partial indexes (CREATE INDEX ... WHERE) are not supported");
    }
    if (create.columns.size() != 1 || !(create.columns.get(0) instanceof SqlIdentifier col)) {
      throw unsupported("an hnsw index takes exactly one column, the table's vector column");
    }
    VectorCollection c = db.get(table);
    TableLayout layout = new TableLayout(c.schema());
    int field = layout.field(last(col));
    if (field < 0) {
      throw new VelesException(
          SqlState.UNDEFINED_COLUMN,
          "column " + last(col) + " of table " + table + " does not exist");
    }
    if (field != layout.vectorField()) {
      throw unsupported(
          "column " + last(col) + " is not a vector: hnsw indexes the table's VECTOR column only");
    }
    Metric metric = metric(create.opclasses.get(0));
    CollectionSchema s = c.schema();
    IndexParams params = params(create, s.index());
    String name =
        create.name != null
            ? create.name.getSimple()
            : table + "_" + layout.names().get(field) + "_idx";
    if (ScalarIndexes.find(db, name).isPresent()) {
      if (create.ifNotExists) {
        return;
      }
      throw new VelesException(
          SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
    }
    Optional<String> owner = tableOf(db, name);
    String current = s.properties().get(PROP_NAME);
    if (owner.isPresent() || current != null) {
      if (create.ifNotExists && owner.isPresent()) {
        return;
      }
      if (owner.isPresent()) {
        throw new VelesException(
            SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
      }
      throw unsupported(
          "table "
              + table
              + " already has the vector index "
              + current
              + ": a table has one; DROP INDEX "
              + current
              + " first");
    }
    Map<String, String> props = new HashMap<>(s.properties());
    props.put(PROP_NAME, name);
    props.put(
        PROP_BASE, s.metric().sqlName() + "," + s.index().m() + "," + s.index().efConstruction());
    db.reindex(table, metric, params, props);
  }

  /**
   * Drops the named index.
   *
   * @return false if no table has an index of that name
   */
  static boolean drop(Database db, SqlDropVelesIndex drop) throws IOException {
    String name = last(drop.name);
    Optional<String> table = tableOf(db, name);
    if (table.isEmpty()) {
      return false;
    }
    CollectionSchema s = db.get(table.get()).schema();
    String[] base = s.properties().getOrDefault(PROP_BASE, "").split(",");
    Map<String, String> props = new HashMap<>(s.properties());
    props.remove(PROP_NAME);
    props.remove(PROP_BASE);
    Metric metric = base.length == 3 ? Metric.parse(base[0]) : s.metric();
    IndexParams params =
        base.length == 3
            ? new IndexParams(
                Integer.parseInt(base[1]), Integer.parseInt(base[2]), s.index().efSearch())
            : s.index();
    db.reindex(table.get(), metric, params, props);
    return true;
  }

  /** The table whose vector index is named {@code name}, if any. */
  static Optional<String> tableOf(Database db, String name) {
    for (String t : db.names()) {
      Optional<VectorCollection> c = db.find(t);
      if (c.isPresent() && name.equalsIgnoreCase(c.get().schema().properties().get(PROP_NAME))) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private static Metric metric(SqlNode opclass) {
    if (!(opclass instanceof SqlIdentifier id)) {
      throw new VelesException(
          SqlState.UNDEFINED_OBJECT,
          "data type vector has no default operator class for access method \"hnsw\": name one,"
              + " "
              + OPCLASS_LIST);
    }
    String name = id.getSimple().toLowerCase(Locale.ROOT);
    Metric m = OPCLASSES.get(name);
    if (m != null) {
      return m;
    }
    if (name.startsWith("halfvec_") || name.startsWith("bit_") || name.startsWith("sparsevec_")) {
      throw unsupported(
          "operator class "
              + name
              + " is not supported (no halfvec, bit or sparsevec types): use "
              + OPCLASS_LIST);
    }
    throw new VelesException(
        SqlState.UNDEFINED_OBJECT,
        "operator class \""
            + name
            + "\" does not exist for access method \"hnsw\": use "
            + OPCLASS_LIST);
  }

  private static IndexParams params(SqlCreateVelesIndex create, IndexParams current) {
    int m = current.m();
    int efConstruction = current.efConstruction();
    List<SqlNode> list = create.options.getList();
    for (int i = 0; i < list.size(); i += 2) {
      String key = ((SqlIdentifier) list.get(i)).getSimple().toLowerCase(Locale.ROOT);
      SqlNode v = list.get(i + 1);
      String text = v instanceof SqlLiteral lit ? lit.toValue() : ((SqlIdentifier) v).getSimple();
      try {
        switch (key) {
          case "m" -> m = Integer.parseInt(text);
          case "ef_construction" -> efConstruction = Integer.parseInt(text);
          default ->
              throw new VelesException(
                  SqlState.INVALID_PARAMETER_VALUE,
                  "unrecognized parameter \"" + key + "\" for hnsw: use m and ef_construction");
        }
      } catch (NumberFormatException e) {
        throw new VelesException(
            SqlState.INVALID_PARAMETER_VALUE, key + " needs an integer, got '" + text + "'");
      }
    }
    try {
      return new IndexParams(m, efConstruction, current.efSearch());
    } catch (IllegalArgumentException e) {
      throw new VelesException(SqlState.INVALID_PARAMETER_VALUE, e.getMessage());
    }
  }

  private static String last(SqlIdentifier id) {
    return id.names.get(id.names.size() - 1);
  }

  private static VelesException unsupported(String message) {
    return new VelesException(SqlState.FEATURE_NOT_SUPPORTED, message);
  }
}

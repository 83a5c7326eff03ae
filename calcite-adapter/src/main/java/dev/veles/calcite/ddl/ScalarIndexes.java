package dev.veles.calcite.ddl;

import dev.veles.calcite.SqlState;
import dev.veles.calcite.TableLayout;
import dev.veles.calcite.VelesException;
import dev.veles.calcite.parser.SqlCreateVelesIndex;
import dev.veles.engine.Database;
import dev.veles.engine.IndexSpec;
import dev.veles.engine.VectorCollection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

/**
 * {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON t [USING btree|hash] (column, ...)} and
 * {@code DROP INDEX} of a secondary index on scalar columns (see {@link IndexSpec}): the engine
 * keeps it in step with the rows and uses it for selective equality, {@code IN} and range filters,
 * also as the candidate set of a filtered k-NN search. {@code hash} is taken as {@code btree}: the
 * ordered index answers equality too. Other methods (gin, gist, brin, spgist) are refused with
 * 0A000; the vector column is indexed with {@code USING hnsw} (see {@link VectorIndexes}).
 *
 * <p>Index names share one namespace with tables and the vector indexes, as relations do in
 * PostgreSQL. Stateless.
 */
final class ScalarIndexes {
  private ScalarIndexes() {}

  /** Whether {@code method} (null: the default) names a scalar index method. */
  static boolean handles(SqlIdentifier method) {
    String m = method == null ? "btree" : method.getSimple().toLowerCase(Locale.ROOT);
    return m.equals("btree") || m.equals("hash");
  }

  static void create(Database db, String table, SqlCreateVelesIndex create) throws IOException {
    if (create.partial) {
      throw unsupported("partial indexes (CREATE INDEX ... WHERE) are not supported");
    }
    if (!create.options.getList().isEmpty()) {
      throw unsupported("index storage parameters (WITH (...)) are not supported on btree indexes");
    }
    VectorCollection c = db.get(table);
    TableLayout layout = new TableLayout(c.schema());
    List<String> columns = new ArrayList<>();
    List<String> sqlNames = new ArrayList<>();
    for (int i = 0; i < create.columns.size(); i++) {
      SqlNode node = create.columns.get(i);
      if (!(node instanceof SqlIdentifier col) || !col.isSimple()) {
        throw unsupported(
            "index expressions are not supported: index columns by name, not " + node);
      }
      if (create.opclasses.get(i) instanceof SqlIdentifier op) {
        throw unsupported(
            "operator class " + op + " is not supported on a btree index: leave it out");
      }
      int field = layout.field(col.getSimple());
      if (field < 0) {
        throw new VelesException(
            SqlState.UNDEFINED_COLUMN,
            "column " + col.getSimple() + " of table " + table + " does not exist");
      }
      switch (layout.kind(field)) {
        case VECTOR ->
            throw unsupported(
                "column "
                    + col.getSimple()
                    + " is a vector: index it with USING hnsw (column vector_l2_ops)");
        case ID ->
            throw unsupported(
                "column "
                    + col.getSimple()
                    + " is the table's row id, which is looked up without a scan already; a"
                    + " secondary index takes other columns");
        case SCALAR -> {}
      }
      columns.add(layout.filterColumn(field));
      sqlNames.add(layout.names().get(field));
    }
    String name = create.name != null ? create.name.getSimple() : defaultName(db, table, sqlNames);
    if (relationExists(db, name)) {
      if (create.ifNotExists) {
        return;
      }
      throw new VelesException(
          SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
    }
    List<IndexSpec> next = new ArrayList<>(c.schema().indexes());
    IndexSpec spec;
    try {
      spec = new IndexSpec(name, columns, create.unique);
    } catch (IllegalArgumentException e) {
      throw new VelesException(SqlState.INVALID_PARAMETER_VALUE, e.getMessage());
    }
    next.add(spec);
    db.setIndexes(table, next);
  }

  /**
   * Drops the named secondary index.
   *
   * @return false if no table has a secondary index of that name
   */
  static boolean drop(Database db, String name) throws IOException {
    for (String t : db.names()) {
      Optional<VectorCollection> c = db.find(t);
      if (c.isEmpty()) {
        continue;
      }
      List<IndexSpec> all = c.get().schema().indexes();
      List<IndexSpec> rest = all.stream().filter(i -> !i.name().equalsIgnoreCase(name)).toList();
      if (rest.size() != all.size()) {
        db.setIndexes(t, rest);
        return true;
      }
    }
    return false;
  }

  /** The table holding the secondary index {@code name}, with the index, if any. */
  static Optional<IndexSpec> find(Database db, String name) {
    for (String t : db.names()) {
      Optional<VectorCollection> c = db.find(t);
      if (c.isPresent()) {
        for (IndexSpec i : c.get().schema().indexes()) {
          if (i.name().equalsIgnoreCase(name)) {
            return Optional.of(i);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Whether a table, vector index or secondary index has this name (ignoring case). */
  static boolean relationExists(Database db, String name) {
    for (String t : db.names()) {
      if (t.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return VectorIndexes.tableOf(db, name).isPresent() || find(db, name).isPresent();
  }

  /** PostgreSQL's choice: {@code table_col1_col2_idx}, then with 1, 2, ... appended. */
  private static String defaultName(Database db, String table, List<String> columns) {
    String base = table + "_" + String.join("_", columns) + "_idx";
    String name = base;
    for (int n = 1; relationExists(db, name); n++) {
      name = base + n;
    }
    return name;
  }

  private static VelesException unsupported(String message) {
    return new VelesException(SqlState.FEATURE_NOT_SUPPORTED, message);
  }
}

package dev.veles.calcite.ddl;

import dev.veles.calcite.ColumnDefault;
import dev.veles.calcite.SqlState;
import dev.veles.calcite.TableLayout;
import dev.veles.calcite.VelesException;
import dev.veles.calcite.parser.SqlAlterVelesTable;
import dev.veles.calcite.parser.SqlColumnDeclaration;
import dev.veles.calcite.parser.SqlCreateVelesTable;
import dev.veles.engine.CollectionSchema;
import dev.veles.engine.ColumnFill;
import dev.veles.engine.ColumnSpec;
import dev.veles.engine.Database;
import dev.veles.engine.IndexSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlNodeList;

/**
 * Runs {@code ALTER TABLE}: ADD / DROP / RENAME COLUMN, RENAME TO, ALTER COLUMN SET / DROP DEFAULT
 * and SET / DROP NOT NULL, each one engine schema change (see {@link Database#alter}: the rows are
 * rewritten all or nothing, also across a crash). A new column reads its DEFAULT in the existing
 * rows (computed per row for {@code gen_random_uuid()}, once for the others, as PostgreSQL does),
 * else NULL.
 *
 * <p>Refused, with the reason in the message: dropping the integer key (the row id), the VECTOR
 * column or a column of the primary or a unique key (the storage is organised by them; rebuild the
 * table with {@code CREATE TABLE ... AS SELECT}); adding a VECTOR, identity, PRIMARY KEY or UNIQUE
 * column; dropping or renaming a column or renaming a table that a view uses (2BP01, as PostgreSQL
 * refuses a DROP that a view depends on); every other action (0A000).
 */
final class AlterTable {
  private AlterTable() {}

  static void run(Database db, DataContext context, SqlAlterVelesTable alter) throws IOException {
    if (alter.action == SqlAlterVelesTable.Action.UNSUPPORTED) {
      throw unsupported("ALTER TABLE ... " + alter.unsupported + " is not supported");
    }
    String table = VelesDdlExecutor.tableName(alter.name);
    if (db.find(table).isEmpty()) {
      if (db.damage(table).isPresent()) {
        db.get(table); // the damaged table's own error
      }
      if (alter.ifExists) {
        return;
      }
      throw new VelesException(SqlState.UNDEFINED_TABLE, "table " + table + " does not exist");
    }
    CollectionSchema cur = db.get(table).schema();
    TableLayout layout = new TableLayout(cur);
    switch (alter.action) {
      case ADD_COLUMN -> addColumn(db, context, table, layout, alter);
      case DROP_COLUMN -> dropColumn(db, table, layout, alter);
      case RENAME_COLUMN -> renameColumn(db, table, layout, alter);
      case RENAME_TABLE -> renameTable(db, table, alter);
      case SET_DEFAULT, DROP_DEFAULT -> setDefault(db, table, layout, alter);
      case SET_NOT_NULL, DROP_NOT_NULL -> setNotNull(db, table, layout, alter);
      case UNSUPPORTED -> throw new AssertionError();
    }
  }

  private static void addColumn(
      Database db, DataContext context, String table, TableLayout layout, SqlAlterVelesTable a)
      throws IOException {
    SqlColumnDeclaration decl = a.column;
    String name = decl.name.getSimple();
    if (layout.field(name) >= 0) {
      if (a.ifColumn) {
        return;
      }
      throw new VelesException(
          SqlState.DUPLICATE_COLUMN, "column " + name + " of table " + table + " already exists");
    }
    if (decl.primaryKey || decl.unique) {
      throw unsupported(
          "ALTER TABLE ... ADD COLUMN with PRIMARY KEY or UNIQUE is not supported: keys are fixed"
              + " at CREATE TABLE");
    }
    CollectionSchema cur = layout.schema();
    // The column as CREATE TABLE would declare it, so that types and defaults follow one set of
    // rules: a keyless table of this one column.
    CollectionSchema one =
        TableDefinition.of(
            new SqlCreateVelesTable(
                decl.getParserPosition(),
                false,
                false,
                a.name,
                new SqlNodeList(List.of(decl), decl.getParserPosition()),
                List.of(),
                SqlNodeList.EMPTY),
            cur.durability());
    if (one.dimension() > 0) {
      throw unsupported(
          "ALTER TABLE ... ADD COLUMN of a VECTOR column is not supported: a table's vector"
              + " column is fixed at CREATE TABLE (create a new table with CREATE TABLE ... AS"
              + " SELECT)");
    }
    if (one.properties().containsKey(TableLayout.PROP_IDENTITY)) {
      throw unsupported(
          "ALTER TABLE ... ADD COLUMN of an identity (SERIAL) column is not supported: the row id"
              + " is fixed at CREATE TABLE");
    }
    ColumnSpec spec = one.columns().get(0);
    List<ColumnSpec> columns = new ArrayList<>(cur.columns());
    columns.add(spec);
    Map<String, String> props = new HashMap<>(cur.properties());
    for (Map.Entry<String, String> e : one.properties().entrySet()) {
      if (isColumnProperty(e.getKey(), name)) {
        props.put(e.getKey(), e.getValue());
      }
    }
    mergeFeatures(props, one.properties().get(TableLayout.PROP_FEATURES));
    List<String> order = sqlColumns(layout);
    order.add(name);
    props.put(TableLayout.PROP_COLUMNS, String.join(",", order));
    CollectionSchema next = with(cur, columns, props, cur.unique());
    int[] source = new int[columns.size()];
    for (int c = 0; c < source.length; c++) {
      source[c] = c < cur.columns().size() ? c : -1;
    }
    TableLayout after = new TableLayout(next);
    ColumnFill fill = fill(after, after.field(name), context);
    try {
      db.alter(table, next, source, fill);
    } catch (IllegalArgumentException e) {
      throw notNull(table, name, e);
    }
  }

  /** The value a new column takes in the existing rows: its DEFAULT, else NULL. */
  private static ColumnFill fill(TableLayout layout, int field, DataContext context) {
    ColumnDefault d = layout.defaultOf(field);
    if (d == null) {
      return ColumnFill.NULLS;
    }
    JavaTypeFactory types = new JavaTypeFactoryImpl(dev.veles.calcite.VelesTypeSystem.INSTANCE);
    RexBuilder rex = new RexBuilder(types);
    if (d.function() == null && d.literal() == null) {
      return ColumnFill.NULLS; // DEFAULT NULL
    }
    // NOT NULL, so that the reduced constant is a bare literal, not a cast to a nullable type
    RelDataType type =
        types.createTypeWithNullability(
            layout.rowType(types).getFieldList().get(field).getType(), false);
    RexNode e = d.toRex(rex, type);
    if (d.perRow()) {
      return (id, column) -> layout.engineValue(field, ColumnDefault.randomUuid());
    }
    List<RexNode> out = new ArrayList<>();
    new RexExecutorImpl(context).reduce(rex, List.of(e), out);
    if (!(out.get(0) instanceof RexLiteral lit)) {
      throw new VelesException(
          SqlState.INTERNAL_ERROR, "DEFAULT of " + layout.names().get(field) + " did not reduce");
    }
    Object value = layout.engineValue(field, lit.getValue4());
    return (id, column) -> value;
  }

  private static void dropColumn(
      Database db, String table, TableLayout layout, SqlAlterVelesTable a) throws IOException {
    String name = a.target.getSimple();
    int f = layout.field(name);
    if (f < 0 || (layout.hiddenId() && f == layout.idField())) {
      if (a.ifColumn) {
        return;
      }
      throw undefinedColumn(table, name);
    }
    String real = layout.names().get(f);
    switch (layout.kind(f)) {
      case ID ->
          throw unsupported(
              "ALTER TABLE ... DROP COLUMN "
                  + real
                  + " is not supported: it is the table's integer primary key, by which Veles"
                  + " stores the rows (rebuild the table with CREATE TABLE ... AS SELECT)");
      case VECTOR ->
          throw unsupported(
              "ALTER TABLE ... DROP COLUMN "
                  + real
                  + " is not supported: it is the table's VECTOR column, whose storage and index"
                  + " are fixed at CREATE TABLE (rebuild the table with CREATE TABLE ... AS"
                  + " SELECT)");
      case SCALAR -> {}
    }
    CollectionSchema cur = layout.schema();
    for (List<String> key : cur.unique()) {
      if (key.contains(real)) {
        throw unsupported(
            "ALTER TABLE ... DROP COLUMN "
                + real
                + " is not supported: it is part of the key "
                + key
                + " (rebuild the table with CREATE TABLE ... AS SELECT)");
      }
    }
    Views.checkNoDependents(db, table, "drop column " + real + " of");
    int dropped = layout.engineColumn(f);
    List<ColumnSpec> columns = new ArrayList<>(cur.columns());
    columns.remove(dropped);
    int[] source = new int[columns.size()];
    for (int c = 0; c < source.length; c++) {
      source[c] = c < dropped ? c : c + 1;
    }
    Map<String, String> props = new HashMap<>(cur.properties());
    props.keySet().removeIf(k -> isColumnProperty(k, real));
    List<String> order = sqlColumns(layout);
    order.remove(real);
    props.put(TableLayout.PROP_COLUMNS, String.join(",", order));
    // As in PostgreSQL, the secondary indexes on the column go with it.
    List<IndexSpec> indexes =
        cur.indexes().stream().filter(i -> !i.columns().contains(real)).toList();
    db.alter(table, with(cur, columns, props, cur.unique(), indexes), source, ColumnFill.NULLS);
  }

  private static void renameColumn(
      Database db, String table, TableLayout layout, SqlAlterVelesTable a) throws IOException {
    String from = a.target.getSimple();
    String to = a.newName.getSimple();
    int f = layout.field(from);
    if (f < 0 || (layout.hiddenId() && f == layout.idField())) {
      throw undefinedColumn(table, from);
    }
    String real = layout.names().get(f);
    if (to.equalsIgnoreCase(TableLayout.HIDDEN_ID)) {
      throw new VelesException(
          SqlState.INVALID_PARAMETER_VALUE,
          "column name " + to + " is reserved for the hidden row id");
    }
    if (layout.field(to) >= 0 && layout.field(to) != f) {
      throw new VelesException(
          SqlState.DUPLICATE_COLUMN, "column " + to + " of table " + table + " already exists");
    }
    Views.checkNoDependents(db, table, "rename column " + real + " of");
    CollectionSchema cur = layout.schema();
    List<ColumnSpec> columns = new ArrayList<>();
    for (ColumnSpec c : cur.columns()) {
      columns.add(
          c.name().equals(real) ? new ColumnSpec(to, c.type(), c.length(), c.nullable()) : c);
    }
    List<List<String>> unique = new ArrayList<>();
    for (List<String> key : cur.unique()) {
      unique.add(key.stream().map(k -> k.equals(real) ? to : k).toList());
    }
    Map<String, String> props = new HashMap<>();
    for (Map.Entry<String, String> e : cur.properties().entrySet()) {
      String k = e.getKey();
      props.put(
          isColumnProperty(k, real) ? k.substring(0, k.length() - real.length()) + to : k,
          e.getValue());
    }
    List<String> order = sqlColumns(layout);
    order.replaceAll(n -> n.equals(real) ? to : n);
    props.put(TableLayout.PROP_COLUMNS, String.join(",", order));
    props.replaceAll((k, v) -> renameInProperty(k, v, real, to));
    int[] source = new int[columns.size()];
    Arrays.setAll(source, i -> i);
    List<IndexSpec> indexes = new ArrayList<>();
    for (IndexSpec i : cur.indexes()) {
      indexes.add(
          new IndexSpec(
              i.name(),
              i.columns().stream().map(c -> c.equals(real) ? to : c).toList(),
              i.unique()));
    }
    db.alter(table, with(cur, columns, props, unique, indexes), source, ColumnFill.NULLS);
  }

  /** The id, vector and key properties name columns in their values. */
  private static String renameInProperty(String key, String value, String from, String to) {
    if (key.equals(TableLayout.PROP_ID) || key.equals(TableLayout.PROP_VECTOR)) {
      return value.equals(from) ? to : value;
    }
    if (key.equals(TableLayout.PROP_KEY)) {
      List<String> cols = new ArrayList<>(Arrays.asList(value.split(",")));
      cols.replaceAll(n -> n.equals(from) ? to : n);
      return String.join(",", cols);
    }
    return value;
  }

  private static void renameTable(Database db, String table, SqlAlterVelesTable a)
      throws IOException {
    String to = VelesDdlExecutor.tableName(a.newName);
    if (db.find(to).isPresent() || db.damage(to).isPresent() || Views.exists(db, to)) {
      throw new VelesException(SqlState.DUPLICATE_TABLE, "relation " + to + " already exists");
    }
    Views.checkNoDependents(db, table, "rename");
    db.rename(table, to);
  }

  private static void setDefault(
      Database db, String table, TableLayout layout, SqlAlterVelesTable a) throws IOException {
    String name = a.target.getSimple();
    int f = scalarField(table, layout, name, "DEFAULT");
    String real = layout.names().get(f);
    CollectionSchema cur = layout.schema();
    Map<String, String> props = new HashMap<>(cur.properties());
    if (a.action == SqlAlterVelesTable.Action.SET_DEFAULT) {
      props.put(TableLayout.PROP_DEFAULT + real, ColumnDefault.of(a.defaultValue, real).encode());
      mergeFeatures(props, "default");
    } else {
      props.remove(TableLayout.PROP_DEFAULT + real);
    }
    int[] source = new int[cur.columns().size()];
    Arrays.setAll(source, i -> i);
    db.alter(table, with(cur, cur.columns(), props, cur.unique()), source, ColumnFill.NULLS);
  }

  private static void setNotNull(
      Database db, String table, TableLayout layout, SqlAlterVelesTable a) throws IOException {
    String name = a.target.getSimple();
    boolean notNull = a.action == SqlAlterVelesTable.Action.SET_NOT_NULL;
    int f = layout.field(name);
    if (f >= 0 && layout.kind(f) != TableLayout.Kind.SCALAR && !layout.hiddenId()) {
      if (notNull) {
        return; // the integer key and the vector never hold NULL
      }
      throw unsupported(
          "ALTER TABLE ... ALTER COLUMN "
              + layout.names().get(f)
              + " DROP NOT NULL is not supported: the table's integer key and its VECTOR column"
              + " never hold NULL");
    }
    f = scalarField(table, layout, name, "NOT NULL");
    String real = layout.names().get(f);
    CollectionSchema cur = layout.schema();
    List<ColumnSpec> columns = new ArrayList<>();
    for (ColumnSpec c : cur.columns()) {
      columns.add(
          c.name().equals(real) ? new ColumnSpec(c.name(), c.type(), c.length(), !notNull) : c);
    }
    int[] source = new int[columns.size()];
    Arrays.setAll(source, i -> i);
    try {
      db.alter(table, with(cur, columns, cur.properties(), cur.unique()), source, ColumnFill.NULLS);
    } catch (IllegalArgumentException e) {
      throw notNull(table, real, e);
    }
  }

  private static int scalarField(String table, TableLayout layout, String name, String what) {
    int f = layout.field(name);
    if (f < 0 || (layout.hiddenId() && f == layout.idField())) {
      throw undefinedColumn(table, name);
    }
    if (layout.kind(f) != TableLayout.Kind.SCALAR) {
      throw unsupported(
          "ALTER TABLE ... ALTER COLUMN "
              + layout.names().get(f)
              + " SET/DROP "
              + what
              + " is not supported on the table's integer key or VECTOR column");
    }
    return f;
  }

  // ---------------------------------------------------------------- schema helpers

  private static CollectionSchema with(
      CollectionSchema cur,
      List<ColumnSpec> columns,
      Map<String, String> props,
      List<List<String>> unique) {
    return with(cur, columns, props, unique, cur.indexes());
  }

  private static CollectionSchema with(
      CollectionSchema cur,
      List<ColumnSpec> columns,
      Map<String, String> props,
      List<List<String>> unique,
      List<IndexSpec> indexes) {
    return new CollectionSchema(
        cur.dimension(),
        cur.metric(),
        columns,
        cur.index(),
        cur.durability(),
        props,
        unique,
        indexes);
  }

  /** The SQL columns in order, without the hidden row id. */
  private static List<String> sqlColumns(TableLayout layout) {
    List<String> out = new ArrayList<>(layout.names());
    if (layout.hiddenId()) {
      out.remove(TableLayout.HIDDEN_ID);
    }
    return out;
  }

  /** A per-column property of the SQL layer: {@code sql.<what>.<column>}. */
  private static boolean isColumnProperty(String key, String column) {
    return key.startsWith("sql.")
        && key.endsWith("." + column)
        && key.length() > "sql.".length() + column.length() + 1
        && key.indexOf('.', "sql.".length()) == key.length() - column.length() - 1;
  }

  private static void mergeFeatures(Map<String, String> props, String add) {
    if (add == null || add.isEmpty()) {
      return;
    }
    Set<String> all = new TreeSet<>();
    String have = props.get(TableLayout.PROP_FEATURES);
    if (have != null && !have.isEmpty()) {
      all.addAll(Arrays.asList(have.split(",")));
    }
    all.addAll(Arrays.asList(add.split(",")));
    props.put(TableLayout.PROP_FEATURES, String.join(",", all));
  }

  private static VelesException notNull(String table, String column, IllegalArgumentException e) {
    return new VelesException(
        SqlState.NOT_NULL_VIOLATION,
        "column " + column + " of table " + table + " contains null values",
        e);
  }

  private static VelesException undefinedColumn(String table, String column) {
    return new VelesException(
        SqlState.UNDEFINED_COLUMN, "column " + column + " of table " + table + " does not exist");
  }

  private static VelesException unsupported(String message) {
    return new VelesException(SqlState.FEATURE_NOT_SUPPORTED, message);
  }
}

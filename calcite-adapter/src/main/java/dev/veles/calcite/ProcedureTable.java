package dev.veles.calcite;

import dev.veles.engine.CheckReport;
import dev.veles.engine.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A procedure seen as a table: the parser turns {@code CALL p(args)} into an insert of one row
 * {@code (0, args)} here, and the insert runs the procedure.
 */
public final class ProcedureTable extends ModifiableEngineTable {
  /** What a procedure does with its arguments. */
  @FunctionalInterface
  interface Body {
    void run(Database db, TxContext tx, Object[] args) throws IOException;
  }

  private final Database db;
  private final String name;
  private final List<String> parameters;
  private final String description;
  private final Body body;
  private final Access.Change change;

  ProcedureTable(
      Database db,
      String name,
      List<String> parameters,
      String description,
      Access.Change change,
      Body body) {
    this.db = db;
    this.change = change;
    this.name = name;
    this.parameters = parameters;
    this.description = description;
    this.body = body;
  }

  public String name() {
    return name;
  }

  public List<String> parameters() {
    return parameters;
  }

  public String description() {
    return description;
  }

  /** The kind of change the procedure makes, which decides who may call it. */
  public Access.Change change() {
    return change;
  }

  /** The procedures of a database. */
  static List<ProcedureTable> all(Database db) {
    return List.of(
        new ProcedureTable(
            db,
            "flush",
            List.of(),
            "makes every acknowledged write durable",
            Access.Change.FLUSH,
            (d, t, a) -> d.flush()),
        new ProcedureTable(
            db,
            "compact",
            List.of("table_name"),
            "rewrites a table's files without the space of deleted rows",
            Access.Change.MAINTENANCE,
            (d, t, a) -> d.get(tableArg(d, a[0])).compact()),
        new ProcedureTable(
            db,
            "rebuild_index",
            List.of("table_name"),
            "builds a table's HNSW graph anew from its rows, while searches go on",
            Access.Change.MAINTENANCE,
            (d, t, a) -> d.get(tableArg(d, a[0])).rebuildIndex()),
        new ProcedureTable(
            db,
            "check",
            List.of("table_name"),
            "verifies every checksum of a table's files (NULL: every table)",
            Access.Change.NONE,
            (d, t, a) -> check(a[0] == null ? d.check() : d.get(tableArg(d, a[0])).check())),
        new ProcedureTable(
            db,
            TRANSACTION,
            List.of("command", "savepoint_name"),
            "what BEGIN, COMMIT, ROLLBACK, SAVEPOINT, ROLLBACK TO and RELEASE run",
            Access.Change.NONE,
            ProcedureTable::transaction));
  }

  /** The procedure that the transaction statements are parsed into. */
  public static final String TRANSACTION = "transaction";

  private static void transaction(Database db, TxContext tx, Object[] a) throws IOException {
    if (tx == null) {
      throw new VelesException(SqlState.FEATURE_NOT_SUPPORTED, "no transaction context");
    }
    String name = a[1] == null ? null : a[1].toString();
    switch (String.valueOf(a[0])) {
      case "begin" -> tx.begin();
      case "commit" -> tx.commit();
      case "rollback" -> tx.rollback();
      case "savepoint" -> tx.savepoint(name);
      case "rollback_to" -> tx.rollbackTo(name);
      case "release" -> tx.release(name);
      default ->
          throw new VelesException(
              SqlState.INVALID_PARAMETER_VALUE, "unknown transaction command " + a[0]);
    }
  }

  /** Turns a failed check into XX001 naming each problem (the first ten). */
  private static void check(CheckReport report) {
    if (report.ok()) {
      return;
    }
    List<CheckReport.Problem> p = report.problems();
    StringBuilder sb = new StringBuilder("integrity check found " + p.size() + " problem(s): ");
    for (int i = 0; i < Math.min(10, p.size()); i++) {
      sb.append(i == 0 ? "" : "; ").append(p.get(i));
    }
    sb.append(
        "; restore the table from a backup, or drop it (CALL rebuild_index fixes a damaged"
            + " graph file)");
    throw new VelesException(SqlState.DATA_CORRUPTED, sb.toString());
  }

  /** The procedures as the tables of the {@code "$proc"} schema. */
  static AbstractSchema schema(List<ProcedureTable> procedures) {
    Map<String, Table> tables = new java.util.HashMap<>();
    procedures.forEach(p -> tables.put(p.name(), p));
    return new AbstractSchema() {
      @Override
      protected Map<String, Table> getTableMap() {
        return tables;
      }
    };
  }

  /**
   * The table a procedure argument names: the exact name if it exists, else the one that matches
   * ignoring case, as unquoted SQL names do.
   */
  private static String tableArg(Database db, Object v) {
    if (!(v instanceof String s)) {
      throw new VelesException(SqlState.INVALID_PARAMETER_VALUE, "expected a table name, got " + v);
    }
    if (db.find(s).isPresent()) {
      return s;
    }
    return db.names().stream().filter(n -> n.equalsIgnoreCase(s)).findFirst().orElse(s);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder b = typeFactory.builder();
    b.add("$call", SqlTypeName.INTEGER);
    for (String p : parameters) {
      b.add(
          p,
          typeFactory.createTypeWithNullability(
              typeFactory.createSqlType(SqlTypeName.VARCHAR), true));
    }
    return b.build();
  }

  @Override
  public long apply(
      TableModify.Operation operation,
      List<Object[]> rows,
      int[] updateColumns,
      VelesSettings settings,
      TxContext tx) {
    if (operation != TableModify.Operation.INSERT) {
      throw new VelesException(SqlState.FEATURE_NOT_SUPPORTED, name + " is a procedure: use CALL");
    }
    settings.access().check(change, "CALL " + name);
    try {
      for (Object[] row : rows) {
        body.run(db, tx, java.util.Arrays.copyOfRange(row, 1, row.length));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return 0;
  }

  /** A procedure has no rows to read. */
  @Override
  public <T> Queryable<T> asQueryable(
      QueryProvider queryProvider, SchemaPlus schema, String tableName) {
    return Linq4j.<T>emptyEnumerable().asQueryable();
  }
}

package dev.veles.calcite.ddl;

import dev.veles.calcite.Access;
import dev.veles.calcite.Session;
import dev.veles.calcite.SqlState;
import dev.veles.calcite.VelesCalcite;
import dev.veles.calcite.VelesException;
import dev.veles.calcite.VelesSchema;
import dev.veles.calcite.VelesSettings;
import dev.veles.calcite.parser.SqlAlterVelesTable;
import dev.veles.calcite.parser.SqlCreateVelesExtension;
import dev.veles.calcite.parser.SqlCreateVelesIndex;
import dev.veles.calcite.parser.SqlCreateVelesTable;
import dev.veles.calcite.parser.SqlCreateVelesTableAs;
import dev.veles.calcite.parser.SqlCreateVelesView;
import dev.veles.calcite.parser.SqlDropVelesIndex;
import dev.veles.calcite.parser.SqlDropVelesTable;
import dev.veles.calcite.parser.SqlDropVelesView;
import dev.veles.calcite.parser.SqlTruncateVelesTable;
import dev.veles.engine.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.server.DdlExecutor;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSetOption;

/**
 * Runs {@code CREATE TABLE} (also {@code AS query}, see {@link CreateTableAs}), {@code DROP TABLE},
 * {@code ALTER TABLE} (see {@link AlterTable}), {@code CREATE VIEW} and {@code DROP VIEW} (see
 * {@link Views}), {@code TRUNCATE}, {@code CREATE INDEX} and {@code DROP INDEX} (see {@link
 * VectorIndexes} and {@link ScalarIndexes}) against the connection's database. Calcite calls it
 * while preparing the statement, so DDL takes effect at once.
 */
public final class VelesDdlExecutor implements DdlExecutor {
  public static final VelesDdlExecutor INSTANCE = new VelesDdlExecutor();

  private VelesDdlExecutor() {}

  @Override
  public void executeDdl(CalcitePrepare.Context context, SqlNode node) {
    VelesSchema schema = schema(context);
    if (node instanceof SqlSetOption set) {
      setOption(schema.session(), set);
      return;
    }
    if (node instanceof SqlCreateVelesExtension ext) {
      // Nothing to install: the vector type and its operators are built in.
      if (!ext.name.getSimple().equalsIgnoreCase("vector")) {
        throw new VelesException(
            SqlState.FEATURE_NOT_SUPPORTED,
            "extension \""
                + ext.name.getSimple()
                + "\" is not available; the vector type is built in");
      }
      return;
    }
    schema.settings().access().check(Access.Change.DDL, node.getKind().toString());
    schema.session().tx().checkNoTransaction(node.getKind().toString().replace('_', ' '));
    Database db = schema.database();
    try {
      if (node instanceof SqlCreateVelesTable create) {
        String name = tableName(create.name);
        if (db.find(name).isPresent()) {
          if (create.ifNotExists) {
            return;
          }
          throw new VelesException(SqlState.DUPLICATE_TABLE, "table " + name + " already exists");
        }
        if (Views.exists(db, name)) {
          throw new VelesException(SqlState.DUPLICATE_TABLE, "relation " + name + " exists");
        }
        db.create(name, TableDefinition.of(create, schema.settings().durability()));
      } else if (node instanceof SqlCreateVelesTableAs create) {
        CreateTableAs.run(db, context, create, schema.settings().durability());
      } else if (node instanceof SqlCreateVelesView create) {
        Views.create(db, context, create);
      } else if (node instanceof SqlDropVelesView drop) {
        Views.drop(db, drop);
      } else if (node instanceof SqlAlterVelesTable alter) {
        AlterTable.run(db, context.getDataContext(), alter);
      } else if (node instanceof SqlDropVelesTable drop) {
        String name = tableName(drop.name);
        if (Views.exists(db, name)) {
          throw new VelesException(
              SqlState.WRONG_OBJECT_TYPE, name + " is a view, not a table (use DROP VIEW)");
        }
        if (db.find(name).isPresent() || db.damage(name).isPresent()) {
          Views.checkNoDependents(db, name, "drop");
        }
        if (!db.drop(name) && !drop.ifExists) {
          throw new VelesException(
              SqlState.UNDEFINED_TABLE,
              "table " + name + " does not exist (use DROP TABLE IF EXISTS to ignore that)");
        }
      } else if (node instanceof SqlTruncateVelesTable truncate) {
        truncate(db, truncate);
      } else if (node instanceof SqlCreateVelesIndex create) {
        if (ScalarIndexes.handles(create.method)) {
          ScalarIndexes.create(db, tableName(create.table), create);
        } else {
          VectorIndexes.create(db, tableName(create.table), create);
        }
      } else if (node instanceof SqlDropVelesIndex drop) {
        String name = drop.name.names.get(drop.name.names.size() - 1);
        if (!ScalarIndexes.drop(db, name) && !VectorIndexes.drop(db, drop) && !drop.ifExists) {
          throw new VelesException(
              SqlState.UNDEFINED_OBJECT,
              "index " + drop.name + " does not exist (use DROP INDEX IF EXISTS to ignore that)");
        }
      } else {
        throw new VelesException(
            SqlState.FEATURE_NOT_SUPPORTED, "statement not supported: " + node.getKind());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code TRUNCATE}: deletes every row of the tables, as one engine call for one table and as one
   * transaction for several (all of them or none, also after a crash). Like all DDL it is refused
   * inside an open transaction (25001); a table an open transaction wrote to fails with 40001.
   */
  private static void truncate(Database db, SqlTruncateVelesTable truncate) throws IOException {
    if (truncate.restartIdentity) {
      throw new VelesException(
          SqlState.FEATURE_NOT_SUPPORTED,
          "TRUNCATE ... RESTART IDENTITY is not supported: truncate without it");
    }
    java.util.List<String> names = new java.util.ArrayList<>();
    for (SqlNode n : truncate.names) {
      String name = tableName((SqlIdentifier) n);
      if (db.find(name).isEmpty()) {
        if (db.damage(name).isPresent()) {
          db.get(name); // the damaged table's own error
        }
        throw new VelesException(SqlState.UNDEFINED_TABLE, "table " + name + " does not exist");
      }
      names.add(name);
    }
    if (names.size() == 1) {
      dev.veles.engine.VectorCollection c = db.get(names.getFirst());
      c.delete(c.ids(null));
      return;
    }
    try (dev.veles.engine.Transaction t = db.begin()) {
      for (String name : names) {
        t.delete(name, t.ids(name, null));
      }
      t.commit();
    }
  }

  /** {@code SET ef_search = n} (also {@code hnsw.ef_search}, as pgvector names it). */
  private static void setOption(Session session, SqlSetOption set) {
    String name = String.join(".", set.getName().names).toLowerCase(java.util.Locale.ROOT);
    VelesSettings s = session.settings();
    if (!name.equals("ef_search") && !name.equals("hnsw.ef_search")) {
      throw new VelesException(
          SqlState.INVALID_PARAMETER_VALUE, "unknown setting '" + name + "': use ef_search");
    }
    int ef = 0;
    if (set.getValue() instanceof SqlLiteral lit) {
      try {
        ef = Integer.parseInt(lit.toValue());
      } catch (NumberFormatException e) {
        throw new VelesException(
            SqlState.INVALID_PARAMETER_VALUE, "ef_search needs an integer, got " + lit);
      }
    } else if (set.getValue() != null) {
      throw new VelesException(
          SqlState.INVALID_PARAMETER_VALUE, "ef_search needs an integer, got " + set.getValue());
    }
    session.set(s.withEfSearch(ef));
  }

  private static VelesSchema schema(CalcitePrepare.Context context) {
    CalciteSchema sub = context.getRootSchema().getSubSchema(VelesCalcite.SCHEMA, false);
    if (sub == null || !(sub.schema instanceof VelesSchema s)) {
      throw new VelesException(
          SqlState.CONNECTION_EXCEPTION, "this connection has no Veles database");
    }
    return s;
  }

  /** The table (or view) name of an identifier, which may name the schema {@code public}. */
  static String tableName(SqlIdentifier id) {
    if (id.names.size() > 2
        || (id.names.size() == 2 && !id.names.get(0).equalsIgnoreCase(VelesCalcite.SCHEMA))) {
      throw new VelesException(
          SqlState.FEATURE_NOT_SUPPORTED,
          "tables live in schema " + VelesCalcite.SCHEMA + ", not " + id);
    }
    return id.names.get(id.names.size() - 1);
  }
}

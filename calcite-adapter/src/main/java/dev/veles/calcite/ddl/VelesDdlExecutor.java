package dev.veles.calcite.ddl;

import dev.veles.calcite.SqlState;
import dev.veles.calcite.VelesCalcite;
import dev.veles.calcite.VelesException;
import dev.veles.calcite.VelesSchema;
import dev.veles.calcite.parser.SqlCreateVelesTable;
import dev.veles.calcite.parser.SqlDropVelesTable;
import dev.veles.engine.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.server.DdlExecutor;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

/**
 * Runs {@code CREATE TABLE} and {@code DROP TABLE} against the connection's database. Calcite calls
 * it while preparing the statement, so DDL takes effect at once.
 */
public final class VelesDdlExecutor implements DdlExecutor {
  public static final VelesDdlExecutor INSTANCE = new VelesDdlExecutor();

  private VelesDdlExecutor() {}

  @Override
  public void executeDdl(CalcitePrepare.Context context, SqlNode node) {
    VelesSchema schema = schema(context);
    if (schema.settings().readOnly()) {
      throw new VelesException(SqlState.FEATURE_NOT_SUPPORTED, "the connection is read-only");
    }
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
        db.create(name, TableDefinition.of(create, schema.settings().durability()));
      } else if (node instanceof SqlDropVelesTable drop) {
        String name = tableName(drop.name);
        if (!db.drop(name) && !drop.ifExists) {
          throw new VelesException(
              SqlState.UNDEFINED_TABLE,
              "table " + name + " does not exist (use DROP TABLE IF EXISTS to ignore that)");
        }
      } else {
        throw new VelesException(
            SqlState.FEATURE_NOT_SUPPORTED, "statement not supported: " + node.getKind());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static VelesSchema schema(CalcitePrepare.Context context) {
    CalciteSchema sub = context.getRootSchema().getSubSchema(VelesCalcite.SCHEMA, false);
    if (sub == null || !(sub.schema instanceof VelesSchema s)) {
      throw new VelesException(
          SqlState.CONNECTION_EXCEPTION, "this connection has no Veles database");
    }
    return s;
  }

  private static String tableName(SqlIdentifier id) {
    if (id.names.size() > 2
        || (id.names.size() == 2 && !id.names.get(0).equalsIgnoreCase(VelesCalcite.SCHEMA))) {
      throw new VelesException(
          SqlState.FEATURE_NOT_SUPPORTED,
          "tables live in schema " + VelesCalcite.SCHEMA + ", not " + id);
    }
    return id.names.get(id.names.size() - 1);
  }
}

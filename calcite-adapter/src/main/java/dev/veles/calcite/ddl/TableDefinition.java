package dev.veles.calcite.ddl;

import dev.veles.calcite.SqlState;
import dev.veles.calcite.TableLayout;
import dev.veles.calcite.VelesException;
import dev.veles.calcite.parser.SqlColumnDeclaration;
import dev.veles.calcite.parser.SqlCreateVelesTable;
import dev.veles.calcite.parser.SqlVectorTypeNameSpec;
import dev.veles.engine.CollectionSchema;
import dev.veles.engine.ColumnSpec;
import dev.veles.engine.ColumnType;
import dev.veles.engine.Durability;
import dev.veles.engine.IndexParams;
import dev.veles.engine.Metric;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.type.SqlTypeName;

/** Turns a parsed {@code CREATE TABLE} into a collection schema, rejecting what Veles lacks. */
final class TableDefinition {
  private TableDefinition() {}

  static CollectionSchema of(SqlCreateVelesTable create, Durability defaultDurability) {
    List<String> order = new ArrayList<>();
    List<ColumnSpec> columns = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    create.tableKeys.forEach(k -> keys.add(k.getSimple()));
    String idName = null;
    String vectorName = null;
    int dimension = 0;
    for (SqlNode n : create.columns) {
      SqlColumnDeclaration c = (SqlColumnDeclaration) n;
      String name = c.name.getSimple();
      if (order.contains(name)) {
        throw invalid("column " + name + " is declared twice");
      }
      order.add(name);
      SqlTypeNameSpec spec = c.type.getTypeNameSpec();
      boolean key = c.primaryKey || keys.remove(name);
      if (spec instanceof SqlVectorTypeNameSpec v) {
        if (vectorName != null) {
          throw unsupported(
              "a table has at most one VECTOR column; found " + vectorName + " and " + name);
        }
        if (key) {
          throw unsupported("a VECTOR column cannot be the primary key");
        }
        if (v.dimension() == SqlVectorTypeNameSpec.ANY_DIMENSION) {
          throw unsupported(
              "column "
                  + name
                  + ": a VECTOR column without a dimension; declare it, as in VECTOR(384)");
        }
        if (v.dimension() < 1) {
          throw invalid(
              "column " + name + ": VECTOR needs a dimension of at least 1, got " + v.dimension());
        }
        vectorName = name;
        dimension = v.dimension();
        continue;
      }
      SqlTypeName type = typeName(spec, name);
      if (key) {
        if (idName != null) {
          throw unsupported(
              "the primary key is one BIGINT column; found " + idName + " and " + name);
        }
        if (type != SqlTypeName.BIGINT && type != SqlTypeName.INTEGER) {
          throw unsupported("the primary key " + name + " must be BIGINT, not " + type);
        }
        idName = name;
        continue;
      }
      columns.add(column(name, type, spec, c.notNull));
    }
    if (!keys.isEmpty()) {
      throw invalid("PRIMARY KEY names unknown column(s) " + keys);
    }
    if (idName == null) {
      throw unsupported(
          "a table needs a BIGINT PRIMARY KEY column, e.g. id BIGINT NOT NULL PRIMARY KEY");
    }
    Options o = options(create);
    if (o.durability == null) {
      o.durability = defaultDurability;
    }
    return new CollectionSchema(
        dimension,
        o.metric,
        columns,
        new IndexParams(o.m, o.efConstruction, o.efSearch),
        o.durability,
        TableLayout.properties(order, idName, vectorName));
  }

  private static SqlTypeName typeName(SqlTypeNameSpec spec, String column) {
    if (spec instanceof SqlBasicTypeNameSpec) {
      SqlTypeName t = SqlTypeName.get(spec.getTypeName().getSimple().toUpperCase(Locale.ROOT));
      if (t != null) {
        return t;
      }
    }
    if (spec.getTypeName().getSimple().equalsIgnoreCase("vector")) {
      throw unsupported("column " + column + ": VECTOR needs its dimension, e.g. VECTOR(384)");
    }
    throw unsupported("column " + column + ": type " + spec.getTypeName() + " is not supported");
  }

  private static ColumnSpec column(
      String name, SqlTypeName t, SqlTypeNameSpec spec, boolean notNull) {
    ColumnType type =
        switch (t) {
          case BIGINT -> ColumnType.BIGINT;
          case INTEGER, SMALLINT, TINYINT -> ColumnType.INTEGER;
          case DOUBLE, FLOAT -> ColumnType.DOUBLE;
          case REAL -> ColumnType.REAL;
          case BOOLEAN -> ColumnType.BOOLEAN;
          case VARCHAR, CHAR -> ColumnType.VARCHAR;
          case DATE -> ColumnType.DATE;
          case TIMESTAMP -> ColumnType.TIMESTAMP;
          default ->
              throw unsupported(
                  "column "
                      + name
                      + ": type "
                      + t
                      + " is not supported; use BIGINT, INTEGER, DOUBLE, REAL, BOOLEAN, VARCHAR(n),"
                      + " DATE, TIMESTAMP or VECTOR(n)");
        };
    int length = 0;
    if (type == ColumnType.VARCHAR
        && spec instanceof SqlBasicTypeNameSpec b
        && b.getPrecision() > 0) {
      length = b.getPrecision();
    }
    return new ColumnSpec(name, type, length, !notNull);
  }

  private static final class Options {
    Metric metric = Metric.COSINE;
    int m = 16;
    int efConstruction = 200;
    int efSearch = 64;
    Durability durability;
  }

  private static Options options(SqlCreateVelesTable create) {
    Options o = new Options();
    List<SqlNode> list = create.options.getList();
    for (int i = 0; i < list.size(); i += 2) {
      String key = ((SqlIdentifier) list.get(i)).getSimple().toLowerCase(Locale.ROOT);
      SqlNode v = list.get(i + 1);
      String text = v instanceof SqlLiteral lit ? lit.toValue() : ((SqlIdentifier) v).getSimple();
      try {
        switch (key) {
          case "metric" -> o.metric = Metric.parse(text);
          case "m" -> o.m = Integer.parseInt(text);
          case "ef_construction" -> o.efConstruction = Integer.parseInt(text);
          case "ef_search" -> o.efSearch = Integer.parseInt(text);
          case "durability" -> o.durability = Durability.parse(text);
          default ->
              throw invalid(
                  "unknown table option '"
                      + key
                      + "': use metric, m, ef_construction, ef_search or durability");
        }
      } catch (NumberFormatException e) {
        throw invalid("option " + key + " needs an integer, got '" + text + "'");
      }
    }
    return o;
  }

  private static VelesException unsupported(String message) {
    return new VelesException(SqlState.FEATURE_NOT_SUPPORTED, message);
  }

  private static VelesException invalid(String message) {
    return new VelesException(SqlState.INVALID_PARAMETER_VALUE, message);
  }
}

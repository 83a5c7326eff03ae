package dev.veles.calcite.ddl;

import dev.veles.calcite.ColumnDefault;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
    List<String> pk = new ArrayList<>();
    create.tableKeys.forEach(k -> pk.add(k.getSimple()));
    if (create.columns.stream().anyMatch(n -> ((SqlColumnDeclaration) n).primaryKey)) {
      if (!pk.isEmpty()) {
        throw invalid("a table has one PRIMARY KEY; it is declared twice");
      }
    }
    List<List<String>> uniques = new ArrayList<>();
    Map<String, String> props = new HashMap<>();
    Set<String> features = new TreeSet<>();
    Map<String, SqlTypeName> intColumns = new HashMap<>();
    String identityColumn = null;
    String identity = null;
    String vectorName = null;
    int dimension = 0;
    for (SqlNode n : create.columns) {
      SqlColumnDeclaration c = (SqlColumnDeclaration) n;
      String name = c.name.getSimple();
      if (order.contains(name)) {
        throw invalid("column " + name + " is declared twice");
      }
      if (name.equalsIgnoreCase(TableLayout.HIDDEN_ID)) {
        throw invalid("column name " + name + " is reserved for the hidden row id");
      }
      order.add(name);
      if (c.primaryKey) {
        pk.add(name);
      }
      if (c.unique) {
        uniques.add(List.of(name));
      }
      SqlTypeNameSpec spec = c.type.getTypeNameSpec();
      if (spec instanceof SqlVectorTypeNameSpec v) {
        if (vectorName != null) {
          throw unsupported(
              "a table has at most one VECTOR column; found " + vectorName + " and " + name);
        }
        if (pk.contains(name) || c.unique) {
          throw unsupported("a VECTOR column cannot be the primary key or UNIQUE");
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
      String declared = spec.getTypeName().getSimple().toUpperCase(Locale.ROOT);
      String columnIdentity = c.identity;
      if (SERIALS.contains(declared)) {
        columnIdentity = "BY DEFAULT";
      }
      if (columnIdentity != null) {
        if (identityColumn != null) {
          throw unsupported(
              "a table has at most one identity (SERIAL) column; found "
                  + identityColumn
                  + " and "
                  + name);
        }
        identityColumn = name;
        identity = columnIdentity.toLowerCase(Locale.ROOT);
      }
      if (c.defaultValue != null) {
        if (columnIdentity != null) {
          throw invalid("column " + name + " is an identity column and cannot have a DEFAULT");
        }
        props.put(TableLayout.PROP_DEFAULT + name, ColumnDefault.of(c.defaultValue, name).encode());
        features.add("default");
      }
      SqlTypeName type = SERIALS.contains(declared) ? SqlTypeName.BIGINT : typeName(spec, name);
      if (type == SqlTypeName.BIGINT || type == SqlTypeName.INTEGER) {
        intColumns.put(name, type);
      } else if (columnIdentity != null) {
        throw invalid("identity column " + name + " must be BIGINT or INTEGER, not " + type);
      }
      if (TableLayout.DECLARED_TYPES.contains(declared)) {
        props.put(TableLayout.PROP_TYPE + name, declared);
        features.add("type");
      }
      columns.add(column(name, type, spec, c.notNull || pk.contains(name)));
    }
    for (String k : pk) {
      if (!order.contains(k)) {
        throw invalid("PRIMARY KEY names unknown column " + k);
      }
    }
    for (List<SqlIdentifier> u : create.uniqueKeys) {
      uniques.add(u.stream().map(SqlIdentifier::getSimple).toList());
    }
    // The engine's row id: a one-column integer primary key, else the identity column of a table
    // without a primary key, else the hidden row id.
    String idName;
    if (pk.size() == 1 && intColumns.containsKey(pk.get(0))) {
      idName = pk.get(0);
      pk.clear();
    } else if (pk.isEmpty() && identityColumn != null) {
      idName = identityColumn;
    } else {
      idName = TableLayout.HIDDEN_ID;
      features.add("hidden-id");
    }
    if (identityColumn != null) {
      if (!identityColumn.equals(idName)) {
        throw unsupported(
            "identity column "
                + identityColumn
                + " must be the table's integer primary key (its row id) in Veles");
      }
      props.put(TableLayout.PROP_IDENTITY, identity);
      features.add("identity");
    }
    String id = idName;
    if (!id.equals(TableLayout.HIDDEN_ID)) {
      columns.removeIf(c -> c.name().equals(id));
      uniques.removeIf(u -> u.equals(List.of(id)));
    }
    List<List<String>> engineKeys = new ArrayList<>();
    if (!pk.isEmpty()) {
      engineKeys.add(List.copyOf(pk));
      props.put(TableLayout.PROP_KEY, String.join(",", pk));
      features.add("key");
    }
    for (List<String> u : uniques) {
      if (vectorName != null && u.contains(vectorName)) {
        throw unsupported("a VECTOR column cannot be part of a UNIQUE key");
      }
      if (!order.containsAll(u)) {
        throw invalid("UNIQUE names unknown column(s) in " + u);
      }
      if (u.contains(id)) {
        throw unsupported("a UNIQUE key over the integer key " + id + " and other columns");
      }
      if (!engineKeys.contains(u)) {
        engineKeys.add(List.copyOf(u));
      }
    }
    for (List<String> key : engineKeys) {
      for (ColumnSpec c : columns) {
        if (c.type() == ColumnType.VARBINARY && key.contains(c.name())) {
          throw unsupported(
              "a binary column (" + c.name() + ") cannot be a PRIMARY KEY or UNIQUE in Veles");
        }
      }
    }
    Options o = options(create);
    if (o.durability == null) {
      o.durability = defaultDurability;
    }
    props.putAll(TableLayout.properties(order, idName, vectorName));
    if (!features.isEmpty()) {
      props.put(TableLayout.PROP_FEATURES, String.join(",", features));
    }
    return new CollectionSchema(
        dimension,
        o.metric,
        columns,
        new IndexParams(o.m, o.efConstruction, o.efSearch),
        o.durability,
        props,
        engineKeys);
  }

  /** Type names that declare an identity column (PostgreSQL's serial types). */
  private static final Set<String> SERIALS = Set.of("SERIAL", "BIGSERIAL", "SMALLSERIAL");

  private static SqlTypeName typeName(SqlTypeNameSpec spec, String column) {
    String declared = spec.getTypeName().getSimple().toUpperCase(Locale.ROOT);
    switch (declared) {
      case "TEXT", "UUID" -> {
        return SqlTypeName.VARCHAR;
      }
      case "BYTEA" -> {
        return SqlTypeName.VARBINARY;
      }
      case "TIMESTAMPTZ" -> {
        return SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
      }
      default -> {}
    }
    if (spec instanceof SqlBasicTypeNameSpec) {
      SqlTypeName t = SqlTypeName.get(declared);
      if (t != null) {
        return t;
      }
    }
    if (spec.getTypeName().getSimple().equalsIgnoreCase("vector")) {
      throw unsupported("column " + column + ": VECTOR needs its dimension, e.g. VECTOR(384)");
    }
    throw notSupported(column, spec.getTypeName().getSimple());
  }

  private static VelesException notSupported(String column, String type) {
    return unsupported(
        "column "
            + column
            + ": type "
            + type
            + " is not supported; use "
            + TableLayout.SUPPORTED_TYPES);
  }

  private static ColumnSpec column(
      String name, SqlTypeName t, SqlTypeNameSpec spec, boolean notNull) {
    ColumnType type =
        switch (t) {
          case BIGINT -> ColumnType.BIGINT;
          case INTEGER -> ColumnType.INTEGER;
          case SMALLINT -> ColumnType.SMALLINT;
          case TINYINT -> ColumnType.TINYINT;
          case DOUBLE, FLOAT -> ColumnType.DOUBLE;
          case REAL -> ColumnType.REAL;
          case DECIMAL -> ColumnType.DECIMAL;
          case BOOLEAN -> ColumnType.BOOLEAN;
          case VARCHAR -> ColumnType.VARCHAR;
          case CHAR -> ColumnType.CHAR;
          case DATE -> ColumnType.DATE;
          case TIME -> ColumnType.TIME;
          case TIMESTAMP -> ColumnType.TIMESTAMP;
          case TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ -> ColumnType.TIMESTAMP_TZ;
          case VARBINARY, BINARY -> ColumnType.VARBINARY;
          default -> throw notSupported(name, typeText(t));
        };
    int precision = spec instanceof SqlBasicTypeNameSpec b ? b.getPrecision() : -1;
    int scale = spec instanceof SqlBasicTypeNameSpec b ? Math.max(0, b.getScale()) : 0;
    int length = 0;
    if (spec.getTypeName().getSimple().equalsIgnoreCase("UUID")) {
      length = 36;
    } else if (type == ColumnType.DECIMAL) {
      if (precision <= 0) {
        throw unsupported(
            "column "
                + name
                + ": DECIMAL/NUMERIC without a precision is not supported; declare it, as in"
                + " NUMERIC(12, 2), or use DOUBLE");
      }
      if (precision > ColumnSpec.MAX_DECIMAL_PRECISION || scale > precision) {
        throw invalid(
            "column "
                + name
                + ": DECIMAL("
                + precision
                + ", "
                + scale
                + ") needs a precision in 1.."
                + ColumnSpec.MAX_DECIMAL_PRECISION
                + " and a scale in 0..precision");
      }
      return new ColumnSpec(name, type, precision, scale, !notNull);
    } else if ((type == ColumnType.VARCHAR
            || type == ColumnType.CHAR
            || type == ColumnType.VARBINARY)
        && precision > 0) {
      length = precision;
    }
    if (type == ColumnType.VARBINARY && length > ColumnSpec.MAX_VARBINARY) {
      throw invalid(
          "column "
              + name
              + ": binary length "
              + length
              + " exceeds the limit of "
              + ColumnSpec.MAX_VARBINARY
              + " bytes");
    }
    return new ColumnSpec(name, type, length, !notNull);
  }

  /** A type's SQL spelling for a message ({@code INTERVAL_DAY} as {@code INTERVAL DAY}). */
  private static String typeText(SqlTypeName t) {
    return t.getName().replace('_', ' ');
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

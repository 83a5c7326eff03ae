package dev.veles.calcite;

import dev.veles.calcite.function.VelesFunction;
import dev.veles.engine.ColumnSpec;
import dev.veles.engine.ColumnType;
import dev.veles.engine.Database;
import dev.veles.engine.VectorCollection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The SQL standard's {@code information_schema}, shaped and named as PostgreSQL's (lower-case
 * columns, {@code data_type} spelled as PostgreSQL spells it, a vector column as {@code
 * USER-DEFINED} with {@code udt_name} {@code vector}, as pgvector reports it), answered from the
 * live catalog at every scan. Internal schemas never appear.
 *
 * <p>Immutable and thread-safe: each scan reads the database's current tables.
 */
final class InformationSchema extends AbstractSchema {
  static final String NAME = "information_schema";
  static final String CATALOG = "veles";

  private final Map<String, Table> tables;

  InformationSchema(Database db, List<ProcedureTable> procedures) {
    this.tables =
        Map.of(
            "schemata", schemata(),
            "tables", tables(db),
            "columns", columns(db),
            "views", views(db),
            "table_constraints", tableConstraints(db),
            "key_column_usage", keyColumnUsage(db),
            "routines", routines(procedures));
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }

  private static Table schemata() {
    return MetadataTables.table(
        t -> strings(t, "catalog_name", "schema_name", "schema_owner"),
        () ->
            List.of(
                new Object[] {CATALOG, VelesCalcite.SCHEMA, "veles"},
                new Object[] {CATALOG, VelesCalcite.SYSTEM_SCHEMA, "veles"},
                new Object[] {CATALOG, NAME, "veles"}));
  }

  private static Table tables(Database db) {
    return MetadataTables.table(
        t -> strings(t, "table_catalog", "table_schema", "table_name", "table_type"),
        () -> {
          List<Object[]> rows = new ArrayList<>();
          for (String name : db.names()) {
            rows.add(new Object[] {CATALOG, VelesCalcite.SCHEMA, name, "BASE TABLE"});
          }
          for (String name : db.views().keySet()) {
            rows.add(new Object[] {CATALOG, VelesCalcite.SCHEMA, name, "VIEW"});
          }
          return rows;
        });
  }

  /** The stored views, each with its query as Veles SQL (see {@link ViewDefinition}). */
  private static Table views(Database db) {
    return MetadataTables.table(
        t -> strings(t, "table_catalog", "table_schema", "table_name", "view_definition"),
        () -> {
          List<Object[]> rows = new ArrayList<>();
          for (Map.Entry<String, Map<String, String>> v : db.views().entrySet()) {
            rows.add(
                new Object[] {
                  CATALOG, VelesCalcite.SCHEMA, v.getKey(), ViewDefinition.sql(v.getValue())
                });
          }
          return rows;
        });
  }

  private static Table columns(Database db) {
    return MetadataTables.table(
        t ->
            t.builder()
                .add("table_catalog", SqlTypeName.VARCHAR)
                .add("table_schema", SqlTypeName.VARCHAR)
                .add("table_name", SqlTypeName.VARCHAR)
                .add("column_name", SqlTypeName.VARCHAR)
                .add("ordinal_position", SqlTypeName.INTEGER)
                .add("column_default", nullable(t, SqlTypeName.VARCHAR))
                .add("is_nullable", SqlTypeName.VARCHAR)
                .add("data_type", SqlTypeName.VARCHAR)
                .add("character_maximum_length", nullable(t, SqlTypeName.INTEGER))
                .add("numeric_precision", nullable(t, SqlTypeName.INTEGER))
                .add("numeric_scale", nullable(t, SqlTypeName.INTEGER))
                .add("datetime_precision", nullable(t, SqlTypeName.INTEGER))
                .add("udt_name", SqlTypeName.VARCHAR)
                .build(),
        () -> {
          List<Object[]> rows = new ArrayList<>();
          for (String name : db.names()) {
            VectorCollection c = db.find(name).orElse(null);
            if (c == null) {
              continue;
            }
            TableLayout layout = new TableLayout(c.schema());
            int position = 0;
            for (int f = 0; f < layout.fieldCount(); f++) {
              if (layout.hiddenId() && f == layout.idField()) {
                continue; // the hidden row id of a table without an integer key is no column
              }
              rows.add(column(name, layout, f, ++position));
            }
          }
          return rows;
        });
  }

  /** One row of {@code columns}: the declared type of field {@code f}, at {@code position}. */
  private static Object[] column(String table, TableLayout layout, int f, int position) {
    String type;
    String udt;
    Integer length = null;
    Integer precision = null;
    Integer scale = null;
    Integer datetime = null;
    boolean nullable;
    switch (layout.kind(f)) {
      case ID -> {
        type = "bigint";
        udt = "int8";
        precision = 64;
        scale = 0;
        nullable = false;
      }
      case VECTOR -> {
        type = "USER-DEFINED";
        udt = "vector";
        length = layout.schema().dimension();
        nullable = false;
      }
      default -> {
        ColumnSpec c = layout.schema().columns().get(layout.engineColumn(f));
        nullable = c.nullable();
        switch (c.type()) {
          case BIGINT -> {
            type = "bigint";
            udt = "int8";
            precision = 64;
            scale = 0;
          }
          case INTEGER -> {
            type = "integer";
            udt = "int4";
            precision = 32;
            scale = 0;
          }
          case DOUBLE -> {
            type = "double precision";
            udt = "float8";
            precision = 53;
          }
          case REAL -> {
            type = "real";
            udt = "float4";
            precision = 24;
          }
          case BOOLEAN -> {
            type = "boolean";
            udt = "bool";
          }
          case VARCHAR -> {
            type = "character varying";
            udt = "varchar";
            length = c.length() > 0 ? c.length() : null;
          }
          case DATE -> {
            type = "date";
            udt = "date";
            datetime = 0;
          }
          case TIMESTAMP -> {
            type = "timestamp without time zone";
            udt = "timestamp";
            datetime = 3;
          }
          case SMALLINT, TINYINT -> {
            type = c.type() == ColumnType.SMALLINT ? "smallint" : "tinyint";
            udt = "int2"; // PostgreSQL has no one-byte integer; TINYINT travels as int2
            precision = c.type() == ColumnType.SMALLINT ? 16 : 8;
            scale = 0;
          }
          case DECIMAL -> {
            type = "numeric";
            udt = "numeric";
            precision = c.length();
            scale = c.scale();
          }
          case CHAR -> {
            type = "character";
            udt = "bpchar";
            length = c.length();
          }
          case TIME -> {
            type = "time without time zone";
            udt = "time";
            datetime = 3;
          }
          case TIMESTAMP_TZ -> {
            type = "timestamp with time zone";
            udt = "timestamptz";
            datetime = 3;
          }
          case VARBINARY -> {
            type = "bytea";
            udt = "bytea";
            length = c.length() > 0 ? c.length() : null;
          }
          default -> {
            type = c.type().name().toLowerCase(Locale.ROOT);
            udt = type;
          }
        }
      }
    }
    String declared = layout.declaredType(f);
    if (declared != null && !declared.equals("BYTEA")) {
      // stored as another type (TEXT and UUID as VARCHAR, BINARY(n) as bytes): name the declared
      type = declared.toLowerCase(Locale.ROOT);
      udt = declared.equals("BINARY") ? "bytea" : type;
      length = declared.equals("BINARY") ? length : null;
    }
    ColumnDefault d = layout.defaultOf(f);
    String dflt = d == null ? null : d.function() != null ? d.function() + "()" : d.literal();
    return new Object[] {
      CATALOG,
      VelesCalcite.SCHEMA,
      table,
      layout.names().get(f),
      position,
      dflt,
      nullable ? "YES" : "NO",
      type,
      length,
      precision,
      scale,
      datetime,
      udt
    };
  }

  private static Table tableConstraints(Database db) {
    return MetadataTables.table(
        t ->
            strings(
                t,
                "constraint_catalog",
                "constraint_schema",
                "constraint_name",
                "table_catalog",
                "table_schema",
                "table_name",
                "constraint_type"),
        () -> {
          List<Object[]> rows = new ArrayList<>();
          for (MetadataTables.KeyColumn k : MetadataTables.keyColumns(db)) {
            if (k.seq() == 1) {
              rows.add(
                  new Object[] {
                    CATALOG,
                    VelesCalcite.SCHEMA,
                    k.constraint(),
                    CATALOG,
                    VelesCalcite.SCHEMA,
                    k.table(),
                    "PRIMARY KEY"
                  });
            }
          }
          return rows;
        });
  }

  private static Table keyColumnUsage(Database db) {
    return MetadataTables.table(
        t ->
            t.builder()
                .add("constraint_catalog", SqlTypeName.VARCHAR)
                .add("constraint_schema", SqlTypeName.VARCHAR)
                .add("constraint_name", SqlTypeName.VARCHAR)
                .add("table_catalog", SqlTypeName.VARCHAR)
                .add("table_schema", SqlTypeName.VARCHAR)
                .add("table_name", SqlTypeName.VARCHAR)
                .add("column_name", SqlTypeName.VARCHAR)
                .add("ordinal_position", SqlTypeName.INTEGER)
                .build(),
        () -> {
          List<Object[]> rows = new ArrayList<>();
          for (MetadataTables.KeyColumn k : MetadataTables.keyColumns(db)) {
            rows.add(
                new Object[] {
                  CATALOG,
                  VelesCalcite.SCHEMA,
                  k.constraint(),
                  CATALOG,
                  VelesCalcite.SCHEMA,
                  k.table(),
                  k.column(),
                  k.seq()
                });
          }
          return rows;
        });
  }

  private static Table routines(List<ProcedureTable> procedures) {
    return MetadataTables.table(
        t ->
            strings(
                t,
                "specific_name",
                "routine_catalog",
                "routine_schema",
                "routine_name",
                "routine_type"),
        () -> {
          List<Object[]> rows = new ArrayList<>();
          for (VelesFunction f : VelesFunction.all()) {
            rows.add(new Object[] {f.name(), CATALOG, VelesCalcite.SCHEMA, f.name(), "FUNCTION"});
          }
          for (ProcedureTable p : procedures) {
            rows.add(new Object[] {p.name(), CATALOG, VelesCalcite.SCHEMA, p.name(), "PROCEDURE"});
          }
          return rows;
        });
  }

  private static RelDataType strings(RelDataTypeFactory t, String... names) {
    RelDataTypeFactory.Builder b = t.builder();
    for (String n : names) {
      b.add(n, SqlTypeName.VARCHAR);
    }
    return b.build();
  }

  private static RelDataType nullable(RelDataTypeFactory t, SqlTypeName type) {
    return t.createTypeWithNullability(t.createSqlType(type), true);
  }
}

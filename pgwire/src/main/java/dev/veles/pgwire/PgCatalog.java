package dev.veles.pgwire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The {@code pg_catalog} schema of a PostgreSQL session's embedded connection: catalog tables
 * answered from live state on every scan, and functions clients call at connect time. Added to the
 * connection's root schema, so {@code pg_catalog.pg_type} resolves; the functions are also added to
 * the root schema so unqualified calls ({@code version()}) resolve.
 *
 * <p>Tables: {@code pg_type} (every type this server speaks, {@code vector} included), {@code
 * pg_namespace}, {@code pg_database}, {@code pg_settings} (this session's settings).
 */
final class PgCatalog {
  static final String SCHEMA = "pg_catalog";

  private PgCatalog() {}

  static void install(SchemaPlus root, PgSession session) {
    Map<String, Table> tables =
        Map.ofEntries(
            Map.entry("pg_type", typeTable()),
            Map.entry("pg_namespace", namespaceTable()),
            Map.entry("pg_database", databaseTable()),
            Map.entry("pg_settings", settingsTable(session)),
            Map.entry("pg_class", PgCatalogRelations.pgClass()),
            Map.entry("pg_attribute", PgCatalogRelations.pgAttribute()),
            Map.entry("pg_index", PgCatalogRelations.pgIndex()),
            Map.entry("pg_constraint", PgCatalogRelations.pgConstraint()),
            Map.entry("pg_am", PgCatalogRelations.pgAm()),
            Map.entry("pg_description", PgCatalogRelations.pgDescription()),
            Map.entry("pg_attrdef", PgCatalogRelations.pgAttrdef()),
            Map.entry("pg_collation", PgCatalogRelations.pgCollation()));
    SchemaPlus pg =
        root.add(
            SCHEMA,
            new AbstractSchema() {
              @Override
              protected Map<String, Table> getTableMap() {
                return tables;
              }
            });
    pg.setCacheEnabled(false);
    // pg_catalog is on every PostgreSQL search path: unqualified names resolve there too, after
    // the tables of public (Calcite looks in the default schema, then in the root).
    tables.forEach(root::add);
    for (String f :
        List.of(
            "version",
            "current_database",
            "current_schema",
            "pg_backend_pid",
            "pg_get_userbyid",
            "pg_table_is_visible",
            "textregexeq",
            "texticregexeq",
            "format_type",
            "obj_description",
            "pg_encoding_to_char",
            "array_to_string",
            "pg_get_expr",
            "col_description")) {
      org.apache.calcite.schema.Function fn = ScalarFunctionImpl.create(PgFunctions.class, f);
      pg.add(f, fn);
      root.add(f, fn);
    }
  }

  private static Table typeTable() {
    return table(
        List.of(
            "oid",
            "typname",
            "typnamespace",
            "typlen",
            "typtype",
            "typcategory",
            "typelem",
            "typarray",
            "typbasetype",
            "typtypmod",
            "typnotnull",
            "typrelid"),
        List.of(
            SqlTypeName.INTEGER,
            SqlTypeName.VARCHAR,
            SqlTypeName.INTEGER,
            SqlTypeName.SMALLINT,
            SqlTypeName.VARCHAR,
            SqlTypeName.VARCHAR,
            SqlTypeName.INTEGER,
            SqlTypeName.INTEGER,
            SqlTypeName.INTEGER,
            SqlTypeName.INTEGER,
            SqlTypeName.BOOLEAN,
            SqlTypeName.INTEGER),
        ctx -> {
          List<Object[]> rows = new ArrayList<>();
          for (PgType t : PgType.values()) {
            boolean array = t.category == 'A';
            int elem =
                switch (t) {
                  case INT4_ARRAY -> PgType.INT4.oid;
                  case TEXT_ARRAY -> PgType.TEXT.oid;
                  case INT8_ARRAY -> PgType.INT8.oid;
                  case FLOAT4_ARRAY -> PgType.FLOAT4.oid;
                  case FLOAT8_ARRAY -> PgType.FLOAT8.oid;
                  default -> 0;
                };
            int namespace =
                t == PgType.VECTOR ? PgFunctions.PUBLIC_OID : PgFunctions.PG_CATALOG_OID;
            rows.add(
                new Object[] {
                  t.oid,
                  t.typname,
                  namespace,
                  t.typlen,
                  "b",
                  String.valueOf(array ? 'A' : t.category),
                  elem,
                  0,
                  0,
                  -1,
                  false,
                  0
                });
          }
          return rows;
        });
  }

  private static Table namespaceTable() {
    return table(
        List.of("oid", "nspname", "nspowner"),
        List.of(SqlTypeName.INTEGER, SqlTypeName.VARCHAR, SqlTypeName.INTEGER),
        ctx ->
            List.of(
                new Object[] {PgFunctions.PG_CATALOG_OID, "pg_catalog", 10},
                new Object[] {PgFunctions.PUBLIC_OID, "public", 10},
                new Object[] {PgFunctions.VELES_OID, "veles", 10}));
  }

  private static Table databaseTable() {
    return table(
        List.of(
            "oid",
            "datname",
            "datdba",
            "encoding",
            "datcollate",
            "datctype",
            "datallowconn",
            "datlocprovider",
            "daticulocale",
            "datacl",
            "datistemplate"),
        List.of(
            SqlTypeName.INTEGER,
            SqlTypeName.VARCHAR,
            SqlTypeName.INTEGER,
            SqlTypeName.INTEGER,
            SqlTypeName.VARCHAR,
            SqlTypeName.VARCHAR,
            SqlTypeName.BOOLEAN,
            SqlTypeName.VARCHAR,
            SqlTypeName.VARCHAR,
            SqlTypeName.VARCHAR,
            SqlTypeName.BOOLEAN),
        ctx ->
            List.<Object[]>of(
                new Object[] {
                  PgFunctions.DATABASE_OID, "veles", 10, 6, "C", "C", true, "c", null, null, false
                }));
  }

  private static Table settingsTable(PgSession session) {
    return table(
        List.of("name", "setting", "unit", "category", "short_desc", "context", "vartype"),
        List.of(
            SqlTypeName.VARCHAR,
            SqlTypeName.VARCHAR,
            SqlTypeName.VARCHAR,
            SqlTypeName.VARCHAR,
            SqlTypeName.VARCHAR,
            SqlTypeName.VARCHAR,
            SqlTypeName.VARCHAR),
        ctx -> {
          List<Object[]> rows = new ArrayList<>();
          for (Map.Entry<String, String> e : session.settings().entrySet()) {
            rows.add(new Object[] {e.getKey(), e.getValue(), null, "Veles", "", "user", "string"});
          }
          return rows;
        });
  }

  /** A table of the given columns whose rows {@code rows} computes on every scan. */
  static Table table(
      List<String> names, List<SqlTypeName> types, Function<DataContext, List<Object[]>> rows) {
    return new CatalogTable(names, types, rows);
  }

  private static final class CatalogTable extends AbstractTable implements ScannableTable {
    private final List<String> names;
    private final List<SqlTypeName> types;
    private final Function<DataContext, List<Object[]>> rows;

    CatalogTable(
        List<String> names, List<SqlTypeName> types, Function<DataContext, List<Object[]>> rows) {
      this.names = names;
      this.types = types;
      this.rows = rows;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
      Function<SqlTypeName, RelDataType> nullable =
          t -> f.createTypeWithNullability(f.createSqlType(t), true);
      return f.createStructType(types.stream().map(nullable).toList(), names);
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(rows.apply(root));
    }
  }
}

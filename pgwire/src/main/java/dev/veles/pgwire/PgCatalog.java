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

  /**
   * The names of the boolean columns of the catalog tables: a comparison of one with a string
   * literal ({@code indisprimary = 'f'}) reads the literal as PostgreSQL's boolean input.
   */
  static final java.util.Set<String> BOOLEAN_COLUMNS = booleanColumns();

  private static java.util.Set<String> booleanColumns() {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Table t : tables(null).values()) {
      CatalogTable c = (CatalogTable) t;
      for (int i = 0; i < c.names.size(); i++) {
        if (c.types.get(i) == SqlTypeName.BOOLEAN) {
          names.add(c.names.get(i));
        }
      }
    }
    return java.util.Set.copyOf(names);
  }

  /** The catalog tables of a session (null: only to read their columns). */
  private static Map<String, Table> tables(PgSession session) {
    Map<String, Table> m = new java.util.HashMap<>(PgCatalogExtras.absentFeatures());
    m.putAll(fixedTables(session));
    return Map.copyOf(m);
  }

  private static Map<String, Table> fixedTables(PgSession session) {
    return Map.ofEntries(
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
        Map.entry("pg_collation", PgCatalogRelations.pgCollation()),
        Map.entry("pg_roles", PgCatalogExtras.pgRoles(session)),
        Map.entry("pg_sequence", PgCatalogExtras.pgSequence()),
        Map.entry("veles_relation_size", PgCatalogRelations.relationSizes()),
        Map.entry("veles_object_def", PgCatalogRelations.objectDefinitions()),
        Map.entry("pg_enum", PgCatalogExtras.pgEnum()),
        Map.entry("pg_extension", PgCatalogExtras.pgExtension()),
        Map.entry("pg_proc", PgCatalogExtras.pgProc()),
        Map.entry("pg_language", PgCatalogExtras.pgLanguage()));
  }

  static void install(SchemaPlus root, PgSession session) {
    Map<String, Table> tables = tables(session);
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
            "pg_get_userbyid",
            "pg_table_is_visible",
            "pg_type_is_visible",
            "textregexeq",
            "texticregexeq",
            "format_type",
            "obj_description",
            "pg_encoding_to_char",
            "pg_get_expr",
            "col_description",
            "regclass",
            "regproc",
            "regtype",
            "pg_get_serial_sequence",
            "regnamespace",
            "pg_get_statisticsobjdef_columns",
            "pg_relation_is_publishable",
            "pg_size_pretty",
            "has_database_privilege",
            "shobj_description",
            "pg_function_is_visible",
            "veles_table_privilege",
            "veles_definition")) {
      org.apache.calcite.schema.Function fn = ScalarFunctionImpl.create(PgFunctions.class, f);
      pg.add(f, fn);
      root.add(f, fn);
    }
    org.apache.calcite.schema.Function join =
        ScalarFunctionImpl.create(PgFunctions.class, "array_to_string_list");
    pg.add("array_to_string", join);
    root.add("array_to_string", join);
    org.apache.calcite.schema.Function expr2 =
        ScalarFunctionImpl.create(PgFunctions.class, "pg_get_expr2");
    pg.add("pg_get_expr", expr2);
    root.add("pg_get_expr", expr2);
    pg.add(
        "generate_series",
        org.apache.calcite.schema.impl.TableFunctionImpl.create(
            PgFunctions.class, "generate_series"));
  }

  /** The type of an array column of a catalog table (its elements of type {@code element}). */
  record ArrayOf(SqlTypeName element) {}

  private static Table typeTable() {
    SqlTypeName i = SqlTypeName.INTEGER;
    SqlTypeName v = SqlTypeName.VARCHAR;
    SqlTypeName b = SqlTypeName.BOOLEAN;
    return table(
        List.of(
            "oid",
            "typname",
            "typnamespace",
            "typowner",
            "typlen",
            "typbyval",
            "typtype",
            "typcategory",
            "typisdefined",
            "typdelim",
            "typrelid",
            "typelem",
            "typarray",
            "typinput",
            "typoutput",
            "typreceive",
            "typsend",
            "typalign",
            "typstorage",
            "typnotnull",
            "typbasetype",
            "typtypmod",
            "typndims",
            "typcollation",
            "typdefault"),
        List.of(
            i,
            v,
            i,
            i,
            SqlTypeName.SMALLINT,
            b,
            v,
            v,
            b,
            v,
            i,
            i,
            i,
            v,
            v,
            v,
            v,
            v,
            v,
            b,
            i,
            i,
            i,
            i,
            v),
        ctx -> {
          List<Object[]> rows = new ArrayList<>();
          for (PgType t : PgType.values()) {
            rows.add(typeRow(t));
          }
          return rows;
        });
  }

  private static Object[] typeRow(PgType t) {
    boolean array = t.category == 'A';
    PgType elem = array ? PgType.elementOf(t) : null;
    PgType arrayType = PgType.arrayTypeOf(t);
    int namespace = t == PgType.VECTOR ? PgFunctions.PUBLIC_OID : PgFunctions.PG_CATALOG_OID;
    String io = array ? "array" : t.typname;
    boolean textual = t.category == 'S';
    return new Object[] {
      t.oid,
      t.typname,
      namespace,
      10,
      t.typlen,
      t.typlen > 0 && t.typlen <= 8,
      t.category == 'P' ? "p" : "b",
      String.valueOf(t.category),
      true,
      ",",
      0,
      elem == null ? 0 : elem.oid,
      arrayType == null ? 0 : arrayType.oid,
      io + "_in",
      io + "_out",
      io + "_recv",
      io + "_send",
      t.typlen == 8 ? "d" : t.typlen == 2 ? "s" : t.typlen == 1 ? "c" : "i",
      t.typlen > 0 ? "p" : "x",
      false,
      0,
      -1,
      0,
      textual ? 100 : 0,
      null
    };
  }

  private static Table namespaceTable() {
    return table(
        List.of("oid", "nspname", "nspowner", "nspacl"),
        List.of(
            SqlTypeName.INTEGER,
            SqlTypeName.VARCHAR,
            SqlTypeName.INTEGER,
            new ArrayOf(SqlTypeName.VARCHAR)),
        ctx ->
            List.of(
                new Object[] {PgFunctions.PG_CATALOG_OID, "pg_catalog", 10, null},
                new Object[] {PgFunctions.PUBLIC_OID, "public", 10, null},
                new Object[] {PgFunctions.VELES_OID, "veles", 10, null}));
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
            "datistemplate",
            "dattablespace"),
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
            new ArrayOf(SqlTypeName.VARCHAR),
            SqlTypeName.BOOLEAN,
            SqlTypeName.INTEGER),
        ctx ->
            List.<Object[]>of(
                new Object[] {
                  PgFunctions.DATABASE_OID,
                  "veles",
                  10,
                  6,
                  "C",
                  "C",
                  true,
                  "c",
                  null,
                  null,
                  false,
                  PgCatalogRelations.DEFAULT_TABLESPACE
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
      List<String> names, List<?> types, Function<DataContext, List<Object[]>> rows) {
    return new CatalogTable(names, types, rows);
  }

  private static final class CatalogTable extends AbstractTable implements ScannableTable {
    private final List<String> names;
    private final List<?> types;
    private final Function<DataContext, List<Object[]>> rows;

    /** {@code types}: a {@link SqlTypeName} or an {@link ArrayOf} per column. */
    CatalogTable(List<String> names, List<?> types, Function<DataContext, List<Object[]>> rows) {
      this.names = names;
      this.types = types;
      this.rows = rows;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
      Function<Object, RelDataType> nullable =
          t ->
              f.createTypeWithNullability(
                  t instanceof ArrayOf a
                      ? f.createArrayType(f.createSqlType(a.element()), -1)
                      : f.createSqlType((SqlTypeName) t),
                  true);
      return f.createStructType(types.stream().map(nullable).toList(), names);
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(rows.apply(root));
    }
  }
}

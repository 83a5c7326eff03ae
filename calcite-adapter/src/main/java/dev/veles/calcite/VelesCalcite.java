package dev.veles.calcite;

import dev.veles.calcite.function.VelesFunction;
import dev.veles.calcite.parser.ProcedureCalls;
import dev.veles.calcite.parser.SqlReturning;
import dev.veles.calcite.parser.VelesParserFactory;
import dev.veles.engine.Database;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * Sets up a Calcite connection as a Veles connection: the SQL dialect, the parser, and the schemas
 * over a database.
 *
 * <ul>
 *   <li>{@code public}: the tables (the default schema) and the vector functions;
 *   <li>{@code veles}: system tables ({@code veles.collections});
 *   <li>{@code information_schema}: the standard catalog views, as PostgreSQL names them;
 *   <li>{@code "$proc"}, {@code "$upsert"}: where {@code CALL} and {@code UPSERT} are routed;
 *   <li>{@code "$returning"}: the rows a modification wrote, for {@code RETURNING}.
 * </ul>
 */
public final class VelesCalcite {
  /** The schema that holds the tables. */
  public static final String SCHEMA = "public";

  /** The schema that holds system tables. */
  public static final String SYSTEM_SCHEMA = "veles";

  private VelesCalcite() {}

  /**
   * The Calcite connection properties of the Veles dialect: PostgreSQL-like identifiers (unquoted
   * names fold to lower case, double quotes keep case, lookups ignore case) and the Veles parser.
   */
  public static Properties connectionProperties() {
    Properties p = new Properties();
    p.setProperty("parserFactory", VelesParserFactory.class.getName() + "#INSTANCE");
    p.setProperty("unquotedCasing", "TO_LOWER");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("quoting", "DOUBLE_QUOTE");
    p.setProperty("caseSensitive", "false");
    p.setProperty("conformance", "LENIENT");
    // PostgreSQL's functions (ILIKE, LENGTH, CONCAT, STRING_AGG, GREATEST, TO_CHAR, ...) next to
    // the standard ones; Veles's own (now, version, date_trunc) are added by VelesFunctions.
    p.setProperty("fun", "standard,postgresql");
    p.setProperty("typeSystem", VelesTypeSystem.class.getName() + "#INSTANCE");
    p.setProperty("defaultNullCollation", "LAST");
    p.setProperty("schema", SCHEMA);
    p.setProperty("metaColumnFactory", VelesMetaColumnFactory.class.getName() + "#INSTANCE");
    return p;
  }

  /**
   * Narrows what a connection may change to at most {@code access} (a server applying its user's
   * role); it can never be widened again on that connection.
   *
   * @return false if the root schema has no Veles database (nothing to restrict)
   */
  public static boolean restrict(SchemaPlus root, Access access) {
    SchemaPlus sub = root.getSubSchema(SCHEMA);
    VelesSchema s = sub == null ? null : sub.unwrap(VelesSchema.class);
    if (s == null) {
      return false;
    }
    s.session().restrict(access);
    return true;
  }

  /** The transaction context of the connection whose root schema is {@code root}, or null. */
  public static TxContext txContext(SchemaPlus root) {
    SchemaPlus sub = root.getSubSchema(SCHEMA);
    VelesSchema s = sub == null ? null : sub.unwrap(VelesSchema.class);
    return s == null ? null : s.session().tx();
  }

  /** Adds the schemas of {@code db} to a connection's root schema. */
  public static void install(SchemaPlus root, Database db, VelesSettings settings) {
    Session session = new Session(settings, new TxContext(db));
    SchemaPlus tables = root.add(SCHEMA, new VelesSchema(db, session, false));
    tables.setCacheEnabled(false);
    for (VelesFunction f : VelesFunction.all()) {
      tables.add(f.name(), f);
    }
    tables.add("knn", new KnnTableFunction(db));
    root.add(VelesParserFactory.UPSERT_SCHEMA, new VelesSchema(db, session, true))
        .setCacheEnabled(false);
    root.add(SqlReturning.SCHEMA, WrittenRows.schema(tables.unwrap(VelesSchema.class)))
        .setCacheEnabled(false);
    List<ProcedureTable> procedures = ProcedureTable.all(db);
    root.add(ProcedureCalls.SCHEMA, ProcedureTable.schema(procedures));
    root.add(InformationSchema.NAME, new InformationSchema(db, procedures));
    root.add(
        SYSTEM_SCHEMA,
        new AbstractSchema() {
          private final Map<String, org.apache.calcite.schema.Table> tables =
              Map.of(
                  "collections", new CollectionsTable(db),
                  "primary_keys", MetadataTables.primaryKeys(db),
                  "index_info", MetadataTables.indexInfo(db),
                  "type_info", MetadataTables.typeInfo(),
                  "procedures", MetadataTables.procedures(procedures));

          @Override
          protected Map<String, org.apache.calcite.schema.Table> getTableMap() {
            return tables;
          }
        });
  }
}

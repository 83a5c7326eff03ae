package dev.veles.pgwire;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The {@code pg_catalog} tables about relations, answered from the live tables ({@link
 * PgRelations}) on every scan: {@code pg_class} (tables and their primary-key indexes), {@code
 * pg_attribute}, {@code pg_index}, {@code pg_constraint} (primary keys), {@code pg_am} and {@code
 * pg_description} (Veles has no comments, so it has no rows). Stateless.
 */
final class PgCatalogRelations {
  static final int HEAP_AM = 2;
  static final int BTREE_AM = 403;

  private static final SqlTypeName I = SqlTypeName.INTEGER;
  private static final SqlTypeName S = SqlTypeName.SMALLINT;
  private static final SqlTypeName V = SqlTypeName.VARCHAR;
  private static final SqlTypeName B = SqlTypeName.BOOLEAN;
  private static final SqlTypeName R = SqlTypeName.REAL;

  private PgCatalogRelations() {}

  static Table pgClass() {
    return PgCatalog.table(
        List.of(
            "oid",
            "relname",
            "relnamespace",
            "reltype",
            "relowner",
            "relam",
            "relkind",
            "relnatts",
            "reltuples",
            "relpages",
            "relhasindex",
            "relpersistence",
            "relispartition",
            "reltablespace",
            "relchecks",
            "relhasrules",
            "relhastriggers",
            "relrowsecurity",
            "relforcerowsecurity",
            "relreplident",
            "reloftype",
            "relispopulated",
            "reloptions",
            "relacl",
            "reltoastrelid",
            "relhassubclass",
            "relpartbound"),
        List.of(I, V, I, I, I, I, V, S, R, I, B, V, B, I, S, B, B, B, B, V, I, B, V, V, I, B, V),
        ctx -> {
          List<Object[]> rows = new ArrayList<>();
          for (PgRelations.Relation r :
              PgRelations.all(ctx.getRootSchema(), ctx.getTypeFactory())) {
            rows.add(relation(r.oid(), r.name(), HEAP_AM, "r", r.columns().size()));
            if (r.keyColumn() > 0) {
              rows.add(relation(r.indexOid(), r.indexName(), BTREE_AM, "i", 1));
            }
          }
          return rows;
        });
  }

  private static Object[] relation(int oid, String name, int am, String kind, int natts) {
    return new Object[] {
      oid,
      name,
      PgFunctions.PUBLIC_OID,
      0,
      10,
      am,
      kind,
      (short) natts,
      -1f,
      0,
      kind.equals("r"),
      "p",
      false,
      0,
      (short) 0,
      false,
      false,
      false,
      false,
      "d",
      0,
      true,
      null,
      null,
      0,
      false,
      null
    };
  }

  static Table pgAttribute() {
    return PgCatalog.table(
        List.of(
            "attrelid",
            "attname",
            "atttypid",
            "attnum",
            "attlen",
            "atttypmod",
            "attnotnull",
            "attisdropped",
            "atthasdef",
            "attidentity",
            "attgenerated",
            "attcollation",
            "attstattarget",
            "attstorage",
            "attndims",
            "attislocal",
            "attcompression"),
        List.of(I, V, I, S, S, I, B, B, B, V, V, I, S, V, I, B, V),
        ctx -> {
          List<Object[]> rows = new ArrayList<>();
          for (PgRelations.Relation r :
              PgRelations.all(ctx.getRootSchema(), ctx.getTypeFactory())) {
            for (PgRelations.Column c : r.columns()) {
              rows.add(attribute(r.oid(), c));
              if (c.number() == r.keyColumn()) {
                rows.add(
                    attribute(
                        r.indexOid(),
                        new PgRelations.Column(c.name(), 1, c.type(), c.typmod(), true)));
              }
            }
          }
          return rows;
        });
  }

  private static Object[] attribute(int rel, PgRelations.Column c) {
    return new Object[] {
      rel,
      c.name(),
      c.type().oid,
      (short) c.number(),
      c.type().typlen,
      c.typmod(),
      c.notNull(),
      false,
      false,
      "",
      "",
      0,
      (short) -1,
      c.type().typlen > 0 ? "p" : "x",
      0,
      true,
      ""
    };
  }

  static Table pgIndex() {
    return PgCatalog.table(
        List.of(
            "indexrelid",
            "indrelid",
            "indnatts",
            "indnkeyatts",
            "indisunique",
            "indisprimary",
            "indisexclusion",
            "indimmediate",
            "indisclustered",
            "indisvalid",
            "indcheckxmin",
            "indisready",
            "indislive",
            "indisreplident",
            "indkey",
            "indexprs",
            "indpred",
            "indnullsnotdistinct"),
        List.of(I, I, S, S, B, B, B, B, B, B, B, B, B, B, V, V, V, B),
        ctx -> {
          List<Object[]> rows = new ArrayList<>();
          for (PgRelations.Relation r :
              PgRelations.all(ctx.getRootSchema(), ctx.getTypeFactory())) {
            if (r.keyColumn() > 0) {
              rows.add(
                  new Object[] {
                    r.indexOid(),
                    r.oid(),
                    (short) 1,
                    (short) 1,
                    true,
                    true,
                    false,
                    true,
                    false,
                    true,
                    false,
                    true,
                    true,
                    false,
                    Integer.toString(r.keyColumn()),
                    null,
                    null,
                    false
                  });
            }
          }
          return rows;
        });
  }

  static Table pgConstraint() {
    return PgCatalog.table(
        List.of(
            "oid",
            "conname",
            "connamespace",
            "contype",
            "condeferrable",
            "condeferred",
            "convalidated",
            "conrelid",
            "conindid",
            "confrelid",
            "conkey",
            "confkey",
            "conislocal"),
        List.of(I, V, I, V, B, B, B, I, I, I, V, V, B),
        ctx -> {
          List<Object[]> rows = new ArrayList<>();
          for (PgRelations.Relation r :
              PgRelations.all(ctx.getRootSchema(), ctx.getTypeFactory())) {
            if (r.keyColumn() > 0) {
              rows.add(
                  new Object[] {
                    r.oid() + 2,
                    r.indexName(),
                    PgFunctions.PUBLIC_OID,
                    "p",
                    false,
                    false,
                    true,
                    r.oid(),
                    r.indexOid(),
                    0,
                    "{" + r.keyColumn() + "}",
                    null,
                    true
                  });
            }
          }
          return rows;
        });
  }

  static Table pgAm() {
    return PgCatalog.table(
        List.of("oid", "amname", "amhandler", "amtype"),
        List.of(I, V, I, V),
        ctx ->
            List.of(
                new Object[] {HEAP_AM, "heap", 0, "t"}, new Object[] {BTREE_AM, "btree", 0, "i"}));
  }

  /** Column defaults: Veles columns have none. */
  static Table pgAttrdef() {
    return PgCatalog.table(
        List.of("oid", "adrelid", "adnum", "adbin"), List.of(I, I, S, V), ctx -> List.of());
  }

  static Table pgCollation() {
    return PgCatalog.table(
        List.of("oid", "collname", "collnamespace"),
        List.of(I, V, I),
        ctx -> List.<Object[]>of(new Object[] {100, "default", PgFunctions.PG_CATALOG_OID}));
  }

  static Table pgDescription() {
    return PgCatalog.table(
        List.of("objoid", "classoid", "objsubid", "description"),
        List.of(I, I, I, V),
        ctx -> List.of());
  }
}

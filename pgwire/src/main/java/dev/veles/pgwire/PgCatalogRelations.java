package dev.veles.pgwire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The {@code pg_catalog} tables about relations, answered from the live tables ({@link
 * PgRelations}) on every scan: {@code pg_class} (tables and their primary-key indexes), {@code
 * pg_attribute}, {@code pg_attrdef} (column defaults), {@code pg_index}, {@code pg_constraint}
 * (primary keys), {@code pg_am} and {@code pg_description} (the procedures' descriptions: Veles has
 * no comments on tables). Stateless.
 */
final class PgCatalogRelations {
  static final int HEAP_AM = 2;
  static final int BTREE_AM = 403;
  static final int DEFAULT_TABLESPACE = 1663;

  static final SqlTypeName I = SqlTypeName.INTEGER;
  static final SqlTypeName S = SqlTypeName.SMALLINT;
  static final SqlTypeName V = SqlTypeName.VARCHAR;
  static final SqlTypeName B = SqlTypeName.BOOLEAN;
  static final SqlTypeName R = SqlTypeName.REAL;
  static final PgCatalog.ArrayOf IA = new PgCatalog.ArrayOf(SqlTypeName.INTEGER);
  static final PgCatalog.ArrayOf VA = new PgCatalog.ArrayOf(SqlTypeName.VARCHAR);

  /** PostgreSQL's operator class {@code int8_ops} of btree (the key column is a BIGINT). */
  private static final int INT8_BTREE_OPS = 3124;

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
        List.of(I, V, I, I, I, I, V, S, R, I, B, V, B, I, S, B, B, B, B, V, I, B, VA, VA, I, B, V),
        ctx -> {
          List<Object[]> rows = new ArrayList<>();
          for (PgRelations.Relation r :
              PgRelations.all(ctx.getRootSchema(), ctx.getTypeFactory())) {
            rows.add(
                relation(
                    r.oid(),
                    r.name(),
                    r.view() ? 0 : HEAP_AM,
                    r.view() ? "v" : "r",
                    r.columns().size(),
                    r.rows()));
            if (r.keyColumn() > 0) {
              rows.add(relation(r.indexOid(), r.indexName(), BTREE_AM, "i", 1, r.rows()));
            }
            for (PgRelations.Index ix : r.indexes()) {
              rows.add(relation(ix.oid(), ix.name(), BTREE_AM, "i", ix.columns().size(), r.rows()));
            }
          }
          return rows;
        });
  }

  /** A pg_class row; {@code reltuples} is the live row count (PostgreSQL's is an estimate). */
  private static Object[] relation(
      int oid, String name, int am, String kind, int natts, long tuples) {
    return new Object[] {
      oid,
      name,
      PgFunctions.PUBLIC_OID,
      0,
      10,
      am,
      kind,
      (short) natts,
      (float) tuples,
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
        List.of(I, V, I, I, S, I, B, B, B, V, V, I, S, V, I, B, V),
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
      c.number(),
      c.type().typlen,
      c.typmod(),
      c.notNull(),
      false,
      c.defaultExpr() != null,
      c.identity(),
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
            "indcollation",
            "indclass",
            "indoption",
            "indexprs",
            "indpred",
            "indnullsnotdistinct"),
        List.of(I, I, S, S, B, B, B, B, B, B, B, B, B, B, IA, IA, IA, IA, V, V, B),
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
                    List.of(r.keyColumn()),
                    List.of(0),
                    List.of(INT8_BTREE_OPS),
                    List.of(0),
                    null,
                    null,
                    false
                  });
            }
            for (PgRelations.Index ix : r.indexes()) {
              rows.add(secondaryIndex(r, ix));
            }
          }
          return rows;
        });
  }

  /** The pg_index row of a secondary index (a btree without operator classes of its own). */
  private static Object[] secondaryIndex(PgRelations.Relation r, PgRelations.Index ix) {
    List<Integer> zeros = java.util.Collections.nCopies(ix.columns().size(), 0);
    return new Object[] {
      ix.oid(),
      r.oid(),
      (short) ix.columns().size(),
      (short) ix.columns().size(),
      ix.unique(),
      false,
      false,
      true,
      false,
      true,
      false,
      true,
      true,
      false,
      ix.columns(),
      zeros,
      zeros,
      zeros,
      null,
      null,
      false
    };
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
            "confupdtype",
            "confdeltype",
            "confmatchtype",
            "conkey",
            "confkey",
            "conislocal"),
        List.of(I, V, I, V, B, B, B, I, I, I, V, V, V, IA, IA, B),
        ctx -> {
          List<Object[]> rows = new ArrayList<>();
          for (PgRelations.Relation r :
              PgRelations.all(ctx.getRootSchema(), ctx.getTypeFactory())) {
            if (r.keyColumn() > 0) {
              rows.add(
                  new Object[] {
                    r.constraintOid(),
                    r.indexName(),
                    PgFunctions.PUBLIC_OID,
                    "p",
                    false,
                    false,
                    true,
                    r.oid(),
                    r.indexOid(),
                    0,
                    " ", // no foreign keys: the action and match codes of a non-FK constraint
                    " ",
                    " ",
                    List.of(r.keyColumn()),
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

  /**
   * {@code pg_attrdef}: one row per column with a {@code DEFAULT}, its {@code adbin} the
   * expression's text ({@link PgDefaults}), which is what this server's {@code pg_get_expr}
   * returns. Identity columns have none, as in PostgreSQL ({@code attidentity} says it).
   */
  static Table pgAttrdef() {
    return PgCatalog.table(
        List.of("oid", "adrelid", "adnum", "adbin"),
        List.of(I, I, S, V),
        ctx -> {
          List<Object[]> rows = new ArrayList<>();
          for (PgRelations.Relation r :
              PgRelations.all(ctx.getRootSchema(), ctx.getTypeFactory())) {
            for (PgRelations.Column c : r.columns()) {
              if (c.defaultExpr() != null) {
                rows.add(
                    new Object[] {
                      PgRelations.attrdefOid(r.name(), c.name()),
                      r.oid(),
                      (short) c.number(),
                      c.defaultExpr()
                    });
              }
            }
          }
          return rows;
        });
  }

  static Table pgCollation() {
    return PgCatalog.table(
        List.of("oid", "collname", "collnamespace"),
        List.of(I, V, I),
        ctx -> List.<Object[]>of(new Object[] {100, "default", PgFunctions.PG_CATALOG_OID}));
  }

  /** {@code pg_description}: the procedures' descriptions (Veles has no comments on tables). */
  static Table pgDescription() {
    return PgCatalog.table(
        List.of("objoid", "classoid", "objsubid", "description"),
        List.of(I, I, I, V),
        ctx -> {
          List<Object[]> rows = new ArrayList<>();
          for (PgRoutines.Routine r : PgRoutines.all(ctx.getRootSchema(), ctx.getTypeFactory())) {
            if (r.description() != null) {
              rows.add(
                  new Object[] {
                    r.oid(), PgFunctions.CATALOG_OIDS.get("pg_proc"), 0, r.description()
                  });
            }
          }
          return rows;
        });
  }

  /**
   * {@code pg_catalog.veles_relation_size}: the sizes behind {@code pg_relation_size} and its
   * siblings ({@link PgCatalogSql}), from the collection files when scanned. A table's own size is
   * its data and write-ahead log files; its primary key index is the id files; its indexes are
   * every other file but the schema.
   */
  static Table relationSizes() {
    return PgCatalog.table(
        List.of("oid", "relation_size", "total_size", "indexes_size"),
        List.of(I, SqlTypeName.BIGINT, SqlTypeName.BIGINT, SqlTypeName.BIGINT),
        ctx -> {
          List<Object[]> rows = new ArrayList<>();
          for (PgRelations.Relation r :
              PgRelations.all(ctx.getRootSchema(), ctx.getTypeFactory())) {
            if (r.dir() == null) {
              continue;
            }
            Map<String, Long> files = fileSizes(r.dir());
            long total = files.values().stream().mapToLong(Long::longValue).sum();
            long table =
                files.getOrDefault("vectors.dat", 0L) + files.getOrDefault("vectors.wal", 0L);
            long key =
                files.getOrDefault("vectors.ids", 0L) + files.getOrDefault("vectors.idx", 0L);
            long indexes = total - table - files.getOrDefault("collection.json", 0L);
            rows.add(new Object[] {r.oid(), table, total, indexes});
            if (r.keyColumn() > 0) {
              rows.add(new Object[] {r.indexOid(), key, key, 0L});
            }
          }
          return rows;
        });
  }

  private static Map<String, Long> fileSizes(Path dir) {
    Map<String, Long> sizes = new HashMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        try {
          if (Files.isRegularFile(f)) {
            sizes.put(f.getFileName().toString(), Files.size(f));
          }
        } catch (NoSuchFileException gone) {
          // replaced by a compaction between listing and reading: not part of the table now
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + dir + ": " + e.getMessage(), e);
    }
    return sizes;
  }

  /**
   * {@code pg_catalog.veles_object_def}: what {@code pg_get_indexdef} and {@code
   * pg_get_constraintdef} answer ({@link PgCatalogSql}): for each primary key index, its {@code
   * CREATE INDEX} (column 0) and its key column's name (column 1); for its constraint, {@code
   * PRIMARY KEY (column)}; for each secondary index, its {@code CREATE INDEX} and its columns'
   * names (columns 1..n).
   */
  static Table objectDefinitions() {
    return PgCatalog.table(
        List.of("oid", "col", "def"),
        List.of(I, I, V),
        ctx -> {
          List<Object[]> rows = new ArrayList<>();
          for (PgRelations.Relation r :
              PgRelations.all(ctx.getRootSchema(), ctx.getTypeFactory())) {
            for (PgRelations.Index ix : r.indexes()) {
              indexDefinition(r, ix, rows);
            }
            if (r.keyColumn() <= 0) {
              continue;
            }
            String key = ident(r.columns().get(r.keyColumn() - 1).name());
            rows.add(
                new Object[] {
                  r.indexOid(),
                  0,
                  "CREATE UNIQUE INDEX "
                      + ident(r.indexName())
                      + " ON public."
                      + ident(r.name())
                      + " USING btree ("
                      + key
                      + ")"
                });
            rows.add(new Object[] {r.indexOid(), 1, key});
            rows.add(new Object[] {r.constraintOid(), 0, "PRIMARY KEY (" + key + ")"});
          }
          for (PgRoutines.Routine r : PgRoutines.all(ctx.getRootSchema(), ctx.getTypeFactory())) {
            rows.add(
                new Object[] {r.oid(), Integer.valueOf(PgCatalogSql.RESULT_DEF), r.resultText()});
            rows.add(
                new Object[] {
                  r.oid(), Integer.valueOf(PgCatalogSql.ARGUMENTS_DEF), r.arguments(true)
                });
            rows.add(
                new Object[] {
                  r.oid(), Integer.valueOf(PgCatalogSql.IDENTITY_DEF), r.arguments(false)
                });
          }
          return rows;
        });
  }

  /** The veles_object_def rows of a secondary index: its CREATE INDEX, then each column. */
  private static void indexDefinition(
      PgRelations.Relation r, PgRelations.Index ix, List<Object[]> rows) {
    List<String> cols = new ArrayList<>();
    for (int c : ix.columns()) {
      String name = "";
      for (PgRelations.Column col : r.columns()) {
        if (col.number() == c) {
          name = ident(col.name());
        }
      }
      cols.add(name);
    }
    rows.add(
        new Object[] {
          ix.oid(),
          0,
          (ix.unique() ? "CREATE UNIQUE INDEX " : "CREATE INDEX ")
              + ident(ix.name())
              + " ON public."
              + ident(r.name())
              + " USING btree ("
              + String.join(", ", cols)
              + ")"
        });
    for (int i = 0; i < cols.size(); i++) {
      rows.add(new Object[] {ix.oid(), i + 1, cols.get(i)});
    }
  }

  /** A name as PostgreSQL prints it: quoted unless it is a plain lower-case identifier. */
  static String ident(String name) {
    return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
  }
}

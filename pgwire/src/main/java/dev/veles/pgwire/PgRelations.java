package dev.veles.pgwire;

import dev.veles.calcite.ColumnDefault;
import dev.veles.calcite.TableLayout;
import dev.veles.calcite.VelesCalcite;
import dev.veles.calcite.VelesTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The live tables of a session's database as PostgreSQL relations: each table with an OID derived
 * from its name (stable across queries and sessions, so a client may look a table up by OID in a
 * later statement), its columns with PostgreSQL types, and its primary-key index. Read afresh on
 * every catalog scan. Stateless.
 */
final class PgRelations {
  /** Where relation OIDs start: above PostgreSQL's fixed OIDs and {@link PgType#VECTOR_OID}. */
  private static final int FIRST_OID = 16_400;

  private PgRelations() {}

  /**
   * One column: name, 1-based number, type, type modifier, whether NOT NULL, its {@code DEFAULT} as
   * {@code pg_get_expr} prints it (null: none), and its {@code attidentity} ({@code a}: {@code
   * GENERATED ALWAYS}, {@code d}: {@code BY DEFAULT}, which is also what {@code SERIAL} declares in
   * Veles; empty: not an identity column).
   */
  record Column(
      String name,
      int number,
      PgType type,
      int typmod,
      boolean notNull,
      String defaultExpr,
      String identity) {
    Column(String name, int number, PgType type, int typmod, boolean notNull) {
      this(name, number, type, typmod, notNull, null, "");
    }
  }

  /**
   * A secondary index: its name, OID, whether it is unique, and its columns' 1-based numbers in key
   * order.
   */
  record Index(String name, int oid, boolean unique, List<Integer> columns) {}

  /**
   * One table; {@code dir} is its collection directory (null for a table of another kind), {@code
   * rows} its row count (-1 when unknown), {@code indexes} its secondary indexes, {@code view}
   * whether it is a view.
   */
  record Relation(
      String name,
      int oid,
      List<Column> columns,
      int keyColumn,
      Path dir,
      long rows,
      List<Index> indexes,
      boolean view) {
    int indexOid() {
      return oid + 1;
    }

    int constraintOid() {
      return oid + 2;
    }

    String indexName() {
      return name + "_pkey";
    }
  }

  static int oid(String table) {
    return FIRST_OID + 4 * Math.floorMod(table.hashCode(), 200_000_000);
  }

  /** A secondary index's OID: the fourth of the OIDs its name hashes to, which no table uses. */
  static int indexOid(String index) {
    return oid(index) + 3;
  }

  /**
   * The OID of a column's {@code pg_attrdef} row: hashed from table and column as a relation's is,
   * in the fourth slot, which a name with a NUL (no table's or index's) alone could take.
   */
  static int attrdefOid(String table, String column) {
    return oid(table + '\0' + column) + 3;
  }

  static List<Relation> all(SchemaPlus root, RelDataTypeFactory types) {
    SchemaPlus pub = root.getSubSchema(VelesCalcite.SCHEMA);
    List<Relation> out = new ArrayList<>();
    if (pub == null) {
      return out;
    }
    for (String name : new TreeSet<>(pub.tables().getNames(LikePattern.any()))) {
      Table t = pub.tables().get(name);
      if (t == null) {
        continue;
      }
      RelDataType row = t.getRowType(types);
      int dimension = -1;
      int key = 0;
      int hidden = -1;
      Path dir = null;
      long rows = -1;
      List<Index> indexes = new ArrayList<>();
      TableLayout layout = null;
      if (t instanceof VelesTable vt) {
        rows = vt.collection().size();
        dir = vt.database().root().resolve(vt.name());
        layout = vt.layout();
        dimension = layout.schema().dimension();
        // a table without an integer key: its hidden row id is no column to show and no key
        hidden = layout.hiddenId() ? layout.idField() : -1;
        int[] declared = layout.keyFields();
        key = hidden < 0 ? layout.idField() + 1 : declared.length == 1 ? declared[0] + 1 : 0;
        for (dev.veles.engine.IndexSpec ix : layout.schema().indexes()) {
          List<Integer> cols = ix.columns().stream().map(c -> vt.layout().field(c) + 1).toList();
          indexes.add(new Index(ix.name(), indexOid(ix.name()), ix.unique(), cols));
        }
      }
      List<Column> cols = new ArrayList<>();
      for (RelDataTypeField f : row.getFieldList()) {
        if (f.getIndex() == hidden) {
          continue;
        }
        RelDataType ft = f.getType();
        SqlTypeName sql = ft.getSqlTypeName();
        PgType type =
            PgType.ofJdbc(
                sql.getJdbcOrdinal(),
                sql == SqlTypeName.ARRAY && ft.getComponentType() != null
                    ? ft.getComponentType().getSqlTypeName().getName() + " ARRAY"
                    : sql.getName());
        int typmod = -1;
        if (type == PgType.VECTOR) {
          typmod = dimension;
        } else if (type == PgType.VARCHAR && ft.getPrecision() > 0 && ft.getPrecision() < 1 << 20) {
          typmod = ft.getPrecision() + 4;
        }
        String dflt = null;
        String identity = "";
        boolean notNull = !ft.isNullable();
        if (layout != null) {
          // a primary key column is NOT NULL in PostgreSQL, also when its row type lets INSERT
          // leave it out (an identity column the engine fills in)
          notNull |=
              f.getIndex() + 1 == key
                  || java.util.Arrays.stream(layout.keyFields()).anyMatch(k -> k == f.getIndex());
          ColumnDefault d = layout.defaultOf(f.getIndex());
          dflt = d == null ? null : PgDefaults.expression(d, type);
          if (f.getIndex() == layout.idField() && layout.autoId()) {
            identity = layout.identityAlways() ? "a" : "d";
          }
        }
        cols.add(new Column(f.getName(), f.getIndex() + 1, type, typmod, notNull, dflt, identity));
      }
      boolean view = t instanceof org.apache.calcite.schema.impl.ViewTable;
      out.add(new Relation(name, oid(name), cols, key, dir, rows, indexes, view));
    }
    return out;
  }
}

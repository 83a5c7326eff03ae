package dev.veles.calcite;

import dev.veles.engine.Database;
import dev.veles.engine.VectorCollection;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * System tables shaped like the JDBC metadata result sets that Calcite leaves empty ({@code
 * getPrimaryKeys}, {@code getProcedures}): the driver answers those calls by querying them, so
 * embedded and remote clients see the same truthful answer.
 */
final class MetadataTables {
  private MetadataTables() {}

  /** {@code veles.primary_keys}: one row per table, its id column. */
  static ScannableTable primaryKeys(Database db) {
    return table(
        t ->
            t.builder()
                .add("TABLE_CAT", nullable(t, SqlTypeName.VARCHAR))
                .add("TABLE_SCHEM", SqlTypeName.VARCHAR)
                .add("TABLE_NAME", SqlTypeName.VARCHAR)
                .add("COLUMN_NAME", SqlTypeName.VARCHAR)
                .add("KEY_SEQ", SqlTypeName.SMALLINT)
                .add("PK_NAME", SqlTypeName.VARCHAR)
                .build(),
        () -> {
          List<Object[]> rows = new ArrayList<>();
          for (KeyColumn k : keyColumns(db)) {
            rows.add(
                new Object[] {
                  null, VelesCalcite.SCHEMA, k.table(), k.column(), (short) k.seq(), k.constraint()
                });
          }
          return rows;
        });
  }

  /**
   * {@code veles.index_info}, shaped as {@code getIndexInfo}: per table its primary key (a hashed
   * lookup, unique), its secondary indexes (ordered, one row per column) and its vector index (HNSW
   * over the vector column, with the metric and graph parameters in {@code FILTER_CONDITION}'s
   * place: nothing else describes them).
   */
  static ScannableTable indexInfo(Database db) {
    return table(
        t ->
            t.builder()
                .add("TABLE_CAT", nullable(t, SqlTypeName.VARCHAR))
                .add("TABLE_SCHEM", SqlTypeName.VARCHAR)
                .add("TABLE_NAME", SqlTypeName.VARCHAR)
                .add("NON_UNIQUE", SqlTypeName.BOOLEAN)
                .add("INDEX_QUALIFIER", nullable(t, SqlTypeName.VARCHAR))
                .add("INDEX_NAME", SqlTypeName.VARCHAR)
                .add("TYPE", SqlTypeName.SMALLINT)
                .add("ORDINAL_POSITION", SqlTypeName.SMALLINT)
                .add("COLUMN_NAME", SqlTypeName.VARCHAR)
                .add("ASC_OR_DESC", nullable(t, SqlTypeName.VARCHAR))
                .add("CARDINALITY", SqlTypeName.BIGINT)
                .add("PAGES", SqlTypeName.BIGINT)
                .add("FILTER_CONDITION", nullable(t, SqlTypeName.VARCHAR))
                .build(),
        () -> {
          List<Object[]> rows = new ArrayList<>();
          for (KeyColumn k : keyColumns(db)) {
            long n = db.find(k.table()).map(VectorCollection::size).orElse(0L);
            rows.add(
                new Object[] {
                  null,
                  VelesCalcite.SCHEMA,
                  k.table(),
                  false,
                  null,
                  k.constraint(),
                  (short) DatabaseMetaData.tableIndexHashed,
                  (short) k.seq(),
                  k.column(),
                  null,
                  n,
                  0L,
                  null
                });
          }
          for (String name : db.names()) {
            VectorCollection c = db.find(name).orElse(null);
            if (c != null) {
              secondaryIndexes(name, c, rows);
            }
          }
          for (String name : db.names()) {
            VectorCollection c = db.find(name).orElse(null);
            if (c == null || c.schema().dimension() == 0) {
              continue;
            }
            TableLayout layout = new TableLayout(c.schema());
            String column = layout.names().get(layout.vectorField());
            var p = c.schema().index();
            rows.add(
                new Object[] {
                  null,
                  VelesCalcite.SCHEMA,
                  name,
                  true,
                  null,
                  name + "_" + column + "_hnsw",
                  (short) DatabaseMetaData.tableIndexOther,
                  (short) 1,
                  column,
                  null,
                  c.size(),
                  0L,
                  "hnsw "
                      + c.schema().metric().name().toLowerCase(java.util.Locale.ROOT)
                      + " m="
                      + p.m()
                      + " ef_construction="
                      + p.efConstruction()
                });
          }
          return rows;
        });
  }

  /** The rows of {@code c}'s secondary indexes: one per indexed column, in index order. */
  private static void secondaryIndexes(String table, VectorCollection c, List<Object[]> rows) {
    long n = c.size();
    for (dev.veles.engine.IndexSpec ix : c.schema().indexes()) {
      for (int i = 0; i < ix.columns().size(); i++) {
        rows.add(
            new Object[] {
              null,
              VelesCalcite.SCHEMA,
              table,
              !ix.unique(),
              null,
              ix.name(),
              (short) DatabaseMetaData.tableIndexOther,
              (short) (i + 1),
              ix.columns().get(i),
              "A",
              n,
              0L,
              null
            });
      }
    }
  }

  /**
   * {@code veles.type_info}, shaped as {@code getTypeInfo}: the column types {@code CREATE TABLE}
   * accepts, under their SQL names, VECTOR included; nothing that would be refused.
   */
  static ScannableTable typeInfo() {
    return table(
        t ->
            t.builder()
                .add("TYPE_NAME", SqlTypeName.VARCHAR)
                .add("DATA_TYPE", SqlTypeName.INTEGER)
                .add("PRECISION", SqlTypeName.INTEGER)
                .add("LITERAL_PREFIX", nullable(t, SqlTypeName.VARCHAR))
                .add("LITERAL_SUFFIX", nullable(t, SqlTypeName.VARCHAR))
                .add("CREATE_PARAMS", nullable(t, SqlTypeName.VARCHAR))
                .add("NULLABLE", SqlTypeName.SMALLINT)
                .add("CASE_SENSITIVE", SqlTypeName.BOOLEAN)
                .add("SEARCHABLE", SqlTypeName.SMALLINT)
                .add("UNSIGNED_ATTRIBUTE", SqlTypeName.BOOLEAN)
                .add("FIXED_PREC_SCALE", SqlTypeName.BOOLEAN)
                .add("AUTO_INCREMENT", SqlTypeName.BOOLEAN)
                .add("LOCAL_TYPE_NAME", SqlTypeName.VARCHAR)
                .add("MINIMUM_SCALE", SqlTypeName.SMALLINT)
                .add("MAXIMUM_SCALE", SqlTypeName.SMALLINT)
                .add("SQL_DATA_TYPE", SqlTypeName.INTEGER)
                .add("SQL_DATETIME_SUB", nullable(t, SqlTypeName.INTEGER))
                .add("NUM_PREC_RADIX", SqlTypeName.INTEGER)
                .build(),
        () -> {
          List<Object[]> rows = new ArrayList<>();
          // Ordered by DATA_TYPE, as the JDBC contract asks.
          rows.add(type("VECTOR", Types.ARRAY, 65536, "'[", "]'", "dimension", false));
          rows.add(type("BIGINT", Types.BIGINT, 19, null, null, null, false));
          rows.add(type("BIGSERIAL", Types.BIGINT, 19, null, null, null, false));
          rows.add(type("INTEGER", Types.INTEGER, 10, null, null, null, false));
          rows.add(type("SERIAL", Types.INTEGER, 10, null, null, null, false));
          rows.add(type("SMALLINT", Types.SMALLINT, 5, null, null, null, false));
          rows.add(type("TINYINT", Types.TINYINT, 3, null, null, null, false));
          rows.add(type("REAL", Types.REAL, 7, null, null, null, false));
          rows.add(type("DOUBLE", Types.DOUBLE, 15, null, null, null, false));
          rows.add(
              type("DECIMAL", Types.DECIMAL, MAX_DECIMAL, null, null, "precision,scale", false));
          rows.add(
              type("NUMERIC", Types.DECIMAL, MAX_DECIMAL, null, null, "precision,scale", false));
          rows.add(type("CHAR", Types.CHAR, MAX_CHARS, "'", "'", "length", true));
          rows.add(type("VARCHAR", Types.VARCHAR, 65536, "'", "'", "length", true));
          rows.add(type("TEXT", Types.VARCHAR, 65536, "'", "'", null, true));
          rows.add(type("UUID", Types.VARCHAR, 36, "'", "'", null, false));
          rows.add(type("BOOLEAN", Types.BOOLEAN, 1, null, null, null, false));
          rows.add(type("DATE", Types.DATE, 10, "DATE '", "'", null, false));
          rows.add(type("TIME", Types.TIME, DeclaredTypes.TIME_SIZE, "TIME '", "'", null, false));
          rows.add(type("TIMESTAMP", Types.TIMESTAMP, 23, "TIMESTAMP '", "'", null, false));
          rows.add(
              type(
                  "TIMESTAMP WITH TIME ZONE",
                  Types.TIMESTAMP,
                  DeclaredTypes.TIMESTAMP_TZ_SIZE,
                  "TIMESTAMP WITH LOCAL TIME ZONE '",
                  "'",
                  null,
                  false));
          rows.add(type("VARBINARY", Types.VARBINARY, MAX_BYTES, "X'", "'", "length", false));
          rows.add(type("BINARY", Types.BINARY, MAX_BYTES, "X'", "'", "length", false));
          rows.add(type("BYTEA", Types.VARBINARY, MAX_BYTES, "X'", "'", null, false));
          rows.sort(java.util.Comparator.comparingInt(r -> (Integer) r[1]));
          return rows;
        });
  }

  private static final int MAX_DECIMAL = dev.veles.engine.ColumnSpec.MAX_DECIMAL_PRECISION;
  private static final int MAX_BYTES = dev.veles.engine.ColumnSpec.MAX_VARBINARY;
  private static final int MAX_CHARS = 1 << 20;

  private static Object[] type(
      String name,
      int jdbc,
      int precision,
      String prefix,
      String suffix,
      String params,
      boolean caseSensitive) {
    boolean numeric =
        jdbc == Types.BIGINT
            || jdbc == Types.INTEGER
            || jdbc == Types.SMALLINT
            || jdbc == Types.TINYINT
            || jdbc == Types.DECIMAL
            || jdbc == Types.REAL
            || jdbc == Types.DOUBLE;
    return new Object[] {
      name,
      jdbc,
      precision,
      prefix,
      suffix,
      params,
      (short) DatabaseMetaData.typeNullable,
      caseSensitive,
      (short)
          (jdbc == Types.ARRAY ? DatabaseMetaData.typePredNone : DatabaseMetaData.typeSearchable),
      !numeric,
      false,
      name.endsWith("SERIAL"),
      name,
      (short) 0,
      (short)
          switch (jdbc) {
            case Types.DECIMAL -> MAX_DECIMAL;
            case Types.TIME, Types.TIMESTAMP -> 3; // milliseconds through SQL
            default -> 0;
          },
      jdbc,
      null,
      numeric ? 10 : 0
    };
  }

  /** One column of a table's primary key: position {@code seq} (from 1) in {@code constraint}. */
  record KeyColumn(String table, String column, int seq, String constraint) {}

  /**
   * The primary key columns of every table, as {@code getPrimaryKeys} and information_schema show.
   */
  static List<KeyColumn> keyColumns(Database db) {
    List<KeyColumn> out = new ArrayList<>();
    for (String name : db.names()) {
      VectorCollection c = db.find(name).orElse(null);
      if (c != null) {
        TableLayout layout = new TableLayout(c.schema());
        // the declared key: the integer id column, or the columns of a key of another kind; a
        // table without a key has none (its hidden row id is not a declared key)
        int[] key = layout.hiddenId() ? layout.keyFields() : new int[] {layout.idField()};
        for (int i = 0; i < key.length; i++) {
          out.add(new KeyColumn(name, layout.names().get(key[i]), i + 1, name + "_pkey"));
        }
      }
    }
    return out;
  }

  /** {@code veles.procedures}: the procedures {@code CALL} accepts. */
  static ScannableTable procedures(List<ProcedureTable> procedures) {
    return table(
        t ->
            t.builder()
                .add("PROCEDURE_CAT", nullable(t, SqlTypeName.VARCHAR))
                .add("PROCEDURE_SCHEM", SqlTypeName.VARCHAR)
                .add("PROCEDURE_NAME", SqlTypeName.VARCHAR)
                .add("RESERVED1", nullable(t, SqlTypeName.VARCHAR))
                .add("RESERVED2", nullable(t, SqlTypeName.VARCHAR))
                .add("RESERVED3", nullable(t, SqlTypeName.VARCHAR))
                .add("REMARKS", SqlTypeName.VARCHAR)
                .add("PROCEDURE_TYPE", SqlTypeName.SMALLINT)
                .add("SPECIFIC_NAME", SqlTypeName.VARCHAR)
                .build(),
        () -> {
          List<Object[]> rows = new ArrayList<>();
          for (ProcedureTable p : procedures) {
            rows.add(
                new Object[] {
                  null,
                  VelesCalcite.SCHEMA,
                  p.name(),
                  null,
                  null,
                  null,
                  p.description() + " (arguments: " + String.join(", ", p.parameters()) + ")",
                  (short) DatabaseMetaData.procedureNoResult,
                  p.name()
                });
          }
          return rows;
        });
  }

  private static RelDataType nullable(RelDataTypeFactory t, SqlTypeName type) {
    return t.createTypeWithNullability(t.createSqlType(type), true);
  }

  static ScannableTable table(
      Function<RelDataTypeFactory, RelDataType> rowType,
      java.util.function.Supplier<List<Object[]>> rows) {
    return new Scannable(rowType, rows);
  }

  private static final class Scannable extends AbstractTable implements ScannableTable {
    private final Function<RelDataTypeFactory, RelDataType> rowType;
    private final java.util.function.Supplier<List<Object[]>> rows;

    Scannable(
        Function<RelDataTypeFactory, RelDataType> rowType,
        java.util.function.Supplier<List<Object[]>> rows) {
      this.rowType = rowType;
      this.rows = rows;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return rowType.apply(typeFactory);
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(rows.get());
    }
  }
}

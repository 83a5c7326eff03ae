package dev.veles.calcite;

import dev.veles.engine.Database;
import dev.veles.engine.VectorCollection;
import java.sql.DatabaseMetaData;
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
          for (String name : db.names()) {
            VectorCollection c = db.find(name).orElse(null);
            if (c != null) {
              TableLayout layout = new TableLayout(c.schema());
              // the declared key: the integer id column, or the columns of a key of another
              // kind; a table without a key has none (its hidden row id is not a declared key)
              int[] key = layout.hiddenId() ? layout.keyFields() : new int[] {layout.idField()};
              for (int i = 0; i < key.length; i++) {
                rows.add(
                    new Object[] {
                      null,
                      VelesCalcite.SCHEMA,
                      name,
                      layout.names().get(key[i]),
                      (short) (i + 1),
                      name + "_pkey"
                    });
              }
            }
          }
          return rows;
        });
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

  private static ScannableTable table(
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

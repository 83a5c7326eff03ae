package dev.veles.calcite;

import java.util.HashMap;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * The rows a modification wrote, as the table a {@code RETURNING} list is validated against (see
 * {@link dev.veles.calcite.parser.SqlReturning}): one per table of the database, with that table's
 * row type. It is never scanned: planning puts the modification in its place.
 *
 * <p>Immutable.
 */
public final class WrittenRows extends AbstractTable {
  private final VelesTable table;

  private WrittenRows(VelesTable table) {
    this.table = table;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return table.getRowType(typeFactory);
  }

  /** The hidden schema of these tables, following {@code tables} (the database's tables). */
  static AbstractSchema schema(VelesSchema tables) {
    return new AbstractSchema() {
      @Override
      protected Map<String, Table> getTableMap() {
        Map<String, Table> out = new HashMap<>();
        for (Map.Entry<String, Table> e : tables.tableMap().entrySet()) {
          if (e.getValue() instanceof VelesTable t) {
            out.put(e.getKey(), new WrittenRows(t));
          }
        }
        return out;
      }
    };
  }
}

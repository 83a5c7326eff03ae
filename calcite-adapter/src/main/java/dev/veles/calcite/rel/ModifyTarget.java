package dev.veles.calcite.rel;

import dev.veles.calcite.TxContext;
import dev.veles.calcite.VelesSettings;
import java.util.List;
import org.apache.calcite.rel.core.TableModify;

/** Where a modify node sends its rows: a table, or a procedure ({@code CALL}). */
public interface ModifyTarget {
  /**
   * Applies {@code operation} to {@code rows} (Calcite's representation, in input field order) and
   * returns the update count.
   *
   * @param updateColumns for UPDATE, the field indexes that {@code rows} carry new values for,
   *     after all the table's fields
   * @param settings the settings of the executing connection
   * @param tx the executing connection's transaction context; null without one (nothing may then be
   *     changed: the settings are read-only)
   */
  long apply(
      TableModify.Operation operation,
      List<Object[]> rows,
      int[] updateColumns,
      VelesSettings settings,
      TxContext tx);
}

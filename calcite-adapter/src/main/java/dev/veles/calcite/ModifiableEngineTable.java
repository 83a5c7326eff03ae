package dev.veles.calcite;

import dev.veles.calcite.rel.ModifyTarget;
import dev.veles.calcite.rel.VelesRules;
import java.util.Collection;
import java.util.List;
import org.apache.calcite.adapter.java.AbstractQueryableTable;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ModifiableTable;

/**
 * A table whose modifications the engine applies: statements on it plan to a {@code
 * VelesTableModify}, which hands the rows to {@link ModifyTarget#apply}; there is no Java
 * collection behind it for Calcite's stock modify operator.
 */
abstract class ModifiableEngineTable extends AbstractQueryableTable
    implements ModifiableTable, ModifyTarget {
  ModifiableEngineTable() {
    super(Object[].class);
  }

  @Override
  public final Collection<?> getModifiableCollection() {
    return null;
  }

  @Override
  public final TableModify toModificationRel(
      RelOptCluster cluster,
      RelOptTable table,
      Prepare.CatalogReader catalogReader,
      RelNode child,
      TableModify.Operation operation,
      List<String> updateColumnList,
      List<RexNode> sourceExpressionList,
      boolean flattened) {
    VelesRules.register(cluster.getPlanner());
    return LogicalTableModify.create(
        table, catalogReader, child, operation, updateColumnList, sourceExpressionList, flattened);
  }
}

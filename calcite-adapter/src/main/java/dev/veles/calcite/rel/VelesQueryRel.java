package dev.veles.calcite.rel;

import dev.veles.calcite.VelesTable;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A query pushed into the engine, as a logical leaf: a table with the filter, projection and k-NN
 * search that rules have folded into its {@link VelesQuery}. Living in the logical convention lets
 * rules match it directly under the filters, projects and sorts they fold in; {@link VelesScan} is
 * its physical form.
 */
public final class VelesQueryRel extends QueryLeaf {
  VelesQueryRel(RelOptCluster cluster, RelOptTable table, VelesQuery query, RelDataType rowType) {
    super(cluster, cluster.traitSetOf(Convention.NONE), table, query, rowType);
  }

  /** The scan of a whole table. */
  public static VelesQueryRel scan(RelOptCluster cluster, RelOptTable table, VelesTable t) {
    return new VelesQueryRel(cluster, table, VelesQuery.scan(t), table.getRowType());
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return this;
  }
}

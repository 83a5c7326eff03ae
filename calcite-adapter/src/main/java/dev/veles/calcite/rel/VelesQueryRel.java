package dev.veles.calcite.rel;

import dev.veles.calcite.VelesTable;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A query pushed into the engine, as a logical leaf: a table with the filter, projection and k-NN
 * search that rules have folded into its {@link VelesQuery}. Living in the logical convention lets
 * rules match it directly under the filters, projects and sorts they fold in; {@link VelesScan} is
 * its physical form.
 */
public final class VelesQueryRel extends AbstractRelNode {
  private final RelOptTable table;
  private final VelesQuery query;
  private final RelDataType queryRowType;

  VelesQueryRel(RelOptCluster cluster, RelOptTable table, VelesQuery query, RelDataType rowType) {
    super(cluster, cluster.traitSetOf(Convention.NONE));
    this.table = table;
    this.query = query;
    this.queryRowType = rowType;
  }

  /** The scan of a whole table. */
  public static VelesQueryRel scan(RelOptCluster cluster, RelOptTable table, VelesTable t) {
    return new VelesQueryRel(cluster, table, VelesQuery.scan(t), table.getRowType());
  }

  VelesQuery query() {
    return query;
  }

  @Override
  public RelOptTable getTable() {
    return table;
  }

  @Override
  protected RelDataType deriveRowType() {
    return queryRowType;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return this;
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return query.estimateRows(table.getRowCount());
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return query.cost(planner, table.getRowCount());
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return query.explain(super.explainTerms(pw).item("table", table.getQualifiedName()));
  }
}

package dev.veles.calcite.rel;

import dev.veles.calcite.VelesTable;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;

/** A row filter evaluated by the engine over its typed columns (or by id lookup). */
public final class VelesFilter extends Filter implements VelesRel {
  private final VelesTable table;

  VelesFilter(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelNode input,
      RexNode condition,
      VelesTable table) {
    super(cluster, traits, input, condition);
    this.table = table;
  }

  @Override
  public Filter copy(RelTraitSet traitSet, RelNode input, RexNode condition) {
    return new VelesFilter(getCluster(), traitSet, input, condition, table);
  }

  @Override
  public VelesQuery query() {
    return ((VelesRel) getInput()).query().withCondition(condition);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // column-wise evaluation in the engine is far cheaper than row-by-row in Calcite
    return super.computeSelfCost(planner, mq).multiplyBy(0.1);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).itemIf("lookup", "id", isIdLookup());
  }

  private boolean isIdLookup() {
    return VelesRules.isIdLookup(condition, table.layout().idField());
  }
}

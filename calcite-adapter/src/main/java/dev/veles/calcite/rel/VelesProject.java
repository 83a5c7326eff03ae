package dev.veles.calcite.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;

/** Column pruning in the engine: only the projected fields are read and returned. */
public final class VelesProject extends Project implements VelesRel {
  VelesProject(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelNode input,
      List<? extends RexNode> projects,
      RelDataType rowType) {
    super(cluster, traits, List.of(), input, projects, rowType, java.util.Set.of());
  }

  @Override
  public Project copy(
      RelTraitSet traitSet, RelNode input, List<RexNode> projects, RelDataType rowType) {
    return new VelesProject(getCluster(), traitSet, input, projects, rowType);
  }

  @Override
  public VelesQuery query() {
    VelesQuery in = ((VelesRel) getInput()).query();
    int[] outputs = new int[getProjects().size()];
    for (int i = 0; i < outputs.length; i++) {
      outputs[i] = in.outputs[((RexInputRef) getProjects().get(i)).getIndex()];
    }
    return in.withOutputs(outputs);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return super.computeSelfCost(planner, mq).multiplyBy(0.1);
  }
}

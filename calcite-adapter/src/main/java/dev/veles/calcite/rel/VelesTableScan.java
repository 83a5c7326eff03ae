package dev.veles.calcite.rel;

import dev.veles.calcite.VelesTable;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/** A scan of a whole collection. */
public final class VelesTableScan extends TableScan implements VelesRel {
  private final VelesTable velesTable;

  public VelesTableScan(RelOptCluster cluster, RelOptTable table, VelesTable velesTable) {
    super(cluster, cluster.traitSetOf(CONVENTION), List.of(), table);
    this.velesTable = velesTable;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return this;
  }

  @Override
  public VelesQuery query() {
    return VelesQuery.scan(velesTable);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // reading rows out of the engine costs about as much as an enumerable scan; the pushed
    // operators above it are what make Veles plans cheaper
    return super.computeSelfCost(planner, mq);
  }
}

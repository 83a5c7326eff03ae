package dev.veles.calcite.rel;

import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A leaf that stands for a {@link VelesQuery} on a table: what the logical {@link VelesQueryRel}
 * and the physical {@link VelesScan} share (row type, row count, cost, EXPLAIN text).
 */
abstract class QueryLeaf extends AbstractRelNode {
  final RelOptTable table;
  final VelesQuery query;
  private final RelDataType queryRowType;

  QueryLeaf(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelOptTable table,
      VelesQuery query,
      RelDataType rowType) {
    super(cluster, traits);
    this.table = table;
    this.query = query;
    this.queryRowType = rowType;
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

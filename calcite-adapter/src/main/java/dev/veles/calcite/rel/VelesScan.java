package dev.veles.calcite.rel;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * The physical form of a {@link VelesQueryRel}: generated code calls {@link VelesQuery#execute} and
 * gets the rows, filtered, projected and (for a k-NN search) ordered by the engine.
 */
public final class VelesScan extends AbstractRelNode implements EnumerableRel {
  private final RelOptTable table;
  private final VelesQuery query;
  private final RelDataType queryRowType;

  VelesScan(
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

  static VelesScan of(VelesQueryRel logical) {
    RelOptCluster cluster = logical.getCluster();
    RelTraitSet traits = cluster.traitSetOf(EnumerableConvention.INSTANCE);
    RelCollation collation = logical.query().collation();
    if (collation != null) {
      traits = traits.replaceIf(RelCollationTraitDef.INSTANCE, () -> collation);
    }
    return new VelesScan(
        cluster, traits, logical.getTable(), logical.query(), logical.getRowType());
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
    return new VelesScan(getCluster(), traitSet, getTable(), query, queryRowType);
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

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType =
        PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), pref.preferArray());
    Expression q = implementor.stash(query, VelesQuery.class);
    boolean scalar = physType.getFormat() == JavaRowFormat.SCALAR;
    BlockBuilder block = new BlockBuilder();
    block.add(
        Expressions.return_(
            null,
            Expressions.call(
                q, VelesQuery.EXECUTE, DataContext.ROOT, Expressions.constant(scalar))));
    return implementor.result(physType, block.toBlock());
  }
}

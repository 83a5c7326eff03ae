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
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;

/**
 * The physical form of a {@link VelesQueryRel}: generated code calls {@link VelesQuery#execute} and
 * gets the rows, filtered, projected and (for a k-NN search) ordered by the engine.
 */
public final class VelesScan extends QueryLeaf implements EnumerableRel {
  VelesScan(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelOptTable table,
      VelesQuery query,
      RelDataType rowType) {
    super(cluster, traits, table, query, rowType);
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
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new VelesScan(getCluster(), traitSet, table, query, getRowType());
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType =
        PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), pref.preferArray());
    boolean scalar = physType.getFormat() == JavaRowFormat.SCALAR;
    Expression leaf =
        implementor.stash(ReadGroup.add(implementor, query, scalar), ReadGroup.Leaf.class);
    BlockBuilder block = new BlockBuilder();
    block.add(
        Expressions.return_(
            null, Expressions.call(leaf, ReadGroup.Leaf.EXECUTE, DataContext.ROOT)));
    return implementor.result(physType, block.toBlock());
  }
}

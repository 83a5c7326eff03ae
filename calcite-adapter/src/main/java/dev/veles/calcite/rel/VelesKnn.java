package dev.veles.calcite.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A k-nearest-neighbour search: {@code ORDER BY distance(vector, q) LIMIT k} (with the filter of
 * its input) answered by one engine search, which returns rows already ordered and cut.
 */
public final class VelesKnn extends SingleRel implements VelesRel {
  private final VelesQuery.Knn knn;
  private final int[] outputs;
  private final boolean indexed;

  VelesKnn(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelNode input,
      RelDataType rowType,
      VelesQuery.Knn knn,
      int[] outputs,
      boolean indexed) {
    super(cluster, traits, input);
    this.rowType = rowType;
    this.knn = knn;
    this.outputs = outputs;
    this.indexed = indexed;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new VelesKnn(getCluster(), traitSet, sole(inputs), rowType, knn, outputs, indexed);
  }

  @Override
  protected RelDataType deriveRowType() {
    return rowType;
  }

  @Override
  public VelesQuery query() {
    VelesQuery in = ((VelesRel) getInput()).query();
    int[] mapped = new int[outputs.length];
    for (int i = 0; i < outputs.length; i++) {
      mapped[i] = outputs[i] == VelesQuery.DISTANCE ? VelesQuery.DISTANCE : in.outputs[outputs[i]];
    }
    return in.withKnn(knn, mapped);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return 10;
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // a search touches a small part of the collection; far cheaper than sorting all of it
    return planner.getCostFactory().makeCost(10, 10, 0).multiplyBy(0.01);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("metric", knn.metric().sqlName())
        .item("k", knn.fetch())
        .itemIf("offset", knn.offset(), knn.offset() != null)
        .item("query", knn.query())
        .item("index", indexed ? "hnsw" : "exact")
        .item("ef", knn.efSearch() == null ? "default" : knn.efSearch());
  }
}

package dev.veles.calcite.rel;

import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

/**
 * A logical modification that Calcite's own node cannot state: {@code INSERT ... ON CONFLICT}, and
 * any modification with {@code RETURNING}, whose output is then the rows written (the table's row
 * type) instead of an update count. Becomes a {@link VelesTableModify}.
 */
public final class DmlModify extends TableModify {
  final OnConflictSpec onConflict;
  final boolean returning;

  DmlModify(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelOptTable table,
      Prepare.CatalogReader catalogReader,
      RelNode input,
      Operation operation,
      List<String> updateColumnList,
      List<RexNode> sourceExpressionList,
      boolean flattened,
      OnConflictSpec onConflict,
      boolean returning) {
    super(
        cluster,
        traits,
        table,
        catalogReader,
        input,
        operation,
        updateColumnList,
        sourceExpressionList,
        flattened);
    this.onConflict = onConflict;
    this.returning = returning;
  }

  /** {@code m} with {@code onConflict} (null: none) and {@code returning}. */
  public static DmlModify of(TableModify m, OnConflictSpec onConflict, boolean returning) {
    OnConflictSpec c = onConflict;
    boolean r = returning;
    if (m instanceof DmlModify d) {
      c = c != null ? c : d.onConflict;
      r = r || d.returning;
    }
    return new DmlModify(
        m.getCluster(),
        m.getTraitSet().replace(Convention.NONE),
        m.getTable(),
        m.getCatalogReader(),
        m.getInput(),
        m.getOperation(),
        m.getUpdateColumnList(),
        m.getSourceExpressionList(),
        m.isFlattened(),
        c,
        r);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DmlModify(
        getCluster(),
        traitSet,
        getTable(),
        getCatalogReader(),
        sole(inputs),
        getOperation(),
        getUpdateColumnList(),
        getSourceExpressionList(),
        isFlattened(),
        onConflict,
        returning);
  }

  @Override
  public RelDataType deriveRowType() {
    return returning ? table.getRowType() : super.deriveRowType();
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return explainExtras(
        super.explainTerms(pw), onConflict, returning, table.getRowType().getFieldNames());
  }

  static RelWriter explainExtras(
      RelWriter pw, OnConflictSpec onConflict, boolean returning, List<String> fields) {
    return pw.itemIf(
            "onConflict", onConflict == null ? "" : onConflict.describe(fields), onConflict != null)
        .itemIf("returning", true, returning);
  }
}

package dev.veles.calcite.rel;

import dev.veles.calcite.TableLayout;
import dev.veles.calcite.VelesTable;
import dev.veles.calcite.function.VelesFunction;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/** The planner rules that push work into the engine. */
public final class VelesRules {
  private VelesRules() {}

  /** Adds Veles's rules to {@code planner} (once) and removes the stock table-modify rule. */
  public static void register(RelOptPlanner planner) {
    if (planner.getRules().contains(TO_ENUMERABLE)) {
      return;
    }
    planner.removeRule(EnumerableRules.ENUMERABLE_TABLE_MODIFICATION_RULE);
    planner.addRule(TO_ENUMERABLE);
    planner.addRule(MODIFY);
    planner.addRule(FILTER);
    planner.addRule(PROJECT);
    planner.addRule(KNN);
  }

  static final RelOptRule TO_ENUMERABLE =
      ConverterRule.Config.INSTANCE
          .withConversion(
              RelNode.class,
              VelesRel.CONVENTION,
              EnumerableConvention.INSTANCE,
              "VelesToEnumerableConverterRule")
          .withRuleFactory(
              config ->
                  new ConverterRule(config) {
                    @Override
                    public RelNode convert(RelNode rel) {
                      return new VelesToEnumerableConverter(
                          rel.getCluster(),
                          rel.getTraitSet().replace(EnumerableConvention.INSTANCE),
                          rel);
                    }
                  })
          .toRule();

  static final RelOptRule MODIFY =
      ConverterRule.Config.INSTANCE
          .withConversion(
              LogicalTableModify.class,
              m -> m.getTable().unwrap(ModifyTarget.class) != null,
              Convention.NONE,
              EnumerableConvention.INSTANCE,
              "VelesTableModifyRule")
          .withRuleFactory(
              config ->
                  new ConverterRule(config) {
                    @Override
                    public RelNode convert(RelNode rel) {
                      TableModify m = (TableModify) rel;
                      RelNode input =
                          convert(
                              m.getInput(),
                              m.getInput().getTraitSet().replace(EnumerableConvention.INSTANCE));
                      return new VelesTableModify(
                          m.getCluster(),
                          m.getTraitSet().replace(EnumerableConvention.INSTANCE),
                          m.getTable(),
                          m.getCatalogReader(),
                          input,
                          m.getOperation(),
                          m.getUpdateColumnList(),
                          m.getSourceExpressionList(),
                          m.isFlattened());
                    }
                  })
          .toRule();

  static final RelOptRule FILTER =
      RuleConfig.of(
              "VelesFilterRule",
              b ->
                  b.operand(LogicalFilter.class)
                      .oneInput(b1 -> b1.operand(VelesTableScan.class).noInputs()),
              c -> new FilterRule(c))
          .toRule();

  static final RelOptRule PROJECT =
      RuleConfig.of(
              "VelesProjectRule",
              b ->
                  b.operand(LogicalProject.class)
                      .predicate(
                          p -> p.getProjects().stream().allMatch(RexInputRef.class::isInstance))
                      .oneInput(
                          b1 ->
                              b1.operand(VelesRel.class)
                                  .predicate(VelesRules::tableShaped)
                                  .anyInputs()),
              c -> new ProjectRule(c))
          .toRule();

  static final RelOptRule KNN =
      RuleConfig.of(
              "VelesKnnRule",
              b ->
                  b.operand(LogicalSort.class)
                      .predicate(
                          s -> s.fetch != null && s.getCollation().getFieldCollations().size() == 1)
                      .oneInput(
                          b1 ->
                              b1.operand(LogicalProject.class)
                                  .oneInput(
                                      b2 ->
                                          b2.operand(VelesRel.class)
                                              .predicate(VelesRules::tableShaped)
                                              .anyInputs())),
              c -> new KnnRule(c))
          .toRule();

  /** Scans and filters produce the table's own fields. */
  static boolean tableShaped(RelNode rel) {
    return rel instanceof VelesTableScan || rel instanceof VelesFilter;
  }

  static VelesTable table(RelNode rel) {
    return rel.getTable().unwrap(VelesTable.class);
  }

  /** Whether {@code condition} only selects ids by equality: a point lookup, no scan. */
  static boolean isIdLookup(RexNode condition, int idField) {
    if (condition.getKind() == SqlKind.OR) {
      return ((RexCall) condition).getOperands().stream().allMatch(o -> isIdLookup(o, idField));
    }
    if (condition.getKind() == SqlKind.EQUALS) {
      RexCall c = (RexCall) condition;
      return c.getOperands().stream()
              .anyMatch(o -> o instanceof RexInputRef r && r.getIndex() == idField)
          && c.getOperands().stream().anyMatch(RexValues::isConstant);
    }
    return false;
  }

  private static final class FilterRule extends RelRule<RuleConfig> {
    FilterRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalFilter filter = call.rel(0);
      VelesTableScan scan = call.rel(1);
      VelesTable table = scan.getTable().unwrap(VelesTable.class);
      RexBuilder rex = filter.getCluster().getRexBuilder();
      RexNode condition = RexUtil.expandSearch(rex, null, filter.getCondition());
      List<RexNode> pushed = new ArrayList<>();
      List<RexNode> rest = new ArrayList<>();
      for (RexNode c : RelOptUtil.conjunctions(condition)) {
        (FilterTranslator.canPush(table.layout(), c) ? pushed : rest).add(c);
      }
      if (pushed.isEmpty()) {
        return;
      }
      RelNode node =
          new VelesFilter(
              filter.getCluster(),
              scan.getTraitSet(),
              scan,
              RexUtil.composeConjunction(rex, pushed),
              table);
      if (!rest.isEmpty()) {
        node = filter.copy(filter.getTraitSet(), node, RexUtil.composeConjunction(rex, rest));
      }
      call.transformTo(node);
    }
  }

  private static final class ProjectRule extends RelRule<RuleConfig> {
    ProjectRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalProject project = call.rel(0);
      RelNode input = call.rel(1);
      call.transformTo(
          new VelesProject(
              project.getCluster(),
              input.getTraitSet(),
              input,
              project.getProjects(),
              project.getRowType()));
    }
  }

  private static final class KnnRule extends RelRule<RuleConfig> {
    KnnRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalSort sort = call.rel(0);
      LogicalProject project = call.rel(1);
      RelNode input = call.rel(2);
      VelesTable table = table(input);
      TableLayout layout = table.layout();
      RelFieldCollation fc = sort.getCollation().getFieldCollations().get(0);
      if (!(project.getProjects().get(fc.getFieldIndex()) instanceof RexCall dist)) {
        return;
      }
      VelesFunction fn = distanceFunction(dist);
      if (fn == null) {
        return;
      }
      boolean descending = fc.getDirection() == RelFieldCollation.Direction.DESCENDING;
      if (descending != fn.isSimilarity()) {
        return; // farthest-first is not a nearest-neighbour search
      }
      RexNode a = dist.getOperands().get(0);
      RexNode b = dist.getOperands().get(1);
      RexNode query = b;
      if (!isVectorRef(a, layout)) {
        query = a;
        a = b;
      }
      if (!isVectorRef(a, layout) || !RexValues.isConstant(query)) {
        return;
      }
      int[] outputs = new int[project.getProjects().size()];
      for (int i = 0; i < outputs.length; i++) {
        RexNode p = project.getProjects().get(i);
        if (p instanceof RexInputRef ref) {
          outputs[i] = ref.getIndex();
        } else if (p.equals(dist)) {
          outputs[i] = VelesQuery.DISTANCE;
        } else {
          return; // other expressions: leave the query to Calcite, which stays correct
        }
      }
      VelesQuery.Knn knn =
          new VelesQuery.Knn(
              ((RexInputRef) a).getIndex(),
              fn.metric(),
              fn.isSimilarity(),
              query,
              sort.fetch,
              sort.offset,
              null);
      boolean indexed = fn.metric() == layout.schema().metric();
      RelCollation collation = sort.getCollation();
      call.transformTo(
          new VelesKnn(
              sort.getCluster(),
              input.getTraitSet().replace(VelesRel.CONVENTION).replace(collation),
              input,
              project.getRowType(),
              knn,
              outputs,
              indexed));
    }

    private static boolean isVectorRef(RexNode node, TableLayout layout) {
      return node instanceof RexInputRef r && r.getIndex() == layout.vectorField();
    }

    private static VelesFunction distanceFunction(RexCall call) {
      if (call.getOperator() instanceof SqlUserDefinedFunction f
          && f.getFunction() instanceof VelesFunction v
          && v.metric() != null) {
        return v;
      }
      return null;
    }
  }
}

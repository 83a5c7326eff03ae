package dev.veles.calcite.rel;

import dev.veles.calcite.KnnTableFunction;
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
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.prepare.RelOptTableImpl;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlUserDefinedTableFunction;

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
    planner.addRule(DML_MODIFY);
    planner.addRule(FILTER);
    planner.addRule(PROJECT);
    planner.addRule(KNN);
    planner.addRule(KNN_FUNCTION);
  }

  static final RelOptRule TO_ENUMERABLE =
      ConverterRule.Config.INSTANCE
          .withConversion(
              VelesQueryRel.class, Convention.NONE, EnumerableConvention.INSTANCE, "VelesScanRule")
          .withRuleFactory(
              config ->
                  new ConverterRule(config) {
                    @Override
                    public RelNode convert(RelNode rel) {
                      return VelesScan.of((VelesQueryRel) rel);
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
                      RelNode source = deleteSource(m);
                      RelNode input =
                          convert(
                              source, source.getTraitSet().replace(EnumerableConvention.INSTANCE));
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

  /**
   * The input of a modification: for a DELETE from a table, only the key of the rows it selects (a
   * projection that the scan takes over, so rows are not read); else the input as it is.
   */
  private static RelNode deleteSource(TableModify m) {
    VelesTable t = m.getTable().unwrap(VelesTable.class);
    if (m.getOperation() != TableModify.Operation.DELETE || t == null) {
      return m.getInput();
    }
    RelNode in = m.getInput();
    int id = t.layout().idField();
    return LogicalProject.create(
        in,
        List.of(),
        List.of(m.getCluster().getRexBuilder().makeInputRef(in, id)),
        List.of(in.getRowType().getFieldNames().get(id)),
        java.util.Set.of());
  }

  /** {@link DmlModify} (ON CONFLICT, RETURNING) to a {@link VelesTableModify}. */
  static final RelOptRule DML_MODIFY =
      ConverterRule.Config.INSTANCE
          .withConversion(
              DmlModify.class, Convention.NONE, EnumerableConvention.INSTANCE, "VelesDmlModifyRule")
          .withRuleFactory(
              config ->
                  new ConverterRule(config) {
                    @Override
                    public RelNode convert(RelNode rel) {
                      DmlModify m = (DmlModify) rel;
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
                          m.isFlattened(),
                          m.onConflict,
                          m.returning);
                    }
                  })
          .toRule();

  static final RelOptRule FILTER =
      RuleConfig.of(
              "VelesFilterRule",
              b ->
                  b.operand(LogicalFilter.class)
                      .oneInput(
                          b1 ->
                              b1.operand(VelesQueryRel.class)
                                  .predicate(q -> !q.query().hasKnn())
                                  .noInputs()),
              FilterRule::new)
          .toRule();

  static final RelOptRule PROJECT =
      RuleConfig.of(
              "VelesProjectRule",
              b ->
                  b.operand(LogicalProject.class)
                      .predicate(
                          p -> p.getProjects().stream().allMatch(RexInputRef.class::isInstance))
                      .oneInput(b1 -> b1.operand(VelesQueryRel.class).noInputs()),
              ProjectRule::new)
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
                                          b2.operand(VelesQueryRel.class)
                                              .predicate(q -> !q.query().hasKnn())
                                              .noInputs())),
              KnnRule::new)
          .toRule();

  static final RelOptRule KNN_FUNCTION =
      RuleConfig.of(
              "VelesKnnFunctionRule",
              b ->
                  b.operand(LogicalTableFunctionScan.class)
                      .predicate(s -> s.getInputs().isEmpty() && knnFunction(s) != null)
                      .noInputs(),
              KnnFunctionRule::new)
          .toRule();

  private static KnnTableFunction knnFunction(LogicalTableFunctionScan scan) {
    return scan.getCall() instanceof RexCall call
            && call.getOperator() instanceof SqlUserDefinedTableFunction f
            && f.getFunction() instanceof KnnTableFunction k
        ? k
        : null;
  }

  /**
   * Whether {@code condition} is an equality with a constant on each field of a declared key (and
   * nothing else): a lookup in the engine's key index, no scan.
   */
  static boolean isKeyLookup(RexNode condition, int[] keyFields) {
    if (keyFields.length == 0) {
      return false;
    }
    List<RexNode> parts =
        condition.getKind() == SqlKind.AND
            ? ((RexCall) condition).getOperands()
            : List.of(condition);
    java.util.Set<Integer> covered = new java.util.HashSet<>();
    for (RexNode p : parts) {
      if (p.getKind() != SqlKind.EQUALS) {
        return false;
      }
      RexCall c = (RexCall) p;
      Integer field = null;
      for (RexNode o : c.getOperands()) {
        if (o instanceof RexInputRef r) {
          field = r.getIndex();
        }
      }
      if (field == null || !c.getOperands().stream().anyMatch(RexValues::isConstant)) {
        return false;
      }
      covered.add(field);
    }
    java.util.Set<Integer> key = new java.util.HashSet<>();
    for (int f : keyFields) {
      key.add(f);
    }
    return covered.equals(key);
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
      VelesQueryRel in = call.rel(1);
      VelesQuery q = in.query();
      RexBuilder rex = filter.getCluster().getRexBuilder();
      RexNode condition = RexUtil.expandSearch(rex, null, filter.getCondition());
      List<RexNode> pushed = new ArrayList<>();
      List<RexNode> rest = new ArrayList<>();
      for (RexNode c : RelOptUtil.conjunctions(condition)) {
        RexNode mapped = q.toTableFields(c);
        if (FilterTranslator.canPush(q.table.layout(), mapped)) {
          pushed.add(mapped);
        } else {
          rest.add(c);
        }
      }
      if (pushed.isEmpty()) {
        return;
      }
      RelNode node =
          new VelesQueryRel(
              in.getCluster(),
              in.getTable(),
              q.withCondition(rex, RexUtil.composeConjunction(rex, pushed)),
              in.getRowType());
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
      VelesQueryRel in = call.rel(1);
      int[] refs =
          project.getProjects().stream().mapToInt(p -> ((RexInputRef) p).getIndex()).toArray();
      call.transformTo(
          new VelesQueryRel(
              in.getCluster(),
              in.getTable(),
              in.query().withProjection(refs),
              project.getRowType()));
    }
  }

  /** {@code TABLE(knn('t', q, k [, ef]))} as one search with the table's own metric. */
  private static final class KnnFunctionRule extends RelRule<RuleConfig> {
    KnnFunctionRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalTableFunctionScan scan = call.rel(0);
      RexCall fn = (RexCall) scan.getCall();
      List<RexNode> args = fn.getOperands();
      RexNode nameArg = RexUtil.removeCast(args.get(0));
      if (!(nameArg instanceof RexLiteral name)) {
        return;
      }
      VelesTable table = knnFunction(scan).table(name.getValueAs(String.class), null);
      TableLayout layout = table.layout();
      RexNode query = args.get(1);
      RexNode k = args.get(2);
      Integer ef = null;
      if (args.size() > 3
          && RexUtil.removeCast(args.get(3)) instanceof RexLiteral e
          && !e.isNull()) {
        ef = e.getValueAs(Integer.class);
        dev.veles.calcite.VelesSettings.checkEfSearch(e.getValueAs(Long.class));
      }
      // A literal k out of range fails here, with its range, rather than leaving the call
      // unplanned (no plan can run it); a parameter is checked when the query runs.
      if (RexUtil.removeCast(k) instanceof RexLiteral kl && kl.getValueAs(Long.class) != null) {
        dev.veles.calcite.VelesSettings.checkK(kl.getValueAs(Long.class));
      }
      if (!RexValues.isConstant(query) || !RexValues.isConstant(k)) {
        return;
      }
      VelesQuery.Knn knn =
          new VelesQuery.Knn(
              layout.vectorField(), layout.schema().metric(), false, query, k, null, ef);
      int[] outputs = new int[layout.fieldCount() + 1];
      for (int i = 0; i < layout.fieldCount(); i++) {
        outputs[i] = i;
      }
      outputs[layout.fieldCount()] = VelesQuery.DISTANCE;
      RelOptTable relTable =
          RelOptTableImpl.create(
              null,
              table.getRowType(scan.getCluster().getTypeFactory()),
              List.of(dev.veles.calcite.VelesCalcite.SCHEMA, table.name()),
              table,
              (org.apache.calcite.linq4j.tree.TableExpressionFactory)
                  c -> org.apache.calcite.linq4j.tree.Expressions.constant(null));
      call.transformTo(
          new VelesQueryRel(
              scan.getCluster(),
              relTable,
              VelesQuery.scan(table).withKnn(knn, outputs),
              scan.getRowType()));
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
      VelesQueryRel input = call.rel(2);
      VelesQuery q = input.query();
      TableLayout layout = q.table.layout();
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
      if (!isVectorRef(a, q, layout)) {
        query = a;
        a = b;
      }
      if (!isVectorRef(a, q, layout) || !RexValues.isConstant(query)) {
        return;
      }
      int[] outputs = new int[project.getProjects().size()];
      for (int i = 0; i < outputs.length; i++) {
        RexNode p = project.getProjects().get(i);
        if (p instanceof RexInputRef ref) {
          outputs[i] = q.field(ref.getIndex());
        } else if (p.equals(dist)) {
          outputs[i] = VelesQuery.DISTANCE;
        } else {
          return; // other expressions: leave the query to Calcite, which stays correct
        }
      }
      VelesQuery.Knn knn =
          new VelesQuery.Knn(
              q.field(((RexInputRef) a).getIndex()),
              fn.metric(),
              fn.isSimilarity(),
              query,
              sort.fetch,
              sort.offset,
              efSearch(dist));
      call.transformTo(
          new VelesQueryRel(
              input.getCluster(), input.getTable(), q.withKnn(knn, outputs), project.getRowType()));
    }

    /** The ef_search a hint wrote into the call's third argument, or null. */
    private static Integer efSearch(RexCall dist) {
      if (dist.getOperands().size() == 3
          && dist.getOperands().get(2) instanceof org.apache.calcite.rex.RexLiteral lit) {
        return lit.getValueAs(Integer.class);
      }
      return null;
    }

    private static boolean isVectorRef(RexNode node, VelesQuery q, TableLayout layout) {
      return node instanceof RexInputRef r
          && q.isField(r.getIndex())
          && q.field(r.getIndex()) == layout.vectorField();
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

package dev.veles.calcite.rel;

import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.SemiJoinRule;

/**
 * Calcite's planner rules that return wrong rows in a case sqllogictest reaches, replaced in every
 * planner by the same rules restricted to where they are correct.
 *
 * <ul>
 *   <li>{@code SemiJoinRule} turns a join with an aggregate into a semi-join with the aggregate's
 *       input. With no GROUP BY the aggregate returns one row even over no rows, so the semi-join
 *       with an empty input drops every row: {@code x IN (SELECT c FROM t WHERE 1 = 0) OR y >= 4}
 *       returned nothing. Restricted to aggregates with a group key.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class CorrectedRules {
  private CorrectedRules() {}

  static final SemiJoinRule PROJECT_TO_SEMI_JOIN =
      SemiJoinRule.ProjectToSemiJoinRule.ProjectToSemiJoinRuleConfig.DEFAULT
          .withOperandSupplier(
              b ->
                  b.operand(Project.class)
                      .oneInput(
                          b2 ->
                              b2.operand(Join.class)
                                  .predicate(CorrectedRules::innerOrLeft)
                                  .inputs(
                                      b3 -> b3.operand(RelNode.class).anyInputs(),
                                      b4 ->
                                          b4.operand(Aggregate.class)
                                              .predicate(CorrectedRules::grouped)
                                              .anyInputs())))
          .as(SemiJoinRule.ProjectToSemiJoinRule.ProjectToSemiJoinRuleConfig.class)
          .toRule();

  static final SemiJoinRule JOIN_TO_SEMI_JOIN =
      SemiJoinRule.JoinToSemiJoinRule.JoinToSemiJoinRuleConfig.DEFAULT
          .withOperandSupplier(
              b ->
                  b.operand(Join.class)
                      .predicate(CorrectedRules::innerOrLeft)
                      .inputs(
                          b2 -> b2.operand(RelNode.class).anyInputs(),
                          b3 ->
                              b3.operand(Aggregate.class)
                                  .predicate(CorrectedRules::grouped)
                                  .anyInputs()))
          .as(SemiJoinRule.JoinToSemiJoinRule.JoinToSemiJoinRuleConfig.class)
          .toRule();

  /** Replaces the rules in {@code planner}; a planner without them gets none. */
  public static void register(RelOptPlanner planner) {
    if (planner.removeRule(CoreRules.PROJECT_TO_SEMI_JOIN)) {
      planner.addRule(PROJECT_TO_SEMI_JOIN);
    }
    if (planner.removeRule(CoreRules.JOIN_TO_SEMI_JOIN)) {
      planner.addRule(JOIN_TO_SEMI_JOIN);
    }
  }

  private static boolean innerOrLeft(Join join) {
    return join.getJoinType() == JoinRelType.INNER || join.getJoinType() == JoinRelType.LEFT;
  }

  /** An aggregate with a group key returns no rows for no input rows; one without returns one. */
  private static boolean grouped(Aggregate aggregate) {
    return aggregate.getGroupCount() > 0;
  }
}

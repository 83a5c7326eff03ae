package dev.veles.calcite;

import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * The optimisation program for a statement with many joins: Calcite's standard program with its
 * cost-based join search replaced by Calcite's heuristic join order (the joins gathered into one
 * multi-join, then joined greedily, cheapest estimated join first, into a bushy tree, never a
 * cartesian product where a condition links the tables). The standard search commutes and
 * re-associates joins exhaustively: an eight-table join plans for minutes, and keeping the written
 * order instead runs cartesian products of the tables no condition links.
 *
 * <p>Bushy rather than left-deep ({@code LoptOptimizeJoinRule}) where every join is inner: the
 * left-deep search tries every table first and every table next, which for sqllogictest's {@code
 * select5} (joins of 4 to 64 tables) took 3.6 times as long to plan and run, 4.7 times at 49-64
 * tables (bench/results/sql/many-joins-select5.md).
 *
 * <p>Stateless and thread-safe; the planner it drives belongs to one preparation.
 */
final class ManyJoins {
  /** Joins from which the heuristic order is used: four joins are five tables. */
  static final int MANY = 4;

  private static final Program BUSHY = program(true);
  private static final Program LEFT_DEEP = program(false);

  private static Program program(boolean bushy) {
    return Programs.sequence(
        Programs.subQuery(DefaultRelMetadataProvider.INSTANCE),
        Programs.decorrelate(),
        Programs.measure(DefaultRelMetadataProvider.INSTANCE),
        Programs.trim(),
        // the planner's own rules (Veles's included), less the exhaustive join search
        (planner, rel, traits, materializations, lattices) ->
            Programs.heuristicJoinOrder(planner.getRules(), bushy, MANY)
                .run(planner, rel, traits, materializations, lattices),
        Programs.calc(DefaultRelMetadataProvider.INSTANCE));
  }

  private ManyJoins() {}

  /**
   * {@code standard}, or the heuristic join order when the statement has many joins: bushy when
   * every join is inner, left-deep otherwise (the bushy optimizer leaves a multi-join with an outer
   * join unimplemented, as the catalog queries of pgjdbc's {@code getColumns} have).
   */
  static Program around(Program standard) {
    return (planner, rel, traits, materializations, lattices) ->
        (RelOptUtil.countJoins(rel) < MANY ? standard : onlyInner(rel) ? BUSHY : LEFT_DEEP)
            .run(planner, rel, traits, materializations, lattices);
  }

  private static boolean onlyInner(RelNode rel) {
    if (rel instanceof Join j && j.getJoinType() != JoinRelType.INNER) {
      return false;
    }
    for (RelNode input : rel.getInputs()) {
      if (!onlyInner(input)) {
        return false;
      }
    }
    return true;
  }
}

package dev.veles.calcite.rel;

import dev.veles.calcite.OnConflictAction;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexNode;

/**
 * The planned form of {@code ON CONFLICT}: the action, what a conflict is on ({@code key}, see
 * {@link OnConflictAction#key()}), and for DO UPDATE the assigned fields and their expressions
 * (then the WHERE condition) over the existing row followed by the proposed one. The expressions
 * are evaluated at run time on the locked existing row, not read beforehand.
 *
 * <p>Immutable.
 */
public record OnConflictSpec(
    boolean update,
    int[] setFields,
    List<RexNode> expressions,
    boolean hasCondition,
    RelDataType inputType,
    int key) {

  /** The run-time action, with the expressions compiled (once per plan). */
  OnConflictAction compile(RexBuilder rex) {
    if (!update) {
      return new OnConflictAction(false, new int[0], null, false, key);
    }
    return new OnConflictAction(
        true,
        setFields,
        RexExecutorImpl.getExecutable(rex, expressions, inputType).getFunction(),
        hasCondition,
        key);
  }

  /** A description for EXPLAIN (and the planner's digest). */
  String describe(List<String> fieldNames) {
    if (!update) {
      return "DO NOTHING";
    }
    StringBuilder b = new StringBuilder("DO UPDATE SET ");
    for (int j = 0; j < setFields.length; j++) {
      b.append(j == 0 ? "" : ", ")
          .append(fieldNames.get(setFields[j]))
          .append(" = ")
          .append(expressions.get(j));
    }
    if (hasCondition) {
      b.append(" WHERE ").append(expressions.get(setFields.length));
    }
    return b.toString();
  }
}

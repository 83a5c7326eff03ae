package dev.veles.calcite.rel;

import dev.veles.calcite.TableLayout;
import dev.veles.engine.IndexSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

/**
 * The secondary indexes a pushed filter is looked up in, as the engine chooses them (see the
 * engine's {@code SecondaryIndexes}): for each part of the filter, the index that covers the
 * longest run of its leading columns with equalities, then at most one range; an {@code OR} (an
 * {@code IN} list) needs an index for every operand. For EXPLAIN and the row estimate; at run time
 * the engine abandons a lookup that is not selective and scans the columns instead.
 *
 * <p>Stateless.
 */
final class IndexChoice {
  private IndexChoice() {}

  /** The names of the indexes used, in order, or an empty list for a scan. */
  static List<String> of(RexNode condition, TableLayout layout) {
    List<IndexSpec> specs = layout.schema().indexes();
    if (specs.isEmpty()) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    return choose(condition, layout, specs, out) ? new ArrayList<>(out) : List.of();
  }

  private static boolean choose(
      RexNode node, TableLayout layout, List<IndexSpec> specs, Set<String> out) {
    switch (node.getKind()) {
      case AND -> {
        Map<String, Boolean> cols = new HashMap<>();
        for (RexNode o : ((RexCall) node).getOperands()) {
          comparison(o, layout, cols);
        }
        if (best(cols, specs, out)) {
          return true;
        }
        for (RexNode o : ((RexCall) node).getOperands()) {
          if (o.getKind() == SqlKind.OR || o.getKind() == SqlKind.AND) {
            Set<String> part = new LinkedHashSet<>();
            if (choose(o, layout, specs, part)) {
              out.addAll(part);
              return true;
            }
          }
        }
        return false;
      }
      case OR -> {
        Set<String> all = new LinkedHashSet<>();
        for (RexNode o : ((RexCall) node).getOperands()) {
          if (!choose(o, layout, specs, all)) {
            return false;
          }
        }
        out.addAll(all);
        return true;
      }
      default -> {
        Map<String, Boolean> cols = new HashMap<>();
        comparison(node, layout, cols);
        return best(cols, specs, out);
      }
    }
  }

  /**
   * Records a comparison of a column with a constant: the column, and whether it is an equality.
   */
  private static void comparison(RexNode node, TableLayout layout, Map<String, Boolean> cols) {
    boolean eq = node.getKind() == SqlKind.EQUALS;
    if (!eq && !SqlKind.COMPARISON.contains(node.getKind())
        || node.getKind() == SqlKind.NOT_EQUALS) {
      return;
    }
    RexCall c = (RexCall) node;
    if (c.getOperands().size() != 2) {
      return;
    }
    String col = null;
    boolean constant = false;
    for (RexNode o : c.getOperands()) {
      RexNode ref = o.getKind() == SqlKind.CAST ? ((RexCall) o).getOperands().get(0) : o;
      if (ref instanceof RexInputRef r && layout.kind(r.getIndex()) == TableLayout.Kind.SCALAR) {
        col = layout.filterColumn(r.getIndex());
      } else if (RexValues.isConstant(o)) {
        constant = true;
      }
    }
    if (col != null && constant) {
      cols.merge(col, eq, Boolean::logicalOr);
    }
  }

  private static boolean best(Map<String, Boolean> cols, List<IndexSpec> specs, Set<String> out) {
    IndexSpec pick = null;
    int score = 0;
    for (IndexSpec s : specs) {
      int n = 0;
      for (String c : s.columns()) {
        Boolean eq = cols.get(c);
        if (eq == null) {
          break;
        }
        n += eq ? 2 : 1;
        if (!eq) {
          break;
        }
      }
      if (n > score) {
        score = n;
        pick = s;
      }
    }
    if (pick != null) {
      out.add(pick.name());
    }
    return pick != null;
  }
}

package dev.veles.calcite.rel;

import dev.veles.calcite.TableLayout;
import dev.veles.engine.Filter;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Translates a row condition over a table's fields into an engine {@link Filter}.
 *
 * <p>At planning time ({@code root == null}) it only decides whether a condition can be pushed; at
 * execution it binds parameters and builds the filter. Expressions must have had {@code SEARCH}
 * expanded (see {@code RexUtil.expandSearch}).
 */
final class FilterTranslator {
  private final TableLayout layout;
  private final DataContext root;

  FilterTranslator(TableLayout layout, DataContext root) {
    this.layout = layout;
    this.root = root;
  }

  /** Whether {@code condition} translates completely. */
  static boolean canPush(TableLayout layout, RexNode condition) {
    return new FilterTranslator(layout, null).translate(condition) != null;
  }

  /** The filter, or null if some part cannot be translated. */
  Filter translate(RexNode node) {
    if (node instanceof RexInputRef && node.getType().getSqlTypeName() == SqlTypeName.BOOLEAN) {
      String col = column(node);
      return col == null ? null : new Filter.Compare(col, Filter.Op.EQ, true);
    }
    if (!(node instanceof RexCall call)) {
      return null;
    }
    SqlKind kind = call.getKind();
    switch (kind) {
      case IS_TRUE, IS_FALSE, IS_NOT_TRUE, IS_NOT_FALSE -> {
        return truth(kind, call.getOperands().get(0));
      }
      case AND, OR -> {
        List<Filter> ops = new ArrayList<>();
        for (RexNode o : call.getOperands()) {
          Filter f = translate(o);
          if (f == null) {
            return null;
          }
          ops.add(f);
        }
        return kind == SqlKind.AND ? new Filter.And(ops) : new Filter.Or(ops);
      }
      case NOT -> {
        Filter f = translate(call.getOperands().get(0));
        return f == null ? null : new Filter.Not(f);
      }
      case IS_NULL, IS_NOT_NULL -> {
        String col = column(call.getOperands().get(0));
        if (col == null) {
          return null;
        }
        Filter f = new Filter.IsNull(col);
        return kind == SqlKind.IS_NULL ? f : new Filter.Not(f);
      }
      case EQUALS,
          NOT_EQUALS,
          LESS_THAN,
          LESS_THAN_OR_EQUAL,
          GREATER_THAN,
          GREATER_THAN_OR_EQUAL -> {
        return compare(call);
      }
      case LIKE -> {
        return like(call);
      }
      default -> {
        return null;
      }
    }
  }

  /** {@code col IS [NOT] TRUE|FALSE} on a BOOLEAN column: never unknown. */
  private Filter truth(SqlKind kind, RexNode operand) {
    String col = operand instanceof RexInputRef ? column(operand) : null;
    if (col == null || operand.getType().getSqlTypeName() != SqlTypeName.BOOLEAN) {
      return null;
    }
    Filter isTrue = new Filter.Compare(col, Filter.Op.EQ, true);
    Filter isFalse = new Filter.Compare(col, Filter.Op.EQ, false);
    Filter isNull = new Filter.IsNull(col);
    return switch (kind) {
      case IS_TRUE -> isTrue;
      case IS_FALSE -> isFalse;
      case IS_NOT_TRUE -> new Filter.Or(List.of(isNull, isFalse));
      default -> new Filter.Or(List.of(isNull, isTrue));
    };
  }

  private Filter compare(RexCall call) {
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    SqlKind kind = call.getKind();
    int field = field(left);
    RexNode value = right;
    if (field < 0) {
      field = field(right);
      value = left;
      kind = kind.reverse();
    }
    String col = field < 0 ? null : layout.filterColumn(field);
    if (col == null || !RexValues.isConstant(value)) {
      return null;
    }
    Filter.Op op =
        switch (kind) {
          case EQUALS -> Filter.Op.EQ;
          case NOT_EQUALS -> Filter.Op.NE;
          case LESS_THAN -> Filter.Op.LT;
          case LESS_THAN_OR_EQUAL -> Filter.Op.LE;
          case GREATER_THAN -> Filter.Op.GT;
          default -> Filter.Op.GE;
        };
    if (root == null) {
      return new Filter.Compare(col, op, 0);
    }
    Object v = RexValues.eval(value, root);
    if (v != null) {
      v = layout.filterValue(field, v);
    }
    if (v == null) {
      // a comparison with NULL is never true
      return new Filter.And(
          List.of(new Filter.IsNull(col), new Filter.Not(new Filter.IsNull(col))));
    }
    return new Filter.Compare(col, op, v);
  }

  private Filter like(RexCall call) {
    if (call.getOperator() != SqlStdOperatorTable.LIKE) {
      return null; // ILIKE shares LIKE's kind; the engine's LIKE is case-sensitive
    }
    String col = column(call.getOperands().get(0));
    if (col == null || col.equals(Filter.ID)) {
      return null;
    }
    RexNode pattern = call.getOperands().get(1);
    char escape = 0;
    if (call.getOperands().size() > 2) {
      if (!(call.getOperands().get(2) instanceof RexLiteral e)) {
        return null;
      }
      String s = e.getValueAs(String.class);
      if (s == null || s.length() != 1) {
        return null;
      }
      escape = s.charAt(0);
    }
    if (!RexValues.isConstant(pattern)) {
      return null;
    }
    if (root == null) {
      return new Filter.Like(col, "", escape);
    }
    Object p = RexValues.eval(pattern, root);
    if (p == null) {
      return new Filter.And(
          List.of(new Filter.IsNull(col), new Filter.Not(new Filter.IsNull(col))));
    }
    return new Filter.Like(col, p.toString(), escape);
  }

  /** Whether a cast keeps every value (so comparing the uncast column is the same). */
  private static boolean widening(RelDataType fromType, RelDataType toType) {
    SqlTypeName from = fromType.getSqlTypeName();
    SqlTypeName to = toType.getSqlTypeName();
    boolean fromInt = SqlTypeName.INT_TYPES.contains(from);
    return switch (to) {
      case BIGINT -> fromInt;
      case INTEGER -> from == SqlTypeName.SMALLINT || from == SqlTypeName.TINYINT || from == to;
      case SMALLINT -> from == SqlTypeName.TINYINT || from == to;
      case DOUBLE -> fromInt || from == SqlTypeName.REAL || from == SqlTypeName.FLOAT;
      case DECIMAL ->
          fromInt
              || from == SqlTypeName.REAL
              || from == SqlTypeName.FLOAT
              || (from == to
                  && toType.getScale() >= fromType.getScale()
                  && toType.getPrecision() - toType.getScale()
                      >= fromType.getPrecision() - fromType.getScale());
      default -> from == to;
    };
  }

  /** The field of a field reference (possibly under a widening cast), else -1. */
  private int field(RexNode node) {
    if (node instanceof RexCall c
        && c.getKind() == SqlKind.CAST
        && widening(c.getOperands().get(0).getType(), c.getType())) {
      node = c.getOperands().get(0);
    }
    if (node instanceof RexInputRef ref && layout.filterColumn(ref.getIndex()) != null) {
      return ref.getIndex();
    }
    return -1;
  }

  /** The engine column of a field reference (possibly under a widening cast), else null. */
  private String column(RexNode node) {
    int f = field(node);
    return f < 0 ? null : layout.filterColumn(f);
  }
}

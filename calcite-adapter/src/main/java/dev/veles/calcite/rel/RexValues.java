package dev.veles.calcite.rel;

import dev.veles.calcite.FloatList;
import dev.veles.calcite.SqlState;
import dev.veles.calcite.Vectors;
import dev.veles.calcite.VelesException;
import dev.veles.calcite.function.VectorFunctions;
import dev.veles.calcite.function.VelesFunction;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimestampString;

/**
 * Evaluates the constant expressions that Veles pushes into the engine (query vectors, limits,
 * filter operands): literals, {@code ?} parameters, array constructors, {@code vec(...)} and casts
 * of those. Values come back in Calcite's internal representation.
 */
final class RexValues {
  private RexValues() {}

  /** Whether {@code node} is a constant this class can evaluate once parameters are bound. */
  static boolean isConstant(RexNode node) {
    if (node instanceof RexLiteral || node instanceof RexDynamicParam) {
      return true;
    }
    if (node instanceof RexCall call) {
      boolean known =
          call.getKind() == SqlKind.ARRAY_VALUE_CONSTRUCTOR
              || call.getKind() == SqlKind.CAST
              || vectorConstructor(call);
      return known && call.getOperands().stream().allMatch(RexValues::isConstant);
    }
    return false;
  }

  static boolean vectorConstructor(RexCall call) {
    return call.getOperator() instanceof SqlUserDefinedFunction f
        && f.getFunction() instanceof VelesFunction v
        && v.isVectorConstructor();
  }

  /** The value of a constant; {@code root} supplies the bound parameters. */
  static Object eval(RexNode node, DataContext root) {
    if (node instanceof RexLiteral lit) {
      return literal(lit);
    }
    if (node instanceof RexDynamicParam p) {
      return root.get("?" + p.getIndex());
    }
    RexCall call = (RexCall) node;
    if (call.getKind() == SqlKind.ARRAY_VALUE_CONSTRUCTOR) {
      List<Object> out = new ArrayList<>(call.getOperands().size());
      for (RexNode op : call.getOperands()) {
        out.add(eval(op, root));
      }
      return out;
    }
    if (call.getKind() == SqlKind.CAST) {
      return eval(call.getOperands().get(0), root);
    }
    if (vectorConstructor(call)) {
      Object v = eval(call.getOperands().get(0), root);
      if (v == null) {
        return null;
      }
      return call.getOperands().size() == 2
          ? VectorFunctions.vec(v, eval(call.getOperands().get(1), root))
          : new FloatList(Vectors.toFloats(v));
    }
    throw new VelesException(SqlState.INTERNAL_ERROR, "not a constant: " + node);
  }

  static Object literal(RexLiteral lit) {
    if (lit.isNull()) {
      return null;
    }
    Comparable<?> v = lit.getValue();
    if (v instanceof NlsString s) {
      return s.getValue();
    }
    if (v instanceof DateString d) {
      return d.getDaysSinceEpoch();
    }
    if (v instanceof TimestampString t) {
      return t.getMillisSinceEpoch();
    }
    return switch (lit.getTypeName()) {
      case DATE -> lit.getValueAs(Integer.class);
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> lit.getValueAs(Long.class);
      case TIME -> lit.getValueAs(Integer.class);
      case CHAR, VARCHAR -> lit.getValueAs(String.class);
      default -> v;
    };
  }

  /** A non-negative integer constant such as a LIMIT, or {@code dflt} when absent. */
  static long count(RexNode node, DataContext root, long dflt) {
    if (node == null) {
      return dflt;
    }
    Object v = eval(node, root);
    if (!(v instanceof Number n) || n.longValue() < 0) {
      throw new VelesException(
          SqlState.INVALID_PARAMETER_VALUE, "LIMIT and OFFSET need a non-negative integer: " + v);
    }
    return n.longValue();
  }
}

package dev.veles.calcite.parser.impl;

import dev.veles.calcite.function.VelesFunction;
import dev.veles.calcite.parser.SqlVectorTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Turns {@code CAST(x AS VECTOR)} and {@code CAST(x AS VECTOR(n))} (also written {@code x::vector})
 * into {@code vec(x)} and its dimension-checked form. The vector type is a REAL array, to which
 * Calcite casts neither text nor arrays of another element type, while {@code vec} takes the text
 * form, arrays and parameters alike. Runs right after parsing, before {@link VectorParams} types
 * the parameters of the calls it makes.
 */
final class VectorCasts {
  private VectorCasts() {}

  static SqlNode apply(SqlNode node) {
    if (node == null) {
      return null;
    }
    return node.accept(
        new SqlShuttle() {
          @Override
          public SqlNode visit(SqlCall call) {
            SqlNode c = super.visit(call);
            return c instanceof SqlCall cast ? rewrite(cast) : c;
          }
        });
  }

  private static SqlNode rewrite(SqlCall call) {
    if (call.getKind() != SqlKind.CAST
        || call.operandCount() != 2
        || !(call.operand(1) instanceof SqlDataTypeSpec type)
        || !(type.getTypeNameSpec() instanceof SqlVectorTypeNameSpec vector)) {
      return call;
    }
    SqlParserPos pos = call.getParserPosition();
    SqlNode value = call.operand(0);
    if (vector.dimension() == SqlVectorTypeNameSpec.ANY_DIMENSION) {
      return function("vec", pos).createCall(pos, value);
    }
    return function(VelesFunction.VEC_CHECKED, pos)
        .createCall(
            pos, value, SqlLiteral.createExactNumeric(Integer.toString(vector.dimension()), pos));
  }

  private static SqlUnresolvedFunction function(String name, SqlParserPos pos) {
    return new SqlUnresolvedFunction(
        new SqlIdentifier(name, pos),
        null,
        null,
        null,
        null,
        SqlFunctionCategory.USER_DEFINED_FUNCTION);
  }
}

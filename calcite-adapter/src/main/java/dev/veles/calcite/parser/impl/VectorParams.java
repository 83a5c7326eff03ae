package dev.veles.calcite.parser.impl;

import dev.veles.calcite.function.VelesFunction;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCollectionTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Types the {@code ?} parameters of vector functions by casting them: {@code l2_distance(v, ?)}
 * becomes {@code l2_distance(v, CAST(? AS REAL ARRAY))} and {@code vec(?)} becomes {@code
 * vec(CAST(? AS VARCHAR))} (also in its dimension-checked form). Calcite cannot infer the type of a
 * parameter inside an ORDER BY expression that is not in the select list; a cast gives it one
 * everywhere, and tells JDBC clients that the parameter is an array.
 */
final class VectorParams {
  private VectorParams() {}

  static SqlNode apply(SqlNode node) {
    if (node == null) {
      return null;
    }
    return node.accept(
        new SqlShuttle() {
          @Override
          public SqlNode visit(SqlCall call) {
            SqlCall c = (SqlCall) super.visit(call);
            if (!(c instanceof SqlBasicCall)) {
              return c;
            }
            String name = c.getOperator().getName().toLowerCase(Locale.ROOT);
            boolean distance =
                VelesFunction.DISTANCE_NAMES.contains(name.replace(VelesFunction.EF_SUFFIX, ""));
            boolean text = name.equals("vec") || name.equals(VelesFunction.VEC_CHECKED);
            if (!distance && !text) {
              return c;
            }
            int vectorArgs = distance ? 2 : 1;
            for (int i = 0; i < Math.min(vectorArgs, c.operandCount()); i++) {
              if (c.operand(i) instanceof SqlDynamicParam p) {
                c.setOperand(i, cast(p, text));
              }
            }
            return c;
          }
        });
  }

  private static SqlNode cast(SqlDynamicParam p, boolean text) {
    SqlParserPos pos = p.getParserPosition();
    SqlDataTypeSpec type =
        text
            ? new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, pos), pos)
            : new SqlDataTypeSpec(
                new SqlCollectionTypeNameSpec(
                    new SqlBasicTypeNameSpec(SqlTypeName.REAL, pos), SqlTypeName.ARRAY, pos),
                pos);
    return SqlStdOperatorTable.CAST.createCall(pos, p, type);
  }
}

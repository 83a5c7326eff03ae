package dev.veles.calcite.parser.impl;

import dev.veles.calcite.SqlState;
import dev.veles.calcite.VelesException;
import dev.veles.calcite.VelesSettings;
import dev.veles.calcite.function.VelesFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlHint;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * The query hint {@code SELECT /*+ ef_search(n) *}{@code / ...}: Calcite's planner drops hints, so
 * the parser writes {@code n} as a third argument into the distance functions of that query, where
 * the k-NN rule reads it.
 */
final class EfSearchHint {
  private EfSearchHint() {}

  static SqlNode apply(SqlNode node) {
    if (node == null) {
      return null;
    }
    return node.accept(
        new SqlShuttle() {
          @Override
          public SqlNode visit(SqlCall call) {
            if (call instanceof SqlOrderBy ob && ob.query instanceof SqlSelect select) {
              Integer ef = ef(select);
              if (ef != null) {
                addEf(select, ef);
                SqlNodeList order = (SqlNodeList) withEf(ob.orderList, ef);
                return new SqlOrderBy(ob.getParserPosition(), ob.query, order, ob.offset, ob.fetch);
              }
            }
            if (call instanceof SqlSelect select) {
              Integer ef = ef(select);
              if (ef != null) {
                addEf(select, ef);
              }
            }
            return super.visit(call);
          }
        });
  }

  private static Integer ef(SqlSelect select) {
    if (select.getHints() == null) {
      return null;
    }
    for (SqlNode h : select.getHints()) {
      if (h instanceof SqlHint hint && hint.getName().equalsIgnoreCase("ef_search")) {
        List<String> options = hint.getOptionList();
        if (options.size() != 1) {
          throw new VelesException(
              SqlState.INVALID_PARAMETER_VALUE,
              "hint ef_search takes one integer, e.g. ef_search(100)");
        }
        try {
          long ef = Long.parseLong(options.get(0).trim());
          VelesSettings.checkEfSearch(ef);
          return (int) ef;
        } catch (NumberFormatException e) {
          throw new VelesException(
              SqlState.INVALID_PARAMETER_VALUE, "hint ef_search needs an integer, got " + options);
        }
      }
    }
    return null;
  }

  private static void addEf(SqlSelect select, int ef) {
    select.setSelectList((SqlNodeList) withEf(select.getSelectList(), ef));
    if (select.getOrderList() != null) {
      select.setOrderBy((SqlNodeList) withEf(select.getOrderList(), ef));
    }
  }

  /** {@code node} with every two-argument distance call given {@code ef} as third argument. */
  private static SqlNode withEf(SqlNode node, int ef) {
    return node.accept(
        new SqlShuttle() {
          @Override
          public SqlNode visit(SqlCall call) {
            SqlCall c = (SqlCall) super.visit(call);
            String name = c.getOperator().getName().toLowerCase(Locale.ROOT);
            if (c instanceof SqlBasicCall
                && c.operandCount() == 2
                && VelesFunction.DISTANCE_NAMES.contains(name)) {
              List<SqlNode> ops = new ArrayList<>(c.getOperandList());
              ops.add(SqlLiteral.createExactNumeric(Integer.toString(ef), c.getParserPosition()));
              SqlIdentifier fn =
                  new SqlIdentifier(name + VelesFunction.EF_SUFFIX, c.getParserPosition());
              return new SqlUnresolvedFunction(
                      fn, null, null, null, null, SqlFunctionCategory.USER_DEFINED_FUNCTION)
                  .createCall(c.getFunctionQuantifier(), c.getParserPosition(), ops);
            }
            return c;
          }
        });
  }
}

package dev.veles.calcite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorTable;

/**
 * Keeps the hidden row id ({@value TableLayout#HIDDEN_ID}) out of a {@code NATURAL JOIN}: two
 * tables without a key both carry it, and joining on it would pair rows by their storage ids. Such
 * a join becomes a join {@code USING} the columns the two sides share otherwise (or {@code ON TRUE}
 * when they share none), before validation, the same result PostgreSQL gives.
 *
 * <p>Only sides whose columns are known before validation are resolved (tables, aliased tables and
 * joins of them); a subquery's {@code *} never includes the hidden id, so it never shares it.
 */
final class NaturalJoins {
  private NaturalJoins() {}

  /** Rewrites {@code join} in place if it is natural and both sides carry the hidden id. */
  static void rewrite(SqlJoin join, SqlValidatorCatalogReader catalog) {
    if (!join.isNatural()) {
      return;
    }
    List<String> left = columns(join.getLeft(), catalog);
    List<String> right = columns(join.getRight(), catalog);
    if (left == null
        || right == null
        || !left.contains(TableLayout.HIDDEN_ID)
        || !right.contains(TableLayout.HIDDEN_ID)) {
      return;
    }
    List<String> common = common(left, right);
    common.remove(TableLayout.HIDDEN_ID);
    SqlParserPos pos = join.getParserPosition();
    join.setOperand(1, SqlLiteral.createBoolean(false, pos));
    if (common.isEmpty()) {
      join.setOperand(4, JoinConditionType.ON.symbol(pos));
      join.setOperand(5, SqlLiteral.createBoolean(true, pos));
    } else {
      SqlNodeList using = new SqlNodeList(pos);
      for (String c : common) {
        using.add(new SqlIdentifier(c, pos));
      }
      join.setOperand(4, JoinConditionType.USING.symbol(pos));
      join.setOperand(5, using);
    }
  }

  /** Names that occur exactly once on each side, in left order (the SQL rule for NATURAL). */
  private static List<String> common(List<String> left, List<String> right) {
    List<String> out = new ArrayList<>();
    for (String n : left) {
      if (Collections.frequency(left, n) == 1 && Collections.frequency(right, n) == 1) {
        out.add(n);
      }
    }
    return out;
  }

  /** The column names a FROM item exposes, the hidden id included; null when not known yet. */
  private static List<String> columns(SqlNode node, SqlValidatorCatalogReader catalog) {
    if (node instanceof SqlIdentifier id) {
      SqlValidatorTable t = catalog.getTable(id.names);
      return t == null
          ? null
          : t.getRowType().getFieldList().stream().map(RelDataTypeField::getName).toList();
    }
    if (node.getKind() == SqlKind.AS && node instanceof SqlBasicCall as) {
      List<SqlNode> ops = as.getOperandList();
      if (ops.size() > 2) { // t AS a(x, y): the names are given
        return ops.subList(2, ops.size()).stream()
            .map(n -> ((SqlIdentifier) n).getSimple())
            .toList();
      }
      return columns(ops.get(0), catalog);
    }
    if (node instanceof SqlJoin j) {
      List<String> l = columns(j.getLeft(), catalog);
      List<String> r = columns(j.getRight(), catalog);
      if (l == null || r == null) {
        return null;
      }
      List<String> shared =
          j.isNatural()
              ? common(l, r)
              : j.getConditionType() == JoinConditionType.USING
                  ? ((SqlNodeList) j.getCondition())
                      .stream().map(n -> ((SqlIdentifier) n).getSimple()).toList()
                  : List.of();
      List<String> out = new ArrayList<>(shared);
      l.stream().filter(n -> !shared.contains(n)).forEach(out::add);
      r.stream().filter(n -> !shared.contains(n)).forEach(out::add);
      return out;
    }
    return null;
  }
}

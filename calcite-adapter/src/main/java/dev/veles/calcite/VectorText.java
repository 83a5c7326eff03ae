package dev.veles.calcite;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorTable;

/**
 * Lets a vector be written as text where a statement assigns it: {@code INSERT INTO t VALUES (1,
 * '[1,2,3]')} and {@code UPDATE t SET v = '[1,2,3]'}, as pgvector accepts. The text literal
 * assigned to a vector column is wrapped in {@code vec(...)}, the function that parses the text
 * form; Calcite itself has no cast from text to an array.
 *
 * <p>Stateless; the rewrite changes the statement's nodes in place.
 */
final class VectorText {
  private VectorText() {}

  /** Rewrites {@code node} if it is an INSERT ... VALUES or an UPDATE that assigns text. */
  static void rewriteAssignments(SqlNode node, SqlValidatorCatalogReader catalog) {
    if (node instanceof SqlInsert insert
        && insert.getTargetTable() instanceof SqlIdentifier target
        && insert.getSource().getKind() == SqlKind.VALUES) {
      RelDataType row = rowType(catalog, target);
      if (row == null) {
        return;
      }
      List<RelDataTypeField> columns = targets(row, insert.getTargetColumnList());
      for (SqlNode r : ((SqlCall) insert.getSource()).getOperandList()) {
        if (r instanceof SqlBasicCall values && values.getKind() == SqlKind.ROW) {
          for (int i = 0; i < values.operandCount() && i < columns.size(); i++) {
            if (columns.get(i) != null && isVector(columns.get(i).getType())) {
              values.setOperand(i, wrap(values.operand(i)));
            }
          }
        }
      }
    } else if (node instanceof SqlUpdate update
        && update.getTargetTable() instanceof SqlIdentifier target) {
      RelDataType row = rowType(catalog, target);
      if (row == null) {
        return;
      }
      SqlNodeList names = update.getTargetColumnList();
      SqlNodeList sources = update.getSourceExpressionList();
      for (int i = 0; i < names.size() && i < sources.size(); i++) {
        RelDataTypeField f =
            names.get(i) instanceof SqlIdentifier id && id.isSimple()
                ? row.getField(id.getSimple(), false, false)
                : null;
        if (f != null && isVector(f.getType())) {
          sources.set(i, wrap(sources.get(i)));
        }
      }
    }
  }

  /** The text assigned to a vector column by {@code ON CONFLICT DO UPDATE SET}, wrapped. */
  static void rewriteAssignments(
      dev.veles.calcite.parser.SqlOnConflict oc, SqlValidatorCatalogReader catalog) {
    if (!(oc.insert().getTargetTable() instanceof SqlIdentifier target)) {
      return;
    }
    RelDataType row = rowType(catalog, target);
    if (row == null) {
      return;
    }
    SqlNodeList values = oc.assignments().getSelectList();
    List<String> columns = oc.updateColumns();
    for (int i = 0; i < columns.size(); i++) {
      RelDataTypeField f = row.getField(columns.get(i), false, false);
      if (f != null && isVector(f.getType())) {
        values.set(i, wrap(values.get(i)));
      }
    }
  }

  private static RelDataType rowType(SqlValidatorCatalogReader catalog, SqlIdentifier target) {
    SqlValidatorTable table = catalog.getTable(target.names);
    return table == null ? null : table.getRowType();
  }

  /** The columns that the values of each row go to, in order; null where a name is unknown. */
  private static List<RelDataTypeField> targets(RelDataType row, SqlNodeList names) {
    if (names == null) {
      return row.getFieldList();
    }
    return names.stream()
        .map(
            n ->
                n instanceof SqlIdentifier id && id.isSimple()
                    ? row.getField(id.getSimple(), false, false)
                    : null)
        .toList();
  }

  private static boolean isVector(RelDataType type) {
    return type.getSqlTypeName() == SqlTypeName.ARRAY
        && type.getComponentType() != null
        && type.getComponentType().getSqlTypeName() == SqlTypeName.REAL;
  }

  private static SqlNode wrap(SqlNode value) {
    if (!(value instanceof SqlCharStringLiteral)) {
      return value;
    }
    SqlParserPos pos = value.getParserPosition();
    return new SqlUnresolvedFunction(
            new SqlIdentifier("vec", pos),
            null,
            null,
            null,
            null,
            SqlFunctionCategory.USER_DEFINED_FUNCTION)
        .createCall(pos, value);
  }
}

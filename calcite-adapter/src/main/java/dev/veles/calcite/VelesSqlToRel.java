package dev.veles.calcite;

import dev.veles.calcite.parser.SqlOnConflict;
import dev.veles.calcite.parser.SqlReturning;
import dev.veles.calcite.rel.DmlModify;
import dev.veles.calcite.rel.OnConflictSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.SqlToRelConverter;

/**
 * Calcite's SQL-to-relational converter, also for {@code ON CONFLICT} and {@code RETURNING}: the
 * insert is converted as usual and becomes a {@link DmlModify} with the assignments' expressions; a
 * RETURNING query is converted over its hidden table ({@link WrittenRows}), which is then replaced
 * by the modification itself.
 *
 * <p>Not thread-safe: one per statement being prepared, like Calcite's.
 */
final class VelesSqlToRel extends SqlToRelConverter {
  VelesSqlToRel(
      RelOptTable.ViewExpander viewExpander,
      SqlValidator validator,
      Prepare.CatalogReader catalogReader,
      RelOptCluster cluster,
      SqlRexConvertletTable convertletTable,
      Config config) {
    super(viewExpander, validator, catalogReader, cluster, convertletTable, config);
    this.sqlValidator = validator;
  }

  private final SqlValidator sqlValidator;

  /**
   * Converts a statement; a RETURNING statement here, since Calcite's own would read it as a plain
   * SELECT.
   */
  @Override
  public RelRoot convertQuery(SqlNode query, boolean needsValidation, boolean top) {
    if (query instanceof SqlReturning) {
      SqlNode validated = needsValidation ? sqlValidator.validate(query) : query;
      RelRoot root = convertQueryRecursive(validated, top, null);
      return RelRoot.of(root.rel, sqlValidator.getValidatedNodeType(validated), SqlKind.SELECT);
    }
    return super.convertQuery(query, needsValidation, top);
  }

  @Override
  protected RelRoot convertQueryRecursive(SqlNode query, boolean top, RelDataType targetRowType) {
    if (query instanceof SqlReturning r) {
      RelNode dml = convertQueryRecursive(r.dml(), false, null).rel;
      DmlModify written = DmlModify.of((TableModify) dml, null, true);
      RelRoot q = super.convertQueryRecursive(r.query(), top, targetRowType);
      RelNode rel =
          q.rel.accept(
              new RelShuttleImpl() {
                @Override
                public RelNode visit(TableScan scan) {
                  return scan.getTable().unwrap(WrittenRows.class) != null ? written : scan;
                }
              });
      return RelRoot.of(rel, q.validatedRowType, SqlKind.SELECT);
    }
    if (query instanceof SqlOnConflict oc) {
      TableModify insert =
          (TableModify) super.convertQueryRecursive(oc.insert(), top, targetRowType).rel;
      return RelRoot.of(DmlModify.of(insert, spec(oc, insert), false), SqlKind.INSERT);
    }
    return super.convertQueryRecursive(query, top, targetRowType);
  }

  /** The planned ON CONFLICT of {@code insert}: target checked, assignments converted. */
  private OnConflictSpec spec(SqlOnConflict oc, TableModify insert) {
    VelesTable table = insert.getTable().unwrap(VelesTable.class);
    if (table == null) {
      throw new VelesException(
          SqlState.FEATURE_NOT_SUPPORTED, "ON CONFLICT is supported on tables only");
    }
    TableLayout layout = table.layout();
    int key = conflictKey(table, oc.target(), oc.isUpdate());
    if (!oc.isUpdate()) {
      return new OnConflictSpec(false, new int[0], List.of(), false, null, key);
    }
    RelNode rel = super.convertQueryRecursive(oc.assignments(), false, null).rel;
    if (!(rel instanceof LogicalProject p) || !(p.getInput() instanceof LogicalJoin join)) {
      throw notSupported();
    }
    RelDataType rowType = insert.getTable().getRowType();
    RexBuilder rex = getRexBuilder();
    List<String> columns = oc.updateColumns();
    int[] fields = new int[columns.size()];
    List<RexNode> exprs = new ArrayList<>(p.getProjects());
    for (RexNode e : exprs) {
      if (RexUtil.SubQueryFinder.containsSubQuery(p) || RexUtil.containsCorrelation(e)) {
        throw notSupported();
      }
    }
    for (int j = 0; j < fields.length; j++) {
      fields[j] = layout.field(columns.get(j));
      if (fields[j] < 0) {
        throw new VelesException(
            SqlState.UNDEFINED_COLUMN,
            "column " + columns.get(j) + " of table " + table.name() + " does not exist");
      }
      if (fields[j] == layout.idField()) {
        throw new VelesException(
            SqlState.FEATURE_NOT_SUPPORTED,
            "ON CONFLICT DO UPDATE cannot change the key of a row; DELETE it and INSERT it with"
                + " the new key");
      }
      exprs.set(j, assignable(rex, rowType.getFieldList().get(fields[j]), exprs.get(j)));
    }
    if (oc.hasCondition()
        && exprs.getLast().getType().getSqlTypeName() != SqlTypeName.BOOLEAN
        && exprs.getLast().getType().getSqlTypeName() != SqlTypeName.NULL) {
      throw new VelesException(
          SqlState.DATATYPE_MISMATCH,
          "argument of WHERE must be type boolean, not " + exprs.getLast().getType());
    }
    return new OnConflictSpec(true, fields, exprs, oc.hasCondition(), join.getRowType(), key);
  }

  /**
   * What a conflict is on (see {@link OnConflictAction#key()}): the row id when the target is the
   * integer key, else the unique key (primary key, UNIQUE constraint or unique index) whose columns
   * the target names, in any order; without a target, DO NOTHING skips a conflict on any of them.
   *
   * @throws VelesException 42P10 if no unique key has exactly the target's columns
   */
  private static int conflictKey(VelesTable table, List<String> target, boolean update) {
    TableLayout layout = table.layout();
    if (target == null) {
      return update ? OnConflictAction.ROW_ID : OnConflictAction.ANY_KEY;
    }
    String id = layout.names().get(layout.idField());
    if (!layout.hiddenId() && target.size() == 1 && target.get(0).equalsIgnoreCase(id)) {
      return OnConflictAction.ROW_ID;
    }
    java.util.Set<String> columns = new java.util.HashSet<>();
    for (String t : target) {
      int f = layout.field(t);
      String c = f < 0 || f == layout.idField() ? null : layout.filterColumn(f);
      columns.add(c == null ? "?" + t : c);
    }
    List<List<String>> keys = layout.schema().uniqueKeys();
    for (int k = 0; k < keys.size(); k++) {
      if (keys.get(k).size() == columns.size() && columns.containsAll(keys.get(k))) {
        return k;
      }
    }
    List<String> choices = new ArrayList<>();
    if (!layout.hiddenId()) {
      choices.add("(" + id + ")");
    }
    for (List<String> k : keys) {
      choices.add("(" + String.join(", ", k) + ")");
    }
    throw new VelesException(
        SqlState.INVALID_COLUMN_REFERENCE,
        "there is no unique or exclusion constraint matching the ON CONFLICT specification "
            + target
            + (choices.isEmpty()
                ? ": table " + table.name() + " has no key"
                : ": the conflict targets of table "
                    + table.name()
                    + " are "
                    + String.join(", ", choices)));
  }

  /** {@code e} converted to the type of {@code field}, or 42804 if it cannot be assigned. */
  private static RexNode assignable(
      RexBuilder rex, org.apache.calcite.rel.type.RelDataTypeField field, RexNode e) {
    RelDataType to = field.getType();
    RelDataType from = e.getType();
    if (to.getSqlTypeName() == SqlTypeName.ARRAY) {
      if (from.getSqlTypeName() == SqlTypeName.ARRAY || from.getSqlTypeName() == SqlTypeName.NULL) {
        return e; // vectors are converted (and their dimension checked) when the row is built
      }
    } else if (SqlTypeUtil.canAssignFrom(to, from)) {
      return SqlTypeUtil.equalSansNullability(to, from)
          ? e
          : rex.makeCast(
              rex.getTypeFactory().createTypeWithNullability(to, from.isNullable()), e, true);
    }
    throw new VelesException(
        SqlState.DATATYPE_MISMATCH,
        "column "
            + field.getName()
            + " is of type "
            + to.getSqlTypeName()
            + " but the expression assigned to it is of type "
            + from.getSqlTypeName());
  }

  private static VelesException notSupported() {
    return new VelesException(
        SqlState.FEATURE_NOT_SUPPORTED,
        "ON CONFLICT DO UPDATE with a sub-query is not supported: assign expressions over the"
            + " existing row and EXCLUDED");
  }
}

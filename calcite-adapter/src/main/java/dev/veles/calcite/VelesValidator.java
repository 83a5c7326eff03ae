package dev.veles.calcite;

import static org.apache.calcite.util.Static.RESOURCE;

import dev.veles.calcite.parser.ProcedureCalls;
import dev.veles.calcite.parser.SqlOnConflict;
import dev.veles.calcite.parser.SqlReturning;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalciteSqlValidator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.Resources;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SelectScope;
import org.apache.calcite.sql.validate.SqlValidatorException;
import org.apache.calcite.sql.validate.SqlValidatorTable;
import org.apache.calcite.util.Util;

/**
 * Calcite's validator with a SQLSTATE attached to the validation errors that have one: every error
 * the validator raises passes {@link #newValidationError}, which knows the resource (Calcite's
 * message definition) it was raised with and returns a {@link VelesValidationException} carrying
 * the state for the resources of {@link #STATES}.
 *
 * <p>A resource is identified by its message template, the bundle entry of its method in {@link
 * org.apache.calcite.util.Static#RESOURCE}, read from Calcite itself: no formatted message is
 * parsed, and an upgrade that rewords a message changes both sides alike.
 *
 * <p>Not thread-safe, like every validator: one per statement being prepared.
 */
final class VelesValidator extends CalciteSqlValidator {
  /** SQLSTATE by the template of the resource that raised the error. */
  private static final Map<String, SqlState> STATES = states();

  /** The statement being validated, where an unknown name's suggestions are looked for. */
  private SqlNode statement;

  VelesValidator(
      SqlOperatorTable opTab,
      CalciteCatalogReader catalogReader,
      JavaTypeFactory typeFactory,
      Config config) {
    super(opTab, catalogReader, typeFactory, config);
  }

  /**
   * Text assigned to a vector column by INSERT or UPDATE is wrapped in {@code vec} ({@link
   * VectorText}).
   */
  @Override
  protected SqlNode performUnconditionalRewrites(SqlNode node, boolean underFrom) {
    VectorText.rewriteAssignments(node, getCatalogReader());
    if (node instanceof SqlJoin join) {
      NaturalJoins.rewrite(join, getCatalogReader());
    } else if (node instanceof SqlSelect select) {
      ColumnNames.name(select);
    }
    return super.performUnconditionalRewrites(node, underFrom);
  }

  /** Select items a {@code *} expanded to the hidden row id: dropped once the list is complete. */
  private final Set<SqlNode> hiddenItems = Collections.newSetFromMap(new IdentityHashMap<>());

  /**
   * Marks the hidden row id ({@value TableLayout#HIDDEN_ID}) that a {@code *} expands to, so that
   * {@link #validateSelectList} leaves it out; it is still selectable by name. It is added first
   * because a join {@code USING} reorders the expanded columns by position.
   */
  @Override
  protected void addToSelectList(
      List<SqlNode> list,
      Set<String> aliases,
      List<Map.Entry<String, RelDataType>> fieldList,
      SqlNode exp,
      SelectScope scope,
      boolean includeSystemVars) {
    super.addToSelectList(list, aliases, fieldList, exp, scope, includeSystemVars);
    if (exp instanceof SqlIdentifier id
        && !id.isStar()
        && Util.last(id.names).equalsIgnoreCase(TableLayout.HIDDEN_ID)) {
      hiddenItems.add(list.get(list.size() - 1));
    }
  }

  @Override
  protected RelDataType validateSelectList(
      SqlNodeList selectItems, SqlSelect select, RelDataType targetRowType) {
    RelDataType type = super.validateSelectList(selectItems, select, targetRowType);
    SelectScope scope = getRawSelectScope(select);
    List<SqlNode> expanded = scope == null ? null : scope.getExpandedSelectList();
    if (hiddenItems.isEmpty() || expanded == null) {
      return type;
    }
    List<SqlNode> items = new ArrayList<>();
    List<RelDataTypeField> fields = new ArrayList<>();
    for (int i = 0; i < expanded.size(); i++) {
      if (!hiddenItems.remove(expanded.get(i))) {
        items.add(expanded.get(i));
        fields.add(type.getFieldList().get(i));
      }
    }
    if (items.size() == expanded.size()) {
      return type;
    }
    scope.setExpandedSelectList(items);
    select.setSelectList(new SqlNodeList(items, select.getSelectList().getParserPosition()));
    return getTypeFactory().createStructType(fields);
  }

  /** A DELETE's rows carry the hidden row id, which identifies them (see {@link TableLayout}). */
  @Override
  protected SqlSelect createSourceSelectForDelete(SqlDelete call) {
    SqlSelect select = super.createSourceSelectForDelete(call);
    if (hiddenId(call.getTargetTable())) {
      select.getSelectList().add(new SqlIdentifier(TableLayout.HIDDEN_ID, SqlParserPos.ZERO));
    }
    return select;
  }

  /** An UPDATE's rows carry the hidden row id after the table's columns, in table order. */
  @Override
  protected SqlSelect createSourceSelectForUpdate(SqlUpdate call) {
    SqlSelect select = super.createSourceSelectForUpdate(call);
    if (hiddenId(call.getTargetTable())) {
      select.getSelectList().add(1, new SqlIdentifier(TableLayout.HIDDEN_ID, SqlParserPos.ZERO));
    }
    return select;
  }

  private boolean hiddenId(SqlNode target) {
    VelesTable t = velesTable(target);
    return t != null && t.layout().hiddenId();
  }

  private VelesTable velesTable(SqlNode target) {
    if (!(target instanceof SqlIdentifier id)) {
      return null;
    }
    SqlValidatorTable table = getCatalogReader().getTable(id.names);
    return table == null ? null : table.unwrap(VelesTable.class);
  }

  /**
   * Refuses an explicit value for a {@code GENERATED ALWAYS AS IDENTITY} column (SQLSTATE 428C9),
   * as PostgreSQL does; {@code DEFAULT} in its place is fine.
   */
  private void checkIdentityAlways(SqlInsert insert) {
    VelesTable t = velesTable(insert.getTargetTable());
    if (t == null || !t.layout().identityAlways()) {
      return;
    }
    TableLayout layout = t.layout();
    int position = -1;
    if (insert.getTargetColumnList() == null) {
      position = layout.idField();
    } else {
      for (int i = 0; i < insert.getTargetColumnList().size(); i++) {
        SqlIdentifier c = (SqlIdentifier) insert.getTargetColumnList().get(i);
        if (layout.field(Util.last(c.names)) == layout.idField()) {
          position = i;
        }
      }
    }
    if (position < 0) {
      return;
    }
    String column = layout.names().get(layout.idField());
    SqlNode source = insert.getSource();
    if (source.getKind() == SqlKind.VALUES) {
      for (SqlNode row : ((SqlCall) source).getOperandList()) {
        if (row instanceof SqlCall r
            && r.operandCount() > position
            && r.operand(position).getKind() != SqlKind.DEFAULT) {
          throw alwaysIdentity(column);
        }
      }
    } else if (insert.getTargetColumnList() != null) {
      throw alwaysIdentity(column);
    }
  }

  private static VelesException alwaysIdentity(String column) {
    return new VelesException(
        SqlState.GENERATED_ALWAYS,
        "cannot insert a non-DEFAULT value into column "
            + column
            + ": it is GENERATED ALWAYS AS IDENTITY (leave it out or write DEFAULT)");
  }

  /**
   * Validates the statements Calcite does not know: {@code ON CONFLICT} (the insert, then its
   * assignments as a query) and {@code RETURNING} (the statement, then the query over its rows).
   */
  @Override
  public SqlNode validate(SqlNode topNode) {
    if (statement == null) {
      statement = topNode;
    }
    if (topNode instanceof SqlReturning r) {
      r.setOperand(0, validate(r.dml()));
      SqlNode query = super.validate(r.query());
      r.setOperand(1, query);
      setValidatedNodeType(r, getValidatedNodeType(query));
      return r;
    }
    if (topNode instanceof SqlOnConflict oc) {
      oc.checkSupported();
      SqlNode insert = super.validate(oc.insert());
      oc.setOperand(0, insert);
      if (oc.assignments() != null) {
        VectorText.rewriteAssignments(oc, getCatalogReader());
        oc.setOperand(1, super.validate(oc.assignments()));
      }
      setValidatedNodeType(oc, getValidatedNodeType(insert));
      return oc;
    }
    return super.validate(topNode);
  }

  @Override
  public CalciteContextException newValidationError(
      SqlNode node, Resources.ExInst<SqlValidatorException> e) {
    CalciteContextException error = super.newValidationError(node, e);
    SqlState state = stateOf(e);
    if (state == null) {
      return error;
    }
    String reason = UnknownNames.reason(state, node, statement, getCatalogReader());
    return new VelesValidationException(state, error, reason);
  }

  /**
   * Validates an insert, first checking that a {@code CALL} (an insert into a procedure table, see
   * {@code ProcedureCalls}) passes as many arguments as the procedure takes.
   */
  @Override
  public void validateInsert(SqlInsert insert) {
    if (insert.getTargetTable() instanceof SqlIdentifier id
        && id.names.size() == 2
        && id.names.get(0).equals(ProcedureCalls.SCHEMA)
        && insert.getSource() instanceof SqlCall values
        && values.getKind() == SqlKind.VALUES
        && values.operandCount() == 1
        && values.operand(0) instanceof SqlCall row) {
      SqlValidatorTable table = getCatalogReader().getTable(id.names);
      ProcedureTable p = table == null ? null : table.unwrap(ProcedureTable.class);
      int given = row.operandCount() - 1;
      if (p != null && given != p.parameters().size()) {
        throw new VelesException(
            SqlState.UNDEFINED_FUNCTION,
            "procedure "
                + p.name()
                + " takes "
                + p.parameters().size()
                + " argument(s)"
                + (p.parameters().isEmpty() ? "" : " " + p.parameters())
                + ", got "
                + given);
      }
    }
    refuseView(insert.getTargetTable(), "insert into");
    checkIdentityAlways(insert);
    VelesTable target = velesTable(insert.getTargetTable());
    if (target != null && target.layout().hiddenId() && insert.getTargetColumnList() == null) {
      // without a column list an INSERT fills the declared columns, never the hidden row id
      List<String> names = target.layout().names();
      SqlNodeList columns = new SqlNodeList(SqlParserPos.ZERO);
      for (int i = 0; i < names.size(); i++) {
        if (i != target.layout().idField()) {
          columns.add(new SqlIdentifier(names.get(i), SqlParserPos.ZERO));
        }
      }
      insert.setOperand(3, columns);
    }
    super.validateInsert(insert);
  }

  @Override
  public void validateUpdate(org.apache.calcite.sql.SqlUpdate call) {
    refuseView(call.getTargetTable(), "update");
    super.validateUpdate(call);
  }

  @Override
  public void validateDelete(org.apache.calcite.sql.SqlDelete call) {
    refuseView(call.getTargetTable(), "delete from");
    super.validateDelete(call);
  }

  /** Views are read-only: a write to one is refused before planning (0A000). */
  private void refuseView(SqlNode target, String what) {
    if (target instanceof SqlIdentifier id) {
      SqlValidatorTable t = getCatalogReader().getTable(id.names);
      if (t != null && t.unwrap(org.apache.calcite.schema.impl.ViewTable.class) != null) {
        throw new VelesException(
            SqlState.FEATURE_NOT_SUPPORTED,
            "cannot "
                + what
                + " view "
                + id
                + ": views are read-only in Veles; write to the table the view reads");
      }
    }
  }

  /** The state of an error raised with resource {@code e}, or null for a generic one. */
  static SqlState stateOf(Resources.Inst e) {
    return STATES.get(template(e));
  }

  private static String template(Resources.Inst e) {
    return e.localize(Locale.ROOT).raw();
  }

  private static Map<String, SqlState> states() {
    Map<String, SqlState> m = new HashMap<>();
    for (Resources.Inst e :
        new Resources.Inst[] {
          RESOURCE.objectNotFound(""),
          RESOURCE.objectNotFoundWithin("", ""),
          RESOURCE.objectNotFoundDidYouMean("", ""),
          RESOURCE.objectNotFoundWithinDidYouMean("", "", ""),
          RESOURCE.tableNameNotFound(""),
          RESOURCE.tableNameNotFoundDidYouMean("", "")
        }) {
      m.put(template(e), SqlState.UNDEFINED_TABLE);
    }
    for (Resources.Inst e :
        new Resources.Inst[] {
          RESOURCE.columnNotFound(""),
          RESOURCE.columnNotFoundDidYouMean("", ""),
          RESOURCE.columnNotFoundInTable("", ""),
          RESOURCE.columnNotFoundInTableDidYouMean("", "", ""),
          RESOURCE.unknownTargetColumn("")
        }) {
      m.put(template(e), SqlState.UNDEFINED_COLUMN);
    }
    m.put(template(RESOURCE.validatorUnknownFunction("")), SqlState.UNDEFINED_FUNCTION);
    m.put(template(RESOURCE.columnNotNullable("")), SqlState.NOT_NULL_VIOLATION);
    return Map.copyOf(m);
  }
}

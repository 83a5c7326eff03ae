package dev.veles.calcite;

import static org.apache.calcite.util.Static.RESOURCE;

import dev.veles.calcite.parser.ProcedureCalls;
import dev.veles.calcite.parser.SqlOnConflict;
import dev.veles.calcite.parser.SqlReturning;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalciteSqlValidator;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.Resources;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.validate.SqlValidatorException;
import org.apache.calcite.sql.validate.SqlValidatorTable;

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
    return super.performUnconditionalRewrites(node, underFrom);
  }

  /**
   * Validates the statements Calcite does not know: {@code ON CONFLICT} (the insert, then its
   * assignments as a query) and {@code RETURNING} (the statement, then the query over its rows).
   */
  @Override
  public SqlNode validate(SqlNode topNode) {
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
    return state == null ? error : new VelesValidationException(state, error);
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
    super.validateInsert(insert);
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

package dev.veles.calcite.parser;

import dev.veles.calcite.SqlState;
import dev.veles.calcite.VelesException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * {@code INSERT ... ON CONFLICT [(key)] DO NOTHING | DO UPDATE SET col = expr, ... [WHERE cond]},
 * as PostgreSQL has it: the insert, and for {@code DO UPDATE} a query that states the assignments
 * over the existing row and the proposed one ({@code SELECT expr, ..., cond FROM t AS t, t AS
 * excluded}), which the validator checks like any query and the engine evaluates row by row, on the
 * locked existing row.
 *
 * <p>Bare column names in the assignments and the condition name the existing row, as in
 * PostgreSQL; {@code EXCLUDED.col} names the row proposed for insertion.
 *
 * <p>Not thread-safe (a parse tree).
 */
public final class SqlOnConflict extends SqlCall {
  /** The alias of the proposed row. */
  public static final String EXCLUDED = "excluded";

  static final SqlOperator OPERATOR = new SqlSpecialOperator("ON CONFLICT", SqlKind.INSERT);

  private SqlInsert insert;
  private final SqlNodeList target;
  private final List<String> updateColumns;
  private final boolean hasCondition;
  private final VelesException refusal;
  private SqlSelect assignments;

  /**
   * @param target the conflict target's columns, null when none was given
   * @param columns for DO UPDATE, the assigned columns; null for DO NOTHING
   * @param values the assigned values, one per column
   * @param where the DO UPDATE condition, or null
   * @param refusal why this variant is not supported (0A000), or null
   */
  public SqlOnConflict(
      SqlParserPos pos,
      SqlInsert insert,
      SqlNodeList target,
      SqlNodeList columns,
      SqlNodeList values,
      SqlNode where,
      String refusal) {
    super(pos);
    this.insert = insert;
    this.target = target;
    if (refusal != null) {
      this.refusal = new VelesException(SqlState.FEATURE_NOT_SUPPORTED, refusal);
    } else if (columns != null && target == null) {
      this.refusal =
          new VelesException(
              SqlState.SYNTAX_ERROR,
              "ON CONFLICT DO UPDATE requires a conflict target: ON CONFLICT (key) DO UPDATE");
    } else {
      this.refusal = null;
    }
    if (columns == null || this.refusal != null) {
      this.updateColumns = null;
      this.hasCondition = false;
      return;
    }
    List<String> names = new ArrayList<>();
    for (SqlNode c : columns) {
      names.add(((SqlIdentifier) c).getSimple());
    }
    this.updateColumns = List.copyOf(names);
    this.hasCondition = where != null;
    this.assignments = assignments(insert, values, where, pos);
  }

  /** {@code SELECT values..., where FROM t AS t, t AS excluded}, bare names qualified with t. */
  private static SqlSelect assignments(
      SqlInsert insert, SqlNodeList values, SqlNode where, SqlParserPos pos) {
    SqlIdentifier table = (SqlIdentifier) insert.getTargetTable();
    String alias = table.names.get(table.names.size() - 1);
    SqlShuttle qualify =
        new SqlShuttle() {
          @Override
          public SqlNode visit(SqlIdentifier id) {
            return id.isSimple() && !id.isStar()
                ? new SqlIdentifier(List.of(alias, id.getSimple()), id.getParserPosition())
                : id;
          }
        };
    SqlNodeList select = new SqlNodeList(pos);
    for (SqlNode v : values) {
      select.add(v.accept(qualify));
    }
    if (where != null) {
      select.add(where.accept(qualify));
    }
    SqlNode existing = as(table, alias, pos);
    SqlNode proposed = as(table, EXCLUDED, pos);
    SqlJoin from =
        new SqlJoin(
            pos,
            existing,
            SqlLiteral.createBoolean(false, pos),
            JoinType.COMMA.symbol(pos),
            proposed,
            JoinConditionType.NONE.symbol(pos),
            null);
    return new SqlSelect(
        pos, null, select, from, null, null, null, null, null, null, null, null, null);
  }

  private static SqlNode as(SqlIdentifier table, String alias, SqlParserPos pos) {
    // a copy each: the validator keeps its scopes by node, so two sides need two nodes
    SqlIdentifier t = new SqlIdentifier(table.names, table.getParserPosition());
    return SqlStdOperatorTable.AS.createCall(pos, t, new SqlIdentifier(alias, pos));
  }

  /** Throws the refusal of a variant that Veles parses but does not support. */
  public void checkSupported() {
    if (refusal != null) {
      throw refusal;
    }
  }

  public SqlInsert insert() {
    return insert;
  }

  /** The conflict target's column names, or null when none was given. */
  public List<String> target() {
    if (target == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (SqlNode n : target) {
      out.add(((SqlIdentifier) n).getSimple());
    }
    return out;
  }

  /** Whether the action is DO UPDATE. */
  public boolean isUpdate() {
    return updateColumns != null;
  }

  /** The columns DO UPDATE assigns, in order. */
  public List<String> updateColumns() {
    return updateColumns;
  }

  /** Whether DO UPDATE has a WHERE condition (the last item of {@link #assignments()}). */
  public boolean hasCondition() {
    return hasCondition;
  }

  /** The query stating the assignments (and the condition), or null for DO NOTHING. */
  public SqlSelect assignments() {
    return assignments;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public SqlKind getKind() {
    return SqlKind.INSERT;
  }

  /** The insert, then the assignments: the order of their parameters in the statement's text. */
  @Override
  public List<SqlNode> getOperandList() {
    return Arrays.asList(insert, assignments);
  }

  @Override
  public void setOperand(int i, SqlNode operand) {
    switch (i) {
      case 0 -> insert = (SqlInsert) operand;
      case 1 -> assignments = (SqlSelect) operand;
      default -> throw new IllegalArgumentException("operand " + i);
    }
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    insert.unparse(writer, leftPrec, rightPrec);
    writer.keyword("ON CONFLICT");
    if (target != null) {
      SqlWriter.Frame f = writer.startList("(", ")");
      for (SqlNode n : target) {
        writer.sep(",");
        n.unparse(writer, 0, 0);
      }
      writer.endList(f);
    }
    writer.keyword(isUpdate() ? "DO UPDATE" : "DO NOTHING");
  }
}

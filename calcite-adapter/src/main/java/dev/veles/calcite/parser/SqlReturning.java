package dev.veles.calcite.parser;

import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * An INSERT, UPDATE or DELETE with {@code RETURNING items}: the statement, and the query {@code
 * SELECT items FROM "$returning".t} that the validator checks like any query over the table (so
 * {@code *}, expressions and aliases work as in a SELECT). When planned, the hidden table in that
 * query is replaced by the modification itself, whose output is the rows it wrote (for DELETE, the
 * rows it removed).
 *
 * <p>A query (kind SELECT): JDBC returns its rows as a result set.
 *
 * <p>Not thread-safe (a parse tree).
 */
public final class SqlReturning extends SqlCall {
  /** The hidden schema whose tables stand for the rows a modification wrote. */
  public static final String SCHEMA = "$returning";

  static final SqlOperator OPERATOR = new SqlSpecialOperator("RETURNING", SqlKind.SELECT);

  private SqlNode dml;
  private SqlSelect query;

  public SqlReturning(SqlParserPos pos, SqlNode dml, SqlNodeList items) {
    super(pos);
    this.dml = dml;
    SqlIdentifier table = targetOf(dml);
    SqlIdentifier rows =
        new SqlIdentifier(
            List.of(SCHEMA, table.names.get(table.names.size() - 1)), table.getParserPosition());
    this.query =
        new SqlSelect(pos, null, items, rows, null, null, null, null, null, null, null, null, null);
  }

  /** The table {@code dml} modifies. */
  public static SqlIdentifier targetOf(SqlNode dml) {
    SqlNode t =
        switch (dml) {
          case SqlOnConflict oc -> oc.insert().getTargetTable();
          case SqlInsert i -> i.getTargetTable();
          case SqlUpdate u -> u.getTargetTable();
          case org.apache.calcite.sql.SqlDelete d -> d.getTargetTable();
          default -> null;
        };
    if (!(t instanceof SqlIdentifier id)) {
      throw new dev.veles.calcite.VelesException(
          dev.veles.calcite.SqlState.FEATURE_NOT_SUPPORTED,
          "RETURNING is not supported on this statement: " + dml.getKind());
    }
    return id;
  }

  public SqlNode dml() {
    return dml;
  }

  /** {@code SELECT items FROM "$returning".t}. */
  public SqlSelect query() {
    return query;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public SqlKind getKind() {
    return SqlKind.SELECT;
  }

  /** The statement, then the query: the order of their parameters in the statement's text. */
  @Override
  public List<SqlNode> getOperandList() {
    return Arrays.asList(dml, query);
  }

  @Override
  public void setOperand(int i, SqlNode operand) {
    switch (i) {
      case 0 -> dml = operand;
      case 1 -> query = (SqlSelect) operand;
      default -> throw new IllegalArgumentException("operand " + i);
    }
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    dml.unparse(writer, leftPrec, rightPrec);
    writer.keyword("RETURNING");
    query.getSelectList().unparse(writer, 0, 0);
  }
}

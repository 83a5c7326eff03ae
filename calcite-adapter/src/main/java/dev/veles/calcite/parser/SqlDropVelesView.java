package dev.veles.calcite.parser;

import java.util.List;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DROP VIEW [IF EXISTS] name [, ...] [CASCADE | RESTRICT]}. */
public final class SqlDropVelesView extends SqlDrop {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("DROP VIEW", SqlKind.DROP_VIEW);

  /** The views, each a {@link org.apache.calcite.sql.SqlIdentifier}. */
  public final SqlNodeList names;

  public SqlDropVelesView(SqlParserPos pos, boolean ifExists, SqlNodeList names) {
    super(OPERATOR, pos, ifExists);
    this.names = names;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(names);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DROP VIEW");
    if (ifExists) {
      writer.keyword("IF EXISTS");
    }
    names.unparse(writer, leftPrec, rightPrec);
  }
}

package dev.veles.calcite.parser;

import java.util.List;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlTruncate;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code TRUNCATE [TABLE] name [, ...] [RESTART IDENTITY]}. */
public final class SqlTruncateVelesTable extends SqlTruncate {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("TRUNCATE TABLE", SqlKind.TRUNCATE_TABLE);

  /** The tables, each a {@link org.apache.calcite.sql.SqlIdentifier}. */
  public final SqlNodeList names;

  public final boolean restartIdentity;

  public SqlTruncateVelesTable(SqlParserPos pos, SqlNodeList names, boolean restartIdentity) {
    super(OPERATOR, pos);
    this.names = names;
    this.restartIdentity = restartIdentity;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(names);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("TRUNCATE TABLE");
    names.unparse(writer, leftPrec, rightPrec);
  }
}

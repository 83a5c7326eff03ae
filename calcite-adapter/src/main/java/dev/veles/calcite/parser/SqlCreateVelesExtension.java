package dev.veles.calcite.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE]}, as a
 * pgvector user's setup script starts: {@code vector} is built in, so creating it succeeds and does
 * nothing; any other extension is refused.
 */
public final class SqlCreateVelesExtension extends SqlCreate {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE EXTENSION", SqlKind.OTHER_DDL);

  public final SqlIdentifier name;

  public SqlCreateVelesExtension(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name) {
    super(OPERATOR, pos, false, ifNotExists);
    this.name = name;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE EXTENSION");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
  }
}

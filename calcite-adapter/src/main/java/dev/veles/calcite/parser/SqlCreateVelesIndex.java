package dev.veles.calcite.parser;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON t [USING method] (column [opclass], ...)
 * [WITH (option = value, ...)] [WHERE predicate]}, as parsed; the DDL executor decides what of it
 * is supported.
 */
public final class SqlCreateVelesIndex extends SqlCreate {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE INDEX", SqlKind.CREATE_INDEX);

  public final boolean unique;

  /** The index name, or null when none was given. */
  public final SqlIdentifier name;

  public final SqlIdentifier table;

  /** The access method, or null (PostgreSQL's default, btree). */
  public final SqlIdentifier method;

  /** The indexed expressions. */
  public final SqlNodeList columns;

  /** Each column's operator class ({@link SqlIdentifier}), or a NULL literal. */
  public final SqlNodeList opclasses;

  /** Alternating option keys ({@link SqlIdentifier}) and values. */
  public final SqlNodeList options;

  /** Whether a WHERE clause (a partial index) was given. */
  public final boolean partial;

  public SqlCreateVelesIndex(
      SqlParserPos pos,
      boolean replace,
      boolean unique,
      boolean ifNotExists,
      SqlIdentifier name,
      SqlIdentifier table,
      SqlIdentifier method,
      SqlNodeList columns,
      SqlNodeList opclasses,
      SqlNodeList options,
      boolean partial) {
    super(OPERATOR, pos, replace, ifNotExists);
    this.unique = unique;
    this.name = name;
    this.table = table;
    this.method = method;
    this.columns = columns;
    this.opclasses = opclasses;
    this.options = options;
    this.partial = partial;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    List<SqlNode> list = new ArrayList<>();
    if (name != null) {
      list.add(name);
    }
    list.add(table);
    list.add(columns);
    return list;
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(unique ? "CREATE UNIQUE INDEX" : "CREATE INDEX");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    if (name != null) {
      name.unparse(writer, leftPrec, rightPrec);
    }
    writer.keyword("ON");
    table.unparse(writer, leftPrec, rightPrec);
    if (method != null) {
      writer.keyword("USING");
      method.unparse(writer, leftPrec, rightPrec);
    }
    SqlWriter.Frame f = writer.startList("(", ")");
    for (SqlNode c : columns) {
      writer.sep(",");
      c.unparse(writer, 0, 0);
    }
    writer.endList(f);
  }
}

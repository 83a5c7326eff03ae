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
 * {@code CREATE TABLE [IF NOT EXISTS] name (columns [, PRIMARY KEY (col)]) [WITH (key = value,
 * ...)]}.
 */
public final class SqlCreateVelesTable extends SqlCreate {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

  public final SqlIdentifier name;
  public final SqlNodeList columns;
  public final List<SqlIdentifier> tableKeys;

  /** The table-level {@code UNIQUE (a, b)} constraints. */
  public final List<List<SqlIdentifier>> uniqueKeys;

  /** Alternating option keys ({@link SqlIdentifier}) and values (literal or identifier). */
  public final SqlNodeList options;

  public SqlCreateVelesTable(
      SqlParserPos pos,
      boolean replace,
      boolean ifNotExists,
      SqlIdentifier name,
      SqlNodeList columns,
      List<SqlIdentifier> tableKeys,
      SqlNodeList options) {
    this(pos, replace, ifNotExists, name, columns, tableKeys, List.of(), options);
  }

  public SqlCreateVelesTable(
      SqlParserPos pos,
      boolean replace,
      boolean ifNotExists,
      SqlIdentifier name,
      SqlNodeList columns,
      List<SqlIdentifier> tableKeys,
      List<List<SqlIdentifier>> uniqueKeys,
      SqlNodeList options) {
    super(OPERATOR, pos, replace, ifNotExists);
    this.name = name;
    this.columns = columns;
    this.tableKeys = List.copyOf(tableKeys);
    this.uniqueKeys = uniqueKeys.stream().map(List::copyOf).toList();
    this.options = options;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    List<SqlNode> list = new ArrayList<>();
    list.add(name);
    list.add(columns);
    list.add(options);
    return list;
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE TABLE");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode c : columns) {
      writer.sep(",");
      c.unparse(writer, 0, 0);
    }
    writer.endList(frame);
    if (!options.isEmpty()) {
      writer.keyword("WITH");
      SqlWriter.Frame opts = writer.startList("(", ")");
      for (int i = 0; i < options.size(); i += 2) {
        writer.sep(",");
        options.get(i).unparse(writer, 0, 0);
        writer.keyword("=");
        options.get(i + 1).unparse(writer, 0, 0);
      }
      writer.endList(opts);
    }
  }
}

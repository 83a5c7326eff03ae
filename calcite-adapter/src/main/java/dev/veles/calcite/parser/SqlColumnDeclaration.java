package dev.veles.calcite.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * One column of {@code CREATE TABLE}: name, type, and its constraints: nullability, {@code PRIMARY
 * KEY}, {@code UNIQUE}, {@code DEFAULT expr}, {@code GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY}.
 */
public final class SqlColumnDeclaration extends SqlCall {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("COLUMN_DECL", SqlKind.COLUMN_DECL);

  public final SqlIdentifier name;
  public final SqlDataTypeSpec type;
  public final boolean notNull;
  public final boolean primaryKey;
  public final boolean unique;

  /** The {@code DEFAULT} expression, or null. */
  public final SqlNode defaultValue;

  /** {@code "ALWAYS"} or {@code "BY DEFAULT"} for an identity column, else null. */
  public final String identity;

  public SqlColumnDeclaration(
      SqlParserPos pos,
      SqlIdentifier name,
      SqlDataTypeSpec type,
      boolean notNull,
      boolean primaryKey) {
    this(pos, name, type, notNull, primaryKey, false, null, null);
  }

  public SqlColumnDeclaration(
      SqlParserPos pos,
      SqlIdentifier name,
      SqlDataTypeSpec type,
      boolean notNull,
      boolean primaryKey,
      boolean unique,
      SqlNode defaultValue,
      String identity) {
    super(pos);
    this.name = name;
    this.type = type;
    this.notNull = notNull;
    this.primaryKey = primaryKey;
    this.unique = unique;
    this.defaultValue = defaultValue;
    this.identity = identity;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name, type);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    name.unparse(writer, 0, 0);
    type.unparse(writer, 0, 0);
    if (notNull) {
      writer.keyword("NOT NULL");
    }
    if (primaryKey) {
      writer.keyword("PRIMARY KEY");
    }
    if (unique) {
      writer.keyword("UNIQUE");
    }
    if (defaultValue != null) {
      writer.keyword("DEFAULT");
      defaultValue.unparse(writer, 0, 0);
    }
    if (identity != null) {
      writer.keyword("GENERATED " + identity + " AS IDENTITY");
    }
  }
}

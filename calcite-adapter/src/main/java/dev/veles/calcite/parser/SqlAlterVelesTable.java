package dev.veles.calcite.parser;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code ALTER TABLE [IF EXISTS] [ONLY] name action}: one of the actions in {@link Action}. Any
 * other action PostgreSQL has is parsed as {@link Action#UNSUPPORTED} with its leading words, so
 * the executor can refuse it with 0A000 naming it.
 */
public final class SqlAlterVelesTable extends SqlDdl {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("ALTER TABLE", SqlKind.ALTER_TABLE);

  /** What the statement changes. */
  public enum Action {
    ADD_COLUMN,
    DROP_COLUMN,
    RENAME_COLUMN,
    RENAME_TABLE,
    SET_DEFAULT,
    DROP_DEFAULT,
    SET_NOT_NULL,
    DROP_NOT_NULL,
    UNSUPPORTED
  }

  public final SqlIdentifier name;
  public final boolean ifExists;
  public final Action action;

  /** The added column ({@link Action#ADD_COLUMN}), else null. */
  public final SqlColumnDeclaration column;

  /** {@code IF NOT EXISTS} of ADD COLUMN, {@code IF EXISTS} of DROP COLUMN. */
  public final boolean ifColumn;

  /** The column acted on, else null. */
  public final SqlIdentifier target;

  /** The new name (RENAME), else null. */
  public final SqlIdentifier newName;

  /** The default of SET DEFAULT, else null. */
  public final SqlNode defaultValue;

  /** The words of an unsupported action, else null. */
  public final String unsupported;

  public SqlAlterVelesTable(
      SqlParserPos pos,
      SqlIdentifier name,
      boolean ifExists,
      Action action,
      SqlColumnDeclaration column,
      boolean ifColumn,
      SqlIdentifier target,
      SqlIdentifier newName,
      SqlNode defaultValue,
      String unsupported) {
    super(OPERATOR, pos);
    this.name = name;
    this.ifExists = ifExists;
    this.action = action;
    this.column = column;
    this.ifColumn = ifColumn;
    this.target = target;
    this.newName = newName;
    this.defaultValue = defaultValue;
    this.unsupported = unsupported;
  }

  @Override
  public List<SqlNode> getOperandList() {
    List<SqlNode> out = new ArrayList<>();
    out.add(name);
    return out;
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("ALTER TABLE");
    name.unparse(writer, leftPrec, rightPrec);
    writer.keyword(action == Action.UNSUPPORTED ? unsupported : action.name().replace('_', ' '));
    if (column != null) {
      column.unparse(writer, 0, 0);
    }
    if (target != null) {
      target.unparse(writer, 0, 0);
    }
    if (newName != null) {
      writer.keyword("TO");
      newName.unparse(writer, 0, 0);
    }
    if (defaultValue != null) {
      defaultValue.unparse(writer, 0, 0);
    }
  }
}

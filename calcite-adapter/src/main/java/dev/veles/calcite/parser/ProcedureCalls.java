package dev.veles.calcite.parser;

import dev.veles.calcite.SqlState;
import dev.veles.calcite.VelesException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Turns {@code CALL name(args)} into {@code INSERT INTO "$proc".name VALUES (0, args)}.
 *
 * <p>Calcite parses {@code CALL} but cannot prepare it. An insert into a procedure table is planned
 * like any DML: it runs when the statement executes (not when it is prepared), binds {@code ?}
 * parameters, and works through every JDBC path, embedded and remote. The leading constant keeps
 * the row non-empty for procedures without arguments.
 */
public final class ProcedureCalls {
  /** The schema that holds one table per procedure. */
  public static final String SCHEMA = "$proc";

  private ProcedureCalls() {}

  /**
   * A transaction statement as {@code CALL transaction(command, savepoint)} (see {@code
   * ProcedureTable}).
   */
  public static SqlNode transaction(String command, SqlIdentifier savepoint, SqlParserPos pos) {
    SqlNode name =
        savepoint == null
            ? SqlLiteral.createNull(pos)
            : SqlLiteral.createCharString(savepoint.getSimple(), pos);
    return toInsert(
        new SqlIdentifier("transaction", pos),
        List.of(SqlLiteral.createCharString(command, pos), name),
        pos);
  }

  public static SqlNode toInsert(SqlIdentifier name, List<SqlNode> args, SqlParserPos pos) {
    if (!name.isSimple()) {
      throw new VelesException(SqlState.UNDEFINED_FUNCTION, "unknown procedure " + name);
    }
    SqlIdentifier table =
        new SqlIdentifier(List.of(SCHEMA, name.getSimple()), name.getParserPosition());
    List<SqlNode> values = new ArrayList<>(args.size() + 1);
    values.add(SqlLiteral.createExactNumeric("0", pos));
    values.addAll(args);
    SqlNode row = SqlStdOperatorTable.ROW.createCall(pos, values);
    SqlNode source = SqlStdOperatorTable.VALUES.createCall(pos, row);
    return new SqlInsert(pos, SqlNodeList.EMPTY, table, source, null);
  }
}

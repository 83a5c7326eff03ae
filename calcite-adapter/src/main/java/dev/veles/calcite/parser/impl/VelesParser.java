package dev.veles.calcite.parser.impl;

import dev.veles.calcite.parser.SqlOnConflict;
import dev.veles.calcite.parser.SqlReturning;
import dev.veles.calcite.parser.VelesParserFactory;
import java.io.Reader;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.util.SourceStringReader;

/**
 * The generated parser, with {@code UPSERT INTO t} pointed at {@code "$upsert".t}: Calcite plans
 * UPSERT as a plain insert, so the target table is what tells the two apart. Lives in the generated
 * parser's package to reach its input stream.
 */
public final class VelesParser extends VelesSqlParserImpl {
  private VelesParser(Reader reader) {
    super(reader);
  }

  /** A parser reading {@code reader}, reporting positions against the original SQL text. */
  public static VelesParser create(Reader reader) {
    VelesParser parser = new VelesParser(reader);
    if (reader instanceof SourceStringReader s) {
      String sql = s.getSourceString();
      parser.setOriginalSql(sql);
      parser.jj_input_stream.ReInit(reader, 1, 1, sql.length());
    }
    return parser;
  }

  @Override
  public SqlNode parseSqlStmtEof() throws Exception {
    return rewrite(super.parseSqlStmtEof());
  }

  @Override
  public SqlNodeList parseSqlStmtList() throws Exception {
    SqlNodeList list = super.parseSqlStmtList();
    for (int i = 0; i < list.size(); i++) {
      list.set(i, rewrite(list.get(i)));
    }
    return list;
  }

  private static SqlNode rewrite(SqlNode node) {
    // The statements these wrap are rewritten one by one: the passes copy the calls they change,
    // and a copy of a wrapper would lose what it wraps.
    if (node instanceof SqlReturning r) {
      r.setOperand(0, rewrite(r.dml()));
      r.setOperand(1, rewrite(r.query()));
      return r;
    }
    if (node instanceof SqlOnConflict oc) {
      oc.setOperand(0, rewrite(oc.insert()));
      if (oc.assignments() != null) {
        oc.setOperand(1, rewrite(oc.assignments()));
      }
      return oc;
    }
    node = EfSearchHint.apply(node);
    node = VectorCasts.apply(node);
    node = PgFunctions.apply(node);
    node = VectorParams.apply(node);
    if (node instanceof SqlInsert insert
        && insert.isUpsert()
        && insert.getTargetTable() instanceof SqlIdentifier id) {
      String table = id.names.get(id.names.size() - 1);
      insert.setOperand(
          1,
          new SqlIdentifier(
              List.of(VelesParserFactory.UPSERT_SCHEMA, table), id.getParserPosition()));
    }
    return node;
  }
}

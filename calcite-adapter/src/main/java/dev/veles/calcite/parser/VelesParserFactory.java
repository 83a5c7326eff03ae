package dev.veles.calcite.parser;

import dev.veles.calcite.ddl.VelesDdlExecutor;
import dev.veles.calcite.parser.impl.VelesSqlParserImpl;
import java.io.Reader;
import java.util.List;
import org.apache.calcite.server.DdlExecutor;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParserImplFactory;
import org.apache.calcite.util.SourceStringReader;

/**
 * Creates Veles SQL parsers and names the DDL executor. Referenced by the connection property
 * {@code parserFactory} as {@code dev.veles.calcite.parser.VelesParserFactory#INSTANCE}.
 */
public final class VelesParserFactory implements SqlParserImplFactory {
  public static final VelesParserFactory INSTANCE = new VelesParserFactory();

  /** The hidden schema whose tables replace rows on insert. */
  public static final String UPSERT_SCHEMA = "$upsert";

  private VelesParserFactory() {}

  @Override
  public SqlAbstractParserImpl getParser(Reader reader) {
    Parser parser = new Parser(reader);
    if (reader instanceof SourceStringReader s) {
      String sql = s.getSourceString();
      parser.setOriginalSql(sql);
      parser.jj_input_stream.ReInit(reader, 1, 1, sql.length());
    }
    return parser;
  }

  @Override
  public DdlExecutor getDdlExecutor() {
    return VelesDdlExecutor.INSTANCE;
  }

  /**
   * The generated parser, with {@code UPSERT INTO t} pointed at {@code "$upsert".t}: Calcite plans
   * UPSERT as a plain insert, so the target table is what tells the two apart.
   */
  private static final class Parser extends VelesSqlParserImpl {
    Parser(Reader reader) {
      super(reader);
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
      if (node instanceof SqlInsert insert
          && insert.isUpsert()
          && insert.getTargetTable() instanceof SqlIdentifier id) {
        String table = id.names.get(id.names.size() - 1);
        insert.setOperand(1, new SqlIdentifier(List.of(UPSERT_SCHEMA, table), id.getParserPosition()));
      }
      return node;
    }
  }
}

package dev.veles.calcite.parser;

import dev.veles.calcite.ddl.VelesDdlExecutor;
import dev.veles.calcite.parser.impl.VelesParser;
import java.io.Reader;
import org.apache.calcite.server.DdlExecutor;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParserImplFactory;

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
    return VelesParser.create(reader);
  }

  @Override
  public DdlExecutor getDdlExecutor() {
    return VelesDdlExecutor.INSTANCE;
  }
}

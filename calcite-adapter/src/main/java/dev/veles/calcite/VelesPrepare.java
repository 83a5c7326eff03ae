package dev.veles.calcite;

import dev.veles.calcite.rel.CorrectedRules;
import dev.veles.calcite.rel.VelesRules;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.hint.HintStrategyTable;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;

/**
 * Statement preparation with a JVM-wide plan cache: parsing, validating and optimizing a SQL text
 * costs 10-20 ms, so a text seen before on any connection to the same database reuses its plan. The
 * key holds the database and its schema version, so DDL invalidates every plan of that database.
 * Only queries and DML are cached: DDL and {@code SET} run while they are prepared.
 *
 * <p>A cached plan is shared by connections: everything it reads per connection (settings such as
 * ef_search or read_only) it reads from the executing connection at run time.
 *
 * <p>Statements are validated by {@link VelesValidator}, so that validation errors carry their
 * SQLSTATE, and converted with {@link #HINTS}, which knows Veles's query hints.
 *
 * <p>Thread-safe.
 */
public final class VelesPrepare extends CalcitePrepareImpl {
  private static final int CAPACITY = 1024;

  /**
   * The query hints Veles knows: {@code ef_search(n)}. The parser has already applied it to the
   * query's distance calls (see {@code EfSearchHint}), so it is attached to no relational node;
   * registering it keeps Calcite from warning, once per prepared statement, that it is unknown.
   */
  public static final HintStrategyTable HINTS =
      HintStrategyTable.builder().hintStrategy("ef_search", (hint, rel) -> false).build();

  private record Key(Object database, long version, String sql, Type elementType, long maxRows) {}

  private static final Map<Key, CalciteSignature<?>> CACHE =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CalciteSignature<?>> eldest) {
          return size() > CAPACITY;
        }
      };

  @Override
  @SuppressWarnings("unchecked")
  public <T> CalciteSignature<T> prepareSql(
      Context context, Query<T> query, Type elementType, long maxRowCount) {
    VelesSchema schema = schema(context);
    if (query.sql == null || schema == null) {
      return super.prepareSql(context, query, elementType, maxRowCount);
    }
    Key key =
        new Key(
            schema.database(),
            schema.database().schemaVersion(),
            query.sql,
            elementType,
            maxRowCount);
    synchronized (CACHE) {
      CalciteSignature<?> hit = CACHE.get(key);
      if (hit != null) {
        return (CalciteSignature<T>) hit;
      }
    }
    CalciteSignature<T> signature;
    try {
      signature =
          ConstantFailures.guard(
              guarded(() -> super.prepareSql(context, query, elementType, maxRowCount)));
    } catch (RuntimeException e) {
      UnsupportedStatements.check(query.sql, e);
      SqlParseException parse = SyntaxErrors.find(e);
      throw parse == null ? e : SyntaxErrors.of(query.sql, parse);
    }
    DeclaredTypes.apply(signature, schema);
    if (cacheable(signature.statementType) && key.version() == schema.database().schemaVersion()) {
      synchronized (CACHE) {
        CACHE.put(key, signature);
      }
    }
    return signature;
  }

  /**
   * Runs a preparation, reporting a statement too deep for the thread's stack (parser, validator
   * and planner recurse over the syntax tree) as 54001 and one whose generated code exceeds the
   * JVM's 64 KB method limit (an IN list or ARRAY literal of a few thousand values) as 54000,
   * instead of an internal error.
   */
  /**
   * Janino's exception for a method over the JVM's size limit ("Code grows beyond 64 KB"); named,
   * because Janino is on Calcite's runtime class path only.
   */
  private static final String JANINO_INTERNAL_ERROR =
      "org.codehaus.commons.compiler.InternalCompilerException";

  static <T> T guarded(java.util.function.Supplier<T> preparation) {
    try {
      return preparation.get();
    } catch (StackOverflowError e) {
      throw tooComplex(e);
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof StackOverflowError) {
          throw tooComplex(e);
        }
        if (t.getClass().getName().equals(JANINO_INTERNAL_ERROR)) {
          throw new VelesException(
              SqlState.PROGRAM_LIMIT_EXCEEDED,
              "statement too large: its compiled form exceeds the JVM's 64 KB method limit (an IN"
                  + " list, VALUES or ARRAY literal of thousands of values); pass the values as"
                  + " parameters or load them into a table",
              e);
        }
      }
      throw e;
    }
  }

  private static VelesException tooComplex(Throwable e) {
    return new VelesException(
        SqlState.STATEMENT_TOO_COMPLEX,
        "statement too complex: nested too deeply for the server's stack; simplify the"
            + " expression or split the statement",
        e);
  }

  /**
   * The Veles dialect for SQL that Calcite parses without a connection at hand: a view's query when
   * a statement expands it, and the queries {@code CREATE VIEW} and {@code CREATE TABLE ... AS}
   * analyse. Every Veles connection has these settings (see {@link
   * VelesCalcite#connectionProperties()}).
   */
  static final org.apache.calcite.sql.parser.SqlParser.Config PARSER =
      org.apache.calcite.sql.parser.SqlParser.config()
          .withParserFactory(dev.veles.calcite.parser.VelesParserFactory.INSTANCE)
          .withQuoting(org.apache.calcite.avatica.util.Quoting.DOUBLE_QUOTE)
          .withUnquotedCasing(org.apache.calcite.avatica.util.Casing.TO_LOWER)
          .withQuotedCasing(org.apache.calcite.avatica.util.Casing.UNCHANGED)
          .withCaseSensitive(false)
          .withConformance(org.apache.calcite.sql.validate.SqlConformanceEnum.LENIENT);

  @Override
  protected org.apache.calcite.sql.parser.SqlParser createParser(String sql) {
    return org.apache.calcite.sql.parser.SqlParser.create(sql, PARSER);
  }

  /** Every planner knows Veles's rules, also for statements that scan no table. */
  @Override
  protected RelOptPlanner createPlanner(
      CalcitePrepare.Context prepareContext,
      org.apache.calcite.plan.Context externalContext,
      RelOptCostFactory costFactory) {
    RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
    VelesRules.register(planner);
    CorrectedRules.register(planner);
    return planner;
  }

  /** Preparation with {@link VelesValidator} and {@link #HINTS}. */
  @Override
  protected CalcitePreparingStmt getPreparingStmt(
      Context context,
      Type elementType,
      CalciteCatalogReader catalogReader,
      RelOptPlanner planner) {
    JavaTypeFactory typeFactory = context.getTypeFactory();
    EnumerableRel.Prefer prefer =
        elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    return new PreparingStmt(
        this,
        context,
        catalogReader,
        typeFactory,
        context.getRootSchema(),
        prefer,
        createCluster(planner, new RexBuilder(typeFactory)),
        enableBindable ? BindableConvention.INSTANCE : EnumerableConvention.INSTANCE,
        createConvertletTable());
  }

  /** The state of one preparation; not thread-safe, like Calcite's. */
  private static final class PreparingStmt extends CalcitePreparingStmt {
    private final org.apache.calcite.plan.RelOptCluster cluster;

    @Override
    protected org.apache.calcite.tools.Program getProgram() {
      return ManyJoins.around(super.getProgram());
    }

    PreparingStmt(
        CalcitePrepareImpl prepare,
        Context context,
        Prepare.CatalogReader catalogReader,
        JavaTypeFactory typeFactory,
        CalciteSchema schema,
        EnumerableRel.Prefer prefer,
        org.apache.calcite.plan.RelOptCluster cluster,
        org.apache.calcite.plan.Convention resultConvention,
        org.apache.calcite.sql2rel.SqlRexConvertletTable convertletTable) {
      super(
          prepare,
          context,
          catalogReader,
          typeFactory,
          schema,
          prefer,
          cluster,
          resultConvention,
          convertletTable);
      this.cluster = cluster;
    }

    /** Calcite's validator, configured as Calcite configures it, as a {@link VelesValidator}. */
    @Override
    protected SqlValidator createSqlValidator(
        Prepare.CatalogReader catalogReader, UnaryOperator<SqlValidator.Config> configTransform) {
      SqlValidator configured = super.createSqlValidator(catalogReader, configTransform);
      return new VelesValidator(
          configured.getOperatorTable(),
          (CalciteCatalogReader) catalogReader,
          (JavaTypeFactory) configured.getTypeFactory(),
          configured.config());
    }

    @Override
    protected SqlToRelConverter getSqlToRelConverter(
        SqlValidator validator,
        Prepare.CatalogReader catalogReader,
        SqlToRelConverter.Config config) {
      return new VelesSqlToRel(
          this,
          validator,
          catalogReader,
          cluster,
          convertletTable,
          config.withHintStrategyTable(HINTS));
    }
  }

  private static boolean cacheable(Meta.StatementType type) {
    return type == Meta.StatementType.SELECT || (type != null && type.canUpdate());
  }

  private static VelesSchema schema(CalcitePrepare.Context context) {
    CalciteSchema root = context.getRootSchema();
    CalciteSchema sub = root == null ? null : root.getSubSchema(VelesCalcite.SCHEMA, false);
    return sub != null && sub.schema instanceof VelesSchema s ? s : null;
  }

  /** Drops every cached plan (for tests that measure preparation). */
  public static void clearCache() {
    synchronized (CACHE) {
      CACHE.clear();
    }
  }

  /** The number of cached plans. */
  public static int cacheSize() {
    synchronized (CACHE) {
      return CACHE.size();
    }
  }
}

package dev.veles.calcite.parser;

import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The binary operators of PostgreSQL and pgvector that Calcite's grammar lacks. They exist only
 * while parsing: each builds, as its call, the node that Veles already plans, so that the rest of
 * the pipeline (validation, the k-NN rules that push a distance into the index, EXPLAIN) sees one
 * form.
 *
 * <ul>
 *   <li>{@code a <-> b}, {@code a <=> b}, {@code a <#> b}, {@code a <+> b}: pgvector's L2, cosine,
 *       negative inner product and L1 distances, built as calls of {@code l2_distance}, {@code
 *       cosine_distance}, {@code negative_inner_product} and {@code l1_distance}.
 *   <li>{@code a :: type}: PostgreSQL's cast, built as {@code CAST(a AS type)}.
 * </ul>
 *
 * <p>Precedence follows PostgreSQL's: {@code ::} binds tighter than any other operator (so {@code
 * -1::int} is {@code -(1::int)}); the distance operators, like PostgreSQL's other operators, bind
 * tighter than comparisons, {@code LIKE} and {@code BETWEEN} and looser than {@code +} and {@code
 * -}. Immutable and thread-safe.
 */
public final class PgOperators {
  private PgOperators() {}

  /** Between {@code LIKE}/{@code BETWEEN} (32) and {@code +}/{@code -} (40) in Calcite's scale. */
  private static final int DISTANCE_PRECEDENCE = 36;

  /** Above prefix minus (80) and below member access. */
  private static final int CAST_PRECEDENCE = 94;

  public static final SqlBinaryOperator L2 = new Distance("<->", "l2_distance");
  public static final SqlBinaryOperator COSINE = new Distance("<=>", "cosine_distance");
  public static final SqlBinaryOperator NEGATIVE_INNER_PRODUCT =
      new Distance("<#>", "negative_inner_product");
  public static final SqlBinaryOperator L1 = new Distance("<+>", "l1_distance");
  public static final SqlBinaryOperator CAST = new InfixCast();

  /** A distance operator that parses into a call of its function. */
  private static final class Distance extends SqlBinaryOperator {
    private final String function;

    Distance(String name, String function) {
      super(
          name, SqlKind.OTHER, DISTANCE_PRECEDENCE, true, ReturnTypes.DOUBLE_NULLABLE, null, null);
      this.function = function;
    }

    @Override
    public SqlCall createCall(
        @Nullable SqlLiteral functionQualifier, SqlParserPos pos, @Nullable SqlNode... operands) {
      // The name is already in the folded (lower) case: the parser folds only what it reads.
      SqlUnresolvedFunction f =
          new SqlUnresolvedFunction(
              new SqlIdentifier(function, pos),
              null,
              null,
              null,
              null,
              SqlFunctionCategory.USER_DEFINED_FUNCTION);
      return f.createCall(functionQualifier, pos, operands);
    }
  }

  /** {@code a :: type}, parsed into {@code CAST(a AS type)}. */
  private static final class InfixCast extends SqlBinaryOperator {
    InfixCast() {
      super("::", SqlKind.CAST, CAST_PRECEDENCE, true, null, null, null);
    }

    @Override
    public SqlCall createCall(
        @Nullable SqlLiteral functionQualifier, SqlParserPos pos, @Nullable SqlNode... operands) {
      return SqlStdOperatorTable.CAST.createCall(pos, operands);
    }
  }
}

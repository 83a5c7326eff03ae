package dev.veles.spark;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Literal;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.NullOrdering;
import org.apache.spark.sql.connector.expressions.SortDirection;
import org.apache.spark.sql.connector.expressions.SortOrder;
import org.apache.spark.sql.connector.expressions.UserDefinedScalarFunc;
import org.apache.spark.sql.types.ArrayType;

/**
 * A k-NN top-k pushed into every shard: {@code ORDER BY <distance>(<vector column>, ?) [, <scalar
 * columns>] LIMIT k}. Each shard answers it through its own (filtered) index search; Spark merges
 * the shards' rows with its own sort and limit. Immutable and serializable.
 *
 * @param function the distance function
 * @param column the vector column
 * @param query the query vector
 * @param descending the direction of the distance order
 * @param tieBreak the SQL of further {@code ORDER BY} items ({@code "id" ASC}), or empty
 * @param limit k
 */
record TopN(
    DistanceFunction.Kind function,
    String column,
    float[] query,
    boolean descending,
    List<String> tieBreak,
    int limit)
    implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  TopN {
    tieBreak = List.copyOf(tieBreak);
  }

  /**
   * The top-k of Spark's sort order if its first item is a Veles distance function of the table's
   * vector column and a constant vector, and the rest are scalar columns; otherwise null.
   */
  static TopN of(SortOrder[] orders, int limit, TableInfo table) {
    if (orders.length == 0 || table.vector() == null) {
      return null;
    }
    if (!(orders[0].expression() instanceof UserDefinedScalarFunc f)
        || !f.canonicalName().startsWith("veles.")) {
      return null;
    }
    DistanceFunction.Kind kind = DistanceFunction.Kind.byName(f.name());
    Expression[] args = f.children();
    if (kind == null || args.length != 2) {
      return null;
    }
    float[] query = constantVector(args[1]);
    Expression column = args[0];
    if (query == null) {
      query = constantVector(args[0]);
      column = args[1];
    }
    if (query == null
        || query.length != table.dimension()
        || !(column instanceof NamedReference ref)
        || ref.fieldNames().length != 1
        || !ref.fieldNames()[0].equals(table.vector())) {
      return null;
    }
    List<String> tieBreak = new ArrayList<>();
    for (int i = 1; i < orders.length; i++) {
      String item = scalarOrder(orders[i], table);
      if (item == null) {
        return null;
      }
      tieBreak.add(item);
    }
    boolean descending = orders[0].direction() == SortDirection.DESCENDING;
    return new TopN(kind, table.vector(), query, descending, tieBreak, limit);
  }

  private static float[] constantVector(Expression e) {
    if (e instanceof Literal<?> lit && lit.dataType() instanceof ArrayType) {
      Object v = ShardSql.jdbcValue(lit.value(), lit.dataType());
      return v instanceof float[] f ? f : null;
    }
    return null;
  }

  /** {@code "col" ASC NULLS FIRST} for a scalar column order, or null. */
  private static String scalarOrder(SortOrder o, TableInfo table) {
    if (!(o.expression() instanceof NamedReference ref) || ref.fieldNames().length != 1) {
      return null;
    }
    int i = table.indexOf(ref.fieldNames()[0]);
    if (i < 0 || table.schema().fields()[i].dataType() instanceof ArrayType) {
      return null;
    }
    return VelesTypes.quote(ref.fieldNames()[0])
        + (o.direction() == SortDirection.DESCENDING ? " DESC" : " ASC")
        + (o.nullOrdering() == NullOrdering.NULLS_FIRST ? " NULLS FIRST" : " NULLS LAST");
  }

  /** The {@code ORDER BY ... LIMIT k} clause, with one parameter: the query vector. */
  String orderBySql() {
    StringBuilder sql =
        new StringBuilder(" ORDER BY ")
            .append(function.sqlName())
            .append('(')
            .append(VelesTypes.quote(column))
            .append(", ?)")
            .append(descending ? " DESC" : "");
    for (String t : tieBreak) {
      sql.append(", ").append(t);
    }
    return sql.append(" LIMIT ").append(limit).toString();
  }

  /** How EXPLAIN shows it: the function, the first query values, k. */
  String describe() {
    String q = Arrays.toString(Arrays.copyOf(query, Math.min(query.length, 4)));
    if (query.length > 4) {
      q = q.substring(0, q.length() - 1) + ", ... (" + query.length + " dims)]";
    }
    return "ORDER BY "
        + function.sqlName()
        + "("
        + column
        + ", "
        + q
        + ")"
        + (descending ? " DESC" : "")
        + (tieBreak.isEmpty() ? "" : ", " + String.join(", ", tieBreak))
        + " LIMIT "
        + limit;
  }
}

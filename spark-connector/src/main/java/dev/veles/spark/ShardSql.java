package dev.veles.spark;

import java.io.Serial;
import java.io.Serializable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Literal;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A fragment of the SQL sent to a shard, with its parameters in order ({@code price > ?} and {@code
 * [9.5]}), and the translation of Spark's pushed predicates into such fragments. Only predicates
 * whose meaning is the same in Spark and in Veles are translated: comparisons of a scalar column
 * with a literal, {@code IS [NOT] NULL}, {@code IN}, and {@code AND}/{@code OR}/ {@code NOT} of
 * those. Immutable and serializable (parameters are JDBC values).
 *
 * @param sql the fragment, with {@code ?} for each parameter
 * @param params the parameters ({@link String}, boxed numbers, {@link Boolean}, {@link Timestamp},
 *     {@link Date}, {@code float[]})
 */
record ShardSql(String sql, List<Object> params) implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  private static final Set<String> COMPARISONS = Set.of("=", "<>", "<", "<=", ">", ">=");

  ShardSql {
    params = List.copyOf(params);
  }

  /** The SQL form of a predicate over {@code table}'s columns, or null if it has none. */
  static ShardSql of(Predicate p, TableInfo table) {
    List<Object> params = new ArrayList<>();
    String sql = translate(p, table, params);
    return sql == null ? null : new ShardSql(sql, params);
  }

  private static String translate(Predicate p, TableInfo table, List<Object> params) {
    Expression[] c = p.children();
    String name = p.name();
    switch (name) {
      case "AND", "OR" -> {
        String l = translate((Predicate) c[0], table, params);
        String r = l == null ? null : translate((Predicate) c[1], table, params);
        return r == null ? null : "(" + l + " " + name + " " + r + ")";
      }
      case "NOT" -> {
        String inner = translate((Predicate) c[0], table, params);
        return inner == null ? null : "(NOT " + inner + ")";
      }
      case "IS_NULL", "IS_NOT_NULL" -> {
        String col = column(c[0], table);
        return col == null ? null : col + (name.equals("IS_NULL") ? " IS NULL" : " IS NOT NULL");
      }
      case "IN" -> {
        String col = column(c[0], table);
        if (col == null || c.length < 2) {
          return null;
        }
        StringBuilder sql = new StringBuilder(col).append(" IN (");
        for (int i = 1; i < c.length; i++) {
          Object v = c[i] instanceof Literal<?> lit ? jdbcValue(lit.value(), lit.dataType()) : null;
          if (v == null) {
            return null; // a NULL in the list, or not a literal
          }
          params.add(v);
          sql.append(i > 1 ? ", ?" : "?");
        }
        return sql.append(')').toString();
      }
      default -> {
        if (!COMPARISONS.contains(name)) {
          return null;
        }
        String op = name;
        Expression left = c[0];
        Expression right = c[1];
        if (left instanceof Literal<?> && right instanceof NamedReference) {
          left = c[1];
          right = c[0];
          op = flip(op);
        }
        String col = column(left, table);
        Object v = right instanceof Literal<?> lit ? jdbcValue(lit.value(), lit.dataType()) : null;
        if (col == null || v == null) {
          return null;
        }
        params.add(v);
        return col + " " + op + " ?";
      }
    }
  }

  private static String flip(String op) {
    return switch (op) {
      case "<" -> ">";
      case "<=" -> ">=";
      case ">" -> "<";
      case ">=" -> "<=";
      default -> op;
    };
  }

  /** The quoted scalar column a reference names, or null (nested, unknown or a vector). */
  private static String column(Expression e, TableInfo table) {
    if (!(e instanceof NamedReference ref) || ref.fieldNames().length != 1) {
      return null;
    }
    int i = table.indexOf(ref.fieldNames()[0]);
    if (i < 0 || table.schema().fields()[i].dataType() instanceof ArrayType) {
      return null;
    }
    return VelesTypes.quote(ref.fieldNames()[0]);
  }

  /** A Spark literal as a JDBC parameter, or null if it has no faithful JDBC form. */
  static Object jdbcValue(Object value, DataType type) {
    if (value == null) {
      return null;
    } else if (value instanceof UTF8String s) {
      return s.toString();
    } else if (type.equals(DataTypes.TimestampNTZType) && value instanceof Long micros) {
      return Timestamp.valueOf(DateTimeUtils.microsToLocalDateTime(micros));
    } else if (type.equals(DataTypes.DateType) && value instanceof Integer days) {
      return Date.valueOf(LocalDate.ofEpochDay(days));
    } else if (type instanceof ArrayType && value instanceof ArrayData a) {
      return DistanceFunction.floats(a);
    } else if (value instanceof Number || value instanceof Boolean) {
      return type.equals(DataTypes.TimestampType) || type.equals(DataTypes.DateType) ? null : value;
    }
    return null;
  }
}

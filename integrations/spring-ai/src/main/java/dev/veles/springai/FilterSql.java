package dev.veles.springai;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.Filter.Expression;
import org.springframework.ai.vectorstore.filter.Filter.ExpressionType;

/**
 * A Spring AI filter expression as SQL over declared metadata columns ({@code ?} placeholders and
 * the values to bind, never concatenated), and the same expression evaluated in Java on a
 * document's metadata map for keys kept in the JSON column. Not thread-safe; one per statement.
 *
 * <p>Both follow SQL's three-valued logic, as Spring AI's PgVectorStore does: a missing key is
 * NULL, so a comparison with it (EQ, NE, GT, IN, NIN ...) does not match, nor does its NOT; {@code
 * ISNULL} matches it.
 */
final class FilterSql {
  private final Map<String, ColumnType> columns;
  private final StringBuilder sql = new StringBuilder();
  private final List<Object[]> params = new ArrayList<>();

  private FilterSql(Map<String, ColumnType> columns) {
    this.columns = columns;
  }

  /** Whether every key of {@code e} is a declared column. */
  static boolean onColumnsOnly(Filter.Operand e, Map<String, ColumnType> columns) {
    return switch (e) {
      case Filter.Group g -> onColumnsOnly(g.content(), columns);
      case Expression x ->
          onColumnsOnly(x.left(), columns)
              && (x.right() == null || onColumnsOnly(x.right(), columns));
      case Filter.Key k -> columns.containsKey(key(k));
      default -> true;
    };
  }

  /** The top-level AND terms of {@code e} on declared columns (all of {@code e} when it is). */
  static List<Expression> columnConjuncts(Expression e, Map<String, ColumnType> columns) {
    List<Expression> out = new ArrayList<>();
    if (e == null) {
      return out;
    }
    if (onColumnsOnly(e, columns)) {
      out.add(e);
    } else if (e.type() == ExpressionType.AND) {
      for (Filter.Operand side : List.of(e.left(), e.right())) {
        Filter.Operand s = side instanceof Filter.Group g ? g.content() : side;
        if (s instanceof Expression x) {
          out.addAll(columnConjuncts(x, columns));
        }
      }
    }
    return out;
  }

  static FilterSql of(List<Expression> conjuncts, Map<String, ColumnType> columns) {
    FilterSql f = new FilterSql(columns);
    for (int i = 0; i < conjuncts.size(); i++) {
      f.sql.append(i > 0 ? " AND (" : "(");
      f.append(conjuncts.get(i));
      f.sql.append(')');
    }
    return f;
  }

  String sql() {
    return sql.toString();
  }

  /** Binds the values from placeholder {@code first} on; returns the next placeholder's index. */
  int bind(PreparedStatement ps, int first) throws SQLException {
    int i = first;
    for (Object[] p : params) {
      columns.get((String) p[0]).bind(ps, i++, (String) p[0], p[1]);
    }
    return i;
  }

  private void append(Filter.Operand operand) {
    if (operand instanceof Filter.Group g) {
      sql.append('(');
      append(g.content());
      sql.append(')');
      return;
    }
    Expression e = (Expression) operand;
    switch (e.type()) {
      case AND, OR -> {
        sql.append('(');
        append(e.left());
        sql.append(e.type() == ExpressionType.AND ? " AND " : " OR ");
        append(e.right());
        sql.append(')');
      }
      case NOT -> {
        sql.append("NOT (");
        append(e.left());
        sql.append(')');
      }
      case ISNULL, ISNOTNULL -> {
        sql.append(column(e))
            .append(e.type() == ExpressionType.ISNULL ? " IS NULL" : " IS NOT NULL");
      }
      case IN, NIN -> {
        sql.append(column(e)).append(e.type() == ExpressionType.IN ? " IN (" : " NOT IN (");
        int i = 0;
        for (Object v : values(e)) {
          sql.append(i++ > 0 ? ", ?" : "?");
          params.add(new Object[] {key(e), v});
        }
        sql.append(')');
      }
      default -> {
        sql.append(column(e)).append(' ').append(operator(e.type())).append(" ?");
        params.add(new Object[] {key(e), value(e)});
      }
    }
  }

  private static String operator(ExpressionType t) {
    return switch (t) {
      case EQ -> "=";
      case NE -> "<>";
      case GT -> ">";
      case GTE -> ">=";
      case LT -> "<";
      case LTE -> "<=";
      default -> throw new UnsupportedOperationException("filter operator " + t + " not supported");
    };
  }

  private String column(Expression e) {
    return SqlNames.quote(key(e));
  }

  /**
   * Whether a document with {@code metadata} passes {@code e}: TRUE, FALSE, or null for SQL's
   * UNKNOWN (a missing key or values of different kinds compared).
   */
  static Boolean test(Filter.Operand operand, Map<String, Object> metadata) {
    if (operand instanceof Filter.Group g) {
      return test(g.content(), metadata);
    }
    Expression e = (Expression) operand;
    return switch (e.type()) {
      case AND -> {
        Boolean l = test(e.left(), metadata);
        Boolean r = test(e.right(), metadata);
        yield Boolean.FALSE.equals(l) || Boolean.FALSE.equals(r)
            ? Boolean.FALSE
            : l == null || r == null ? null : Boolean.TRUE;
      }
      case OR -> {
        Boolean l = test(e.left(), metadata);
        Boolean r = test(e.right(), metadata);
        yield Boolean.TRUE.equals(l) || Boolean.TRUE.equals(r)
            ? Boolean.TRUE
            : l == null || r == null ? null : Boolean.FALSE;
      }
      case NOT -> {
        Boolean v = test(e.left(), metadata);
        yield v == null ? null : !v;
      }
      case ISNULL -> metadata.get(key(e)) == null;
      case ISNOTNULL -> metadata.get(key(e)) != null;
      case IN, NIN -> {
        Object actual = metadata.get(key(e));
        if (actual == null) {
          yield null;
        }
        boolean unknown = false;
        for (Object v : values(e)) {
          Integer c = compare(actual, v);
          if (c == null) {
            unknown = true;
          } else if (c == 0) {
            yield e.type() == ExpressionType.IN;
          }
        }
        yield unknown ? null : e.type() == ExpressionType.NIN;
      }
      default -> {
        Integer c = compare(metadata.get(key(e)), value(e));
        yield c == null
            ? null
            : switch (e.type()) {
              case EQ -> c == 0;
              case NE -> c != 0;
              case GT -> c > 0;
              case GTE -> c >= 0;
              case LT -> c < 0;
              case LTE -> c <= 0;
              default -> throw new UnsupportedOperationException("operator " + e.type());
            };
      }
    };
  }

  /** Numbers by value, everything else by its text; null when either is missing or kinds differ. */
  private static Integer compare(Object actual, Object expected) {
    if (actual == null || expected == null) {
      return null;
    }
    if (actual instanceof Number a && expected instanceof Number b) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
    }
    if (actual instanceof Number || expected instanceof Number) {
      return null;
    }
    if (actual instanceof Boolean || expected instanceof Boolean) {
      return Objects.equals(actual, expected)
          ? 0
          : actual.toString().equals(expected.toString()) ? 0 : 1;
    }
    return Integer.signum(actual.toString().compareTo(expected.toString()));
  }

  private static String key(Expression e) {
    if (!(e.left() instanceof Filter.Key k)) {
      throw new IllegalArgumentException("a filter comparison needs a key on its left: " + e);
    }
    return key(k);
  }

  /** The key without the quotes the text parser keeps for quoted keys ({@code "my key"}). */
  private static String key(Filter.Key k) {
    String s = k.key();
    if (s.length() >= 2
        && (s.charAt(0) == '"' || s.charAt(0) == '\'')
        && s.charAt(s.length() - 1) == s.charAt(0)) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  private static Object value(Expression e) {
    if (!(e.right() instanceof Filter.Value v)) {
      throw new IllegalArgumentException("a filter comparison needs a value on its right: " + e);
    }
    return v.value();
  }

  private static Collection<?> values(Expression e) {
    Object v = value(e);
    return v instanceof Collection<?> c ? c : List.of(v);
  }
}

package dev.veles.langchain4j;

import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.ContainsString;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotIn;
import dev.langchain4j.store.embedding.filter.logical.And;
import dev.langchain4j.store.embedding.filter.logical.Not;
import dev.langchain4j.store.embedding.filter.logical.Or;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A LangChain4j {@link Filter} over declared metadata columns as an SQL condition with {@code ?}
 * placeholders and the values to bind, never concatenated. Not thread-safe; one per statement.
 *
 * <p>Each comparison is written two-valued (a missing key, a NULL column, gives FALSE or TRUE,
 * never UNKNOWN), so that {@code NOT} means what LangChain4j's {@link Filter#test} means: {@code
 * isNotEqualTo} and {@code isNotIn} match rows without the key, every other comparison does not.
 */
final class FilterSql {
  /** One value to bind, with the column type that decides how. */
  record Param(ColumnType type, String key, Object value) {}

  private final Map<String, ColumnType> columns;
  private final StringBuilder sql = new StringBuilder();
  private final List<Param> params = new ArrayList<>();

  private FilterSql(Map<String, ColumnType> columns) {
    this.columns = columns;
  }

  /** Whether every key {@code filter} names is a declared column, so SQL can evaluate all of it. */
  static boolean onColumnsOnly(Filter filter, Map<String, ColumnType> columns) {
    return switch (filter) {
      case And a -> onColumnsOnly(a.left(), columns) && onColumnsOnly(a.right(), columns);
      case Or o -> onColumnsOnly(o.left(), columns) && onColumnsOnly(o.right(), columns);
      case Not n -> onColumnsOnly(n.expression(), columns);
      default -> columns.containsKey(key(filter));
    };
  }

  /**
   * The parts of {@code filter} that SQL can evaluate and that every match must pass: the whole
   * filter when it names declared columns only, else the top-level AND terms that do, else none.
   */
  static List<Filter> columnConjuncts(Filter filter, Map<String, ColumnType> columns) {
    List<Filter> out = new ArrayList<>();
    if (filter == null) {
      return out;
    }
    if (onColumnsOnly(filter, columns)) {
      out.add(filter);
    } else if (filter instanceof And a) {
      out.addAll(columnConjuncts(a.left(), columns));
      out.addAll(columnConjuncts(a.right(), columns));
    }
    return out;
  }

  /** The SQL condition of {@code filters} (all on declared columns), joined by AND. */
  static FilterSql of(List<Filter> filters, Map<String, ColumnType> columns) {
    FilterSql f = new FilterSql(columns);
    for (int i = 0; i < filters.size(); i++) {
      if (i > 0) {
        f.sql.append(" AND ");
      }
      f.append(filters.get(i));
    }
    return f;
  }

  /** The condition, empty when there is none. */
  String sql() {
    return sql.toString();
  }

  /** Binds the values from placeholder {@code first} on; returns the next placeholder's index. */
  int bind(PreparedStatement ps, int first) throws SQLException {
    int i = first;
    for (Param p : params) {
      p.type().bind(ps, i++, p.key(), p.value());
    }
    return i;
  }

  private void append(Filter filter) {
    switch (filter) {
      case And a -> binary(a.left(), " AND ", a.right());
      case Or o -> binary(o.left(), " OR ", o.right());
      case Not n -> {
        sql.append("NOT (");
        append(n.expression());
        sql.append(')');
      }
      case IsEqualTo f -> compare(f.key(), "=", f.comparisonValue());
      case IsGreaterThan f -> compare(f.key(), ">", f.comparisonValue());
      case IsGreaterThanOrEqualTo f -> compare(f.key(), ">=", f.comparisonValue());
      case IsLessThan f -> compare(f.key(), "<", f.comparisonValue());
      case IsLessThanOrEqualTo f -> compare(f.key(), "<=", f.comparisonValue());
      case IsNotEqualTo f -> {
        String c = column(f.key());
        sql.append('(').append(c).append(" IS NULL OR ").append(c).append(" <> ?)");
        param(f.key(), f.comparisonValue());
      }
      case IsIn f -> in(f.key(), f.comparisonValues(), false);
      case IsNotIn f -> in(f.key(), f.comparisonValues(), true);
      case ContainsString f -> {
        if (columns.get(f.key()) != ColumnType.TEXT) {
          throw new IllegalArgumentException(
              "containsString needs a text value; metadata key '" + f.key() + "' is not TEXT");
        }
        String c = column(f.key());
        sql.append('(').append(c).append(" IS NOT NULL AND ").append(c);
        sql.append(" LIKE ? ESCAPE '\\')");
        params.add(
            new Param(ColumnType.TEXT, f.key(), "%" + escapeLike(f.comparisonValue()) + "%"));
      }
      default ->
          throw new UnsupportedOperationException(
              "filter " + filter.getClass().getName() + " is not supported");
    }
  }

  private void binary(Filter left, String op, Filter right) {
    sql.append('(');
    append(left);
    sql.append(op);
    append(right);
    sql.append(')');
  }

  private void compare(String key, String op, Object value) {
    String c = column(key);
    sql.append('(').append(c).append(" IS NOT NULL AND ").append(c).append(' ').append(op);
    sql.append(" ?)");
    param(key, value);
  }

  private void in(String key, Collection<?> values, boolean negated) {
    String c = column(key);
    sql.append('(').append(c).append(negated ? " IS NULL OR " : " IS NOT NULL AND ").append(c);
    sql.append(negated ? " NOT IN (" : " IN (");
    int i = 0;
    for (Object v : values) {
      sql.append(i++ > 0 ? ", ?" : "?");
      param(key, v);
    }
    sql.append("))");
  }

  private String column(String key) {
    return SqlNames.quote(key);
  }

  private void param(String key, Object value) {
    params.add(new Param(columns.get(key), key, value));
  }

  private static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static String key(Filter filter) {
    return switch (filter) {
      case IsEqualTo f -> f.key();
      case IsNotEqualTo f -> f.key();
      case IsGreaterThan f -> f.key();
      case IsGreaterThanOrEqualTo f -> f.key();
      case IsLessThan f -> f.key();
      case IsLessThanOrEqualTo f -> f.key();
      case IsIn f -> f.key();
      case IsNotIn f -> f.key();
      case ContainsString f -> f.key();
      default ->
          throw new UnsupportedOperationException(
              "filter " + filter.getClass().getName() + " is not supported");
    };
  }
}

package dev.veles.calcite.rel;

import dev.veles.calcite.SqlState;
import dev.veles.calcite.TableLayout;
import dev.veles.calcite.Vectors;
import dev.veles.calcite.VelesException;
import dev.veles.calcite.VelesTable;
import dev.veles.engine.Filter;
import dev.veles.engine.Hit;
import dev.veles.engine.Metric;
import dev.veles.engine.Row;
import dev.veles.engine.VectorCollection;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rex.RexNode;

/**
 * A query pushed into the engine: a table, an optional row filter, the fields to return, and an
 * optional k-nearest-neighbour search. Built while planning (one per {@link VelesRel}), executed by
 * the generated code through {@link #execute}.
 *
 * <p>Immutable and thread-safe: a cached plan runs it concurrently with different parameters.
 */
public final class VelesQuery {
  /** Output column that holds the search distance rather than a table field. */
  static final int DISTANCE = -1;

  /** A k-NN search: vector field, metric, query vector and the limit. */
  record Knn(
      int vectorField,
      Metric metric,
      boolean similarity,
      RexNode query,
      RexNode fetch,
      RexNode offset,
      Integer efSearch) {}

  final VelesTable table;
  final RexNode condition;
  final int[] outputs;
  final Knn knn;

  VelesQuery(VelesTable table, RexNode condition, int[] outputs, Knn knn) {
    this.table = table;
    this.condition = condition;
    this.outputs = outputs;
    this.knn = knn;
  }

  static VelesQuery scan(VelesTable table) {
    int n = table.layout().fieldCount();
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    return new VelesQuery(table, null, all, null);
  }

  VelesQuery withCondition(RexNode c) {
    return new VelesQuery(table, c, outputs, knn);
  }

  VelesQuery withOutputs(int[] o) {
    return new VelesQuery(table, condition, o, knn);
  }

  VelesQuery withKnn(Knn k, int[] o) {
    return new VelesQuery(table, condition, o, k);
  }

  /**
   * Runs the query. Rows are {@code Object[]} in output order, or bare values when {@code scalar}
   * (a single output column in Calcite's scalar row format).
   */
  public Enumerable<Object> execute(DataContext root, boolean scalar) {
    VectorCollection c = table.collection();
    TableLayout layout = table.layout();
    Filter filter =
        condition == null ? null : new FilterTranslator(layout, root).translate(condition);
    List<Object> rows = new ArrayList<>();
    if (knn != null) {
      float[] q = Vectors.toFloats(RexValues.eval(knn.query(), root));
      if (q == null) {
        return Linq4j.emptyEnumerable();
      }
      long offset = RexValues.count(knn.offset(), root, 0);
      long fetch = RexValues.count(knn.fetch(), root, Long.MAX_VALUE);
      long k = Math.min(offset + fetch, Integer.MAX_VALUE);
      if (k == 0 || fetch == 0) {
        return Linq4j.emptyEnumerable();
      }
      List<Hit> hits = c.search(q, (int) k, knn.metric(), filter);
      for (int i = (int) Math.min(offset, hits.size()); i < hits.size(); i++) {
        Hit h = hits.get(i);
        Row row = needsRow() ? c.get(h.id()) : null;
        if (needsRow() && row == null) {
          continue; // deleted since the search
        }
        double d = knn.similarity() ? -h.distance() : h.distance();
        rows.add(project(layout, row, h.id(), d, scalar));
      }
    } else {
      for (long id : candidates(c, filter)) {
        Row row = c.get(id);
        if (row != null) {
          rows.add(project(layout, row, id, 0, scalar));
        }
      }
    }
    return Linq4j.asEnumerable(rows);
  }

  /** Ids to read: the keys themselves for a filter on ids alone, else the engine's scan. */
  private static long[] candidates(VectorCollection c, Filter filter) {
    if (filter instanceof Filter.Compare cmp
        && cmp.column().equals(Filter.ID)
        && cmp.op() == Filter.Op.EQ
        && cmp.value() instanceof Number n) {
      long id = n.longValue();
      return (n.doubleValue() == id) && c.contains(id) ? new long[] {id} : new long[0];
    }
    if (filter instanceof Filter.In in && in.column().equals(Filter.ID)) {
      return in.values().stream()
          .filter(v -> v instanceof Number n && n.doubleValue() == n.longValue())
          .mapToLong(v -> ((Number) v).longValue())
          .distinct()
          .sorted()
          .filter(c::contains)
          .toArray();
    }
    return c.ids(filter);
  }

  private boolean needsRow() {
    for (int o : outputs) {
      if (o != DISTANCE && table.layout().kind(o) != TableLayout.Kind.ID) {
        return true;
      }
    }
    return false;
  }

  private Object project(TableLayout layout, Row row, long id, double distance, boolean scalar) {
    if (scalar) {
      return value(layout, row, id, distance, outputs[0]);
    }
    Object[] out = new Object[outputs.length];
    for (int i = 0; i < outputs.length; i++) {
      out[i] = value(layout, row, id, distance, outputs[i]);
    }
    return out;
  }

  private static Object value(TableLayout layout, Row row, long id, double distance, int field) {
    if (field == DISTANCE) {
      return distance;
    }
    if (layout.kind(field) == TableLayout.Kind.ID) {
      return id;
    }
    return layout.value(row, field);
  }

  /** A one-line description for EXPLAIN. */
  String describe() {
    StringBuilder sb = new StringBuilder();
    if (knn != null) {
      sb.append("knn(metric=").append(knn.metric().sqlName());
      sb.append(", k=").append(knn.fetch());
      if (knn.offset() != null) {
        sb.append(", offset=").append(knn.offset());
      }
      sb.append(", ef=").append(knn.efSearch() == null ? "default" : knn.efSearch());
      sb.append(")");
    }
    return sb.toString();
  }

  static VelesException unsupported(String what) {
    return new VelesException(SqlState.FEATURE_NOT_SUPPORTED, what);
  }
}

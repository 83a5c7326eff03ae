package dev.veles.calcite.rel;

import dev.veles.calcite.Session;
import dev.veles.calcite.TableLayout;
import dev.veles.calcite.Vectors;
import dev.veles.calcite.VelesSchema;
import dev.veles.calcite.VelesSettings;
import dev.veles.calcite.VelesTable;
import dev.veles.engine.Filter;
import dev.veles.engine.Hit;
import dev.veles.engine.Match;
import dev.veles.engine.Metric;
import dev.veles.engine.Row;
import dev.veles.engine.Transaction;
import dev.veles.engine.VectorCollection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

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

  /** {@code node} with references to this query's outputs rewritten to table fields. */
  RexNode toTableFields(RexNode node) {
    return node.accept(
        new RexShuttle() {
          @Override
          public RexNode visitInputRef(RexInputRef ref) {
            return new RexInputRef(outputs[ref.getIndex()], ref.getType());
          }
        });
  }

  /** Whether output {@code i} is a table field (not a search distance). */
  boolean isField(int i) {
    return outputs[i] != DISTANCE;
  }

  /** The table field of output {@code i}. */
  int field(int i) {
    return outputs[i];
  }

  /** This query with {@code c}, already over table fields, ANDed to its filter. */
  VelesQuery withCondition(RexBuilder rex, RexNode c) {
    RexNode all = condition == null ? c : rex.makeCall(SqlStdOperatorTable.AND, condition, c);
    return new VelesQuery(table, all, outputs, knn);
  }

  /** This query returning the given outputs of its current ones. */
  VelesQuery withProjection(int[] refs) {
    int[] o = new int[refs.length];
    for (int i = 0; i < refs.length; i++) {
      o[i] = outputs[refs[i]];
    }
    return new VelesQuery(table, condition, o, knn);
  }

  /** This query as a search, returning {@code o} (table fields or {@link #DISTANCE}). */
  VelesQuery withKnn(Knn k, int[] o) {
    return new VelesQuery(table, condition, o, k);
  }

  boolean hasKnn() {
    return knn != null;
  }

  /** The order of a search's rows (by distance), or null for a scan. */
  RelCollation collation() {
    if (knn == null) {
      return null;
    }
    for (int i = 0; i < outputs.length; i++) {
      if (outputs[i] == DISTANCE) {
        return RelCollations.of(
            new RelFieldCollation(
                i,
                knn.similarity()
                    ? RelFieldCollation.Direction.DESCENDING
                    : RelFieldCollation.Direction.ASCENDING,
                RelFieldCollation.NullDirection.LAST));
      }
    }
    return null;
  }

  double estimateRows(double tableRows) {
    if (knn != null) {
      return knn.fetch() instanceof RexLiteral l && l.getValueAs(Long.class) != null
          ? l.getValueAs(Long.class)
          : 10;
    }
    if (condition == null) {
      return tableRows;
    }
    if (VelesRules.isIdLookup(condition, table.layout().idField())
        || VelesRules.isKeyLookup(condition, table.layout().keyFields())) {
      return 1;
    }
    // A filter the engine looks up in a secondary index is taken as selective.
    return lookupIndexes().isEmpty() ? tableRows * 0.25 : tableRows * 0.05;
  }

  /**
   * The secondary indexes the engine is expected to look this query's filter up in (see {@link
   * IndexChoice}); empty for an id or key lookup, or a scan.
   */
  List<String> lookupIndexes() {
    TableLayout layout = table.layout();
    if (condition == null
        || VelesRules.isIdLookup(condition, layout.idField())
        || VelesRules.isKeyLookup(condition, layout.keyFields())) {
      return List.of();
    }
    return IndexChoice.of(condition, layout);
  }

  /**
   * The cost of running this query. Volcano compares costs by row count first, so the rows are
   * scaled by the share of the work the engine takes over.
   */
  RelOptCost cost(RelOptPlanner planner, double tableRows) {
    double work = estimateRows(tableRows) * cpuFactor();
    return planner.getCostFactory().makeCost(work, work, 0);
  }

  /** CPU per row relative to Calcite evaluating the same operators itself. */
  double cpuFactor() {
    return knn != null ? 0.01 : condition != null ? 0.1 : 0.5;
  }

  RelWriter explain(RelWriter pw) {
    TableLayout layout = table.layout();
    List<String> names = new ArrayList<>();
    for (int o : outputs) {
      names.add(o == DISTANCE ? "distance" : layout.names().get(o));
    }
    pw.item("columns", names);
    if (condition != null) {
      pw.item("filter", withNames(condition.toString(), layout));
      pw.itemIf("lookup", "id", VelesRules.isIdLookup(condition, layout.idField()));
      pw.itemIf("lookup", "key", VelesRules.isKeyLookup(condition, layout.keyFields()));
      List<String> indexes = lookupIndexes();
      // lookup=[index name]: the filter is looked up in that secondary index (see IndexChoice)
      pw.itemIf("lookup", "index " + String.join(", ", indexes), !indexes.isEmpty());
    }
    if (knn != null) {
      pw.item("knn", layout.names().get(knn.vectorField()))
          .item("metric", knn.metric().sqlName())
          .item("k", knn.fetch())
          .itemIf("offset", knn.offset(), knn.offset() != null)
          .item("query", knn.query())
          .item("index", knn.metric() == layout.schema().metric() ? "hnsw" : "exact")
          .item("ef", knn.efSearch() == null ? "default" : knn.efSearch());
    }
    return pw;
  }

  private static String withNames(String rex, TableLayout layout) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$(\\d+)").matcher(rex);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      int f = Integer.parseInt(m.group(1));
      String name = f < layout.fieldCount() ? layout.names().get(f) : m.group();
      m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(name));
    }
    return m.appendTail(sb).toString();
  }

  /**
   * Runs the query. Rows are {@code Object[]} in output order, or bare values when {@code scalar}
   * (a single output column in Calcite's scalar row format).
   */
  public Enumerable<Object> execute(DataContext root, boolean scalar) {
    Session session = VelesSchema.sessionOf(root);
    Transaction tx = session == null ? null : session.tx().forRead();
    try {
      return execute(root, scalar, tx == null ? null : new TxView(tx, table.name()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A transaction's view of the table: the committed rows with its own writes laid over them. */
  private record TxView(Transaction tx, String table) {}

  private Enumerable<Object> execute(DataContext root, boolean scalar, TxView view)
      throws IOException {
    Cancellation cancel = Cancellation.of(root);
    cancel.check();
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
      long k = offset > Long.MAX_VALUE - fetch ? Long.MAX_VALUE : offset + fetch;
      VelesSettings.checkK(k);
      if (k == 0 || fetch == 0) {
        return Linq4j.emptyEnumerable();
      }
      if (knn.efSearch() != null) {
        VelesSettings.checkEfSearch(knn.efSearch());
      }
      int ef =
          knn.efSearch() != null
              ? knn.efSearch()
              : VelesSchema.settingsOf(root, table.settings()).efSearch();
      if (needsRow() || view != null) {
        // Rows read with the distances, so each distance is computed on the returned vector.
        List<Match> hits =
            view != null
                ? view.tx.searchRows(view.table, q, (int) k, knn.metric(), filter, ef)
                : c.searchRows(q, (int) k, knn.metric(), filter, ef);
        for (int i = (int) Math.min(offset, hits.size()); i < hits.size(); i++) {
          Match m = hits.get(i);
          double d = knn.similarity() ? -m.distance() : m.distance();
          rows.add(project(layout, m.row(), m.row().id(), d, scalar));
        }
      } else {
        List<Hit> hits = c.search(q, (int) k, knn.metric(), filter, ef);
        for (int i = (int) Math.min(offset, hits.size()); i < hits.size(); i++) {
          Hit h = hits.get(i);
          double d = knn.similarity() ? -h.distance() : h.distance();
          rows.add(project(layout, null, h.id(), d, scalar));
        }
      }
      return cancel.watch(Linq4j.asEnumerable(rows));
    }
    {
      // Ids alone (a DELETE, SELECT id): no row is read, unless a transaction's view must say
      // whether keys taken from the filter exist.
      boolean read = needsRow() || (view != null && idKeys(filter) != null);
      RowStream.Projection p = (row, id) -> project(layout, row, id, 0, scalar);
      if (read
          && keyValues(filter, layout) == null
          && idKeys(filter) == null
          && (view == null || !view.tx.collections().contains(view.table))) {
        // A plain scan streams; a transaction that wrote the table reads its own view below.
        return cancel.watch(RowStream.of(c.scan(filter), p));
      }
      long[] ids = candidates(c, filter, view, layout);
      if (!read) {
        return cancel.watch(RowStream.ofIds(ids, p));
      }
      // Lookups and a transaction's own view: read now, so the statement sees one state.
      for (int i = 0; i < ids.length; i++) {
        if ((i & 1023) == 0) {
          cancel.check();
        }
        Row row = view != null ? view.tx.get(view.table, ids[i]) : c.get(ids[i]);
        if (row != null) {
          rows.add(p.project(row, ids[i]));
        }
      }
      return cancel.watch(Linq4j.asEnumerable(rows));
    }
  }

  /** Ids to read: the keys themselves for a filter on ids alone, else the engine's scan. */
  private static long[] candidates(
      VectorCollection c, Filter filter, TxView view, TableLayout layout) throws IOException {
    Object[] key = keyValues(filter, layout);
    if (key != null && (view == null || !view.tx.collections().contains(view.table))) {
      // The key index holds committed rows; a transaction that wrote the table scans instead.
      long id = c.findKey(0, key);
      return id < 0 ? new long[0] : new long[] {id};
    }
    List<Object> keys = idKeys(filter);
    if (keys == null) {
      return view != null ? view.tx.ids(view.table, filter) : c.ids(filter);
    }
    // The rows are read next anyway: a transaction's view filters absent ids there.
    return keys.stream()
        .filter(v -> v instanceof Number n && n.doubleValue() == n.longValue())
        .mapToLong(v -> ((Number) v).longValue())
        .distinct()
        .sorted()
        .filter(id -> view != null || c.contains(id))
        .toArray();
  }

  /**
   * The declared key's values (in key order, of the engine columns' types) when {@code filter} is
   * an equality on each key column and nothing else, else null.
   */
  private static Object[] keyValues(Filter filter, TableLayout layout) {
    int[] key = layout.keyFields();
    if (key.length == 0 || filter == null) {
      return null;
    }
    List<Filter> parts = filter instanceof Filter.And and ? and.operands() : List.of(filter);
    if (parts.size() != key.length) {
      return null;
    }
    Object[] sqlRow = new Object[layout.fieldCount()];
    for (Filter f : parts) {
      if (!(f instanceof Filter.Compare cmp) || cmp.op() != Filter.Op.EQ || cmp.value() == null) {
        return null;
      }
      int field = -1;
      for (int k : key) {
        if (cmp.column().equals(layout.filterColumn(k))) {
          field = k;
        }
      }
      if (field < 0 || sqlRow[field] != null) {
        return null;
      }
      sqlRow[field] = layout.sqlValue(field, cmp.value());
    }
    try {
      return layout.keyValues(sqlRow);
    } catch (RuntimeException e) {
      return null; // a value of another type (a number for a text key): the scan compares it
    }
  }

  /**
   * The ids a filter selects by equality alone ({@code id = k}, {@code id IN (...)}), else null.
   */
  private static List<Object> idKeys(Filter filter) {
    if (filter instanceof Filter.Compare cmp
        && cmp.column().equals(Filter.ID)
        && cmp.op() == Filter.Op.EQ) {
      return List.of(cmp.value());
    }
    if (filter instanceof Filter.In in && in.column().equals(Filter.ID)) {
      return in.values();
    }
    if (filter instanceof Filter.Or or) {
      List<Object> all = new ArrayList<>();
      for (Filter f : or.operands()) {
        List<Object> k = idKeys(f);
        if (k == null) {
          return null;
        }
        all.addAll(k);
      }
      return all;
    }
    return null;
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
}

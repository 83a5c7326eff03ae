package dev.veles.calcite.rel;

import dev.veles.engine.Database;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.Enumerable;

/**
 * The engine reads of one plan, done together: when a statement reads several tables (a join, a
 * subquery), the first of its reads to run executes all of them under the database's apply lock
 * ({@link Database#readConsistent()}), so the statement sees one committed state of every table and
 * never half of a commit over several tables. A scan opens its engine cursor there (its rows are
 * then read as the consumer asks, as they were at that moment); lookups read their few rows then.
 *
 * <p>Thread-safe: a cached plan runs concurrently; results are kept per execution (its {@link
 * DataContext}, weakly) until each read takes its own.
 */
final class ReadGroup {
  /** Groups by the implementor of their plan: one implementor builds one plan's code. */
  private static final Map<EnumerableRelImplementor, ReadGroup> BY_PLAN =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final List<Leaf> leaves = Collections.synchronizedList(new ArrayList<>());
  private final Map<DataContext, Map<Leaf, Enumerable<Object>>> prefetched =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** The group of the plan {@code implementor} builds; adds {@code query} as one of its reads. */
  static Leaf add(EnumerableRelImplementor implementor, VelesQuery query, boolean scalar) {
    ReadGroup g = BY_PLAN.computeIfAbsent(implementor, k -> new ReadGroup());
    Leaf leaf = new Leaf(g, query, scalar);
    g.leaves.add(leaf);
    return leaf;
  }

  /** One engine read of a plan; its generated code calls {@link #execute}. */
  public static final class Leaf {
    static final java.lang.reflect.Method EXECUTE;

    static {
      try {
        EXECUTE = Leaf.class.getMethod("execute", DataContext.class);
      } catch (NoSuchMethodException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final ReadGroup group;
    private final VelesQuery query;
    private final boolean scalar;

    Leaf(ReadGroup group, VelesQuery query, boolean scalar) {
      this.group = group;
      this.query = query;
      this.scalar = scalar;
    }

    private Database db() {
      return query.table.database();
    }

    /** This read's rows, read with the plan's other reads on its first run in an execution. */
    public Enumerable<Object> execute(DataContext root) {
      List<Leaf> all;
      synchronized (group.leaves) {
        all = List.copyOf(group.leaves);
      }
      Map<Leaf, Enumerable<Object>> pre = group.prefetched.get(root);
      if (pre != null) {
        Enumerable<Object> mine;
        synchronized (pre) {
          mine = pre.remove(this);
        }
        if (mine != null) {
          return mine;
        }
      }
      if (all.size() == 1 || pre != null) {
        // Alone, or run again in one execution (a correlated read): this read only.
        try (Database.ReadScope s = db().readConsistent()) {
          return query.execute(root, scalar);
        }
      }
      Map<Leaf, Enumerable<Object>> results = new HashMap<>();
      Enumerable<Object> mine;
      try (Database.ReadScope s = db().readConsistent()) {
        mine = query.execute(root, scalar);
        for (Leaf l : all) {
          if (l != this) {
            results.put(l, l.query.execute(root, l.scalar));
          }
        }
      }
      group.prefetched.put(root, results);
      return mine;
    }
  }
}

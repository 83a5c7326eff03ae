package dev.veles.calcite;

import dev.veles.engine.Row;
import dev.veles.engine.VectorCollection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the rows that the statements of one JDBC batch insert, so that {@code executeBatch}
 * reaches the engine as one call per table (one WAL group write, all or nothing) instead of one per
 * row. The JDBC layer opens a collector around the batch on the executing thread; inserts made
 * while it is open are held and applied by {@link #apply()}.
 *
 * <p>Not thread-safe: a collector belongs to the thread that opened it.
 */
public final class BatchCollector implements AutoCloseable {
  private static final ThreadLocal<BatchCollector> CURRENT = new ThreadLocal<>();

  private record Target(VectorCollection collection, boolean upsert) {}

  private final Map<Target, List<Row>> pending = new LinkedHashMap<>();
  private final BatchCollector outer;

  private BatchCollector(BatchCollector outer) {
    this.outer = outer;
  }

  /** Starts collecting on this thread; close it (after {@link #apply()}) when the batch ends. */
  public static BatchCollector open() {
    BatchCollector c = new BatchCollector(CURRENT.get());
    CURRENT.set(c);
    return c;
  }

  /** The collector open on this thread, or null. */
  static BatchCollector current() {
    return CURRENT.get();
  }

  /**
   * Applies what the open collector holds, if any: a read or a delete in the middle of a batch must
   * see the batch's earlier inserts.
   */
  public static void applyPending() {
    BatchCollector c = CURRENT.get();
    if (c != null && !c.pending.isEmpty()) {
      try {
        c.apply();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  void add(VectorCollection collection, boolean upsert, List<Row> rows) {
    pending.computeIfAbsent(new Target(collection, upsert), t -> new ArrayList<>()).addAll(rows);
  }

  /** Applies the held rows, one engine call per table; clears them even if a call fails. */
  public void apply() throws IOException {
    try {
      for (Map.Entry<Target, List<Row>> e : pending.entrySet()) {
        if (e.getKey().upsert()) {
          e.getKey().collection().upsert(e.getValue());
        } else {
          e.getKey().collection().insert(e.getValue());
        }
      }
    } finally {
      pending.clear();
    }
  }

  @Override
  public void close() {
    pending.clear();
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
    }
  }
}

package dev.veles.calcite.rel;

import dev.veles.engine.Row;
import dev.veles.engine.RowCursor;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * The rows of a scan, read and projected one at a time as the consumer asks for them, so that the
 * first row is ready at once and a large table never sits on the heap whole.
 *
 * <p>Rows come from an engine {@link RowCursor} (a plain scan: the rows as they were when the
 * statement began), or only ids are handed out (a DELETE's input, {@code SELECT id}).
 * Re-enumerable: a second pass reads the same rows again. The cursor closes when its last open
 * enumerator closes.
 *
 * <p>Thread-safe; each enumerator belongs to one thread.
 */
final class RowStream extends AbstractEnumerable<Object> {
  /** Builds an output row from a stored row (null when not read) and its id. */
  interface Projection {
    Object project(Row row, long id);
  }

  private final RowCursor cursor;
  private final long[] ids;
  private final Projection projection;
  private final AtomicInteger open = new AtomicInteger();

  private RowStream(RowCursor cursor, long[] ids, Projection projection) {
    this.cursor = cursor;
    this.ids = ids;
    this.projection = projection;
  }

  /** The rows of {@code cursor}. */
  static RowStream of(RowCursor cursor, Projection projection) {
    return new RowStream(cursor, null, projection);
  }

  /** The ids alone, no row read: each projected with a null row. */
  static RowStream ofIds(long[] ids, Projection projection) {
    return new RowStream(null, ids, projection);
  }

  private int size() {
    return cursor != null ? cursor.size() : ids.length;
  }

  @Override
  public Enumerator<Object> enumerator() {
    open.incrementAndGet();
    return new Enumerator<>() {
      private int next;
      private Object current;
      private boolean closed;

      @Override
      public Object current() {
        return current;
      }

      @Override
      public boolean moveNext() {
        int n = size();
        while (next < n) {
          int i = next++;
          long id = cursor != null ? cursor.id(i) : ids[i];
          Row row = cursor != null ? cursor.row(i) : null;
          if (row != null || cursor == null) {
            current = projection.project(row, id);
            return true;
          }
        }
        current = null;
        return false;
      }

      @Override
      public void reset() {
        next = 0;
        current = null;
      }

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          if (open.decrementAndGet() == 0 && cursor != null) {
            cursor.close();
          }
        }
      }
    };
  }
}

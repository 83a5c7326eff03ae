package dev.veles.calcite.rel;

import dev.veles.calcite.SqlState;
import dev.veles.calcite.VelesException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * The cancel flag and timeout of one execution, read from its {@link DataContext}: Calcite puts the
 * statement's cancel flag ({@code Statement.cancel()} sets it) and its query timeout there but
 * checks neither while rows are produced, so a long query runs to its end. Veles's scans check both
 * while they read and while their rows are consumed, which interrupts joins, sorts and aggregations
 * fed by a scan; a failure is a {@link VelesException} with SQLSTATE 57014.
 *
 * <p>Immutable; thread-safe as the flag is.
 */
final class Cancellation {
  private static final Cancellation NONE = new Cancellation(null, Long.MAX_VALUE, 0);

  private final AtomicBoolean flag;
  private final long deadlineMillis;
  private final long timeoutMillis;

  private Cancellation(AtomicBoolean flag, long deadlineMillis, long timeoutMillis) {
    this.flag = flag;
    this.deadlineMillis = deadlineMillis;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * The cancellation of the execution {@code root} belongs to; the deadline counts from the
   * statement's start time ({@link DataContext.Variable#UTC_TIMESTAMP}).
   */
  static Cancellation of(DataContext root) {
    if (root == null) {
      return NONE;
    }
    AtomicBoolean flag =
        root.get(DataContext.Variable.CANCEL_FLAG.camelName) instanceof AtomicBoolean b ? b : null;
    long timeout =
        root.get(DataContext.Variable.TIMEOUT.camelName) instanceof Number n ? n.longValue() : 0;
    long start =
        root.get(DataContext.Variable.UTC_TIMESTAMP.camelName) instanceof Number n
            ? n.longValue()
            : System.currentTimeMillis();
    long deadline = timeout > 0 ? start + timeout : Long.MAX_VALUE;
    return flag == null && timeout <= 0 ? NONE : new Cancellation(flag, deadline, timeout);
  }

  /** Throws 57014 if the statement was canceled or has run past its timeout. */
  void check() {
    if (flag != null && flag.get()) {
      throw new VelesException(SqlState.QUERY_CANCELED, "statement canceled");
    }
    if (deadlineMillis != Long.MAX_VALUE && System.currentTimeMillis() > deadlineMillis) {
      throw new VelesException(
          SqlState.QUERY_CANCELED,
          "statement timeout: ran longer than "
              + timeoutMillis / 1000
              + " s (Statement.setQueryTimeout, or the server's --statement-timeout)");
    }
  }

  /** {@code rows}, checked before each row is handed out. */
  <T> Enumerable<T> watch(Enumerable<T> rows) {
    if (this == NONE) {
      return rows;
    }
    return new AbstractEnumerable<T>() {
      @Override
      public Enumerator<T> enumerator() {
        Enumerator<T> e = rows.enumerator();
        return new Enumerator<T>() {
          @Override
          public T current() {
            return e.current();
          }

          @Override
          public boolean moveNext() {
            check();
            return e.moveNext();
          }

          @Override
          public void reset() {
            e.reset();
          }

          @Override
          public void close() {
            e.close();
          }
        };
      }
    };
  }
}

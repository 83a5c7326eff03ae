package dev.veles.calcite;

import dev.veles.engine.Row;
import dev.veles.engine.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.rel.core.TableModify.Operation;
import org.apache.calcite.schema.SchemaPlus;

/**
 * The writes that return rows or look at the rows they replace: {@code INSERT ... ON CONFLICT} and
 * the {@code RETURNING} forms of INSERT, UPDATE and DELETE. Plain statements do not come here (see
 * {@link VelesTable#apply}).
 *
 * <p>A statement that reads a row before writing it locks the row first ({@link
 * Transaction#lockRow}) and reads it after: a concurrent writer of the row fails at once with 40001
 * (first writer wins), and one that committed before is seen, so no update is lost. Such a
 * statement runs in the connection's transaction, or in one of its own in auto-commit mode; inside
 * an open transaction it is bounded by a savepoint, so a failing statement leaves nothing behind.
 *
 * <p>Stateless.
 */
public final class RowWrites {
  private static final String SAVEPOINT = "$statement";

  private RowWrites() {}

  /** The update count and, for RETURNING, the rows written (removed, for DELETE). */
  public record Result(long count, List<Object[]> rows) {}

  /**
   * Applies {@code operation} to {@code rows} as {@link VelesTable#apply} does, with {@code action}
   * for rows whose key exists (INSERT only; null for plain statements), collecting the rows written
   * when {@code returning}.
   */
  public static Result apply(
      VelesTable table,
      Operation operation,
      List<Object[]> rows,
      int[] updateColumns,
      OnConflictAction action,
      boolean returning,
      VelesSettings settings,
      TxContext tx,
      DataContext root) {
    TableLayout layout = table.layout();
    if (action == null && operation != Operation.DELETE) {
      long n = table.apply(operation, rows, updateColumns, settings, tx);
      List<Object[]> out = new ArrayList<>(rows.size());
      for (Object[] r : rows) {
        Object[] full = operation == Operation.UPDATE ? updated(layout, r, updateColumns) : r;
        out.add(layout.toSqlRow(layout.toRow(full)));
      }
      return new Result(n, out);
    }
    settings.access().check(Access.Change.ROWS, operation.toString());
    Transaction open = tx == null ? null : tx.forWrite();
    Transaction t = open != null ? open : table.database().begin();
    try {
      if (open != null) {
        t.savepoint(SAVEPOINT);
      }
      Result r =
          operation == Operation.DELETE
              ? delete(table, t, rows, returning)
              : insert(table, t, rows, action, returning, root);
      if (open == null) {
        t.commit();
      } else {
        t.release(SAVEPOINT);
      }
      return r;
    } catch (IOException | RuntimeException e) {
      try {
        if (open == null) {
          t.rollback();
        } else {
          t.rollbackTo(SAVEPOINT);
          t.release(SAVEPOINT);
        }
      } catch (IOException | RuntimeException s) {
        e.addSuppressed(s);
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw (RuntimeException) e;
    }
  }

  private static Result delete(VelesTable table, Transaction t, List<Object[]> rows, boolean keep)
      throws IOException {
    TableLayout layout = table.layout();
    List<Object[]> out = keep ? new ArrayList<>() : null;
    long n = 0;
    for (Object[] r : rows) {
      long id = ((Number) r[layout.idField()]).longValue();
      Row old = t.lockRow(table.name(), id);
      if (old != null && t.delete(table.name(), id) == 1) {
        n++;
        if (keep) {
          out.add(layout.toSqlRow(old));
        }
      }
    }
    return new Result(n, out);
  }

  /**
   * INSERT ... ON CONFLICT: each proposed row is inserted if its key is free; else DO NOTHING skips
   * it, and DO UPDATE evaluates its assignments on the locked existing row. As in PostgreSQL, the
   * count is the rows inserted or updated, and DO UPDATE may not touch one key twice (21000).
   */
  private static Result insert(
      VelesTable table,
      Transaction t,
      List<Object[]> rows,
      OnConflictAction action,
      boolean keep,
      DataContext root)
      throws IOException {
    TableLayout layout = table.layout();
    String name = table.name();
    OnConflictAction a = action == null ? OnConflictAction.NOTHING : action;
    List<Object[]> out = keep ? new ArrayList<>() : null;
    Set<Long> touched = new HashSet<>();
    RowContext context = new RowContext(root);
    // Rows without an id (a hidden row id, SERIAL): allocated as a plain INSERT does; one that
    // turns out to conflict leaves a gap, as a PostgreSQL sequence does.
    int idField = layout.idField();
    long missing = rows.stream().filter(r -> r[idField] == null).count();
    if (missing > 0) {
      long[] ids = table.collection().allocateIds((int) missing);
      int next = 0;
      for (Object[] r : rows) {
        if (r[idField] == null) {
          r[idField] = ids[next++];
        }
      }
    }
    long n = 0;
    for (Object[] proposed : rows) {
      Row row = layout.toRow(proposed);
      long holder = holder(t, table, a.key(), row);
      Row existing = holder < 0 ? null : t.lockRow(name, holder);
      Row written = null;
      if (a.update() && !touched.add(existing != null ? existing.id() : row.id())) {
        throw new VelesException(
            SqlState.CARDINALITY_VIOLATION,
            "ON CONFLICT DO UPDATE command cannot affect row a second time: key "
                + (existing != null ? existing.id() : row.id())
                + " appears twice among the proposed rows");
      }
      if (existing == null) {
        t.insert(name, List.of(row));
        written = row;
      } else if (a.update()) {
        written = assign(layout, a, existing, proposed, context);
        if (written != null) {
          t.upsert(name, List.of(written));
        }
      }
      if (written != null) {
        n++;
        if (keep) {
          out.add(layout.toSqlRow(written));
        }
      }
    }
    return new Result(n, out);
  }

  /**
   * The id of the row {@code row} conflicts with on {@code key} (see {@link
   * OnConflictAction#key()}), or -1. On the row id that is {@code row}'s own id whether or not it
   * exists: the caller locks and reads it.
   */
  private static long holder(Transaction t, VelesTable table, int key, Row row) throws IOException {
    String name = table.name();
    if (key >= 0) {
      return t.keyHolder(name, key, row);
    }
    boolean byId = !table.layout().hiddenId();
    if (key == OnConflictAction.ANY_KEY && !(byId && t.get(name, row.id()) != null)) {
      int keys = table.layout().schema().uniqueKeys().size();
      for (int k = 0; k < keys; k++) {
        long h = t.keyHolder(name, k, row);
        if (h >= 0) {
          return h;
        }
      }
    }
    return byId ? row.id() : -1; // locked even when absent, so a concurrent insert conflicts
  }

  /** The existing row with DO UPDATE's assignments, or null if its condition is not true. */
  private static Row assign(
      TableLayout layout, OnConflictAction a, Row existing, Object[] proposed, RowContext context) {
    Object[] old = layout.toSqlRow(existing);
    Object[] input = Arrays.copyOf(old, old.length + proposed.length);
    System.arraycopy(proposed, 0, input, old.length, proposed.length);
    context.record = input;
    Object[] values = a.eval().apply(context);
    int[] fields = a.setFields();
    if (a.hasCondition() && !Boolean.TRUE.equals(values[fields.length])) {
      return null;
    }
    Object[] next = old.clone();
    for (int j = 0; j < fields.length; j++) {
      next[fields[j]] = values[j];
    }
    return layout.toRow(next);
  }

  /** A row of an UPDATE's input (old fields, then the new values) as the row written. */
  static Object[] updated(TableLayout layout, Object[] r, int[] updateColumns) {
    int n = layout.fieldCount();
    Object[] updated = Arrays.copyOf(r, n);
    for (int j = 0; j < updateColumns.length; j++) {
      updated[updateColumns[j]] = r[n + j];
    }
    return updated;
  }

  /**
   * The statement's context with one input record: the compiled assignments read the row from it
   * and parameters, the clock and the rest from the statement's context. One per statement, reused
   * row by row; not thread-safe.
   */
  private static final class RowContext implements DataContext {
    private final DataContext root;
    Object[] record;

    RowContext(DataContext root) {
      this.root = root;
    }

    @Override
    public SchemaPlus getRootSchema() {
      return root.getRootSchema();
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
      return root.getTypeFactory();
    }

    @Override
    public QueryProvider getQueryProvider() {
      return root.getQueryProvider();
    }

    @Override
    public Object get(String name) {
      return "inputRecord".equals(name) ? record : root.get(name);
    }
  }
}

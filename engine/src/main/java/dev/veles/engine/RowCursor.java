package dev.veles.engine;

import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A read of a fixed set of rows as they were when the cursor was opened, one row at a time: a scan
 * that streams instead of copying every row first, yet never shows a write committed after it
 * began.
 *
 * <p>The cursor holds the ids (8 bytes per row); rows are read from storage when asked for. A write
 * that changes or deletes one of its rows while it is open hands the row's old image to the cursor
 * first ({@link VectorCollection}'s apply steps), so the memory a cursor keeps is bounded by the
 * rows changed under it, not by its size. Rows may be read in any order and more than once.
 *
 * <p>Thread-safe. Close it when done; an unreachable cursor is closed by a cleaner.
 */
public final class RowCursor implements AutoCloseable {
  private static final Cleaner CLEANER = Cleaner.create();

  /** What the collection sees of an open cursor: its ids and the old images it was handed. */
  static final class State {
    final long[] ids;

    /** Old images by id: a {@link Row}, or the {@link CorruptFileException} reading it hit. */
    final Map<Long, Object> kept = new ConcurrentHashMap<>();

    State(long[] ids) {
      this.ids = ids;
    }

    /** Called by a writer, under the collection's write lock, before row {@code id} changes. */
    void keep(long id, SlotTable table) {
      if (Arrays.binarySearch(ids, id) < 0 || kept.containsKey(id)) {
        return;
      }
      Object image;
      try {
        image = table.row(id);
      } catch (CorruptFileException e) {
        image = e;
      }
      if (image != null) {
        kept.put(id, image);
      }
    }
  }

  private final VectorCollection collection;
  private final State state;
  private final Cleaner.Cleanable cleanable;

  RowCursor(VectorCollection collection, State state) {
    this.collection = collection;
    this.state = state;
    this.cleanable = CLEANER.register(this, () -> collection.unregister(state));
  }

  /** The number of rows. */
  public int size() {
    return state.ids.length;
  }

  /** The id of row {@code i} (ascending in {@code i}). */
  public long id(int i) {
    return state.ids[i];
  }

  /**
   * Row {@code i} (a copy) as it was when the cursor opened.
   *
   * @throws DamagedCollectionException if its stored vector fails its check
   * @throws AlreadyClosedException if the collection was closed or dropped since
   */
  public Row row(int i) {
    return collection.cursorRow(state, state.ids[i]);
  }

  /** The number of rows whose old image this cursor holds (changed since it opened). */
  public int keptRows() {
    return state.kept.size();
  }

  @Override
  public void close() {
    cleanable.clean();
  }
}

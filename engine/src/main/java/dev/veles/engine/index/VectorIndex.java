package dev.veles.engine.index;

import dev.veles.engine.Hit;
import java.util.List;

/**
 * A nearest-neighbour index over the slots of a {@link VectorSource}. Nodes are storage slots; the
 * index keeps each slot's row id itself.
 *
 * <p>Thread-safety: any number of threads may search while one writer calls {@link #insert}, {@link
 * #update} and {@link #markDeleted}; a search sees each slot either before or after a concurrent
 * write, never half-written. Writers are serialised internally.
 */
public interface VectorIndex {
  /**
   * Adds a slot whose vector is already written in the source.
   *
   * @throws IllegalArgumentException when the slot is negative or already holds a live node
   */
  void insert(int slot, long id);

  /**
   * Re-indexes a slot whose vector was overwritten in place.
   *
   * @throws IllegalArgumentException when the slot holds no live node
   */
  void update(int slot);

  /**
   * Removes a slot from results from now on: a search that starts after this returns never returns
   * it. Returns false when the slot held no live node.
   */
  boolean markDeleted(int slot);

  /**
   * The {@code k} nearest accepted live vectors to {@code query}, ordered by distance then id.
   *
   * @param efSearch the candidate list size; raised to {@code k} when smaller; ignored by exact
   *     indexes
   * @param accept the slots that may be returned, {@link Bits#ALL} for no filter
   * @throws IllegalArgumentException when the query's dimension differs or k is not positive
   */
  default List<Hit> search(float[] query, int k, int efSearch, Bits accept) {
    return search(query, k, efSearch, accept, SlotCheck.NONE);
  }

  /**
   * As {@link #search(float[], int, int, Bits)}, passing the slot and id of every hit to {@code
   * check} before returning it (the storage's checksum of the returned vectors); whatever {@code
   * check} throws propagates.
   */
  List<Hit> search(float[] query, int k, int efSearch, Bits accept, SlotCheck check);

  /** The number of live (not deleted) slots. */
  int size();

  /** The number of deleted slots still held (tombstones); 0 for indexes that drop at once. */
  int tombstones();
}

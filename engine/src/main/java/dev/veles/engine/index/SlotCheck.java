package dev.veles.engine.index;

/**
 * Verifies the stored vector of a slot an index is about to return, given the row id the index
 * holds for it. Storage checks its checksums here: the index knows the slot, so no id lookup is
 * needed. Called on the searching thread, under whatever lock the caller holds for the search.
 */
@FunctionalInterface
public interface SlotCheck {
  /** Accepts every slot. */
  SlotCheck NONE = (slot, id) -> {};

  /**
   * Returns normally when slot {@code slot} holds a sound vector of row {@code id}; else throws.
   */
  void verify(int slot, long id);
}

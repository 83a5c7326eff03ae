package dev.veles.engine.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One graph node: a storage slot's id, its level and its neighbour lists.
 *
 * <p>Neighbour lists are immutable {@code int[]} replaced whole with release semantics, so a reader
 * sees either the old or the new list, never a half-written one, without locking. Writers change a
 * node's lists only while holding the node's monitor; the parallel list of scores (used to prune)
 * is guarded by it too and may be null after a load, meaning "recompute on demand".
 */
final class Node {
  static final int[] EMPTY = new int[0];
  private static final VarHandle LINKS = MethodHandles.arrayElementVarHandle(int[][].class);

  final long id;
  final int level;
  private final int[][] links;
  private final float[][] scores;
  volatile boolean deleted;

  Node(long id, int level) {
    this.id = id;
    this.level = level;
    this.links = new int[level + 1][];
    this.scores = new float[level + 1][];
    for (int l = 0; l <= level; l++) {
      links[l] = EMPTY;
      scores[l] = new float[0];
    }
  }

  /** The current neighbours on {@code l}; empty above this node's level. Lock-free. */
  int[] links(int l) {
    return l <= level ? (int[]) LINKS.getAcquire(links, l) : EMPTY;
  }

  /** Scores parallel to {@link #links}; caller holds this node's monitor. May be null. */
  float[] scores(int l) {
    return scores[l];
  }

  /** Replaces a list; caller holds this node's monitor (or the node is not yet published). */
  void setLinks(int l, int[] ids, float[] sc) {
    scores[l] = sc;
    LINKS.setRelease(links, l, ids);
  }
}

package dev.veles.engine;

/**
 * One search result.
 *
 * @param id the row id
 * @param distance the distance to the query under the search's metric
 */
public record Hit(long id, float distance) implements Comparable<Hit> {
  /** Orders by distance, ties broken by id. */
  @Override
  public int compareTo(Hit o) {
    int c = Float.compare(distance, o.distance);
    return c != 0 ? c : Long.compare(id, o.id);
  }
}

package dev.veles.engine;

/**
 * A search result with its row, read together with the distance (see {@link
 * VectorCollection#searchRows}).
 *
 * @param row the row (a copy); its vector is the one the distance was computed on
 * @param distance the distance to the query under the search's metric
 */
public record Match(Row row, float distance) {}

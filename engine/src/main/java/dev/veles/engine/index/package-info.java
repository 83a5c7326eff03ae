/**
 * Nearest-neighbour search over the vectors storage keeps in memory-mapped files.
 *
 * <p>Public types: {@link dev.veles.engine.index.VectorSource} (how an index reads vectors, owned
 * by storage), {@link dev.veles.engine.index.Bits} (a filter's accept set of slots), {@link
 * dev.veles.engine.index.Distance} (exact distances per metric), {@link
 * dev.veles.engine.index.VectorIndex} with {@code HnswIndex} and {@link
 * dev.veles.engine.index.FlatIndex}. Everything else is package-private.
 *
 * <p>Nodes are storage slots; an index keeps slot→id labels and its graph but never a second copy
 * of the vectors.
 */
package dev.veles.engine.index;

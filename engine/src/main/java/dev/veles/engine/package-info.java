/** The Veles storage engine: collections of vectors with typed columns, a WAL and an index. */
package dev.veles.engine;

package dev.veles.bench.sql;

import dev.veles.engine.Filter;
import dev.veles.engine.Hit;
import dev.veles.engine.Metric;
import dev.veles.engine.VectorCollection;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * Calls {@code VectorCollection.search(query, k, metric, filter, efSearch)} where the engine has
 * it, and the four-argument search (the collection's default candidate list, or an exact scan on
 * engines without an index) where it does not. The benchmark compiles against either engine so it
 * can run while the HNSW wiring is merged; {@link #honoursEf()} says which one ran.
 *
 * <p>Thread-safe (stateless after construction).
 */
final class EngineSearch {
  private static final MethodHandle WITH_EF = lookup();

  private EngineSearch() {}

  private static MethodHandle lookup() {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(
              VectorCollection.class,
              "search",
              MethodType.methodType(
                  List.class, float[].class, int.class, Metric.class, Filter.class, int.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }

  /** Whether the engine takes a per-query {@code efSearch} (else every ef runs the same search). */
  static boolean honoursEf() {
    return WITH_EF != null;
  }

  /** The {@code k} nearest live rows of {@code c} to {@code q} under {@code m}, with {@code ef}. */
  @SuppressWarnings("unchecked")
  static List<Hit> search(VectorCollection c, float[] q, int k, Metric m, int ef) {
    if (WITH_EF == null) {
      return c.search(q, k, m, null);
    }
    try {
      return (List<Hit>) WITH_EF.invokeExact(c, q, k, m, (Filter) null, ef);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}

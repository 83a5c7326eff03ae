package dev.veles.bench.ann;

import dev.veles.engine.Hit;
import dev.veles.engine.IndexParams;
import dev.veles.engine.Metric;
import dev.veles.engine.index.Bits;
import dev.veles.engine.index.HnswIndex;
import dev.veles.engine.index.VectorSource;
import java.lang.foreign.Arena;
import java.util.List;

/** Veles HNSW reading vectors straight from the memory-mapped {@code base.f32}. */
final class VelesLibrary implements AnnLibrary {
  private final Arena arena = Arena.ofShared();
  private HnswIndex index;

  @Override
  public String name() {
    return "veles";
  }

  @Override
  public void build(EmbeddingSet set, int threads) throws Exception {
    VectorSource src = set.map(arena);
    index = new HnswIndex(src, Metric.L2, new IndexParams(16, 200, 64), 42);
    int[] slots = new int[set.n];
    long[] ids = new long[set.n];
    for (int i = 0; i < set.n; i++) {
      slots[i] = i;
      ids[i] = i;
    }
    index.insertAll(slots, ids, threads, Progress.every(set.n / 10, "veles"));
  }

  @Override
  public int[] search(float[] query, int k, int ef) {
    List<Hit> hits = index.search(query, k, ef, Bits.ALL);
    int[] out = new int[hits.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) hits.get(i).id();
    }
    return out;
  }

  @Override
  public void close() {
    if (index != null) {
      index.close();
    }
    arena.close();
  }
}

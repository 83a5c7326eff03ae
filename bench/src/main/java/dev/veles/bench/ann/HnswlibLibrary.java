package dev.veles.bench.ann;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import java.util.ArrayList;
import java.util.List;

/** hnswlib-java (a port of hnswlib): M=16, ef_construction=200, its own parallel addAll. */
final class HnswlibLibrary implements AnnLibrary {
  /** An indexed vector; hnswlib wants items with an id. */
  record Vec(Integer id, float[] vector) implements Item<Integer, float[]> {
    @Override
    public int dimensions() {
      return vector.length;
    }
  }

  private HnswIndex<Integer, float[], Vec, Float> index;

  @Override
  public String name() {
    return "hnswlib";
  }

  @Override
  public void build(EmbeddingSet set, int threads) throws Exception {
    index =
        HnswIndex.newBuilder(set.dim, DistanceFunctions.FLOAT_EUCLIDEAN_DISTANCE, set.n)
            .withM(16)
            .withEfConstruction(200)
            .withEf(64)
            .build();
    List<Vec> items = new ArrayList<>(set.n);
    for (int i = 0; i < set.n; i++) {
      items.add(new Vec(i, set.base[i]));
    }
    index.addAll(items, threads, (done, max) -> {}, Integer.MAX_VALUE);
  }

  @Override
  public int[] search(float[] query, int k, int ef) {
    index.setEf(Math.max(k, ef));
    List<SearchResult<Vec, Float>> r = index.findNearest(query, k);
    int[] out = new int[r.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = r.get(i).item().id();
    }
    return out;
  }
}

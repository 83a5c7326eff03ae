package dev.veles.bench.ann;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * jvector 4 with exact in-memory vectors: degree 32 (the counterpart of HNSW M=16, whose layer 0
 * has 2M links), beam 200, overflow 1.2, alpha 1.2, with hierarchy. Its builder runs on
 * ForkJoinPools sized to the requested threads. The search beam is its rerankK.
 */
final class JVectorLibrary implements AnnLibrary {
  private static final VectorTypeSupport VTS =
      VectorizationProvider.getInstance().getVectorTypeSupport();
  private ListRandomAccessVectorValues ravv;
  private ImmutableGraphIndex graph;
  private GraphSearcher searcher;
  private GraphIndexBuilder builder;
  private ForkJoinPool pool;

  @Override
  public String name() {
    return "jvector";
  }

  @Override
  public void build(EmbeddingSet set, int threads) throws Exception {
    List<VectorFloat<?>> list = new ArrayList<>(set.n);
    for (float[] v : set.base) {
      list.add(VTS.createFloatVector(v));
    }
    ravv = new ListRandomAccessVectorValues(list, set.dim);
    BuildScoreProvider bsp =
        BuildScoreProvider.randomAccessScoreProvider(ravv, VectorSimilarityFunction.EUCLIDEAN);
    pool = new ForkJoinPool(threads);
    builder = new GraphIndexBuilder(bsp, set.dim, 32, 200, 1.2f, 1.2f, true, true, pool, pool);
    graph = builder.build(ravv);
    searcher = new GraphSearcher(graph);
  }

  @Override
  public int[] search(float[] query, int k, int ef) {
    DefaultSearchScoreProvider ssp =
        DefaultSearchScoreProvider.exact(
            VTS.createFloatVector(query), VectorSimilarityFunction.EUCLIDEAN, ravv);
    SearchResult r = searcher.search(ssp, k, Math.max(k, ef), 0f, 0f, Bits.ALL);
    SearchResult.NodeScore[] nodes = r.getNodes();
    int[] out = new int[Math.min(k, nodes.length)];
    for (int i = 0; i < out.length; i++) {
      out[i] = nodes[i].node;
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    if (searcher != null) {
      searcher.close();
    }
    if (builder != null) {
      builder.close();
    }
    if (pool != null) {
      pool.shutdown();
    }
  }
}

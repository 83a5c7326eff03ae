package dev.veles.bench.ann;

import java.util.Arrays;
import java.util.List;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Lucene 10's HNSW at the graph level (the builder and searcher its codec uses), over on-heap
 * float[] vectors with its default (Panama-vectorised) scorer: no codec or segment overhead. The
 * builder is single-threaded. A beam of ef is a collector of size ef, cut to k.
 */
final class LuceneLibrary implements AnnLibrary {
  private static final VectorSimilarityFunction SIM = VectorSimilarityFunction.EUCLIDEAN;
  private FloatVectorValues values;
  private OnHeapHnswGraph graph;

  @Override
  public String name() {
    return "lucene";
  }

  @Override
  public void build(EmbeddingSet set, int threads) throws Exception {
    values = FloatVectorValues.fromFloats(List.of(set.base), set.dim);
    RandomVectorScorerSupplier supplier =
        DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(SIM, values);
    HnswGraphBuilder builder = HnswGraphBuilder.create(supplier, 16, 200, 42);
    graph = builder.build(values.size());
  }

  @Override
  public int[] search(float[] query, int k, int ef) throws Exception {
    RandomVectorScorer scorer =
        DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(SIM, values, query);
    TopKnnCollector collector = new TopKnnCollector(Math.max(k, ef), Integer.MAX_VALUE);
    HnswGraphSearcher.search(scorer, collector, graph, null);
    TopDocs top = collector.topDocs();
    ScoreDoc[] docs = top.scoreDocs;
    return Arrays.stream(docs, 0, Math.min(k, docs.length)).mapToInt(d -> d.doc).toArray();
  }
}

package dev.veles.bench.rag;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * LangChain4j's bundled offline MiniLM (384 dimensions) as a Spring AI {@link EmbeddingModel}:
 * Spring AI has no model that runs without a download. Thread-safe.
 */
final class MiniLmSpringAiModel implements EmbeddingModel {
  private final AllMiniLmL6V2QuantizedEmbeddingModel model;

  MiniLmSpringAiModel(AllMiniLmL6V2QuantizedEmbeddingModel model) {
    this.model = model;
  }

  @Override
  public EmbeddingResponse call(EmbeddingRequest request) {
    List<TextSegment> segments = request.getInstructions().stream().map(TextSegment::from).toList();
    List<dev.langchain4j.data.embedding.Embedding> vectors = model.embedAll(segments).content();
    List<Embedding> out = new ArrayList<>();
    for (int i = 0; i < vectors.size(); i++) {
      out.add(new Embedding(vectors.get(i).vector(), i));
    }
    return new EmbeddingResponse(out);
  }

  @Override
  public float[] embed(Document document) {
    return model.embed(document.getText()).content().vector();
  }

  @Override
  public int dimensions() {
    return 384;
  }
}

package dev.veles.springai.autoconfigure;

import dev.veles.springai.VelesDistance;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code spring.ai.vectorstore.veles.*} properties: where the database is ({@code url} of a
 * Veles server or {@code path} of an embedded database; without either the application's {@code
 * DataSource} bean is used), the table and how it is created. A mutable bean, bound once.
 */
@ConfigurationProperties(prefix = VelesVectorStoreProperties.PREFIX)
public class VelesVectorStoreProperties {
  /** The properties' prefix. */
  public static final String PREFIX = "spring.ai.vectorstore.veles";

  private String url;
  private String path;
  private String table = "vector_store";
  private int dimension = -1;
  private VelesDistance metric = VelesDistance.COSINE;
  private boolean initializeSchema;
  private final Index index = new Index();

  /** The HNSW parameters of a created table. */
  public static class Index {
    private int m = 16;
    private int efConstruction = 200;

    public int getM() {
      return m;
    }

    public void setM(int m) {
      this.m = m;
    }

    public int getEfConstruction() {
      return efConstruction;
    }

    public void setEfConstruction(int efConstruction) {
      this.efConstruction = efConstruction;
    }
  }

  /** The Veles server's HTTP URL ({@code http://host:8765}), for {@code jdbc:veles:url=}. */
  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  /** The embedded database's directory, for {@code jdbc:veles:path=}. */
  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public String getTable() {
    return table;
  }

  public void setTable(String table) {
    this.table = table;
  }

  /** The embeddings' dimension; -1 (default) takes the embedding model's. */
  public int getDimension() {
    return dimension;
  }

  public void setDimension(int dimension) {
    this.dimension = dimension;
  }

  public VelesDistance getMetric() {
    return metric;
  }

  public void setMetric(VelesDistance metric) {
    this.metric = metric;
  }

  /** Whether to create the table when it is missing; default false, as Spring AI's stores. */
  public boolean isInitializeSchema() {
    return initializeSchema;
  }

  public void setInitializeSchema(boolean initializeSchema) {
    this.initializeSchema = initializeSchema;
  }

  public Index getIndex() {
    return index;
  }
}

package dev.veles.springai;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.DocumentMetadata;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.vectorstore.AbstractVectorStoreBuilder;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.observation.AbstractObservationVectorStore;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Spring AI {@link org.springframework.ai.vectorstore.VectorStore} in one Veles table, reached
 * through any {@link DataSource} of the Veles JDBC driver (embedded or remote). Thread-safe: it
 * holds no connection, it borrows one per call. Observed like Spring AI's other stores (its base
 * class wraps every call in a {@code db.vector.client.operation} observation).
 *
 * <p>The table has {@code id VARCHAR} (primary key), {@code embedding VECTOR(n)}, {@code content},
 * one typed column per declared metadata key and {@code metadata}, a JSON object with every other
 * key. {@link #add} embeds the documents in the batches the {@code BatchingStrategy} forms and
 * writes them in one JDBC batch (UPSERT: an existing id is replaced). A search is one k-NN
 * statement answered by the HNSW index; a filter on declared keys is its {@code WHERE}, evaluated
 * inside the index search. A filter naming a JSON key is evaluated in Java on each row's metadata
 * while the rows are read in exact distance order (declared-key AND terms still in the {@code
 * WHERE}) and reading stops at {@code topK} matches: exact, at the cost of an exact scan.
 */
public final class VelesVectorStore extends AbstractObservationVectorStore {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private final DataSource dataSource;
  private final String tableName;
  private final String table;
  private final int dimension;
  private final VelesDistance distance;
  private final Map<String, ColumnType> columns;
  private final String upsertSql;
  private final String selectColumns;

  private VelesVectorStore(Builder b) {
    super(b);
    this.dataSource = Objects.requireNonNull(b.dataSource, "dataSource");
    this.tableName = b.table;
    this.table = SqlNames.quote(b.table);
    this.dimension = b.dimension > 0 ? b.dimension : embeddingModel.dimensions();
    this.distance = b.distance;
    this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(b.columns));
    StringBuilder names = new StringBuilder("id, embedding, content, metadata");
    StringBuilder marks = new StringBuilder("?, ?, ?, ?");
    for (String key : columns.keySet()) {
      names.append(", ").append(SqlNames.quote(key));
      marks.append(", ?");
    }
    this.upsertSql = "UPSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")";
    this.selectColumns = names.toString();
    if (b.initializeSchema) {
      createTable(b);
    }
  }

  /** A builder over {@code dataSource}, embedding with {@code embeddingModel}. */
  public static Builder builder(DataSource dataSource, EmbeddingModel embeddingModel) {
    return new Builder(dataSource, embeddingModel);
  }

  @Override
  public void doAdd(List<Document> documents) {
    if (documents.isEmpty()) {
      return;
    }
    List<float[]> embeddings =
        embeddingModel.embed(documents, EmbeddingOptions.builder().build(), batchingStrategy);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(upsertSql)) {
      for (int i = 0; i < documents.size(); i++) {
        bindRow(ps, documents.get(i), embeddings.get(i));
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new VelesStoreException("adding " + documents.size() + " documents to " + table, e);
    }
  }

  private void bindRow(PreparedStatement ps, Document d, float[] embedding) throws SQLException {
    ps.setString(1, d.getId());
    ps.setObject(2, embedding);
    ps.setString(3, d.getText());
    Map<String, Object> json = new LinkedHashMap<>();
    for (Map.Entry<String, Object> m : d.getMetadata().entrySet()) {
      if (!columns.containsKey(m.getKey())) {
        json.put(m.getKey(), m.getValue());
      }
    }
    ps.setString(4, json.isEmpty() ? null : JSON.writeValueAsString(json));
    int i = 5;
    for (Map.Entry<String, ColumnType> col : columns.entrySet()) {
      col.getValue().bind(ps, i++, col.getKey(), d.getMetadata().get(col.getKey()));
    }
  }

  @Override
  public void doDelete(List<String> ids) {
    try (Connection c = dataSource.getConnection()) {
      deleteIds(c, ids);
    } catch (SQLException e) {
      throw new VelesStoreException("deleting " + ids.size() + " documents from " + table, e);
    }
  }

  private void deleteIds(Connection c, List<String> ids) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
      for (String id : ids) {
        ps.setString(1, id);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  protected void doDelete(Filter.Expression filter) {
    Objects.requireNonNull(filter, "filter");
    try (Connection c = dataSource.getConnection()) {
      FilterSql where = FilterSql.of(FilterSql.columnConjuncts(filter, columns), columns);
      if (FilterSql.onColumnsOnly(filter, columns)) {
        try (PreparedStatement ps =
            c.prepareStatement("DELETE FROM " + table + " WHERE " + where.sql())) {
          where.bind(ps, 1);
          ps.executeUpdate();
        }
        return;
      }
      List<String> ids = new ArrayList<>();
      String sql =
          "SELECT "
              + selectColumns
              + " FROM "
              + table
              + (where.sql().isEmpty() ? "" : " WHERE " + where.sql());
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        where.bind(ps, 1);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (Boolean.TRUE.equals(FilterSql.test(filter, metadata(rs)))) {
              ids.add(rs.getString(1));
            }
          }
        }
      }
      if (!ids.isEmpty()) {
        deleteIds(c, ids);
      }
    } catch (SQLException e) {
      throw new VelesStoreException("deleting by filter " + filter + " from " + table, e);
    }
  }

  @Override
  public List<Document> doSimilaritySearch(SearchRequest request) {
    float[] query = embeddingModel.embed(request.getQuery());
    Filter.Expression filter = request.getFilterExpression();
    boolean exactSql = filter == null || FilterSql.onColumnsOnly(filter, columns);
    FilterSql where = FilterSql.of(FilterSql.columnConjuncts(filter, columns), columns);
    boolean threshold =
        request.getSimilarityThreshold() != SearchRequest.SIMILARITY_THRESHOLD_ACCEPT_ALL;
    List<Document> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(searchSql(where, exactSql))) {
      ps.setObject(1, query);
      int next = where.bind(ps, 2);
      if (exactSql) {
        ps.setInt(next, request.getTopK());
      }
      int distanceColumn = 5 + columns.size();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next() && out.size() < request.getTopK()) {
          double d = rs.getDouble(distanceColumn);
          double score = distance.score(d);
          if (threshold && score < request.getSimilarityThreshold()) {
            break; // nearest first: no later row scores higher
          }
          Map<String, Object> metadata = metadata(rs);
          if (!exactSql && !Boolean.TRUE.equals(FilterSql.test(filter, metadata))) {
            continue;
          }
          metadata.put(DocumentMetadata.DISTANCE.value(), d);
          out.add(
              Document.builder()
                  .id(rs.getString(1))
                  .text(rs.getString(3))
                  .metadata(metadata)
                  .score(score)
                  .build());
        }
      }
    } catch (SQLException e) {
      throw new VelesStoreException("searching " + table, e);
    }
    return out;
  }

  /** The plan Veles runs for a search with {@code filter} ({@code EXPLAIN PLAN FOR}). */
  public String explain(Filter.Expression filter, int topK) {
    boolean exactSql = filter == null || FilterSql.onColumnsOnly(filter, columns);
    FilterSql where = FilterSql.of(FilterSql.columnConjuncts(filter, columns), columns);
    float[] probe = new float[dimension];
    probe[0] = 1;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("EXPLAIN PLAN FOR " + searchSql(where, exactSql))) {
      ps.setObject(1, probe);
      int next = where.bind(ps, 2);
      if (exactSql) {
        ps.setInt(next, topK);
      }
      StringBuilder plan = new StringBuilder();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString(1));
        }
      }
      return plan.toString();
    } catch (SQLException e) {
      throw new VelesStoreException("explaining a search of " + table, e);
    }
  }

  private String searchSql(FilterSql where, boolean limit) {
    return "SELECT "
        + selectColumns
        + ", "
        + distance.function()
        + "(embedding, ?) AS distance FROM "
        + table
        + (where.sql().isEmpty() ? "" : " WHERE " + where.sql())
        + " ORDER BY distance"
        + (limit ? " LIMIT ?" : "");
  }

  private Map<String, Object> metadata(ResultSet rs) throws SQLException {
    String json = rs.getString(4);
    Map<String, Object> map = json == null ? new LinkedHashMap<>() : JSON.readValue(json, MAP);
    int i = 5;
    for (Map.Entry<String, ColumnType> col : columns.entrySet()) {
      Object v = col.getValue().read(rs, i++);
      if (v != null) {
        map.put(col.getKey(), v);
      }
    }
    return map;
  }

  @Override
  public VectorStoreObservationContext.Builder createObservationContextBuilder(String operation) {
    return VectorStoreObservationContext.builder("veles", operation)
        .collectionName(tableName)
        .dimensions(dimension)
        .similarityMetric(distance.observedName());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> java.util.Optional<T> getNativeClient() {
    return java.util.Optional.of((T) dataSource);
  }

  private void createTable(Builder b) {
    StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ");
    ddl.append(table).append(" (id VARCHAR NOT NULL PRIMARY KEY, embedding VECTOR(");
    ddl.append(dimension).append(") NOT NULL, content TEXT, metadata TEXT");
    for (Map.Entry<String, ColumnType> col : columns.entrySet()) {
      ddl.append(", ")
          .append(SqlNames.quote(col.getKey()))
          .append(' ')
          .append(col.getValue().sql());
    }
    ddl.append(") WITH (metric = '").append(distance.sqlName()).append("', m = ").append(b.m);
    ddl.append(", ef_construction = ").append(b.efConstruction).append(')');
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      st.executeUpdate(ddl.toString());
    } catch (SQLException e) {
      throw new VelesStoreException("creating table " + table, e);
    }
  }

  /** Configures a {@link VelesVectorStore}; not thread-safe. */
  public static final class Builder extends AbstractVectorStoreBuilder<Builder> {
    private static final Set<String> RESERVED =
        Set.of("id", "embedding", "content", "metadata", "distance");
    private final DataSource dataSource;
    private String table = "vector_store";
    private int dimension = -1;
    private VelesDistance distance = VelesDistance.COSINE;
    private boolean initializeSchema;
    private int m = 16;
    private int efConstruction = 200;
    private final Map<String, ColumnType> columns = new LinkedHashMap<>();

    private Builder(DataSource dataSource, EmbeddingModel embeddingModel) {
      super(embeddingModel);
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The table; default {@code vector_store}. */
    public Builder table(String table) {
      SqlNames.quote(table);
      this.table = table;
      return this;
    }

    /** The embeddings' dimension; default the embedding model's. */
    public Builder dimension(int dimension) {
      this.dimension = dimension;
      return this;
    }

    /** The distance; default {@link VelesDistance#COSINE}. */
    public Builder distance(VelesDistance distance) {
      this.distance = Objects.requireNonNull(distance, "distance");
      return this;
    }

    /** Whether to create the table when missing; default false, as Spring AI's stores. */
    public Builder initializeSchema(boolean initializeSchema) {
      this.initializeSchema = initializeSchema;
      return this;
    }

    /** HNSW parameters of a created table: {@code m} (16) and {@code ef_construction} (200). */
    public Builder index(int m, int efConstruction) {
      if (m < 2 || efConstruction < 1) {
        throw new IllegalArgumentException("index m >= 2 and ef_construction >= 1 required");
      }
      this.m = m;
      this.efConstruction = efConstruction;
      return this;
    }

    /** Keeps metadata key {@code key} in its own typed column, filtered inside the index search. */
    public Builder metadataColumn(String key, ColumnType type) {
      SqlNames.quote(key);
      if (RESERVED.contains(key.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "metadata key '" + key + "' names a column of the store");
      }
      columns.put(key, Objects.requireNonNull(type, "type"));
      return this;
    }

    @Override
    public VelesVectorStore build() {
      return new VelesVectorStore(this);
    }
  }
}

package dev.veles.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A LangChain4j {@link EmbeddingStore} of text segments in one Veles table, reached through any
 * {@link DataSource} of the Veles JDBC driver ({@code jdbc:veles:path=...} embedded or {@code
 * jdbc:veles:url=...} remote). Thread-safe: it holds no connection, it borrows one per call.
 *
 * <p>The table has the columns {@code id VARCHAR} (primary key), {@code embedding VECTOR(n)},
 * {@code text}, one typed column per declared metadata key ({@link Builder#metadataColumn(String,
 * ColumnType)}) and {@code metadata}, a JSON object holding every other key. A search is one k-NN
 * statement {@code ORDER BY <distance> LIMIT k} answered by the table's HNSW index; a filter on
 * declared keys is its {@code WHERE}, evaluated inside the index search. A filter that names a JSON
 * key cannot be written in SQL exactly (the JSON column is text), so such a search reads the rows
 * in exact distance order, the declared-key part of the filter still in the {@code WHERE}, tests
 * each row's metadata with LangChain4j's own {@link Filter#test}, and stops after {@code
 * maxResults} matches: exact and correct, at the cost of an exact scan.
 */
public final class VelesEmbeddingStore implements EmbeddingStore<TextSegment> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private final DataSource dataSource;
  private final String table;
  private final VelesMetric metric;
  private final Map<String, ColumnType> columns;
  private final int dimension;
  private final String upsertSql;
  private final String selectColumns;

  private VelesEmbeddingStore(Builder b) {
    this.dataSource = b.dataSource;
    this.table = SqlNames.quote(b.table);
    this.metric = b.metric;
    this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(b.columns));
    this.dimension = b.dimension;
    StringBuilder names = new StringBuilder("id, embedding, text, metadata");
    StringBuilder marks = new StringBuilder("?, ?, ?, ?");
    for (String key : b.columns.keySet()) {
      names.append(", ").append(SqlNames.quote(key));
      marks.append(", ?");
    }
    this.upsertSql = "UPSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")";
    this.selectColumns = names.toString();
    if (b.createTable) {
      createTable(b);
    }
  }

  /** A builder; {@code dataSource} and {@code dimension} are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String add(Embedding embedding) {
    String id = UUID.randomUUID().toString();
    add(id, embedding);
    return id;
  }

  @Override
  public void add(String id, Embedding embedding) {
    addAll(List.of(id), List.of(embedding), null);
  }

  @Override
  public String add(Embedding embedding, TextSegment segment) {
    String id = UUID.randomUUID().toString();
    addAll(List.of(id), List.of(embedding), segment == null ? null : List.of(segment));
    return id;
  }

  @Override
  public List<String> addAll(List<Embedding> embeddings) {
    List<String> ids = generateIds(embeddings.size());
    addAll(ids, embeddings, null);
    return ids;
  }

  /**
   * Writes the rows in one JDBC batch; an id that exists is replaced (UPSERT).
   *
   * @throws IllegalArgumentException when the lists' sizes differ
   * @throws VelesStoreException when the database refuses the batch
   */
  @Override
  public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
    if (ids.size() != embeddings.size() || (segments != null && segments.size() != ids.size())) {
      throw new IllegalArgumentException("ids, embeddings and segments must have the same size");
    }
    if (ids.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(upsertSql)) {
      for (int i = 0; i < ids.size(); i++) {
        TextSegment s = segments == null ? null : segments.get(i);
        bindRow(ps, ids.get(i), embeddings.get(i), s);
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new VelesStoreException("adding " + ids.size() + " embeddings to " + table, e);
    }
  }

  private void bindRow(PreparedStatement ps, String id, Embedding e, TextSegment s)
      throws SQLException {
    ps.setString(1, id);
    ps.setObject(2, e.vector());
    ps.setString(3, s == null ? null : s.text());
    Map<String, Object> json = new LinkedHashMap<>();
    Map<String, Object> declared = new LinkedHashMap<>();
    if (s != null) {
      for (Map.Entry<String, Object> m : s.metadata().toMap().entrySet()) {
        (columns.containsKey(m.getKey()) ? declared : json).put(m.getKey(), m.getValue());
      }
    }
    ps.setString(4, json.isEmpty() ? null : toJson(json));
    int i = 5;
    for (Map.Entry<String, ColumnType> col : columns.entrySet()) {
      col.getValue().bind(ps, i++, col.getKey(), declared.get(col.getKey()));
    }
  }

  @Override
  public void remove(String id) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("id cannot be null or blank");
    }
    removeAll(List.of(id));
  }

  @Override
  public void removeAll(Collection<String> ids) {
    if (ids == null || ids.isEmpty()) {
      throw new IllegalArgumentException("ids cannot be null or empty");
    }
    try (Connection c = dataSource.getConnection()) {
      deleteIds(c, ids);
    } catch (SQLException e) {
      throw new VelesStoreException("removing " + ids.size() + " embeddings from " + table, e);
    }
  }

  private void deleteIds(Connection c, Collection<String> ids) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
      for (String id : ids) {
        ps.setString(1, id);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * Removes the rows whose metadata pass {@code filter}: one {@code DELETE ... WHERE} when the
   * filter names declared columns only, else the ids found by a scan that tests each row.
   */
  @Override
  public void removeAll(Filter filter) {
    if (filter == null) {
      throw new IllegalArgumentException("filter cannot be null");
    }
    try (Connection c = dataSource.getConnection()) {
      if (FilterSql.onColumnsOnly(filter, columns)) {
        FilterSql where = FilterSql.of(List.of(filter), columns);
        try (PreparedStatement ps =
            c.prepareStatement("DELETE FROM " + table + " WHERE " + where.sql())) {
          where.bind(ps, 1);
          ps.executeUpdate();
        }
        return;
      }
      FilterSql where = FilterSql.of(FilterSql.columnConjuncts(filter, columns), columns);
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
            if (filter.test(metadata(rs))) {
              ids.add(rs.getString(1));
            }
          }
        }
      }
      if (!ids.isEmpty()) {
        deleteIds(c, ids);
      }
    } catch (SQLException e) {
      throw new VelesStoreException("removing by filter " + filter + " from " + table, e);
    }
  }

  @Override
  public void removeAll() {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM " + table);
    } catch (SQLException e) {
      throw new VelesStoreException("removing every embedding from " + table, e);
    }
  }

  @Override
  public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
    Filter filter = request.filter();
    boolean exactSql = filter == null || FilterSql.onColumnsOnly(filter, columns);
    FilterSql where =
        FilterSql.of(
            filter == null ? List.of() : FilterSql.columnConjuncts(filter, columns), columns);
    String sql = searchSql(where, exactSql);
    List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, request.queryEmbedding().vector());
      int next = where.bind(ps, 2);
      if (exactSql) {
        ps.setInt(next, request.maxResults());
      }
      int distanceColumn = 5 + columns.size();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next() && matches.size() < request.maxResults()) {
          double score = metric.score(rs.getDouble(distanceColumn));
          if (score < request.minScore()) {
            break; // rows come nearest first: no later row scores higher
          }
          Metadata metadata = metadata(rs);
          if (!exactSql && !filter.test(metadata)) {
            continue;
          }
          matches.add(match(rs, score, metadata));
        }
      }
    } catch (SQLException e) {
      throw new VelesStoreException("searching " + table, e);
    }
    return new EmbeddingSearchResult<>(matches);
  }

  /**
   * The plan Veles runs for a search with {@code filter} ({@code EXPLAIN PLAN FOR} of the search
   * statement): shows whether the k-NN is answered by the index and the filter inside it.
   */
  public String explain(Filter filter, int maxResults) {
    boolean exactSql = filter == null || FilterSql.onColumnsOnly(filter, columns);
    FilterSql where =
        FilterSql.of(
            filter == null ? List.of() : FilterSql.columnConjuncts(filter, columns), columns);
    float[] probe = new float[dimension];
    probe[0] = 1;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("EXPLAIN PLAN FOR " + searchSql(where, exactSql))) {
      ps.setObject(1, probe);
      int next = where.bind(ps, 2);
      if (exactSql) {
        ps.setInt(next, maxResults);
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
        + metric.function()
        + "(embedding, ?) AS distance FROM "
        + table
        + (where.sql().isEmpty() ? "" : " WHERE " + where.sql())
        + " ORDER BY distance"
        + (limit ? " LIMIT ?" : "");
  }

  private EmbeddingMatch<TextSegment> match(ResultSet rs, double score, Metadata metadata)
      throws SQLException {
    String text = rs.getString(3);
    TextSegment segment = text == null ? null : TextSegment.from(text, metadata);
    return new EmbeddingMatch<>(score, rs.getString(1), Embedding.from(floats(rs, 2)), segment);
  }

  /** The row's metadata: its JSON keys and its non-null declared columns. */
  private Metadata metadata(ResultSet rs) throws SQLException {
    String json = rs.getString(4);
    Map<String, Object> map = json == null ? new LinkedHashMap<>() : fromJson(json);
    int i = 5;
    for (Map.Entry<String, ColumnType> col : columns.entrySet()) {
      Object v = col.getValue().read(rs, i++);
      if (v != null) {
        map.put(col.getKey(), v);
      }
    }
    return Metadata.from(map);
  }

  /** A vector column's value: {@code float[]} or an SQL array of it, as the driver returns. */
  private static float[] floats(ResultSet rs, int index) throws SQLException {
    Object v = rs.getObject(index);
    if (v instanceof Array a) {
      v = a.getArray();
    }
    if (v instanceof float[] f) {
      return f;
    }
    Object[] o = (Object[]) v;
    float[] f = new float[o.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = ((Number) o[i]).floatValue();
    }
    return f;
  }

  private static String toJson(Map<String, Object> map) {
    Map<String, Object> plain = new LinkedHashMap<>();
    map.forEach((k, v) -> plain.put(k, v instanceof UUID ? v.toString() : v));
    try {
      return JSON.writeValueAsString(plain);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("metadata cannot be written as JSON: " + map, e);
    }
  }

  private static Map<String, Object> fromJson(String json) {
    try {
      return JSON.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new VelesStoreException("metadata column holds invalid JSON", e);
    }
  }

  private void createTable(Builder b) {
    StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ");
    ddl.append(table).append(" (id VARCHAR NOT NULL PRIMARY KEY, embedding VECTOR(");
    ddl.append(b.dimension).append(") NOT NULL, text TEXT, metadata TEXT");
    for (Map.Entry<String, ColumnType> col : b.columns.entrySet()) {
      ddl.append(", ").append(SqlNames.quote(col.getKey())).append(' ');
      ddl.append(col.getValue().sql());
    }
    ddl.append(") WITH (metric = '").append(metric.sqlName()).append("', m = ").append(b.m);
    ddl.append(", ef_construction = ").append(b.efConstruction).append(')');
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      st.executeUpdate(ddl.toString());
    } catch (SQLException e) {
      throw new VelesStoreException("creating table " + table, e);
    }
  }

  /** Configures a {@link VelesEmbeddingStore}; not thread-safe. */
  public static final class Builder {
    private static final java.util.Set<String> RESERVED =
        java.util.Set.of("id", "embedding", "text", "metadata", "distance");
    private DataSource dataSource;
    private String table = "embeddings";
    private int dimension;
    private VelesMetric metric = VelesMetric.COSINE;
    private boolean createTable = true;
    private int m = 16;
    private int efConstruction = 200;
    private final Map<String, ColumnType> columns = new LinkedHashMap<>();

    private Builder() {}

    /** The Veles data source (embedded or remote); the store borrows a connection per call. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /** The table's name; default {@code embeddings}. */
    public Builder table(String table) {
      SqlNames.quote(table);
      this.table = table;
      return this;
    }

    /** The embeddings' dimension (384 for MiniLM); required. */
    public Builder dimension(int dimension) {
      this.dimension = dimension;
      return this;
    }

    /** The distance the table is built and searched for; default {@link VelesMetric#COSINE}. */
    public Builder metric(VelesMetric metric) {
      this.metric = java.util.Objects.requireNonNull(metric, "metric");
      return this;
    }

    /** Whether to create the table when it is missing; default true. */
    public Builder createTable(boolean createTable) {
      this.createTable = createTable;
      return this;
    }

    /**
     * HNSW parameters of a created table: {@code m} (default 16), {@code ef_construction} (200).
     */
    public Builder index(int m, int efConstruction) {
      if (m < 2 || efConstruction < 1) {
        throw new IllegalArgumentException("index m >= 2 and ef_construction >= 1 required");
      }
      this.m = m;
      this.efConstruction = efConstruction;
      return this;
    }

    /**
     * Stores metadata key {@code key} in its own typed column (metadata storage mode: declared keys
     * as columns, every other key in the JSON column), so filters on it run inside the index
     * search.
     */
    public Builder metadataColumn(String key, ColumnType type) {
      SqlNames.quote(key);
      if (RESERVED.contains(key.toLowerCase(java.util.Locale.ROOT))) {
        throw new IllegalArgumentException(
            "metadata key '" + key + "' names a column of the store");
      }
      columns.put(key, java.util.Objects.requireNonNull(type, "type"));
      return this;
    }

    /** The store; creates its table when asked and missing. */
    public VelesEmbeddingStore build() {
      java.util.Objects.requireNonNull(dataSource, "dataSource");
      if (dimension < 1) {
        throw new IllegalArgumentException("dimension must be set (>= 1)");
      }
      return new VelesEmbeddingStore(this);
    }
  }
}

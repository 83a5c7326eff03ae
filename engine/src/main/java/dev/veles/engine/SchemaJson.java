package dev.veles.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code collection.json} format: a collection's schema as JSON.
 *
 * <pre>{@code
 * {"format": 1, "dimension": 384, "metric": "cosine", "durability": "fsync",
 *  "index": {"m": 16, "ef_construction": 200, "ef_search": 64},
 *  "columns": [{"name": "title", "type": "varchar", "length": 200, "nullable": true}],
 *  "properties": {"key": "value"}}
 * }</pre>
 */
final class SchemaJson {
  /** The format version written into every file. */
  static final int FORMAT = 1;

  private SchemaJson() {}

  static String toJson(CollectionSchema s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("dimension", s.dimension());
    m.put("metric", s.metric().sqlName());
    m.put("durability", s.durability().name().toLowerCase(java.util.Locale.ROOT));
    Map<String, Object> idx = new LinkedHashMap<>();
    idx.put("m", s.index().m());
    idx.put("ef_construction", s.index().efConstruction());
    idx.put("ef_search", s.index().efSearch());
    m.put("index", idx);
    List<Object> cols = new ArrayList<>();
    for (ColumnSpec c : s.columns()) {
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("name", c.name());
      cm.put("type", c.type().name().toLowerCase(java.util.Locale.ROOT));
      cm.put("length", c.length());
      cm.put("nullable", c.nullable());
      cols.add(cm);
    }
    m.put("columns", cols);
    m.put("properties", new TreeMap<String, Object>(s.properties()));
    return Json.write(m);
  }

  /**
   * Parses a schema.
   *
   * @throws CorruptFileException naming {@code file} if the text is not a valid schema
   */
  static CollectionSchema fromJson(String text, Path file) throws CorruptFileException {
    try {
      Map<?, ?> m = (Map<?, ?>) Json.parse(text);
      long format = num(m, "format");
      if (format != FORMAT) {
        throw new IllegalArgumentException("unsupported format " + format);
      }
      Map<?, ?> idx = (Map<?, ?>) m.get("index");
      IndexParams ip =
          new IndexParams(
              (int) num(idx, "m"), (int) num(idx, "ef_construction"), (int) num(idx, "ef_search"));
      List<ColumnSpec> cols = new ArrayList<>();
      for (Object o : (List<?>) m.get("columns")) {
        Map<?, ?> c = (Map<?, ?>) o;
        cols.add(
            new ColumnSpec(
                (String) c.get("name"),
                ColumnType.valueOf(((String) c.get("type")).toUpperCase(java.util.Locale.ROOT)),
                (int) num(c, "length"),
                (Boolean) c.get("nullable")));
      }
      Map<String, String> props = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) m.get("properties")).entrySet()) {
        props.put((String) e.getKey(), (String) e.getValue());
      }
      return new CollectionSchema(
          (int) num(m, "dimension"),
          Metric.parse((String) m.get("metric")),
          cols,
          ip,
          Durability.parse((String) m.get("durability")),
          props);
    } catch (RuntimeException e) {
      CorruptFileException c = new CorruptFileException(file, 0, "bad schema (" + e + ")");
      c.initCause(e);
      throw c;
    }
  }

  private static long num(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof Long l)) {
      throw new IllegalArgumentException("missing or non-integer '" + key + "'");
    }
    return l;
  }
}

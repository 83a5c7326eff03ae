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
 * {"format": 2, "dimension": 384, "metric": "cosine", "durability": "fsync",
 *  "index": {"m": 16, "ef_construction": 200, "ef_search": 64},
 *  "columns": [{"name": "title", "type": "varchar", "length": 200, "nullable": true}],
 *  "properties": {"key": "value"},
 *  "crc32c": "1a2b3c4d"}
 * }</pre>
 *
 * <p>Format 2 ends with {@code "crc32c"}: the CRC32C (8 hex digits) of the UTF-8 text the writer
 * produced without that member (the text up to the comma before it, then a newline, {@code "}"} and
 * a newline), so any flipped bit is detected while the file stays plain JSON. Format 1 (no
 * checksum) is read and rewritten as format 2 by a writable open. Format 3 is format 2 with an
 * optional {@code "unique": [["col", ...], ...]} member; it is written only for a schema that needs
 * it (see {@link #FORMAT_UNIQUE}), so other schemas stay readable by builds that know format 2.
 * Format 3 may also hold an optional {@code "indexes": [{"name": "i", "columns": ["col", ...],
 * "unique": false}, ...]} member, the secondary indexes ({@link CollectionSchema#indexes()}).
 * Format 4 is format 3 whose columns may have a type added later (see {@link ColumnType}) and, for
 * a {@code "decimal"}, a {@code "scale"} member; it too is written only for a schema that needs it
 * (see {@link #FORMAT_TYPES}).
 */
final class SchemaJson {
  /** The first format with a checksum; written for every schema without unique keys. */
  static final int FORMAT = 2;

  /**
   * The format of a schema with a {@code "unique"} member (unique keys) or a {@link
   * CollectionSchema#PROP_FEATURES} property: a build that reads only format 2 refuses it by its
   * version instead of opening the table without its key checks.
   */
  static final int FORMAT_UNIQUE = 3;

  /**
   * The format of a schema with a column of a type added after format 3 ({@link
   * ColumnType#isLater()}): a build that does not know these types refuses the table by its version
   * rather than calling the file corrupt.
   */
  static final int FORMAT_TYPES = 4;

  private static final String CRC_MEMBER = ",\n  \"crc32c\": \"";
  private static final String END = "\n}\n";

  private SchemaJson() {}

  /** The format a schema is written in: see {@link #FORMAT_UNIQUE}. */
  static int writtenFormat(CollectionSchema s) {
    if (s.columns().stream().anyMatch(c -> c.type().isLater())) {
      return FORMAT_TYPES;
    }
    return s.unique().isEmpty()
            && s.indexes().isEmpty()
            && !s.properties().containsKey(CollectionSchema.PROP_FEATURES)
        ? FORMAT
        : FORMAT_UNIQUE;
  }

  static String toJson(CollectionSchema s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", writtenFormat(s));
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
      if (c.type() == ColumnType.DECIMAL) {
        cm.put("scale", c.scale());
      }
      cm.put("nullable", c.nullable());
      cols.add(cm);
    }
    m.put("columns", cols);
    m.put("properties", new TreeMap<String, Object>(s.properties()));
    if (!s.unique().isEmpty()) {
      m.put("unique", new ArrayList<Object>(s.unique()));
    }
    if (!s.indexes().isEmpty()) {
      List<Object> list = new ArrayList<>();
      for (IndexSpec i : s.indexes()) {
        Map<String, Object> im = new LinkedHashMap<>();
        im.put("name", i.name());
        im.put("columns", new ArrayList<Object>(i.columns()));
        im.put("unique", i.unique());
        list.add(im);
      }
      m.put("indexes", list);
    }
    return seal(Json.write(m));
  }

  /**
   * Appends the {@code "crc32c"} member to a JSON object written by {@link Json#write} (see the
   * class comment); {@link #verify} checks it.
   */
  static String seal(String body) {
    return body.substring(0, body.length() - END.length())
        + CRC_MEMBER
        + String.format("%08x", crc(body))
        + "\""
        + END;
  }

  private static int crc(String text) {
    java.util.zip.CRC32C c = new java.util.zip.CRC32C();
    c.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return (int) c.getValue();
  }

  /**
   * Checks the checksum of a format-2 text.
   *
   * @return whether the text carries a checksum (false for format 1)
   */
  static boolean verify(String text, Path file) throws CorruptFileException {
    int at = text.lastIndexOf(CRC_MEMBER);
    if (at < 0) {
      return false;
    }
    int hex = at + CRC_MEMBER.length();
    String tail = text.substring(hex);
    if (tail.length() != 8 + 1 + END.length() || !tail.endsWith("\"" + END)) {
      throw new CorruptFileException(file, at, "bad schema checksum member");
    }
    long want;
    try {
      want = Long.parseLong(tail.substring(0, 8), 16);
    } catch (NumberFormatException e) {
      throw new CorruptFileException(file, hex, "bad schema checksum member");
    }
    if ((int) want != crc(text.substring(0, at) + END)) {
      throw new CorruptFileException(file, 0, "schema checksum mismatch");
    }
    return true;
  }

  /** The format of a schema text: 2 for one with a sound checksum, 1 for one without. */
  static int formatOf(String text, Path file) throws CorruptFileException {
    return verify(text, file) ? FORMAT : 1;
  }

  /**
   * Parses a schema.
   *
   * @throws CorruptFileException naming {@code file} if the text is not a valid schema
   */
  static CollectionSchema fromJson(String text, Path file) throws CorruptFileException {
    boolean checked = verify(text, file);
    try {
      Map<?, ?> m = (Map<?, ?>) Json.parse(text);
      long format = num(m, "format");
      if (checked && format > FORMAT_TYPES) {
        throw new CorruptFileException(
            file,
            0,
            "schema format v"
                + format
                + " is newer than this build reads (v"
                + FORMAT_TYPES
                + "); open the database with a newer Veles");
      }
      if (checked ? format < FORMAT : format != 1) {
        throw new IllegalArgumentException(
            "format " + format + (checked ? "" : " without a checksum"));
      }
      List<List<String>> unique = new ArrayList<>();
      if (m.get("unique") instanceof List<?> keys) {
        for (Object k : keys) {
          List<String> key = new ArrayList<>();
          for (Object c : (List<?>) k) {
            key.add((String) c);
          }
          unique.add(key);
        }
      }
      List<IndexSpec> indexes = new ArrayList<>();
      if (m.get("indexes") instanceof List<?> list) {
        for (Object o : list) {
          Map<?, ?> im = (Map<?, ?>) o;
          List<String> columns = new ArrayList<>();
          for (Object c : (List<?>) im.get("columns")) {
            columns.add((String) c);
          }
          indexes.add(new IndexSpec((String) im.get("name"), columns, (Boolean) im.get("unique")));
        }
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
                c.containsKey("scale") ? (int) num(c, "scale") : 0,
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
          props,
          unique,
          indexes);
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

package dev.veles.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@value #NAME} file of a database: its views, each a name and a map of string properties that
 * the layers above define (the SQL layer keeps a view's query and columns there).
 *
 * <pre>{@code
 * {"format": 1, "views": {"v": {"sql": "SELECT ..."}},
 *  "crc32c": "1a2b3c4d"}
 * }</pre>
 *
 * <p>The checksum member works as in {@code collection.json} (see {@link SchemaJson}): the CRC32C
 * of the text without it, so a flipped bit is detected while the file stays plain JSON. The file is
 * replaced whole on every change (temp file, force, rename, directory sync), so a crash leaves the
 * views before the change or after it. A database without views has no such file.
 *
 * <p>Not thread-safe: the {@link Database} uses it under its lock.
 */
final class ViewStore {
  static final String NAME = "views.json";
  static final int FORMAT = 1;

  private ViewStore() {}

  /** Reads the views of the database in {@code root}; empty if it has no views file. */
  static Map<String, Map<String, String>> read(StorageIO io, Path root) throws IOException {
    Path file = root.resolve(NAME);
    if (!io.exists(file)) {
      return new TreeMap<>();
    }
    String text;
    try (StorageIO.FileIO f = io.open(file, StorageIO.OpenMode.READ)) {
      long size = f.size();
      if (size > (64 << 20)) {
        throw new CorruptFileException(file, 0, "views file of " + size + " bytes");
      }
      ByteBuffer b = ByteBuffer.allocate((int) size);
      f.readFully(b, 0);
      text = new String(b.array(), StandardCharsets.UTF_8);
    }
    if (!SchemaJson.verify(text, file)) {
      throw new CorruptFileException(file, 0, "views file without its checksum");
    }
    try {
      Map<?, ?> m = (Map<?, ?>) Json.parse(text);
      if (!(m.get("format") instanceof Long format) || format != FORMAT) {
        throw new CorruptFileException(
            file,
            0,
            "views format v"
                + m.get("format")
                + " is not v"
                + FORMAT
                + " (a newer Veles wrote it)");
      }
      Map<String, Map<String, String>> out = new TreeMap<>();
      for (Map.Entry<?, ?> v : ((Map<?, ?>) m.get("views")).entrySet()) {
        Map<String, String> def = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v.getValue()).entrySet()) {
          def.put((String) e.getKey(), (String) e.getValue());
        }
        out.put(Names.check((String) v.getKey(), "view"), Map.copyOf(def));
      }
      return out;
    } catch (RuntimeException e) {
      CorruptFileException c = new CorruptFileException(file, 0, "bad views file (" + e + ")");
      c.initCause(e);
      throw c;
    }
  }

  /** Replaces the views file with {@code views} (deletes it when there are none). */
  static void write(StorageIO io, Path root, Map<String, Map<String, String>> views)
      throws IOException {
    Path file = root.resolve(NAME);
    if (views.isEmpty()) {
      if (io.exists(file)) {
        io.delete(file);
        io.syncDirectory(root);
      }
      return;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    Map<String, Object> all = new TreeMap<>();
    views.forEach((k, v) -> all.put(k, new TreeMap<String, Object>(v)));
    m.put("views", all);
    CollectionFiles.writeAtomically(io, file, SchemaJson.seal(Json.write(m)));
  }
}

package dev.veles.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veles.calcite.Vectors;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A source of rows for {@code veles import}: CSV, JSON Lines or fvecs.
 *
 * <p>Values come out as {@link String}, {@link Long}, {@link Double}, {@link Boolean}, {@code
 * float[]} (vectors) or null; {@link ImportCommand} converts them to the table's column types. Not
 * thread-safe; owns the file handle until {@link #close()}.
 */
abstract class RowReader implements AutoCloseable {
  private final CountingStream counting;

  RowReader(Path file) throws IOException {
    this.counting = new CountingStream(Files.newInputStream(file));
  }

  /** Opens {@code file} in {@code format} (csv, jsonl or fvecs). */
  static RowReader open(Path file, String format, long startId) throws IOException {
    return switch (format) {
      case "csv" -> new Csv(file);
      case "jsonl", "json" -> new JsonLines(file);
      case "fvecs" -> new Fvecs(file, startId);
      default ->
          throw new IllegalArgumentException("unknown format '" + format + "': csv|jsonl|fvecs");
    };
  }

  /** The format named by a file's extension, or null. */
  static String formatOf(Path file) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".csv")) {
      return "csv";
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return "jsonl";
    }
    return name.endsWith(".fvecs") ? "fvecs" : null;
  }

  InputStream in() {
    return counting;
  }

  /** Bytes read so far (progress). */
  long bytesRead() {
    return counting.count;
  }

  /** Column names in value order; null for fvecs (id and vector column of the table). */
  abstract List<String> columns() throws IOException;

  /** The next row, or null at the end. */
  abstract Object[] next() throws IOException;

  @Override
  public void close() throws IOException {
    counting.close();
  }

  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(new java.io.BufferedInputStream(in, 1 << 16));
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  /** CSV with a header row; a vector cell is {@code [0.1, 0.2]}, quoted or not. */
  static final class Csv extends RowReader {
    private final BufferedReader reader;
    private List<String> header;
    private long line;

    Csv(Path file) throws IOException {
      super(file);
      this.reader = new BufferedReader(new InputStreamReader(in(), StandardCharsets.UTF_8));
    }

    @Override
    List<String> columns() throws IOException {
      if (header == null) {
        String first = reader.readLine();
        line++;
        if (first == null) {
          throw new IOException("CSV file is empty: a header row naming the columns is needed");
        }
        header = split(first.replace("\uFEFF", ""));
      }
      return header;
    }

    @Override
    Object[] next() throws IOException {
      columns();
      String text;
      do {
        text = reader.readLine();
        line++;
        if (text == null) {
          return null;
        }
      } while (text.isBlank());
      List<String> cells = split(text);
      if (cells.size() != header.size()) {
        throw new IOException(
            "CSV line " + line + " has " + cells.size() + " cells, header has " + header.size());
      }
      Object[] row = new Object[cells.size()];
      for (int i = 0; i < row.length; i++) {
        String c = cells.get(i);
        row[i] = c.isEmpty() ? null : c.startsWith("[") ? Vectors.parse(c) : c;
      }
      return row;
    }

    /** Splits one CSV line: commas inside quotes or brackets do not separate cells. */
    static List<String> split(String line) {
      List<String> out = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      int depth = 0;
      for (int i = 0; i < line.length(); i++) {
        char ch = line.charAt(i);
        if (quoted) {
          if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else if (ch == '"') {
            quoted = false;
          } else {
            cell.append(ch);
          }
        } else if (ch == '"') {
          quoted = true;
        } else if (ch == ',' && depth == 0) {
          out.add(cell.toString().trim());
          cell.setLength(0);
        } else {
          depth += ch == '[' ? 1 : ch == ']' ? -1 : 0;
          cell.append(ch);
        }
      }
      out.add(cell.toString().trim());
      return out;
    }
  }

  /** One JSON object per line; the first line's keys name the columns. */
  static final class JsonLines extends RowReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedReader reader;
    private List<String> names;
    private JsonNode pending;
    private long line;

    JsonLines(Path file) throws IOException {
      super(file);
      this.reader = new BufferedReader(new InputStreamReader(in(), StandardCharsets.UTF_8));
    }

    @Override
    List<String> columns() throws IOException {
      if (names == null) {
        pending = read();
        names = new ArrayList<>();
        if (pending != null) {
          for (Iterator<Map.Entry<String, JsonNode>> it = pending.fields(); it.hasNext(); ) {
            names.add(it.next().getKey());
          }
        }
      }
      return names;
    }

    private JsonNode read() throws IOException {
      String text;
      do {
        text = reader.readLine();
        line++;
        if (text == null) {
          return null;
        }
      } while (text.isBlank());
      JsonNode node = JSON.readTree(text);
      if (!node.isObject()) {
        throw new IOException("JSON line " + line + " is not an object: " + abbreviate(text));
      }
      return node;
    }

    @Override
    Object[] next() throws IOException {
      columns();
      JsonNode node = pending != null ? pending : read();
      pending = null;
      if (node == null) {
        return null;
      }
      Object[] row = new Object[names.size()];
      for (int i = 0; i < row.length; i++) {
        row[i] = value(node.get(names.get(i)));
      }
      return row;
    }

    private Object value(JsonNode v) throws IOException {
      if (v == null || v.isNull()) {
        return null;
      }
      if (v.isArray()) {
        float[] f = new float[v.size()];
        for (int i = 0; i < f.length; i++) {
          if (!v.get(i).isNumber()) {
            throw new IOException(
                "JSON line " + line + ": vector element " + i + " is not a number");
          }
          f[i] = v.get(i).floatValue();
        }
        return f;
      }
      if (v.isIntegralNumber()) {
        return v.longValue();
      }
      if (v.isNumber()) {
        return v.doubleValue();
      }
      if (v.isBoolean()) {
        return v.booleanValue();
      }
      return v.asText();
    }

    private static String abbreviate(String s) {
      return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
  }

  /** fvecs: per vector a little-endian int32 dimension then that many float32; ids count up. */
  static final class Fvecs extends RowReader {
    private final DataInputStream data;
    private long nextId;
    private long index;

    Fvecs(Path file, long startId) throws IOException {
      super(file);
      this.data = new DataInputStream(in());
      this.nextId = startId;
    }

    @Override
    List<String> columns() {
      return null;
    }

    @Override
    Object[] next() throws IOException {
      byte[] head = new byte[4];
      int n = data.readNBytes(head, 0, 4);
      if (n == 0) {
        return null;
      }
      if (n < 4) {
        throw new EOFException("fvecs vector " + index + " is truncated in its dimension");
      }
      int dim = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt();
      if (dim <= 0 || dim > 1 << 16) {
        throw new IOException("fvecs vector " + index + " has an invalid dimension " + dim);
      }
      byte[] body = new byte[dim * 4];
      if (data.readNBytes(body, 0, body.length) != body.length) {
        throw new EOFException("fvecs vector " + index + " is truncated");
      }
      float[] v = new float[dim];
      ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
      index++;
      return new Object[] {nextId++, v};
    }
  }
}

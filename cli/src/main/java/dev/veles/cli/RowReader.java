package dev.veles.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * A source of rows for {@code veles import}: CSV, JSON Lines or fvecs.
 *
 * <p>A row's cells are what the file holds, not yet converted: CSV gives {@link String} or null (an
 * unquoted empty field), JSON Lines gives {@link JsonNode} or null (a missing key), fvecs gives a
 * {@link Long} id and a {@code float[]}. {@link ImportColumn} converts them by the target column's
 * type. A row that cannot be read but leaves the file readable (a JSON line that does not parse, a
 * CSV record with the wrong number of fields) is a {@link BadRowException}; damage that ends
 * reading (an unterminated quote, bytes that are not UTF-8) is an {@link IOException}.
 *
 * <p>Not thread-safe; owns the file handle until {@link #close()}.
 */
abstract class RowReader implements AutoCloseable {
  /** One row: where it starts in the file and its cells in {@link #columns()} order. */
  record SourceRow(long line, Object[] cells) {}

  private final CountingStream counting;

  RowReader(Path file) throws IOException {
    this.counting = new CountingStream(Files.newInputStream(file));
  }

  /** Opens {@code file} in {@code format} (csv, jsonl or fvecs). */
  static RowReader open(Path file, String format, long startId) throws IOException {
    return switch (format) {
      case "csv" -> new Csv(file);
      case "jsonl", "json", "ndjson" -> new JsonLines(file);
      case "fvecs" -> new Fvecs(file, startId);
      default ->
          throw new IllegalArgumentException("unknown format '" + format + "': csv|jsonl|fvecs");
    };
  }

  /** The format named by a file's extension, or null. */
  static String formatOf(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return "csv";
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return "jsonl";
    }
    return name.endsWith(".fvecs") ? "fvecs" : null;
  }

  /** The file's text; malformed UTF-8 is an error, never silently replaced. */
  Reader utf8() {
    return new InputStreamReader(
        counting,
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  InputStream in() {
    return counting;
  }

  /** Bytes read so far (progress). */
  long bytesRead() {
    return counting.count;
  }

  /** What {@link SourceRow#line()} counts, for messages: "line" or "vector". */
  String unit() {
    return "line";
  }

  /** Column names in cell order; null for fvecs (the table's id and vector columns). */
  abstract List<String> columns() throws IOException;

  /** The next row, or null at the end. */
  abstract SourceRow next() throws IOException, BadRowException;

  @Override
  public void close() throws IOException {
    counting.close();
  }

  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(new BufferedInputStream(in, 1 << 16));
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

  /**
   * CSV per RFC 4180 with a header row: fields may be quoted, hold commas and line breaks, and
   * double a quote to escape it. Fields are taken as written (no trimming). An unquoted empty field
   * is NULL; a quoted empty field ({@code ""}) is the empty string. Blank lines are skipped.
   */
  static final class Csv extends RowReader {
    private static final CSVFormat FORMAT =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            // Strict quote mode is what makes a parser tell ,, (null) from ,"", (empty).
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            // Kept so that line numbers stay exact; blank records are dropped in next().
            .setIgnoreEmptyLines(false)
            .get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;

    Csv(Path file) throws IOException {
      super(file);
      try {
        this.parser = CSVParser.builder().setReader(utf8()).setFormat(FORMAT).get();
      } catch (IllegalArgumentException | UncheckedIOException e) {
        throw new IOException("CSV header (line 1) is unusable: " + e.getMessage(), e);
      }
      List<String> names = new ArrayList<>(parser.getHeaderNames());
      if (names.isEmpty()) {
        throw new IOException("CSV file is empty: a header row naming the columns is needed");
      }
      if (names.getFirst().startsWith("\uFEFF")) {
        names.set(0, names.getFirst().substring(1)); // a byte order mark is not part of the name
      }
      this.header = List.copyOf(names);
      this.records = parser.iterator();
    }

    @Override
    List<String> columns() {
      return header;
    }

    @Override
    SourceRow next() throws IOException, BadRowException {
      while (true) {
        // The previous record ended with its line break, so this one starts on the next line.
        long line = parser.getCurrentLineNumber() + 1;
        CSVRecord record;
        try {
          if (!records.hasNext()) {
            return null;
          }
          record = records.next();
        } catch (UncheckedIOException e) {
          throw new IOException(
              "CSV is malformed at or after line " + line + ": " + e.getCause().getMessage(), e);
        }
        if (record.size() == 1 && record.get(0) == null) {
          continue; // a blank line
        }
        if (record.size() != header.size()) {
          boolean openVector =
              Arrays.stream(record.values()).anyMatch(v -> v != null && v.matches("\\[[^]]*"));
          throw new BadRowException(
              line,
              null,
              record.size()
                  + " fields, but the header names "
                  + header.size()
                  + " columns"
                  + (openVector ? " (a vector's text holds commas: quote it, \"[1, 2]\")" : ""));
        }
        return new SourceRow(line, record.values());
      }
    }

    @Override
    public void close() throws IOException {
      parser.close();
      super.close();
    }
  }

  /**
   * JSON Lines: one JSON object per line; the first object's keys name the columns, a later object
   * may leave keys out (NULL) but not add any.
   */
  static final class JsonLines extends RowReader {
    private static final JsonMapper JSON =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final BufferedReader reader;
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private SourceRow pending;
    private long line;

    JsonLines(Path file) throws IOException {
      super(file);
      this.reader = new BufferedReader(utf8(), 1 << 16);
    }

    @Override
    List<String> columns() throws IOException {
      if (index.isEmpty() && pending == null) {
        String text = nextText();
        if (text == null) {
          return List.of();
        }
        try {
          JsonNode first = object(text);
          for (Iterator<String> it = first.fieldNames(); it.hasNext(); ) {
            index.put(it.next(), index.size());
          }
          pending = row(first);
        } catch (BadRowException e) {
          throw new IOException(e.getMessage() + " (the first line names the columns)", e);
        }
      }
      return List.copyOf(index.keySet());
    }

    @Override
    SourceRow next() throws IOException, BadRowException {
      columns();
      if (pending != null) {
        SourceRow first = pending;
        pending = null;
        return first;
      }
      String text = nextText();
      return text == null ? null : row(object(text));
    }

    private String nextText() throws IOException {
      String text;
      do {
        text = reader.readLine();
        line++;
        if (text == null) {
          return null;
        }
      } while (text.isBlank());
      return text;
    }

    private JsonNode object(String text) throws BadRowException {
      JsonNode node;
      try {
        node = JSON.readTree(text);
      } catch (JacksonException e) {
        throw new BadRowException(line, null, "not valid JSON: " + e.getOriginalMessage());
      }
      if (!node.isObject()) {
        throw new BadRowException(line, null, "not a JSON object: " + abbreviate(text));
      }
      return node;
    }

    private SourceRow row(JsonNode node) throws BadRowException {
      Object[] cells = new Object[index.size()];
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        Integer i = index.get(e.getKey());
        if (i == null) {
          throw new BadRowException(
              line, e.getKey(), "not among the keys of the first line " + index.keySet());
        }
        cells[i] = e.getValue();
      }
      return new SourceRow(line, cells);
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
    String unit() {
      return "vector";
    }

    @Override
    List<String> columns() {
      return null;
    }

    @Override
    SourceRow next() throws IOException {
      byte[] head = new byte[4];
      int n = data.readNBytes(head, 0, 4);
      if (n == 0) {
        return null;
      }
      long number = ++index;
      if (n < 4) {
        throw new EOFException("fvecs vector " + number + " is truncated in its dimension");
      }
      int dim = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt();
      if (dim <= 0 || dim > 1 << 16) {
        throw new IOException("fvecs vector " + number + " has an invalid dimension " + dim);
      }
      byte[] body = new byte[dim * 4];
      if (data.readNBytes(body, 0, body.length) != body.length) {
        throw new EOFException("fvecs vector " + number + " is truncated");
      }
      float[] v = new float[dim];
      ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
      return new SourceRow(number, new Object[] {nextId++, v});
    }
  }
}

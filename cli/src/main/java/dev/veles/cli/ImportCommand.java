package dev.veles.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code veles import TABLE FILE}: loads CSV, JSON Lines or fvecs into an existing table with
 * batched {@code INSERT} (or {@code UPSERT}) statements.
 *
 * <p>Values are converted to the table's column types as read from {@link
 * DatabaseMetaData#getColumns}. Vectors are bound with {@code setObject(i, float[])}; over the
 * Avatica protobuf wire, whose stock client cannot encode a {@code float[]}, they are bound with
 * {@code setArray(createArrayOf("REAL", ...))}. Each batch is one {@code executeBatch}; at the end
 * {@code CALL flush()} makes the rows durable.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Load CSV, JSON Lines or fvecs into a table.")
final class ImportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TABLE", description = "Target table (must exist).")
  String table;

  @Parameters(index = "1", paramLabel = "FILE", description = "Input file.")
  Path file;

  @Mixin Target target = new Target();

  @Option(names = "--format", description = "csv, jsonl or fvecs (default: from the extension).")
  String format;

  @Option(names = "--batch", description = "Rows per executeBatch. Default ${DEFAULT-VALUE}.")
  int batch = 1000;

  @Option(names = "--upsert", description = "UPSERT instead of INSERT (replace existing ids).")
  boolean upsert;

  @Option(names = "--start-id", description = "First id for fvecs rows. Default ${DEFAULT-VALUE}.")
  long startId;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    if (batch <= 0) {
      throw new IllegalArgumentException("--batch must be positive: " + batch);
    }
    String fmt = format != null ? format.toLowerCase(Locale.ROOT) : RowReader.formatOf(file);
    if (fmt == null) {
      throw new IllegalArgumentException("cannot tell the format of " + file + "; use --format");
    }
    String url = target.jdbcUrl();
    long started = System.nanoTime();
    long rows;
    try (Connection c = DriverManager.getConnection(url);
        RowReader reader = RowReader.open(file, fmt, startId)) {
      Map<String, Integer> types = columnTypes(c, table);
      List<String> columns = reader.columns() != null ? reader.columns() : idAndVector(types);
      List<Integer> columnTypes = new ArrayList<>();
      for (String col : columns) {
        Integer t = types.get(col.toUpperCase(Locale.ROOT));
        if (t == null) {
          throw new IllegalArgumentException(
              "table " + table + " has no column '" + col + "'; it has " + types.keySet());
        }
        columnTypes.add(t);
      }
      boolean protobuf = url.startsWith("jdbc:avatica:") && !url.contains("serialization=json");
      rows = load(c, reader, columns, columnTypes, protobuf);
      try (var s = c.createStatement()) {
        s.execute("CALL flush()");
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "imported %d rows into %s in %.2f s (%.0f rows/s)%n",
        rows,
        table,
        seconds,
        rows / Math.max(seconds, 1e-9));
    return 0;
  }

  private long load(
      Connection c, RowReader reader, List<String> columns, List<Integer> types, boolean protobuf)
      throws Exception {
    String sql =
        (upsert ? "UPSERT" : "INSERT")
            + " INTO "
            + table
            + " ("
            + String.join(
                ", ", columns.stream().map(n -> '"' + n.toUpperCase(Locale.ROOT) + '"').toList())
            + ") VALUES ("
            + String.join(", ", java.util.Collections.nCopies(columns.size(), "?"))
            + ")";
    long total = Files.size(file);
    long rows = 0;
    try (PreparedStatement ps = c.prepareStatement(sql);
        ProgressBar bar = progressBar(total)) {
      int pending = 0;
      Object[] row;
      while ((row = reader.next()) != null) {
        for (int i = 0; i < row.length; i++) {
          bind(c, ps, i + 1, row[i], types.get(i), protobuf);
        }
        ps.addBatch();
        rows++;
        if (++pending == batch) {
          ps.executeBatch();
          pending = 0;
          if (bar != null) {
            bar.stepTo(reader.bytesRead());
          }
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
      if (bar != null) {
        bar.stepTo(total);
      }
    } catch (SQLException e) {
      throw new SQLException(
          "import failed after " + rows + " rows: " + e.getMessage(), e.getSQLState(), e);
    }
    return rows;
  }

  private ProgressBar progressBar(long totalBytes) {
    if (quiet) {
      return null;
    }
    return new ProgressBarBuilder()
        .setTaskName("import " + table)
        .setInitialMax(totalBytes)
        .setUnit(" MiB", 1 << 20)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .build();
  }

  static void bind(
      Connection c, PreparedStatement ps, int index, Object value, int type, boolean protobuf)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, type);
      return;
    }
    switch (type) {
      case Types.ARRAY -> {
        float[] v = (float[]) value;
        if (protobuf) {
          Float[] boxed = new Float[v.length];
          for (int i = 0; i < v.length; i++) {
            boxed[i] = v[i];
          }
          ps.setArray(index, c.createArrayOf("REAL", boxed));
        } else {
          ps.setObject(index, v);
        }
      }
      case Types.BIGINT -> ps.setLong(index, Long.parseLong(value.toString().trim()));
      case Types.INTEGER, Types.SMALLINT, Types.TINYINT ->
          ps.setInt(index, Integer.parseInt(value.toString().trim()));
      case Types.DOUBLE, Types.FLOAT, Types.DECIMAL, Types.NUMERIC ->
          ps.setDouble(index, Double.parseDouble(value.toString().trim()));
      case Types.REAL -> ps.setFloat(index, Float.parseFloat(value.toString().trim()));
      case Types.BOOLEAN -> ps.setBoolean(index, Boolean.parseBoolean(value.toString().trim()));
      default -> ps.setString(index, value.toString());
    }
  }

  /** Column name (upper case) to JDBC type, in table order. */
  static Map<String, Integer> columnTypes(Connection c, String table) throws SQLException {
    Map<String, Integer> types = new LinkedHashMap<>();
    for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
      try (ResultSet rs = c.getMetaData().getColumns(null, null, name, null)) {
        while (rs.next()) {
          types.put(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT), rs.getInt("DATA_TYPE"));
        }
      }
      if (!types.isEmpty()) {
        return types;
      }
    }
    throw new SQLException("table " + table + " does not exist", "42P01");
  }

  private static List<String> idAndVector(Map<String, Integer> types) {
    String id = null;
    String vector = null;
    for (Map.Entry<String, Integer> e : types.entrySet()) {
      int t = e.getValue();
      if (id == null && (t == Types.BIGINT || t == Types.INTEGER)) {
        id = e.getKey();
      } else if (vector == null && t == Types.ARRAY) {
        vector = e.getKey();
      }
    }
    if (id == null || vector == null) {
      throw new IllegalArgumentException(
          "fvecs import needs a table with an id and a vector column");
    }
    return List.of(id, vector);
  }
}

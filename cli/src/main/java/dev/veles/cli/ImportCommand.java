package dev.veles.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * <p>The table and its columns are found by exact name ({@link TargetTable}); each value is
 * converted by its column's declared type ({@link ImportColumn}); {@link ImportLoader} runs the
 * batches. A bad row stops the import before its batch is applied (earlier batches are kept and
 * made durable), or with {@code --skip-bad} is skipped and counted. At the end {@code CALL flush()}
 * makes the rows durable. Exit code 0 when the whole file was read, 1 when the import stopped.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Load CSV (RFC 4180, header row), JSON Lines or fvecs into a table.",
      "Values are converted by the column's declared type. In CSV an unquoted empty field is"
          + " NULL and \"\" is the empty string."
    })
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

  @Option(
      names = "--skip-bad",
      description =
          "Skip rows that cannot be loaded (and count them) instead of stopping at the first.")
  boolean skipBad;

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
    ImportLoader.Outcome outcome;
    TargetTable into;
    try (Connection c = DriverManager.getConnection(url);
        RowReader reader = RowReader.open(file, fmt, startId)) {
      into = TargetTable.lookup(c, table);
      List<ImportColumn> targets = targets(into, reader.columns());
      // The stock Avatica protobuf client cannot encode a float[]; an SQL array of REAL it can.
      boolean arrayOfReal = url.startsWith("jdbc:avatica:") && !url.contains("serialization=json");
      ImportLoader loader =
          new ImportLoader(c, reader, targets, arrayOfReal, batch, skipBad, System.err);
      try (ProgressBar bar = progressBar(Files.size(file))) {
        outcome = loader.run(into.insertSql(targets, upsert), bar);
        if (bar != null && outcome.stop() == null) {
          bar.stepTo(Files.size(file));
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("CALL flush()"); // durable: the whole file, or the batches before a stop
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    String skippedNote =
        outcome.skipped() == 0 ? "" : "; skipped " + outcome.skipped() + " bad rows";
    if (outcome.stop() != null) {
      System.err.println("veles import: " + outcome.stop());
      System.err.println(
          "import stopped: "
              + (outcome.applied() == 0
                  ? "no rows were imported"
                  : outcome.applied()
                      + " rows of earlier batches were imported into "
                      + into.name()
                      + " and kept (flushed)")
              + skippedNote
              + ". Fix the row and import again (--upsert replaces rows already imported),"
              + " or use --skip-bad.");
      return 1;
    }
    System.out.printf(
        Locale.ROOT,
        "imported %d rows into %s in %.2f s (%.0f rows/s)%s%n",
        outcome.applied(),
        into.name(),
        seconds,
        outcome.applied() / Math.max(seconds, 1e-9),
        skippedNote);
    return 0;
  }

  /** The column of each cell: the file's names, or for fvecs the table's id and vector. */
  private static List<ImportColumn> targets(TargetTable into, List<String> names) {
    List<ImportColumn> targets = new ArrayList<>();
    if (names == null) {
      targets.add(first(into, ImportColumn.Kind.BIGINT, ImportColumn.Kind.INTEGER));
      targets.add(first(into, ImportColumn.Kind.VECTOR, ImportColumn.Kind.VECTOR));
      return targets;
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("the file has no rows naming columns");
    }
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      ImportColumn c = into.column(name);
      if (!seen.add(c.name())) {
        throw new IllegalArgumentException("column " + c.name() + " is named twice in the file");
      }
      if (c.kind() == null) {
        throw new IllegalArgumentException(
            "column "
                + c.name()
                + " has a type import cannot write (JDBC type "
                + c.jdbcType()
                + ")");
      }
      targets.add(c);
    }
    return targets;
  }

  private static ImportColumn first(TargetTable into, ImportColumn.Kind a, ImportColumn.Kind b) {
    return into.columns().stream()
        .filter(c -> c.kind() == a || c.kind() == b)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "fvecs import needs a table with an integer id and a vector column"));
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
}

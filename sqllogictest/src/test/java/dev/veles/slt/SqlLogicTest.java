package dev.veles.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import net.hydromatic.sqllogictest.OptionsParser;
import net.hydromatic.sqllogictest.SltTestFile;
import net.hydromatic.sqllogictest.executors.HsqldbExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's sqllogictest corpus against embedded Veles: no query in the pinned list may fail.
 *
 * <p>By default (CI) a fixed subset runs: every statement of the pinned files among {@code
 * select1}–{@code select5} and every {@value #CI_STRIDE}th query of each. With {@code
 * -Dveles.slt.full=true} every query of {@code select1}–{@code select5} and of the index sample
 * runs (optionally narrowed by {@code -Dveles.slt.only=select3,index/in}) on Veles and on the
 * runner's HSQLDB executor, on {@code -Dveles.slt.threads} threads; the run writes {@code
 * results.md} and {@code target/slt-passing.txt}, and with {@code -Dveles.slt.pin=true} replaces
 * the pinned list in the test resources. {@code -Dveles.slt.stride=7} runs every 7th query of each
 * file instead (on both databases; all statements still run), for a sampled rate of the 194,104
 * queries of the index sample; a file run so is not pinned.
 */
class SqlLogicTest {
  static final int CI_STRIDE = 16;

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @Test
  void pinnedQueriesStillPass(@TempDir Path tmp) throws Exception {
    Pins pins = Pins.load();
    boolean full = Boolean.getBoolean("veles.slt.full");
    List<String> files =
        full
            ? selected(Corpus.all())
            : Corpus.SELECT.stream().filter(pins.files()::containsKey).toList();
    assertFalse(files.isEmpty(), "no sqllogictest file to run: none of select1-5 is pinned");
    int stride = full ? Integer.getInteger("veles.slt.stride", 1) : CI_STRIDE;
    IntPredicate queries = n -> n % stride == 0;
    int threads = Integer.getInteger("veles.slt.threads", 1);
    List<FileRun.Result> veles = runAll(files, threads, file -> runVeles(file, queries, tmp));
    List<String> regressions = regressions(pins, veles);
    report(veles);
    if (full) {
      writeOutputs(files, threads, stride, pins, veles);
    }
    if (!regressions.isEmpty()) {
      fail(regressions.size() + " pinned queries fail now:\n" + String.join("\n", regressions));
    }
  }

  private static List<String> selected(List<String> all) {
    String only = System.getProperty("veles.slt.only", "");
    if (only.isBlank()) {
      return all;
    }
    List<String> parts = Arrays.asList(only.split(","));
    return all.stream().filter(f -> parts.stream().anyMatch(f::contains)).toList();
  }

  private static List<String> regressions(Pins pins, List<FileRun.Result> results) {
    List<String> out = new ArrayList<>();
    for (FileRun.Result r : results) {
      Pins.Pinned pin = pins.files().get(r.file());
      if (pin == null) {
        continue;
      }
      assertEquals(pin.queries(), r.queries(), r.file() + ": query count differs from the pin");
      for (FileRun.Failure f : r.failures()) {
        if (pin.passing().get(f.ordinal())) {
          out.add(r.file() + " #" + f.ordinal() + ": " + f.reason() + "\n    " + f.query());
        }
      }
    }
    return out;
  }

  private static void report(List<FileRun.Result> results) {
    for (FileRun.Result r : results) {
      BitSet run = r.passed();
      System.out.printf(
          "sqllogictest %s: %d of %d selected queries pass (%d in the file)%s%n",
          r.file(),
          run.cardinality(),
          r.selected(),
          r.queries(),
          r.abortedBy() == null ? "" : "; stopped at " + r.abortedBy());
    }
  }

  private static void writeOutputs(
      List<String> files, int threads, int stride, Pins pins, List<FileRun.Result> veles)
      throws Exception {
    List<FileRun.Result> hsqldb = runAll(files, threads, f -> runHsqldb(f, n -> n % stride == 0));
    Map<String, FileRun.Result> byFile = new TreeMap<>();
    hsqldb.forEach(r -> byFile.put(r.file(), r));
    Path results = Paths.get(System.getProperty("veles.slt.results", "results.md"));
    String command =
        "mvn -B verify -pl sqllogictest -am -Dtest=SqlLogicTest -Dveles.slt.full=true"
            + " -Dveles.slt.threads="
            + threads
            + (stride == 1 ? "" : " -Dveles.slt.stride=" + stride)
            + (System.getProperty("veles.slt.only", "").isBlank()
                ? ""
                : " -Dveles.slt.only=" + System.getProperty("veles.slt.only"));
    ResultsTable.write(results, veles, byFile, command);
    Pins updated = pins.with(veles);
    Path target = results.resolveSibling("target").resolve("slt-passing.txt");
    Files.createDirectories(target.getParent());
    updated.write(target);
    if (Boolean.getBoolean("veles.slt.pin")) {
      updated.write(results.resolveSibling("src/test/resources/slt/passing.txt"));
    }
  }

  /** One file's run, as a task that may throw. */
  private interface FileTask {
    FileRun.Result run(String file) throws Exception;
  }

  private static List<FileRun.Result> runAll(List<String> files, int threads, FileTask task)
      throws Exception {
    if (threads <= 1) {
      List<FileRun.Result> out = new ArrayList<>();
      for (String f : files) {
        out.add(task.run(f));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<FileRun.Result>> futures = new ArrayList<>();
      for (String f : files) {
        futures.add(pool.submit(() -> task.run(f)));
      }
      List<FileRun.Result> out = new ArrayList<>();
      for (Future<FileRun.Result> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static OptionsParser.SuppliedOptions options() {
    return new OptionsParser(false, QUIET, QUIET).getOptions();
  }

  private static FileRun.Result runVeles(String file, IntPredicate queries, Path tmp)
      throws SQLException, IOException {
    OptionsParser.SuppliedOptions options = options();
    SltTestFile test = FileRun.parse(file, options);
    Path dir = Files.createTempDirectory(tmp, "db");
    try {
      return FileRun.run(file, test, new VelesExecutor(options, dir), queries);
    } finally {
      deleteTree(dir);
    }
  }

  private static FileRun.Result runHsqldb(String file, IntPredicate queries) throws SQLException {
    OptionsParser.SuppliedOptions options = options();
    SltTestFile test = FileRun.parse(file, options);
    HsqldbExecutor executor = new HsqldbExecutor(options);
    try {
      return FileRun.run(file, test, executor, queries);
    } finally {
      // An in-memory HSQLDB database outlives its connections until shut down.
      try (Connection c = DriverManager.getConnection(executor.dbUrl, "", "");
          Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

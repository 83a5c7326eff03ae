package dev.veles.slt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Writes the per-file pass rates of Veles and HSQLDB, side by side, as a markdown table. */
final class ResultsTable {
  private ResultsTable() {}

  static void write(
      Path path, List<FileRun.Result> veles, Map<String, FileRun.Result> hsqldb, String command)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("# sqllogictest: Veles and HSQLDB\n\n");
    sb.append(
        "SQLite's sqllogictest corpus from `net.hydromatic:sql-logic-test:0.3`, run through the");
    sb.append(
        " runner's JDBC executor against an embedded Veles database (`jdbc:veles:path=`) and");
    sb.append(" through the runner's own HSQLDB 2.7.2 executor on the same files. Written by\n\n");
    sb.append("    ").append(command).append("\n\n");
    sb.append(
        "A query passes when its rows (or their MD5 hash) match SQLite's. `index/*` is a fixed");
    sb.append(
        " sample: every tenth file in path order. _run_ is the number of queries run: all of");
    sb.append(" them, or every n-th with `-Dveles.slt.stride=n`; the rates are of those run.\n\n");
    sb.append("| file | queries | run | Veles passed | Veles | HSQLDB passed | HSQLDB | note |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (FileRun.Result v : veles) {
      FileRun.Result h = hsqldb.get(v.file());
      sb.append("| ").append(v.file().substring("test/".length())).append(" | ");
      sb.append(v.queries()).append(" | ").append(v.selected()).append(" | ");
      sb.append(v.passedCount()).append(" | ");
      sb.append(percent(v.passedCount(), v.selected())).append(" | ");
      sb.append(h == null ? "" : h.passedCount()).append(" | ");
      sb.append(h == null ? "" : percent(h.passedCount(), h.selected())).append(" | ");
      sb.append(note(v)).append(" |\n");
    }
    total(sb, "select1–select5", veles, hsqldb, f -> Corpus.SELECT.contains(f));
    total(sb, "index sample", veles, hsqldb, f -> f.startsWith("test/index/"));
    sb.append("\n## Veles failures by reason\n\n| reason | queries | example |\n|---|---:|---|\n");
    Map<String, FileRun.Failure> examples = examples(veles);
    for (Map.Entry<String, Integer> e : reasons(veles).entrySet()) {
      sb.append("| ").append(cell(e.getKey())).append(" | ").append(e.getValue()).append(" | ");
      sb.append(cell(abbreviate(examples.get(e.getKey()).query(), 200))).append(" |\n");
    }
    sb.append(analysis(path));
    Files.writeString(path, sb.toString(), StandardCharsets.UTF_8);
  }

  /**
   * The hand-written analysis of the causes kept from the previous {@code results.md}: everything
   * from its {@value #CAUSES} heading on, so that a rerun refreshes the figures, not the analysis.
   */
  private static String analysis(Path path) throws IOException {
    if (!Files.exists(path)) {
      return "";
    }
    String old = Files.readString(path, StandardCharsets.UTF_8);
    int at = old.indexOf(CAUSES);
    return at < 0 ? "" : "\n" + old.substring(at);
  }

  static final String CAUSES = "## Causes of the remaining failures";

  private static String cell(String s) {
    return s.replace("|", "\\|").replace('\n', ' ');
  }

  /** The first failure of each reason. */
  private static Map<String, FileRun.Failure> examples(List<FileRun.Result> results) {
    Map<String, FileRun.Failure> first = new TreeMap<>();
    for (FileRun.Result r : results) {
      for (FileRun.Failure f : r.failures()) {
        first.putIfAbsent(abbreviate(normalise(f.reason()), 160), f);
      }
    }
    return first;
  }

  private static void total(
      StringBuilder sb,
      String name,
      List<FileRun.Result> veles,
      Map<String, FileRun.Result> hsqldb,
      Predicate<String> files) {
    int queries = 0;
    int run = 0;
    int v = 0;
    int h = 0;
    for (FileRun.Result r : veles) {
      if (files.test(r.file())) {
        queries += r.queries();
        run += r.selected();
        v += r.passedCount();
        FileRun.Result hr = hsqldb.get(r.file());
        h += hr == null ? 0 : hr.passedCount();
      }
    }
    if (run > 0) {
      sb.append("| **").append(name).append("** | ").append(queries).append(" | ").append(run);
      sb.append(" | ").append(v).append(" | ").append(percent(v, run)).append(" | ").append(h);
      sb.append(" | ").append(percent(h, run)).append(" | |\n");
    }
  }

  private static String note(FileRun.Result r) {
    StringBuilder sb = new StringBuilder();
    if (r.abortedBy() != null) {
      sb.append("stopped at a failed statement: ")
          .append(abbreviate(r.abortedBy(), 120).replace("|", "\\|"));
    }
    if (r.skippedIndexes() > 0) {
      sb.append(sb.isEmpty() ? "" : "; ").append(r.skippedIndexes());
      sb.append(" CREATE INDEX refused as not supported, skipped");
    }
    return sb.toString();
  }

  /** Failure reasons with numbers and quoted text blanked, most frequent first. */
  static Map<String, Integer> reasons(List<FileRun.Result> results) {
    Map<String, Integer> counts = new TreeMap<>();
    for (FileRun.Result r : results) {
      for (FileRun.Failure f : r.failures()) {
        String key = abbreviate(normalise(f.reason()), 160);
        counts.merge(key, 1, Integer::sum);
      }
    }
    Map<String, Integer> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  static String normalise(String reason) {
    String r = reason == null ? "failed" : reason.replace('\n', ' ');
    r = r.replaceAll("expected:[0-9a-f]+ computed: [0-9a-f]+", "");
    r = r.replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("'[^']*'", "'…'");
    return r.replaceAll("[0-9]+", "N").strip();
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }

  private static String percent(int n, int of) {
    return of == 0 ? "" : String.format("%.2f %%", 100.0 * n / of);
  }
}

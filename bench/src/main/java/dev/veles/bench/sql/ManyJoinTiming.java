package dev.veles.bench.sql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time to plan and run the many-table joins of a sqllogictest file (SQLite's {@code select5.test}:
 * 732 queries joining 4 to 64 tables of 10 rows each, where planning is nearly all the time),
 * through the embedded driver: the file's statements run first, then every {@code stride}-th query,
 * timed one by one, and the mean per query is printed by the number of tables joined.
 *
 * <p>Usage: {@code ManyJoinTiming FILE [STRIDE]}; {@code FILE} is {@code test/select5.test} from
 * the {@code net.hydromatic:sql-logic-test} jar. Run two builds' class paths one after the other,
 * alternating, to compare them.
 */
public final class ManyJoinTiming {
  private static final Pattern FROM = Pattern.compile("FROM(.*?)(WHERE|$)", Pattern.DOTALL);

  private ManyJoinTiming() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: ManyJoinTiming FILE [STRIDE]");
    }
    List<String> lines = Files.readAllLines(Path.of(args[0]));
    int stride = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    List<String> statements = new ArrayList<>();
    List<String> queries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String head = lines.get(i);
      if (!head.startsWith("statement ok") && !head.startsWith("query")) {
        continue;
      }
      StringBuilder sql = new StringBuilder();
      int j = i + 1;
      for (; j < lines.size() && !lines.get(j).isBlank() && !lines.get(j).equals("----"); j++) {
        sql.append(lines.get(j)).append('\n');
      }
      (head.startsWith("statement") ? statements : queries).add(sql.toString());
      i = j;
    }
    Path db = Files.createTempDirectory("many-joins");
    try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + db);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
      drain(s, queries.get(0)); // warm-up
      long[] nanos = new long[4];
      int[] counts = new int[4];
      long total = 0;
      int n = 0;
      for (int q = 0; q < queries.size(); q += stride) {
        String sql = queries.get(q);
        Matcher m = FROM.matcher(sql);
        int tables = m.find() ? m.group(1).split(",").length : 1;
        long t0 = System.nanoTime();
        drain(s, sql);
        long dt = System.nanoTime() - t0;
        int bucket = Math.min(3, (tables - 1) / 16);
        nanos[bucket] += dt;
        counts[bucket]++;
        total += dt;
        n++;
      }
      System.out.printf("%d queries, mean %.1f ms%n", n, total / 1e6 / n);
      for (int b = 0; b < 4; b++) {
        System.out.printf(
            "  %d-%d tables: %d queries, mean %.1f ms%n",
            b * 16 + 1, b * 16 + 16, counts[b], nanos[b] / 1e6 / Math.max(1, counts[b]));
      }
    }
  }

  private static void drain(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rs.getString(1);
      }
    }
  }
}

package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 during DDL through SQL: a child JVM ({@link DdlCrashChild}) runs ALTER TABLE (ADD with a
 * DEFAULT that fills the rows, RENAME COLUMN, DROP COLUMN, RENAME TO), CREATE VIEW, DROP VIEW,
 * CREATE TABLE ... AS SELECT and DROP TABLE in a fixed cycle and is SIGKILLed at a random moment;
 * the parent reopens the database and finds the catalog (every table's columns, every view's
 * columns) and the rows exactly as after the last acknowledged step or after the one in flight,
 * never a mix, and no damage. The next child goes on from there.
 */
class DdlCrashTest {
  static final int ROWS = 40;
  static final int PHASES = 8;

  @TempDir Path dir;

  /** The SQL of step {@code n}: phase {@code n % 8} of cycle {@code k = n / 8}. */
  static String step(int n) {
    int k = n / PHASES;
    return switch (n % PHASES) {
      case 0 -> "ALTER TABLE t ADD COLUMN c" + k + " INTEGER DEFAULT " + k;
      case 1 -> "CREATE VIEW v" + k + " AS SELECT id, title FROM w WHERE id < 10";
      case 2 -> "CREATE TABLE s" + k + " AS SELECT id, embedding, c" + k + " FROM t";
      case 3 -> "ALTER TABLE t RENAME COLUMN c" + k + " TO d" + k;
      case 4 -> "ALTER TABLE t DROP COLUMN d" + k;
      case 5 -> "DROP VIEW v" + k;
      case 6 -> "ALTER TABLE s" + k + " RENAME TO r" + k;
      default -> "DROP TABLE r" + k;
    };
  }

  /** The catalog after steps 0..n-1: relation name to its columns (views marked). */
  static TreeMap<String, String> expected(int n) {
    TreeMap<String, String> m = new TreeMap<>();
    List<String> t = new ArrayList<>(List.of("id", "embedding", "title"));
    int k = n / PHASES;
    int phase = n % PHASES; // steps of the current cycle already done
    if (phase >= 1 && phase <= 3) {
      t.add("c" + k);
    } else if (phase == 4) {
      t.add("d" + k);
    }
    m.put("t", String.join(",", t));
    m.put("w", "id,title"); // the table the views read: t's columns change under no view
    if (phase >= 2 && phase <= 5) {
      m.put("v" + k, "view:id,title");
    }
    if (phase >= 3 && phase <= 6) {
      m.put("s" + k, "id,embedding,c" + k);
    }
    if (phase == 7) {
      m.put("r" + k, "id,embedding,c" + k);
    }
    return m;
  }

  @Test
  void everyDdlStepSurvivesSigkillWholeOrNotAtAll() throws Exception {
    int trials = Boolean.getBoolean("veles.long") ? 60 : 10;
    long base = Long.getLong("veles.seed", System.nanoTime());
    System.out.println("DdlCrashTest seed " + base);
    Path root = dir.resolve("db");
    int next = 0;
    int steps = 0;
    for (int t = 0; t < trials; t++) {
      long seed = base + t;
      try {
        int after = trial(root, seed, next);
        steps += after - next;
        next = after;
      } catch (Throwable e) {
        throw new AssertionError("trial " + t + " failed, seed " + seed, e);
      }
    }
    System.out.println("DdlCrashTest: " + steps + " DDL steps in " + trials + " trials");
    assertTrue(steps >= trials, "the children ran too few steps to test anything");
  }

  /** One child run from step {@code start}; returns the step the database stands at after it. */
  private static int trial(Path root, long seed, int start) throws Exception {
    Random rnd = new Random(seed);
    Process p = startChild(root, seed, start);
    int done = start; // steps before this index are done
    int inFlight = -1;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertEquals("READY", line, "child did not start");
      long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300 + rnd.nextInt(7000));
      while (System.nanoTime() < killAt && p.isAlive()) {
        if (out.ready() && (line = out.readLine()) != null) {
          if (line.startsWith("B ")) {
            inFlight = Integer.parseInt(line.substring(2));
          } else if (line.startsWith("A ")) {
            done = Integer.parseInt(line.substring(2)) + 1;
            inFlight = -1;
          }
        } else {
          Thread.sleep(1);
        }
      }
      if (!p.isAlive()) {
        throw new AssertionError(
            "the child died by itself:\n" + java.nio.file.Files.readString(errors(root, seed)));
      }
      p.toHandle().destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child did not die");
      while ((line = out.readLine()) != null) {
        if (line.startsWith("B ")) {
          inFlight = Integer.parseInt(line.substring(2));
        } else if (line.startsWith("A ")) {
          done = Integer.parseInt(line.substring(2)) + 1;
          inFlight = -1;
        }
      }
    }
    TreeMap<String, String> actual = catalog(root);
    if (actual.equals(expected(done))) {
      return done;
    }
    if (inFlight >= 0 && actual.equals(expected(inFlight + 1))) {
      return inFlight + 1;
    }
    throw new AssertionError(
        "after step "
            + done
            + (inFlight >= 0
                ? " with step " + inFlight + " (" + step(inFlight) + ") in flight"
                : "")
            + " the catalog is "
            + actual
            + ", expected "
            + expected(done));
  }

  /** The relations of the database with their columns, after checking every table's rows. */
  static TreeMap<String, String> catalog(Path root) throws SQLException {
    TreeMap<String, String> m = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + root);
        Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM veles.collections")) {
        rs.next();
      }
      List<String[]> relations = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT table_name, table_type FROM information_schema.tables"
                  + " WHERE table_schema = 'public'")) {
        while (rs.next()) {
          relations.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
      for (String[] r : relations) {
        String name = r[0];
        boolean view = r[1].equals("VIEW");
        List<String> cols = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT * FROM \"" + name + "\"")) {
          ResultSetMetaData md = rs.getMetaData();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            cols.add(md.getColumnLabel(i));
          }
          int rows = 0;
          while (rs.next()) {
            rows++;
            for (int i = 1; i <= md.getColumnCount(); i++) {
              String col = md.getColumnLabel(i);
              if (col.matches("[cd][0-9]+")) { // a column added with DEFAULT k holds k everywhere
                assertEquals(Integer.parseInt(col.substring(1)), rs.getInt(i), name + "." + col);
              }
            }
          }
          assertEquals(view ? 10 : ROWS, rows, "rows of " + name);
        }
        m.put(name, (view ? "view:" : "") + String.join(",", cols));
      }
      st.execute("CALL check(NULL)"); // every checksum of every table, or an exception
    }
    return m;
  }

  /** Where the child's standard error goes, to be shown if it dies by itself. */
  private static Path errors(Path root, long seed) {
    return root.resolveSibling("child-" + seed + ".err");
  }

  private static Process startChild(Path root, long seed, int start) throws IOException {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--add-modules",
            "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            DdlCrashChild.class.getName(),
            root.toString(),
            Long.toString(seed),
            Integer.toString(start));
    return new ProcessBuilder(cmd).redirectError(errors(root, seed).toFile()).start();
  }
}

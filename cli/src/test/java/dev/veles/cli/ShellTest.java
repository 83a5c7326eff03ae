package dev.veles.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code veles sql} with a script on standard input (a pipe, CI): the results are printed whole, a
 * failing statement stops the script with exit code 1, and starting prints none of the warnings a
 * user cannot act on (sqlline's isolation level, jline's missing terminal, the JVM's incubator
 * module notice).
 */
class ShellTest {
  /** Lines on standard error that must never appear when the shell starts. */
  private static final List<String> UNWANTED =
      List.of(
          "TRANSACTION_REPEATABLE_READ",
          "is not supported. Default",
          "Unable to create a system terminal",
          "Using incubator modules");

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private Run inProcess(String script, String... args) {
    InputStream oldIn = System.in;
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setIn(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)));
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = Main.run(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setIn(oldIn);
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private static void assertNoStartupWarnings(String err) {
    for (String unwanted : UNWANTED) {
      assertFalse(err.contains(unwanted), "stderr has '" + unwanted + "':\n" + err);
    }
  }

  @Test
  void pipedScriptPrintsItsResults() throws Exception {
    String db = dir.resolve("db").toString();
    String script =
        """
        CREATE TABLE docs (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL, title VARCHAR(80));
        INSERT INTO docs VALUES (1, ARRAY[1.0, 0.0], 'a title wider than eighty columns once padded by the table format, kept whole');
        INSERT INTO docs VALUES (2, ARRAY[0.0, 1.0], 'second');
        SELECT id, title FROM docs ORDER BY id;
        """;
    Run run = inProcess(script, "sql", "--path", db);
    assertEquals(0, run.code(), run.err());
    assertTrue(
        run.out()
            .contains(
                "| 1  | a title wider than eighty columns once padded by the table format, kept"
                    + " whole |"),
        run.out());
    assertTrue(run.out().contains("| 2  | second"), run.out());
    assertFalse(run.out().contains("jdbc:veles:path="), "no prompts in the output:\n" + run.out());
    assertNoStartupWarnings(run.err());
  }

  @Test
  void failingStatementStopsTheScript() throws Exception {
    String db = dir.resolve("db").toString();
    String script =
        """
        CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL);
        INSERT INTO t VALUES (1, ARRAY[1.0, 0.0]);
        SELECT * FROM no_such_table;
        INSERT INTO t VALUES (2, ARRAY[0.0, 1.0]);
        """;
    Run run = inProcess(script, "sql", "--path", db);
    assertEquals(1, run.code(), run.err());
    assertTrue(run.err().contains("no_such_table"), run.err());
    assertEquals(1, countRows(db), "the statement after the failing one did not run");

    run =
        inProcess(
            "INSERT INTO t VALUES (3, ARRAY[1.0, 1.0]);\n",
            "sql",
            "--path",
            db,
            "-e",
            "SELECT count(*) AS n FROM t;");
    assertEquals(0, run.code(), run.err());
    assertTrue(
        run.out().contains("| 1 |"), "-e runs its statement, not standard input:\n" + run.out());

    run =
        inProcess(
            "SELECT * FROM no_such_table;\nINSERT INTO t VALUES (2, ARRAY[0.0, 1.0]);\n",
            "sql",
            "--path",
            db,
            "--force");
    assertEquals(2, countRows(db), "--force goes on after the failure");
  }

  /**
   * The launcher itself, as a user runs it: {@code echo ... | ./veles sql}. Its JVM is started with
   * the Vector API module, so this also checks that the launcher keeps the JVM's incubator notice
   * off standard error.
   */
  @Test
  void launcherWithPipedInputPrintsTablesAndNoWarnings() throws Exception {
    Path launcher = Path.of("").toAbsolutePath().getParent().resolve("veles");
    assertTrue(Files.isExecutable(launcher), launcher + " is missing");
    Path script = Files.writeString(dir.resolve("script.sql"), "SELECT 40 + 2 AS answer;\n");
    Path out = dir.resolve("out.txt");
    ProcessBuilder pb =
        new ProcessBuilder(
                "bash", launcher.toString(), "sql", "--path", dir.resolve("db").toString())
            .redirectInput(script.toFile())
            .redirectOutput(out.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    // Run on the test's classpath (the built classes) instead of building cli/target.
    pb.environment().put("VELES_CLASSPATH", System.getProperty("java.class.path"));
    Process p = pb.start();
    // Standard error is read to its end, which comes when the launcher's filter of it has ended
    // too (the JVM may exit a moment before the filter has copied its last lines).
    String stderr;
    try (InputStream e = p.getErrorStream()) {
      stderr = new String(e.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("./veles sql did not finish in 5 minutes");
    }
    String stdout = Files.readString(out);
    assertEquals(0, p.exitValue(), stdout + stderr);
    assertTrue(stdout.contains("| answer |") && stdout.contains("| 42     |"), stdout + stderr);
    assertNoStartupWarnings(stderr);
  }

  private static long countRows(String db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }
}

package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scans stream: a result set reads rows as the client asks for them, yet shows the table as it was
 * when the statement began, and a table far larger than the heap is read whole.
 */
class StreamingScanTest {
  @TempDir Path dir;

  private static void fill(Connection c, String table, int rows) throws SQLException {
    fill(c, table, rows, true);
  }

  /** Rows (i, i, i / 2 [, text of i % 1000]) for i in [0, rows). */
  private static void fill(Connection c, String table, int rows, boolean text) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE "
              + table
              + " (id BIGINT PRIMARY KEY, a INTEGER, b DOUBLE"
              + (text ? ", s VARCHAR(8))" : ")"));
    }
    try (PreparedStatement p =
        c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?" + (text ? ", ?)" : ")"))) {
      for (int i = 0; i < rows; i++) {
        p.setLong(1, i);
        p.setInt(2, i);
        p.setDouble(3, i * 0.5);
        if (text) {
          p.setString(4, Integer.toString(i % 1000));
        }
        p.addBatch();
        if (i % 10_000 == 9_999) {
          p.executeBatch();
        }
      }
      p.executeBatch();
    }
  }

  @ParameterizedTest
  @EnumSource(Remote.Mode.class)
  void scanShowsTheTableAsItWasWhenItBegan(Remote.Mode mode) throws Exception {
    try (Remote r = new Remote(mode, dir, 2);
        Connection reader = r.connection();
        Connection writer = r.connection()) {
      fill(writer, "t", 5_000);
      try (Statement s = reader.createStatement();
          ResultSet rs = s.executeQuery("SELECT id, a FROM t WHERE a >= 0")) {
        rs.setFetchSize(100); // remote: later frames are fetched after the writes
        assertTrue(rs.next());
        assertEquals(0, rs.getLong(1));
        // Committed while the scan is open: an update of every row, deletes and an insert.
        try (Statement w = writer.createStatement()) {
          assertEquals(5_000, w.executeUpdate("UPDATE t SET a = a + 100000"));
          assertEquals(1_000, w.executeUpdate("DELETE FROM t WHERE id >= 4000"));
          w.executeUpdate("INSERT INTO t VALUES (9999999, 1, 1.0, 'new')");
        }
        long n = 1;
        long expectSum = 0;
        long sum = 0;
        while (rs.next()) {
          assertEquals(rs.getLong(1), rs.getInt(2), "row " + rs.getLong(1) + " changed under scan");
          sum += rs.getInt(2);
          expectSum += n;
          n++;
        }
        assertEquals(5_000, n);
        assertEquals(expectSum, sum);
      }
      // A new statement sees the writes.
      try (Statement s = reader.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(a) FROM t")) {
        assertTrue(rs.next());
        assertEquals(4_001, rs.getLong(1));
        assertEquals(1, rs.getInt(2));
      }
    }
  }

  @Test
  void aScanOfATableLargerThanItsResultHeapRunsInASmallHeap() throws Exception {
    // Long mode (README): -Dveles.streaming.rows=5000000 -Dveles.streaming.heap=512m
    // -Dveles.streaming.text=false; with the text column 5M rows need ~550 MiB of table heap.
    int rows = Integer.getInteger("veles.streaming.rows", 600_000);
    String heap = System.getProperty("veles.streaming.heap", "96m");
    boolean text = Boolean.parseBoolean(System.getProperty("veles.streaming.text", "true"));
    try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + dir)) {
      fill(c, "big", rows, text);
      try (Statement s = c.createStatement()) {
        s.execute("CALL flush()");
      }
    }
    String out = scanInChildJvm(dir, heap);
    long n = rows;
    assertEquals(n + " " + (n * (n - 1) / 2), out.strip());
  }

  /** Runs {@link Scanner} in a new JVM with heap {@code heap}; returns what it printed. */
  private static String scanInChildJvm(Path dir, String heap) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx" + heap,
                "--add-modules",
                "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Scanner.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("child JVM (-Xmx" + heap + ") failed: " + out);
    }
    return out;
  }

  /** The child: {@code SELECT *} over the whole table; prints the row count and the sum of a. */
  public static final class Scanner {
    public static void main(String[] args) throws SQLException {
      try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + args[0]);
          Statement s = c.createStatement()) {
        long t0 = System.nanoTime();
        ResultSet rs = s.executeQuery("SELECT * FROM big");
        long n = 0;
        long sum = 0;
        while (rs.next()) {
          if (n == 0) {
            System.err.printf("first row after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
          }
          n++;
          sum += rs.getInt(2);
        }
        System.out.println(n + " " + sum);
      }
    }
  }
}

package dev.veles.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code veles import}: RFC 4180 CSV and JSON Lines read back byte-exact, values converted by the
 * column's declared type, exact table names, and what a bad row does with and without {@code
 * --skip-bad}.
 */
class ImportTest {
  @TempDir Path dir;

  /** What one run of the command line printed and returned. */
  private record Run(int code, String out, String err) {}

  private String url() {
    return "jdbc:veles:path=" + dir.resolve("db");
  }

  private void sql(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  private Run importFile(String table, Path file, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "import",
                table,
                file.toString(),
                "--path",
                dir.resolve("db").toString(),
                "--quiet"));
    args.addAll(List.of(options));
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = Main.run(args.toArray(String[]::new));
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private List<Object[]> rows(String query) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Object[] row = new Object[n];
        for (int i = 0; i < n; i++) {
          Object v = rs.getObject(i + 1);
          row[i] = v instanceof Array a ? floats(a) : v;
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private long count(String table) throws SQLException {
    return ((Number) rows("SELECT count(*) FROM " + table).getFirst()[0]).longValue();
  }

  /** A CSV field quoted per RFC 4180: inside quotes, a quote is doubled. */
  private static String quoted(String s) {
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  @Test
  void trickyCsvReadsBackByteExact() throws Exception {
    sql(
        "CREATE TABLE docs (id BIGINT NOT NULL PRIMARY KEY, embedding VECTOR(3) NOT NULL,"
            + " title VARCHAR(500), note VARCHAR(500), price DOUBLE)");
    // Written by hand: quoted commas, a line break and a CRLF inside quotes, doubled quotes,
    // text that starts with '[', CJK and emoji, "" (empty string) against ,, (NULL).
    String csv =
        "id,embedding,title,note,price\r\n"
            + "1,\"[0.1, 0.2, 0.3]\",[draft] title,\"a, b, c\",9.5\r\n"
            + "2,\"[1, 0, -1]\",\"line one\nline two\",\"she said \"\"hi\"\"\",\r\n"
            + "3,\"[0,0,1]\",日本語のタイトル 🚀,\"\",\n"
            + "4,\"[0,1,0]\",,  spaces kept  ,1e3\n"
            + "5,\"[1, 1, 1]\",x,y,1\n"
            + "6,\"[2,2,2]\",\"[not a vector\",\"crlf\r\ninside\",-0.5";
    Files.writeString(dir.resolve("docs.csv"), csv);
    Run run = importFile("docs", dir.resolve("docs.csv"), "--batch", "2");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("imported 6 rows into docs"), run.out());

    List<Object[]> rows = rows("SELECT id, embedding, title, note, price FROM docs ORDER BY id");
    assertEquals(6, rows.size());
    assertRow(rows.get(0), 1L, new float[] {0.1f, 0.2f, 0.3f}, "[draft] title", "a, b, c", 9.5);
    assertRow(
        rows.get(1), 2L, new float[] {1, 0, -1}, "line one\nline two", "she said \"hi\"", null);
    assertRow(rows.get(2), 3L, new float[] {0, 0, 1}, "日本語のタイトル 🚀", "", null);
    assertRow(rows.get(3), 4L, new float[] {0, 1, 0}, null, "  spaces kept  ", 1000.0);
    assertRow(rows.get(4), 5L, new float[] {1, 1, 1}, "x", "y", 1.0);
    assertRow(rows.get(5), 6L, new float[] {2, 2, 2}, "[not a vector", "crlf\r\ninside", -0.5);
  }

  @Test
  void randomTextSurvivesCsvExactly() throws Exception {
    long seed = System.nanoTime();
    System.out.println("randomTextSurvivesCsvExactly seed " + seed);
    Random random = new Random(seed);
    String[] pieces = {
      "a", "Z", " ", ",", "\"", "\"\"", "\n", "\r\n", "[", "]", "[1, 2]", "é", "ß", "日本", "中文",
      "한국어", "😀", "🚀", "👩‍💻", "\t", "'", ";", "\\", "NULL", "--"
    };
    sql("CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL, s VARCHAR(1000))");
    int n = 200 + random.nextInt(200);
    String[] expected = new String[n];
    StringBuilder csv = new StringBuilder("id,v,s\n");
    for (int i = 0; i < n; i++) {
      StringBuilder s = new StringBuilder();
      for (int k = random.nextInt(12); k > 0; k--) {
        s.append(pieces[random.nextInt(pieces.length)]);
      }
      expected[i] = s.toString();
      csv.append(i).append(",\"[").append(i).append(", 0]\",").append(quoted(expected[i]));
      csv.append(random.nextBoolean() ? "\r\n" : "\n");
    }
    Path file = Files.writeString(dir.resolve("t.csv"), csv);
    Run run = importFile("t", file, "--batch", String.valueOf(1 + random.nextInt(64)));
    assertEquals(0, run.code(), "seed " + seed + ": " + run.err());
    List<Object[]> rows = rows("SELECT id, s FROM t ORDER BY id");
    assertEquals(n, rows.size(), "seed " + seed);
    for (int i = 0; i < n; i++) {
      assertArrayEquals(
          expected[i].getBytes(StandardCharsets.UTF_8),
          ((String) rows.get(i)[1]).getBytes(StandardCharsets.UTF_8),
          "seed " + seed + ", row " + i);
    }
  }

  @Test
  void jsonLinesTakeVectorsAsArraysOrStrings() throws Exception {
    sql(
        "CREATE TABLE docs (id BIGINT NOT NULL PRIMARY KEY, embedding VECTOR(3) NOT NULL,"
            + " title VARCHAR(100), n INTEGER, ok BOOLEAN)");
    Path file =
        Files.writeString(
            dir.resolve("docs.jsonl"),
            """
            {"id": 1, "embedding": [0.5, 0.5, 0.5], "title": "[draft] x", "n": 7, "ok": true}
            {"id": 2, "embedding": "[1, 2, 3]", "title": "日本 😀", "n": "8", "ok": "false"}

            {"id": 3, "embedding": "[4,5,6]"}
            {"id": 4, "embedding": [1, 2, 3], "title": null, "n": null, "ok": null}
            {"id": 5, "embedding": [0, 0, 0], "title": "", "n": -3}
            """);
    Run run = importFile("docs", file, "--batch", "2");
    assertEquals(0, run.code(), run.err());
    List<Object[]> rows = rows("SELECT id, embedding, title, n, ok FROM docs ORDER BY id");
    assertEquals(5, rows.size());
    assertArrayEquals(new Object[] {1L, "[draft] x", 7, true}, pick(rows.get(0)));
    assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, (float[]) rows.get(0)[1]);
    assertArrayEquals(new Object[] {2L, "日本 😀", 8, false}, pick(rows.get(1)));
    assertArrayEquals(new float[] {1, 2, 3}, (float[]) rows.get(1)[1]);
    assertArrayEquals(new Object[] {3L, null, null, null}, pick(rows.get(2)));
    assertArrayEquals(new float[] {4, 5, 6}, (float[]) rows.get(2)[1]);
    assertArrayEquals(new Object[] {4L, null, null, null}, pick(rows.get(3)));
    assertArrayEquals(new Object[] {5L, "", -3, null}, pick(rows.get(4)));
  }

  @Test
  void tableNamesMatchExactlyNotAsPatterns() throws Exception {
    // '_' is a LIKE wildcard: as a pattern, doc_s also matches docxs, whose label is a DOUBLE.
    sql(
        "CREATE TABLE doc_s (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL,"
            + " label VARCHAR(20))",
        "CREATE TABLE docxs (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL, label DOUBLE)");
    Path text = Files.writeString(dir.resolve("a.csv"), "id,v,label\n1,\"[1,2]\",hello\n");
    Run run = importFile("doc_s", text);
    assertEquals(0, run.code(), run.err());
    assertEquals("hello", rows("SELECT label FROM doc_s").getFirst()[0]);
    assertEquals(0, count("docxs"));

    Path number = Files.writeString(dir.resolve("b.csv"), "ID,V,Label\n2,\"[3,4]\",2.5\n");
    run = importFile("DOCXS", number); // unquoted-style names fold to lower case, as in SQL
    assertEquals(0, run.code(), run.err());
    assertEquals(2.5, rows("SELECT label FROM docxs").getFirst()[0]);
    assertEquals(1, count("doc_s"));

    assertEquals("doc\\_s\\%", TargetTable.pattern("doc_s%", "\\"));
    run = importFile("doc%", text);
    assertEquals(1, run.code());
    assertTrue(run.err().contains("table 'doc%' does not exist"), run.err());
  }

  @Test
  void badValueStopsBeforeItsBatchIsApplied() throws Exception {
    sql("CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL, price DOUBLE)");
    StringBuilder csv = new StringBuilder("id,v,price\n"); // line 1
    for (int id = 1; id <= 7; id++) { // id N on line N + 1
      csv.append(id).append(",\"[1,2]\",").append(id == 5 ? "cheap" : "1.5").append('\n');
    }
    Path file = Files.writeString(dir.resolve("t.csv"), csv);
    Run run = importFile("t", file, "--batch", "3");
    assertEquals(1, run.code(), run.out());
    assertTrue(run.err().contains("line 6, column price: 'cheap' is not a number"), run.err());
    assertTrue(
        run.err().contains("row gathered before it in its batch (line 5) was not"), run.err());
    assertTrue(run.err().contains("3 rows of earlier batches"), run.err());
    // Batch 1 (ids 1-3) was applied; batch 2 stopped at id 5, so id 4 is not there either.
    assertEquals(List.of(1L, 2L, 3L), ids("t"));
  }

  @Test
  void refusedBatchAppliesNothingAndSkipBadRetriesRowByRow() throws Exception {
    sql(
        "CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL, s VARCHAR(20))",
        "INSERT INTO t VALUES (2, ARRAY[0.0, 0.0], 'already here')");
    Path file =
        Files.writeString(
            dir.resolve("t.csv"), "id,v,s\n1,\"[1,1]\",a\n2,\"[2,2]\",b\n3,\"[3,3]\",c\n");
    Run run = importFile("t", file, "--batch", "10");
    assertEquals(1, run.code(), run.out());
    assertTrue(run.err().contains("lines 2-4"), run.err());
    assertTrue(run.err().contains("23505"), run.err());
    assertEquals(List.of(2L), ids("t"), "nothing of the refused batch was applied");

    run = importFile("t", file, "--batch", "10", "--skip-bad");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("imported 2 rows into t"), run.out());
    assertTrue(run.out().contains("skipped 1 bad rows"), run.out());
    assertTrue(run.err().contains("line 3: the database refused the row"), run.err());
    assertEquals(List.of(1L, 2L, 3L), ids("t"));
    assertEquals("already here", rows("SELECT s FROM t WHERE id = 2").getFirst()[0]);
  }

  @Test
  void skipBadCountsEveryKindOfBadRow() throws Exception {
    sql("CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL, price DOUBLE)");
    Path csv =
        Files.writeString(
            dir.resolve("t.csv"),
            String.join(
                "\n",
                "id,v,price",
                "1,\"[1,2]\",1",
                "2,\"[1,2,3]\",1", // wrong dimension
                "3,\"[1,2]\",1",
                "4,\"[1,2]\"", // a field short
                "5,\"[1,x]\",1", // not a vector
                "6,\"[1,2]\",1",
                "7,\"[1,2]\",1",
                "8,[1, 2],1", // a vector holding commas, unquoted
                ""));
    Run run = importFile("t", csv, "--batch", "2", "--skip-bad");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("imported 4 rows into t"), run.out());
    assertTrue(run.out().contains("skipped 4 bad rows"), run.out());
    assertTrue(run.err().contains("line 3, column v: the vector has 3 components"), run.err());
    assertTrue(run.err().contains("line 9: 4 fields, but the header names 3 columns (a vector's"));
    assertTrue(run.err().contains("line 5: 2 fields, but the header names 3 columns"), run.err());
    assertTrue(run.err().contains("line 6, column v: '[1,x]' is not a vector"), run.err());
    assertEquals(List.of(1L, 3L, 6L, 7L), ids("t"));

    Path jsonl =
        Files.writeString(
            dir.resolve("more.jsonl"),
            """
            {"id": 10, "v": [1, 2]}
            {"id": 11, "v": [1, 2]
            {"id": 12, "v": "[1, 2]", "colour": "red"}
            {"id": 13, "v": {"x": 1}}
            {"id": 14, "v": "[3, 4]"}
            {"id": 15}
            """);
    run = importFile("t", jsonl, "--skip-bad");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("imported 2 rows into t"), run.out());
    assertTrue(run.out().contains("skipped 4 bad rows"), run.out());
    assertTrue(run.err().contains("line 2: not valid JSON"), run.err());
    assertTrue(run.err().contains("line 6, column v: no value for a NOT NULL column"), run.err());
    assertTrue(run.err().contains("line 3, column colour: not among the keys"), run.err());
    assertTrue(run.err().contains("line 4, column v:"), run.err());
    assertEquals(List.of(1L, 3L, 6L, 7L, 10L, 14L), ids("t"));
  }

  @Test
  void unterminatedQuoteStopsEvenWithSkipBad() throws Exception {
    sql("CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL, s VARCHAR(20))");
    Path file =
        Files.writeString(dir.resolve("t.csv"), "id,v,s\n1,\"[1,2]\",a\n2,\"[1,2]\",\"open\n");
    Run run = importFile("t", file, "--skip-bad");
    assertEquals(1, run.code(), run.out());
    assertTrue(run.err().contains("CSV is malformed at or after line 3"), run.err());
    assertEquals(List.of(), ids("t"), "the batch holding the damaged record is not applied");
  }

  private List<Long> ids(String table) throws SQLException {
    return rows("SELECT id FROM " + table + " ORDER BY id").stream()
        .map(r -> ((Number) r[0]).longValue())
        .toList();
  }

  /** Every column of a row but the vector (column 2). */
  private static Object[] pick(Object[] row) {
    return Stream.concat(Stream.of(row[0]), Arrays.stream(row, 2, row.length)).toArray();
  }

  private static void assertRow(
      Object[] row, long id, float[] vector, String title, String note, Double price) {
    assertEquals(id, ((Number) row[0]).longValue());
    assertArrayEquals(vector, (float[]) row[1], "row " + id);
    assertEquals(title, row[2], "title of row " + id);
    assertEquals(note, row[3], "note of row " + id);
    if (price == null) {
      assertNull(row[4], "price of row " + id);
    } else {
      assertEquals(price, ((Number) row[4]).doubleValue(), "price of row " + id);
    }
  }

  private static float[] floats(Array a) throws SQLException {
    Object v = a.getArray();
    if (v instanceof float[] f) {
      return f;
    }
    Object[] o = (Object[]) v;
    float[] f = new float[o.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = ((Number) o[i]).floatValue();
    }
    return f;
  }
}

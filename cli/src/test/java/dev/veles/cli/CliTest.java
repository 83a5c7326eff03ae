package dev.veles.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veles.server.VelesServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code veles} command line: version, help, import of each format, sql -e. */
class CliTest {
  @TempDir Path dir;

  private String url() {
    return "jdbc:veles:path=" + dir.resolve("db");
  }

  private void createTable(String ddl) throws SQLException {
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement()) {
      s.execute(ddl);
    }
  }

  private static String capture(Runnable r) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void versionAndHelp() {
    String version = capture(() -> assertEquals(0, Main.run("version")));
    assertTrue(version.startsWith("Veles 0.1.0"), version);
    for (String cmd : List.of("server", "sql", "import", "version")) {
      String help = capture(() -> assertEquals(0, Main.run(cmd, "--help")));
      assertTrue(help.contains("Usage: veles " + cmd), help);
    }
    assertNotEquals(0, Main.run("import", "only-one-arg"));
  }

  @Test
  void importCsvAndJsonLines() throws Exception {
    createTable(
        "CREATE TABLE docs (id BIGINT NOT NULL PRIMARY KEY, embedding VECTOR(3) NOT NULL,"
            + " title VARCHAR(40), price DOUBLE)");
    Path csv =
        Files.writeString(
            dir.resolve("docs.csv"),
            "id,embedding,title,price\n"
                + "1,\"[0.1, 0.2, 0.3]\",first,9.5\n"
                + "2,\"[1, 0, -1]\",\"with, comma\",\n");
    String out =
        capture(
            () ->
                assertEquals(
                    0,
                    Main.run(
                        "import",
                        "docs",
                        csv.toString(),
                        "--path",
                        dir.resolve("db").toString(),
                        "--batch",
                        "1",
                        "--quiet")));
    assertTrue(out.contains("imported 2 rows into docs"), out);
    Path jsonl =
        Files.writeString(
            dir.resolve("more.jsonl"),
            "{\"id\":3,\"embedding\":[0.5,0.5,0.5],\"title\":\"x\"}\n"
                + "{\"id\":1,\"embedding\":[9,9,9],\"title\":\"replaced\"}\n");
    assertEquals(
        0,
        Main.run(
            "import",
            "docs",
            jsonl.toString(),
            "--path",
            dir.resolve("db").toString(),
            "--upsert",
            "--quiet"));
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, embedding, title, price FROM docs ORDER BY id")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getLong(1));
      assertArrayEquals(new float[] {9, 9, 9}, floats(rs.getArray(2)));
      assertEquals("replaced", rs.getString(3));
      assertTrue(rs.next());
      assertArrayEquals(new float[] {1, 0, -1}, floats(rs.getArray(2)));
      assertEquals("with, comma", rs.getString(3));
      assertEquals(0.0, rs.getDouble(4));
      assertTrue(rs.wasNull());
      assertTrue(rs.next());
      assertEquals(3, rs.getLong(1));
    }
  }

  @Test
  void importFvecsRemotelyOverProtobuf() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    createTable("CREATE TABLE vecs (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(4) NOT NULL)");
    int n = 50 + random.nextInt(50);
    float[][] data = new float[n][4];
    ByteBuffer buf = ByteBuffer.allocate(n * (4 + 16)).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] v : data) {
      buf.putInt(4);
      for (int j = 0; j < 4; j++) {
        v[j] = random.nextFloat();
        buf.putFloat(v[j]);
      }
    }
    Path fvecs = Files.write(dir.resolve("base.fvecs"), buf.array());
    try (VelesServer server = VelesServer.builder().path(dir.resolve("db")).port(0).start()) {
      assertEquals(
          0,
          Main.run(
              "import",
              "vecs",
              fvecs.toString(),
              "--url",
              server.clientUrl(),
              "--start-id",
              "100",
              "--batch",
              "16",
              "--quiet"),
          "seed " + seed);
    }
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, v FROM vecs ORDER BY id")) {
      for (int i = 0; i < n; i++) {
        assertTrue(rs.next(), "seed " + seed);
        assertEquals(100 + i, rs.getLong(1));
        assertArrayEquals(data[i], floats(rs.getArray(2)), "seed " + seed);
      }
    }
  }

  @Test
  void sqlExecutesStatements() throws Exception {
    createTable("CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
    String out =
        capture(
            () ->
                assertEquals(
                    0,
                    Main.run(
                        "sql",
                        "--path",
                        dir.resolve("db").toString(),
                        "-e",
                        "INSERT INTO t VALUES (5, ARRAY[1.0, 2.0]);")));
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getLong(1), out);
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

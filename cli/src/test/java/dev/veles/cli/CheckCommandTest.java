package dev.veles.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code veles check}: 0 on a sound database, 1 naming file and offset on damage or a lock. */
class CheckCommandTest {
  @TempDir Path dir;

  /** Runs the command; returns {exit code, stdout + stderr}. */
  private static Object[] run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream p = new PrintStream(buf, true, StandardCharsets.UTF_8);
    System.setOut(p);
    System.setErr(p);
    try {
      int code = Main.run(args);
      return new Object[] {code, buf.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void soundDamagedAndLocked() throws Exception {
    Path db = dir.resolve("db");
    String url = "jdbc:veles:path=" + db;
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(4) NOT NULL)");
      s.execute("INSERT INTO t VALUES (1, vec('[1, 2, 3, 4]')), (2, vec('[5, 6, 7, 8]'))");
      Object[] locked = run("check", "--path", db.toString());
      assertEquals(1, locked[0]);
      assertTrue(((String) locked[1]).contains("CALL check"), (String) locked[1]);
    }
    Object[] ok = run("check", "--path", db.toString());
    assertEquals(0, ok[0], (String) ok[1]);
    Path data = db.resolve("t").resolve("vectors.dat");
    byte[] b = Files.readAllBytes(data);
    long slot1 = 4096 + 16; // the second slot: vectors packed, 16 bytes each
    b[(int) slot1 + 5] ^= 0x20;
    Files.write(data, b);
    Object[] bad = run("check", "--path", db.toString());
    assertEquals(1, bad[0], (String) bad[1]);
    String text = (String) bad[1];
    assertTrue(text.contains("vectors.dat at offset " + slot1), text);
    assertTrue(text.contains("checksum mismatch"), text);
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      java.sql.SQLException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              java.sql.SQLException.class, () -> s.execute("CALL check('t')"));
      assertEquals("XX001", e.getSQLState());
      assertTrue(e.getMessage().contains("vectors.dat at offset " + slot1), e.getMessage());
    }
  }

  @Test
  void repairSalvagesWhatIsIntactAndNamesTheLostRows() throws Exception {
    Path db = dir.resolve("db");
    String url = "jdbc:veles:path=" + db;
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(4) NOT NULL)");
      s.execute("INSERT INTO t VALUES (1, vec('[1, 2, 3, 4]')), (2, vec('[5, 6, 7, 8]'))");
    }
    Object[] nothing = run("check", "--repair", "--path", db.toString());
    assertEquals(0, nothing[0], (String) nothing[1]);
    assertTrue(((String) nothing[1]).contains("nothing to repair"), (String) nothing[1]);
    Path data = db.resolve("t").resolve("vectors.dat");
    byte[] b = Files.readAllBytes(data);
    b[4096 + 16 + 5] ^= 0x20; // row 2's vector
    Files.write(data, b);
    Object[] repaired = run("check", "--repair", "--path", db.toString());
    String text = (String) repaired[1];
    assertEquals(1, repaired[0], text);
    assertTrue(text.contains("vector lost (row dropped): [2]"), text);
    Object[] ok = run("check", "--path", db.toString());
    assertEquals(0, ok[0], (String) ok[1]);
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT id FROM t")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getLong(1));
      assertTrue(!rs.next());
    }
  }
}

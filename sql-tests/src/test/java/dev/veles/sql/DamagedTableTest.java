package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table whose files are damaged answers XX001 naming the file while the others work, shows its
 * state in veles.collections, and a read_only connection opens the database without changing a
 * byte.
 */
class DamagedTableTest {
  @TempDir Path dir;

  private void createTwoTables() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + dir);
        Statement s = c.createStatement()) {
      for (String t : new String[] {"good", "bad"}) {
        s.execute("CREATE TABLE " + t + " (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
        s.execute("INSERT INTO " + t + " VALUES (1, vec('[1, 2]')), (2, vec('[3, 4]'))");
      }
    }
  }

  @Test
  void damagedTableAnswersXx001AndTheRestWorks() throws Exception {
    createTwoTables();
    Path data = dir.resolve("bad").resolve("vectors.dat");
    byte[] b = Files.readAllBytes(data);
    b[8] ^= 1; // the dimension field of the header
    Files.write(data, b);
    try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + dir);
        Statement s = c.createStatement()) {
      SQLException e =
          assertThrows(SQLException.class, () -> s.executeQuery("SELECT id FROM bad").close());
      assertEquals("XX001", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("vectors.dat"), e.getMessage());
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM good")) {
        rs.next();
        assertEquals(2, rs.getLong(1));
      }
      s.execute("INSERT INTO good VALUES (3, vec('[5, 6]'))");
      try (ResultSet rs =
          s.executeQuery("SELECT table_name, state FROM veles.collections ORDER BY table_name")) {
        assertTrue(rs.next());
        assertEquals("bad", rs.getString(1));
        assertTrue(rs.getString(2).startsWith("damaged: "), rs.getString(2));
        assertTrue(rs.getString(2).contains("vectors.dat"), rs.getString(2));
        assertTrue(rs.next());
        assertEquals("good", rs.getString(1));
        assertEquals("ok", rs.getString(2));
      }
      s.execute("DROP TABLE bad");
      s.execute("CREATE TABLE bad (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
    }
  }

  @Test
  void aDamagedVectorAnswersXx001OnReadAndShowsInTheState() throws Exception {
    createTwoTables();
    Path data = dir.resolve("bad").resolve("vectors.dat");
    byte[] b = Files.readAllBytes(data);
    b[4096 + 2] ^= 0x10; // a bit of the first row's vector
    Files.write(data, b);
    try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + dir);
        Statement s = c.createStatement()) {
      SQLException e =
          assertThrows(
              SQLException.class, () -> s.executeQuery("SELECT v FROM bad WHERE id = 1").close());
      assertEquals("XX001", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("vectors.dat"), e.getMessage());
      try (ResultSet rs = s.executeQuery("SELECT v FROM bad WHERE id = 2")) {
        assertTrue(rs.next()); // the other row is intact
      }
      try (ResultSet rs =
          s.executeQuery("SELECT state FROM veles.collections WHERE table_name = 'bad'")) {
        assertTrue(rs.next());
        assertTrue(rs.getString(1).startsWith("damaged: "), rs.getString(1));
      }
      s.execute("CALL check('good')");
      SQLException check = assertThrows(SQLException.class, () -> s.execute("CALL check('bad')"));
      assertEquals("XX001", check.getSQLState());
      assertTrue(check.getMessage().contains("checksum mismatch"), check.getMessage());
    }
  }

  @Test
  void readOnlyConnectionChangesNoByte() throws Exception {
    createTwoTables();
    Map<Path, byte[]> before = contents();
    try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + dir + ";read_only=true");
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM good")) {
        rs.next();
        assertEquals(2, rs.getLong(1));
      }
      assertThrows(
          SQLException.class, () -> s.execute("INSERT INTO good VALUES (9, vec('[0, 0]'))"));
    }
    Map<Path, byte[]> after = contents();
    assertEquals(before.keySet(), after.keySet());
    for (Path p : before.keySet()) {
      assertArrayEquals(before.get(p), after.get(p), p.toString());
    }
    // A read-only connection shares a database this JVM already holds writable.
    try (Connection w = DriverManager.getConnection("jdbc:veles:path=" + dir);
        Connection r = DriverManager.getConnection("jdbc:veles:path=" + dir + ";read_only=true");
        Statement s = r.createStatement()) {
      w.createStatement().execute("INSERT INTO good VALUES (3, vec('[5, 6]'))");
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM good")) {
        rs.next();
        assertEquals(3, rs.getLong(1));
      }
    }
  }

  private Map<Path, byte[]> contents() throws IOException {
    Map<Path, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        if (!p.getFileName().toString().equals("veles.lock")) {
          out.put(dir.relativize(p), Files.readAllBytes(p));
        }
      }
    }
    return out;
  }
}

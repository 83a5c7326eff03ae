package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Long TEXT and BYTEA values (the engine keeps them in its value store, off the heap) through SQL:
 * inserted, read, filtered with =, LIKE and ranges, updated, deleted, compacted, and read again
 * after the database reopens, embedded and remote; the table's check stays clean.
 */
class LongTextSqlTest {
  @TempDir Path dir;

  /** One row of the model: title (short), body (mostly long), blob (mostly long), n. */
  record Doc(String title, String body, byte[] blob, int n) {}

  static String text(Random rnd) {
    int len = rnd.nextInt(5) == 0 ? rnd.nextInt(30) : 65 + rnd.nextInt(3000);
    StringBuilder b = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      int k = rnd.nextInt(40);
      b.append(k == 0 ? 'ü' : k == 1 ? '\u6587' : (char) ('a' + k % 26));
    }
    return b.toString();
  }

  @ParameterizedTest
  @EnumSource(Remote.Mode.class)
  void longValuesRoundTripThroughSql(Remote.Mode mode) throws Exception {
    long seed = Long.getLong("veles.seed", System.nanoTime());
    System.out.println("LongTextSqlTest seed " + seed + " " + mode);
    Random rnd = new Random(seed);
    TreeMap<Long, Doc> model = new TreeMap<>();
    try (Remote r = new Remote(mode, dir, 1);
        Connection c = r.connection()) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE docs (id BIGINT PRIMARY KEY, title VARCHAR(40), body TEXT, payload BYTEA,"
                + " n INTEGER)");
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO docs VALUES (?, ?, ?, ?, ?)")) {
        for (long id = 0; id < 200; id++) {
          byte[] blob = null;
          if (rnd.nextInt(4) > 0) {
            blob = new byte[rnd.nextInt(2) == 0 ? rnd.nextInt(40) : 65 + rnd.nextInt(600)];
            rnd.nextBytes(blob);
          }
          Doc d = new Doc("t" + id, rnd.nextInt(10) == 0 ? null : text(rnd), blob, (int) id);
          p.setLong(1, id);
          p.setString(2, d.title());
          p.setString(3, d.body());
          p.setBytes(4, d.blob());
          p.setInt(5, d.n());
          p.addBatch();
          model.put(id, d);
        }
        p.executeBatch();
      }
      assertRows(c, model);
      assertFilters(c, model, rnd);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE docs SET n = n + 1000 WHERE id < 50");
        s.executeUpdate("DELETE FROM docs WHERE id >= 180");
      }
      for (long id = 0; id < 200; id++) {
        Doc d = model.get(id);
        if (id >= 180) {
          model.remove(id);
        } else if (id < 50) {
          model.put(id, new Doc(d.title(), d.body(), d.blob(), d.n() + 1000));
        }
      }
      String fresh = "new " + text(rnd) + "x".repeat(100);
      try (PreparedStatement p = c.prepareStatement("UPDATE docs SET body = ? WHERE id = 7")) {
        p.setString(1, fresh);
        assertEquals(1, p.executeUpdate());
        Doc d = model.get(7L);
        model.put(7L, new Doc(d.title(), fresh, d.blob(), d.n()));
      }
      try (Statement s = c.createStatement()) {
        s.execute("CALL compact('docs')");
      }
      assertRows(c, model);
    }
    try (Remote r = new Remote(mode, dir, 1);
        Connection c = r.connection()) {
      assertRows(c, model);
      assertFilters(c, model, rnd);
      try (Statement s = c.createStatement()) {
        s.execute("CALL check('docs')"); // XX001 on any problem
      }
    }
  }

  private static void assertRows(Connection c, TreeMap<Long, Doc> model) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, title, body, payload, n FROM docs ORDER BY id")) {
      for (var e : model.entrySet()) {
        rs.next();
        Doc d = e.getValue();
        assertEquals(e.getKey(), rs.getLong(1));
        assertEquals(d.title(), rs.getString(2));
        assertEquals(d.body(), rs.getString(3), "body of " + e.getKey());
        assertArrayEquals(d.blob(), rs.getBytes(4), "blob of " + e.getKey());
        assertEquals(d.n(), rs.getInt(5));
      }
      assertEquals(false, rs.next());
    }
  }

  private static void assertFilters(Connection c, TreeMap<Long, Doc> model, Random rnd)
      throws SQLException {
    List<Long> ids = new ArrayList<>(model.keySet());
    for (int i = 0; i < 5; i++) {
      Doc pick = model.get(ids.get(rnd.nextInt(ids.size())));
      if (pick.body() == null) {
        continue;
      }
      String body = pick.body();
      String prefix = body.substring(0, Math.min(4, body.length()));
      assertEquals(
          where(model, body::equals),
          ids(c, "SELECT id FROM docs WHERE body = ? ORDER BY id", body));
      assertEquals(
          where(model, b -> b.startsWith(prefix)),
          ids(c, "SELECT id FROM docs WHERE body LIKE ? ORDER BY id", prefix + "%"));
      assertEquals(
          where(model, b -> b.compareTo(body) > 0),
          ids(c, "SELECT id FROM docs WHERE body > ? ORDER BY id", body));
    }
  }

  private static List<Long> where(
      TreeMap<Long, Doc> model, java.util.function.Predicate<String> test) {
    List<Long> out = new ArrayList<>();
    model.forEach(
        (id, d) -> {
          if (d.body() != null && test.test(d.body())) {
            out.add(id);
          }
        });
    return out;
  }

  private static List<Long> ids(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, arg);
      try (ResultSet rs = p.executeQuery()) {
        List<Long> out = new ArrayList<>();
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
        return out;
      }
    }
  }
}

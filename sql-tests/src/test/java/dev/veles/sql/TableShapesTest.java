package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Table shapes beyond a BIGINT key, through every client: embedded, the stock Avatica client
 * (protobuf and JSON) and the Veles driver's remote mode. UUID values travel as their 36-character
 * text (Avatica's wire types have no UUID): written with {@code setString}, read with {@code
 * getString}/{@code getObject} as a {@link String}; metadata names the declared types and keys.
 */
class TableShapesTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Remote.Mode.class)
  void uuidKeysTravelAsTextAndMetadataNamesThem(Remote.Mode mode) throws Exception {
    long seed = System.nanoTime();
    System.out.println("TableShapesTest seed " + seed + " mode " + mode);
    Random random = new Random(seed);
    try (Remote r = new Remote(mode, dir, 1);
        Connection c = r.connection()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE docs (id UUID PRIMARY KEY, body TEXT, v VECTOR(2))");
        s.execute("CREATE TABLE pairs (a INTEGER, b VARCHAR(8), n BIGINT, PRIMARY KEY (a, b))");
      }
      List<UUID> ids = new ArrayList<>();
      try (PreparedStatement p =
          c.prepareStatement("INSERT INTO docs VALUES (?, ?, ARRAY[1, 2])")) {
        for (int i = 0; i < 20; i++) {
          UUID u = new UUID(random.nextLong(), random.nextLong());
          ids.add(u);
          // upper case in: the canonical lower-case form is stored
          p.setString(1, u.toString().toUpperCase(java.util.Locale.ROOT));
          p.setString(2, "doc " + i);
          assertEquals(1, p.executeUpdate());
        }
      }
      try (PreparedStatement p = c.prepareStatement("SELECT id, body FROM docs WHERE id = ?")) {
        for (int i = 0; i < ids.size(); i++) {
          p.setString(1, ids.get(i).toString());
          try (ResultSet rs = p.executeQuery()) {
            assertTrue(rs.next(), "row " + i);
            assertEquals(ids.get(i).toString(), rs.getString(1));
            assertEquals(ids.get(i).toString(), rs.getObject(1));
            assertEquals("doc " + i, rs.getString(2));
            assertTrue(!rs.next());
          }
        }
      }
      SQLException dup =
          assertThrows(
              SQLException.class,
              () -> {
                try (PreparedStatement p =
                    c.prepareStatement("INSERT INTO docs VALUES (?, 'again', ARRAY[1, 2])")) {
                  p.setString(1, ids.get(3).toString());
                  p.executeUpdate();
                }
              });
      assertEquals("23505", dup.getSQLState(), dup.getMessage());
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getColumns(null, "public", "docs", "%")) {
        assertTrue(rs.next());
        assertEquals("id", rs.getString("COLUMN_NAME"));
        assertEquals("UUID", rs.getString("TYPE_NAME"));
        assertEquals(Types.VARCHAR, rs.getInt("DATA_TYPE"));
        assertTrue(rs.next());
        assertEquals("TEXT", rs.getString("TYPE_NAME"));
      }
      if (mode != Remote.Mode.EMBEDDED) {
        return; // the server answers getPrimaryKeys with Calcite's empty result (all key kinds)
      }
      try (ResultSet rs = md.getPrimaryKeys(null, "public", "pairs")) {
        assertTrue(rs.next());
        assertEquals("a", rs.getString("COLUMN_NAME"));
        assertEquals(1, rs.getInt("KEY_SEQ"));
        assertTrue(rs.next());
        assertEquals("b", rs.getString("COLUMN_NAME"));
        assertEquals(2, rs.getInt("KEY_SEQ"));
        assertTrue(!rs.next());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Remote.Mode.class)
  void keylessTableHidesItsRowId(Remote.Mode mode) throws Exception {
    try (Remote r = new Remote(mode, dir, 1);
        Connection c = r.connection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t1(a INTEGER, b INTEGER, c INTEGER)");
      assertEquals(3, s.executeUpdate("INSERT INTO t1 VALUES (1, 2, 3), (1, 2, 3), (4, 5, 6)"));
      try (ResultSet rs = s.executeQuery("SELECT * FROM t1")) {
        assertEquals(3, rs.getMetaData().getColumnCount());
      }
      assertEquals(2, s.executeUpdate("UPDATE t1 SET c = 30 WHERE a = 1"));
      assertEquals(1, s.executeUpdate("DELETE FROM t1 WHERE b = 5"));
      try (ResultSet rs = s.executeQuery("SELECT a, b, c FROM t1")) {
        int n = 0;
        while (rs.next()) {
          assertEquals(30, rs.getInt(3));
          n++;
        }
        assertEquals(2, n);
      }
      try (ResultSet rs = c.getMetaData().getColumns(null, "public", "t1", "%")) {
        List<String> names = new ArrayList<>();
        while (rs.next()) {
          names.add(rs.getString("COLUMN_NAME"));
        }
        assertEquals(List.of("a", "b", "c"), names, "getColumns leaves the hidden row id out");
      }
      if (mode == Remote.Mode.EMBEDDED) {
        try (ResultSet rs = c.getMetaData().getPrimaryKeys(null, "public", "t1")) {
          assertTrue(!rs.next(), "a keyless table declares no primary key");
        }
      }
    }
  }

  /** Two transactions insert the same text key: one wins, nothing of the loser is applied. */
  @ParameterizedTest
  @EnumSource(
      value = Remote.Mode.class,
      names = {"EMBEDDED", "PROTOBUF"})
  void concurrentInsertsOfOneKeyLetOneWin(Remote.Mode mode) throws Exception {
    try (Remote r = new Remote(mode, dir, 2);
        Connection a = r.connection();
        Connection b = r.connection()) {
      try (Statement s = a.createStatement()) {
        s.execute("CREATE TABLE users (email VARCHAR(40) PRIMARY KEY, name VARCHAR(20))");
      }
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      try (Statement sa = a.createStatement();
          Statement sb = b.createStatement()) {
        sa.executeUpdate("INSERT INTO users VALUES ('k@x.org', 'a'), ('only-a@x.org', 'a')");
        SQLException e =
            assertThrows(
                SQLException.class,
                () -> {
                  sb.executeUpdate("INSERT INTO users VALUES ('only-b@x.org', 'b')");
                  sb.executeUpdate("INSERT INTO users VALUES ('k@x.org', 'b')");
                  b.commit();
                });
        assertTrue(
            e.getSQLState().equals("40001") || e.getSQLState().equals("23505"), e.toString());
        b.rollback();
        a.commit();
        // the transaction's own key is visible to it before the commit, and a duplicate is 23505
        sb.executeUpdate("INSERT INTO users VALUES ('own@x.org', 'b')");
        try (ResultSet rs = sb.executeQuery("SELECT name FROM users WHERE email = 'own@x.org'")) {
          assertTrue(rs.next());
        }
        SQLException own =
            assertThrows(
                SQLException.class,
                () -> sb.executeUpdate("INSERT INTO users VALUES ('own@x.org', 'c')"));
        assertEquals("23505", own.getSQLState(), own.getMessage());
        b.rollback();
      }
      a.setAutoCommit(true);
      try (Statement s = a.createStatement();
          ResultSet rs = s.executeQuery("SELECT email, name FROM users ORDER BY email")) {
        List<String> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(rs.getString(1) + "=" + rs.getString(2));
        }
        assertEquals(List.of("k@x.org=a", "only-a@x.org=a"), rows);
      }
    }
  }
}

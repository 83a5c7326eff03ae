package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PostgreSQL's {@code INSERT ... ON CONFLICT} and {@code RETURNING} through every client: embedded,
 * the stock Avatica client (protobuf, JSON) and the Veles driver; with parameters, through {@code
 * executeQuery} and {@code execute}.
 */
class PgDmlTest {
  @TempDir Path dir;

  private static List<String> rows(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      StringBuilder b = new StringBuilder();
      for (int i = 1; i <= n; i++) {
        b.append(i == 1 ? "" : ",").append(rs.getString(i));
      }
      out.add(b.toString());
    }
    return out;
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @ParameterizedTest
  @EnumSource(Remote.Mode.class)
  void onConflictAndReturningInEveryMode(Remote.Mode mode) throws Exception {
    try (Remote r = new Remote(mode, dir, 1);
        Connection c = r.connection()) {
      exec(
          c,
          "CREATE TABLE counters (id BIGINT NOT NULL PRIMARY KEY, embedding VECTOR(2) NOT NULL,"
              + " name VARCHAR(20), hits INTEGER)");
      String upsert =
          "INSERT INTO counters VALUES (?, ?::vector, ?, ?) ON CONFLICT (id) DO UPDATE SET hits"
              + " = counters.hits + EXCLUDED.hits, name = EXCLUDED.name RETURNING id, name, hits";
      try (PreparedStatement ps = c.prepareStatement(upsert)) {
        for (int round = 1; round <= 3; round++) {
          ps.setLong(1, 7);
          ps.setString(2, "[1,2]");
          ps.setString(3, "round" + round);
          ps.setInt(4, 10);
          try (ResultSet rs = ps.executeQuery()) {
            assertEquals(List.of("7,round" + round + "," + 10 * round), rows(rs), mode.name());
          }
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO counters VALUES (?, '[0,1]', 'x', 1) ON CONFLICT (id) DO NOTHING")) {
        ps.setLong(1, 7);
        assertEquals(0, ps.executeUpdate());
        ps.setLong(1, 8);
        assertEquals(1, ps.executeUpdate());
      }
      try (Statement s = c.createStatement()) {
        assertTrue(s.execute("UPDATE counters SET hits = hits * 2 RETURNING id, hits"));
        try (ResultSet rs = s.getResultSet()) {
          List<String> got = rows(rs);
          got.sort(null);
          assertEquals(List.of("7,60", "8,2"), got);
        }
        assertFalse(s.getMoreResults());
        try (ResultSet rs = s.executeQuery("DELETE FROM counters WHERE id = 8 RETURNING *")) {
          assertEquals(List.of("8,[0.0, 1.0],x,2"), rows(rs).stream().map(x -> x).toList());
        }
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM counters")) {
          assertEquals(List.of("1"), rows(rs));
        }
        // executeUpdate of a statement with RETURNING: the Veles driver does what pgjdbc does
        // (the statement runs, the call fails with 0100E); the stock Avatica client returns -1.
        String sql = "INSERT INTO counters VALUES (9, '[0,1]', 'y', 1) RETURNING id";
        if (mode == Remote.Mode.EMBEDDED || mode == Remote.Mode.VELES) {
          SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(sql));
          assertEquals("0100E", e.getSQLState());
        } else {
          assertEquals(-1, s.executeUpdate(sql));
        }
        try (ResultSet rs = s.executeQuery("SELECT id FROM counters ORDER BY id")) {
          assertEquals(List.of("7", "9"), rows(rs));
        }
      }
    }
  }
}

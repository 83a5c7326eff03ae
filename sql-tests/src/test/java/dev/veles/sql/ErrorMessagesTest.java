package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Error messages state the reason first, the position last, never the statement, and arrive the
 * same through every client: embedded, the stock Avatica client (JSON and protobuf) and the Veles
 * driver's remote mode. The stock client puts its own {@code Error while executing SQL "..."} in
 * front of the server's message; past that prefix the reason appears exactly once.
 */
class ErrorMessagesTest {
  @TempDir Path dir;

  /** A statement, the SQLSTATE it fails with and the start of its message. */
  record Bad(String sql, String state, String reason) {}

  // 0A000 last: the pool evicts a connection that reports it.
  private static final List<Bad> BAD =
      List.of(
          new Bad(
              "SELECT pricee FROM items WHERE id > 0",
              "42703",
              "column \"pricee\" does not exist; did you mean \"price\"? (line 1, column 8)"),
          new Bad(
              "SELECT i.nme FROM items i",
              "42703",
              "column \"nme\" does not exist; did you mean \"name\"? (line 1, column 10)"),
          new Bad(
              "UPDATE items SET prise = 2 WHERE id = 1",
              "42703",
              "column \"prise\" does not exist; did you mean \"price\"? (line 1, column 18)"),
          new Bad(
              "SELECT * FROM itemz WHERE id = 1",
              "42P01",
              "relation \"itemz\" does not exist; did you mean \"items\"? (line 1, column 15)"),
          new Bad(
              "SELECT * FROM completely_different",
              "42P01",
              "relation \"completely_different\" does not exist (line 1, column 15)"),
          new Bad(
              "SELECT price FROM items WHERE",
              "42601",
              "syntax error at end of input (line 1, column 29)"),
          new Bad(
              "SELECT price FROM items WHERE id = = 1",
              "42601",
              "syntax error at or near \"=\" (line 1, column 34)"),
          new Bad(
              "SELECT name FROM items GROUP BY price",
              "42000",
              "Expression 'name' is not being grouped (line 1, column 8)"),
          new Bad(
              "ALTER TABLE items DROP CONSTRAINT items_pkey",
              "0A000",
              "ALTER TABLE ... DROP CONSTRAINT is not supported"),
          new Bad(
              "CREATE TRIGGER t AFTER INSERT ON items", "0A000", "CREATE TRIGGER is not supported"),
          new Bad(
              "SELECT * FROM items FOR UPDATE", "0A000", "SELECT ... FOR UPDATE is not supported"));

  @ParameterizedTest
  @EnumSource(Remote.Mode.class)
  void reasonFirstPositionLastStatementNever(Remote.Mode mode) throws Exception {
    try (Remote r = new Remote(mode, dir, 1)) {
      try (Connection c = r.connection();
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE items (id INT PRIMARY KEY, price DOUBLE, name VARCHAR(20))");
      }
      for (Bad bad : BAD) {
        // a connection per statement: the pool evicts one that reported 0A000
        SQLException e;
        try (Connection c = r.connection();
            Statement s = c.createStatement()) {
          e = assertThrows(SQLException.class, () -> s.execute(bad.sql()), bad.sql());
        }
        String message = String.valueOf(e.getMessage());
        assertEquals(bad.state(), e.getSQLState(), bad.sql() + ": " + message);
        String own =
            mode == Remote.Mode.PROTOBUF || mode == Remote.Mode.JSON ? server(message) : message;
        assertTrue(own.startsWith(bad.reason()), bad.sql() + ": " + message);
        assertFalse(own.contains(bad.sql()), "the statement is repeated: " + message);
        assertEquals(
            message.indexOf(bad.reason()),
            message.lastIndexOf(bad.reason()),
            "the reason is repeated: " + message);
      }
    }
  }

  /** The stock client's message past its own {@code Error while executing SQL "...": } prefix. */
  private static String server(String message) {
    String marker = "Remote driver error: ";
    int at = message.indexOf(marker);
    assertTrue(at >= 0, message);
    return message.substring(at + marker.length());
  }
}

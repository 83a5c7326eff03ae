package dev.veles.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input of issue 13, and the ones a client commonly sends, through a real server and both
 * clients: each fails with the expected SQLSTATE (never null, never XX000) and a message whose
 * server part starts with the reason.
 */
class ClientErrorsTest {
  @TempDir Path dir;

  /** A bad statement, the state it must get and how the server's message must start. */
  private record Bad(String sql, String state, String reason) {}

  private static String nested(int depth) {
    return "VALUES " + "(".repeat(depth) + "1" + ")".repeat(depth);
  }

  private static String list(String head, int n, String element, String tail) {
    StringBuilder b = new StringBuilder(head);
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append(element.isEmpty() ? Integer.toString(i) : element);
    }
    return b.append(tail).toString();
  }

  private static List<Bad> battery() {
    return List.of(
        new Bad(
            "SELECT * FROM no_such_table", "42P01", "relation \"no_such_table\" does not exist"),
        new Bad("SELECT nope FROM docs", "42703", "column \"nope\" does not exist"),
        new Bad("SELEC 1", "42601", "Non-query expression"),
        new Bad(nested(5_000), "54001", "statement too complex"),
        new Bad(nested(300), "54001", "statement too complex"),
        new Bad(list("SELECT * FROM docs WHERE id IN (", 100_000, "", ")"), "54000", ""),
        new Bad(
            list("SELECT * FROM docs WHERE id IN (", 8_000, "", ")"),
            "54000",
            "statement too large"),
        new Bad(
            list("VALUES cardinality(ARRAY[", 70_000, "1", "])"),
            "54000",
            "ARRAY literal too long"),
        new Bad(
            "VALUES CHAR_LENGTH('" + "x".repeat(300_000) + "')",
            "54000",
            "string literal too long"),
        new Bad(
            "SELECT * FROM TABLE(knn('docs', ARRAY[0.1, 0.2, 0.3], 2147483647))",
            "22023",
            "k (the LIMIT"),
        new Bad(
            "SELECT * FROM TABLE(knn('docs', ARRAY[0.1, 0.2, 0.3], 3, 20000))",
            "22023",
            "ef_search must be in 0..10000"),
        new Bad(
            "SELECT /*+ ef_search(20000) */ id, l2_distance(v, ARRAY[0.1, 0.2, 0.3]) AS d FROM docs ORDER BY d LIMIT 3",
            "22023",
            "ef_search must be in 0..10000"),
        new Bad("SET ef_search = 20000", "22023", "ef_search must be in 0..10000"),
        new Bad("CALL flush('x')", "42883", "procedure flush takes 0"),
        new Bad("CALL compact()", "42883", "procedure compact takes 1"),
        new Bad("INSERT INTO docs VALUES (9, ARRAY[0.1, 0.2], 'short')", "22023", ""),
        new Bad("INSERT INTO docs VALUES (1, ARRAY[0.1, 0.2, 0.3], 'dup')", "23505", ""),
        new Bad("VALUES CAST('x' AS INTEGER)", "22P02", ""),
        new Bad("INSERT INTO docs VALUES ('a', ARRAY[0.1, 0.2, 0.3], 't')", "22P02", ""));
  }

  /** The server's part of a client's message: the stock client prefixes its own text. */
  private static String serverPart(String message) {
    String marker = "Remote driver error: ";
    int at = message.indexOf(marker);
    return at < 0 ? message : message.substring(at + marker.length());
  }

  private static void assertClean(SQLException e, String state, String reason, String what) {
    assertNotNull(e.getSQLState(), what + ": " + e);
    assertNotEquals("XX000", e.getSQLState(), what + ": " + e.getMessage());
    assertEquals(state, e.getSQLState(), what + ": " + e.getMessage());
    String server = serverPart(String.valueOf(e.getMessage()));
    assertTrue(
        server.startsWith(reason),
        what
            + ": message starts with '"
            + reason
            + "': "
            + server.substring(0, Math.min(300, server.length())));
    assertTrue(
        !server.startsWith("Error while") && !server.startsWith("null"), what + ": " + server);
  }

  @Test
  void everyBadStatementGetsItsStateAndReasonThroughBothClients() throws Exception {
    try (VelesServer server = VelesServer.builder().path(dir.resolve("db")).port(0).start()) {
      try (Connection c = DriverManager.getConnection(server.clientUrl());
          Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE docs (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(3), title VARCHAR(20))");
        s.execute(
            "INSERT INTO docs VALUES (1, ARRAY[0.1, 0.2, 0.3], 'a'), (2, ARRAY[0.3, 0.2, 0.1], 'b')");
      }
      for (String url : List.of(server.clientUrl(), "jdbc:veles:url=" + server.httpUrl())) {
        try (Connection c = DriverManager.getConnection(url);
            Statement s = c.createStatement()) {
          for (Bad bad : battery()) {
            String what = url + " " + bad.sql.substring(0, Math.min(80, bad.sql.length()));
            SQLException e = assertThrows(SQLException.class, () -> s.execute(bad.sql), what);
            assertClean(e, bad.state, bad.reason, what);
          }
          // The connection is still usable after all of them.
          try (ResultSet rs = s.executeQuery("SELECT count(*) FROM docs")) {
            assertTrue(rs.next());
            assertEquals(2, rs.getLong(1));
          }
        }
      }
    }
  }

  @Test
  void statementsOfAnEvictedOrClosedHandleAndBadParametersFailWithAState() throws Exception {
    try (VelesServer server = VelesServer.builder().path(dir.resolve("db")).port(0).start()) {
      for (String url : List.of(server.clientUrl(), "jdbc:veles:url=" + server.httpUrl())) {
        try (Connection c = DriverManager.getConnection(url)) {
          PreparedStatement ps = c.prepareStatement("VALUES CAST(? AS INTEGER) + 1");
          ps.setInt(1, 1);
          try (ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
          }
          server.meta().evictStatements();
          ps.setInt(1, 2);
          try (ResultSet rs = ps.executeQuery()) {
            // A client may prepare again on its own; then the result must be right.
            assertTrue(rs.next());
            assertEquals(3, rs.getInt(1));
          } catch (SQLException e) {
            assertNotNull(e.getSQLState(), url + ": " + e);
            assertNotEquals("XX000", e.getSQLState(), url + ": " + e.getMessage());
          }
          ps.close();
        }
      }
      // An execute naming a statement the server never had or has closed.
      HttpClient http = HttpClient.newHttpClient();
      ProtobufTranslationImpl protobuf = new ProtobufTranslationImpl();
      String cid = "raw-closed";
      http.send(
          HttpRequest.newBuilder(URI.create(server.httpUrl()))
              .POST(
                  HttpRequest.BodyPublishers.ofByteArray(
                      protobuf.serializeRequest(
                          new Service.OpenConnectionRequest(cid, java.util.Map.of()))))
              .build(),
          HttpResponse.BodyHandlers.ofByteArray());
      org.apache.calcite.avatica.Meta.StatementHandle gone =
          new org.apache.calcite.avatica.Meta.StatementHandle(cid, 987_654, null);
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(URI.create(server.httpUrl()))
                  .POST(
                      HttpRequest.BodyPublishers.ofByteArray(
                          protobuf.serializeRequest(
                              new Service.ExecuteRequest(gone, List.of(), 10))))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      Service.ErrorResponse e = error(Serialization.PROTOBUF, r.body());
      assertEquals("26000", e.sqlState, e.errorMessage);
      assertTrue(
          e.errorMessage.startsWith("prepared statement 987654 is no longer open"), e.errorMessage);
    }
  }

  @Test
  void malformedBodiesGetAProtocolViolation() throws Exception {
    for (Serialization serialization : Serialization.values()) {
      try (VelesServer server =
          VelesServer.builder()
              .path(dir.resolve("db-" + serialization))
              .port(0)
              .serialization(serialization)
              .start()) {
        HttpClient http = HttpClient.newHttpClient();
        List<byte[]> bodies =
            serialization == Serialization.JSON
                ? List.of(
                    "not json".getBytes(StandardCharsets.UTF_8),
                    "{\"request\":\"prepare\",\"connectionId\":".getBytes(StandardCharsets.UTF_8),
                    "{\"request\":\"noSuchRequest\"}".getBytes(StandardCharsets.UTF_8),
                    "{\"request\":\"fetch\",\"connectionId\":\"c\",\"statementId\":\"x\"}"
                        .getBytes(StandardCharsets.UTF_8))
                : List.of(
                    new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff},
                    new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f},
                    new byte[] {0x0a, 0x05, 'h', 'e'});
        for (byte[] body : bodies) {
          HttpResponse<byte[]> r =
              http.send(
                  HttpRequest.newBuilder(URI.create(server.httpUrl()))
                      .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
          Service.ErrorResponse e = error(serialization, r.body());
          String what = serialization + " " + new String(body, StandardCharsets.UTF_8);
          assertEquals(500, r.statusCode(), what);
          assertNotNull(e.sqlState, what);
          assertNotEquals("XX000", e.sqlState, what + ": " + e.errorMessage);
          assertNotNull(e.errorMessage, what);
        }
      }
    }
  }

  private static Service.ErrorResponse error(Serialization serialization, byte[] body)
      throws Exception {
    Service.Response r =
        serialization == Serialization.JSON
            ? JsonService.MAPPER.readValue(
                new String(body, StandardCharsets.UTF_8), Service.Response.class)
            : new ProtobufTranslationImpl().parseResponse(body);
    if (r instanceof Service.ErrorResponse e) {
      return e;
    }
    fail("not an error reply: " + r);
    return null;
  }
}

package dev.veles.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;
import org.apache.calcite.avatica.remote.Service.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Error replies carry a message, SQLSTATE and severity, never a Java stack trace, through both
 * serializations and both clients; requests that are not Avatica messages at all included.
 */
class ErrorRepliesTest {
  @TempDir Path dir;

  @Test
  void sqlErrorsReachBothClientsWithoutStacks() throws Exception {
    try (VelesServer server = VelesServer.builder().path(dir.resolve("db")).port(0).start()) {
      for (String url : List.of(server.clientUrl(), "jdbc:veles:url=" + server.httpUrl())) {
        try (Connection c = DriverManager.getConnection(url);
            Statement s = c.createStatement()) {
          SQLException e =
              assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM no_such_table"));
          assertEquals("42P01", e.getSQLState(), e.getMessage());
          assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
          for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AvaticaSqlException a) {
              assertEquals(1, a.getStackTraces().size(), a.getStackTraces().toString());
              assertFalse(a.getStackTraces().get(0).contains("\tat "), a.getStackTraces().get(0));
            }
            assertFalse(String.valueOf(t.getMessage()).contains("\tat "), t.getMessage());
          }
        }
      }
    }
  }

  @Test
  void jsonErrorRepliesHaveNoStack() throws Exception {
    try (VelesServer server =
        VelesServer.builder()
            .path(dir.resolve("db"))
            .port(0)
            .serialization(Serialization.JSON)
            .start()) {
      HttpClient http = HttpClient.newHttpClient();
      String open = "{\"request\":\"openConnection\",\"connectionId\":\"c1\"}";
      assertEquals(200, send(http, server, open.getBytes()).statusCode());
      for (String body :
          List.of(
              "{\"request\":\"prepare\",\"connectionId\":\"c1\",\"sql\":\"SELECT * FROM nope\","
                  + "\"maxRowCount\":-1}",
              "{\"request\":\"prepare\",\"connectionId\":\"c1\",\"sql\":\"SELEC 1\","
                  + "\"maxRowCount\":-1}",
              "{\"request\":\"openConnection\",\"connectionId\":\"c\",\"info\":{\"model\":\"x\"}}",
              "{\"request\":\"noSuchRequest\"}",
              "not json at all")) {
        HttpResponse<String> r = send(http, server, body.getBytes());
        assertEquals(500, r.statusCode(), body);
        assertFalse(r.body().contains("Exception:") && r.body().contains("\\tat"), r.body());
        assertFalse(r.body().contains("\\tat ") || r.body().contains("\tat "), r.body());
        assertFalse(r.body().contains("\"sqlState\":null"), r.body());
        assertFalse(r.body().contains("\"sqlState\":\"00000\""), r.body());
      }
    }
  }

  @Test
  void protobufGarbageGetsACleanErrorReply() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    try (VelesServer server = VelesServer.builder().path(dir.resolve("db")).port(0).start()) {
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < 20; i++) {
        byte[] body = new byte[1 + random.nextInt(200)];
        random.nextBytes(body);
        HttpResponse<byte[]> r =
            http.send(
                HttpRequest.newBuilder(URI.create(server.httpUrl()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 200) {
          continue; // random bytes that happen to decode as a valid request
        }
        assertEquals(500, r.statusCode(), "seed " + seed);
        Response decoded = new ProtobufTranslationImpl().parseResponse(r.body());
        ErrorResponse e = (ErrorResponse) decoded;
        assertEquals(List.of(e.errorMessage), e.exceptions, "seed " + seed);
        assertNotNull(e.sqlState);
        assertNotNull(e.errorMessage);
      }
      try (Connection c = DriverManager.getConnection(server.clientUrl());
          Statement s = c.createStatement()) {
        assertTrue(s.executeQuery("VALUES 1").next());
      }
    }
  }

  private static HttpResponse<String> send(HttpClient http, VelesServer server, byte[] body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.httpUrl()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

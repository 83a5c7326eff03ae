package dev.veles.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Authentication, TLS, request size limit and connection property rules of {@link VelesServer}. */
class ServerSecurityTest {
  private static final String USERS = "alice: s3cret,admin\nbob: hunter2,read\n";
  private static final String OPEN_CONNECTION =
      "{\"request\":\"openConnection\",\"connectionId\":\"raw-1\"}";

  @TempDir Path tmp;

  private static int select1(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("VALUES 41 + 1")) {
      assertTrue(rs.next());
      return rs.getInt(1);
    }
  }

  private static int rawPost(String url, String body, String authorization) throws IOException {
    HttpURLConnection http = (HttpURLConnection) URI.create(url).toURL().openConnection();
    http.setRequestMethod("POST");
    http.setDoOutput(true);
    if (authorization != null) {
      http.setRequestProperty("Authorization", authorization);
    }
    try (OutputStream out = http.getOutputStream()) {
      out.write(body.getBytes(StandardCharsets.UTF_8));
    }
    int code = http.getResponseCode();
    http.disconnect();
    return code;
  }

  private static String basic(String user, String password) {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "model",
        "schemaFactory",
        "schema.directory",
        "parserFactory",
        "typeSystem",
        "fun",
        "spark",
        "metaTableFactory",
        "path",
        "durability",
        "create"
      })
  void classAndFileBearingPropertiesAreRejected(String property) throws Exception {
    try (VelesServer server = VelesServer.builder().url("jdbc:calcite:").port(0).start()) {
      Properties p = new Properties();
      p.setProperty(property, "/etc/passwd");
      Exception e = connectFailure(server.clientUrl(), p);
      assertTrue(e.getMessage().contains("'" + property + "'"), e.getMessage());
      assertEquals(VelesMeta.SQLSTATE_REJECTED, sqlState(e));
      // The server is unaffected: a clean connection still works.
      try (Connection c = DriverManager.getConnection(server.clientUrl())) {
        assertEquals(42, select1(c));
      }
    }
  }

  @Test
  void harmlessPropertiesPassThrough() throws Exception {
    try (VelesServer server = VelesServer.builder().url("jdbc:calcite:").port(0).start()) {
      Properties p = new Properties();
      p.setProperty("user", "someone");
      p.setProperty("password", "ignored");
      p.setProperty("ef_search", "64");
      p.setProperty("TIMEZONE", "UTC");
      try (Connection c = DriverManager.getConnection(server.clientUrl(), p)) {
        assertEquals(42, select1(c));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = VelesServer.Auth.class,
      names = {"BASIC", "DIGEST"})
  void authenticationRefusesBeforeAnyStatement(VelesServer.Auth auth) throws Exception {
    Path users = Files.writeString(tmp.resolve("users.properties"), USERS);
    try (VelesServer server =
        VelesServer.builder()
            .url("jdbc:calcite:")
            .port(0)
            .serialization(Serialization.JSON)
            .authentication(auth, users)
            .start()) {
      assertEquals(401, rawPost(server.httpUrl(), OPEN_CONNECTION, null));
      if (auth == VelesServer.Auth.BASIC) {
        assertEquals(401, rawPost(server.httpUrl(), OPEN_CONNECTION, basic("alice", "wrong")));
        assertEquals(200, rawPost(server.httpUrl(), OPEN_CONNECTION, basic("alice", "s3cret")));
      }
      // No statement was created by the refused requests.
      assertEquals(0, server.meta().statementCount());

      // The stock Avatica client and the Veles driver's own HTTP transport.
      for (String url :
          List.of(
              server.clientUrl(), velesUrl(server, ";serialization=json;authentication=" + auth))) {
        Properties none = new Properties();
        Exception e = connectFailure(url, none);
        assertTrue(rootMessage(e).contains("401"), url + ": " + rootMessage(e));
        Properties wrong = new Properties();
        wrong.setProperty("avatica_user", "alice");
        wrong.setProperty("avatica_password", "nope");
        e = connectFailure(url, wrong);
        assertTrue(rootMessage(e).contains("401"), url + ": " + rootMessage(e));
        for (String[] user :
            List.of(new String[] {"alice", "s3cret"}, new String[] {"bob", "hunter2"})) {
          Properties ok = new Properties(none);
          ok.setProperty("avatica_user", user[0]);
          ok.setProperty("avatica_password", user[1]);
          try (Connection c = DriverManager.getConnection(url, ok)) {
            // Several requests: DIGEST reuses the server's nonce with a growing count.
            for (int i = 0; i < 3; i++) {
              assertEquals(42, select1(c), url);
            }
          }
        }
      }
    }
  }

  /** {@code jdbc:veles:url=} for the server, with {@code extra} properties appended. */
  private static String velesUrl(VelesServer server, String extra) {
    return "jdbc:veles:url=" + server.httpUrl() + extra;
  }

  @Test
  void tlsWithSelfSignedCertificate() throws Exception {
    Path keystore = tmp.resolve("server.p12");
    Path truststore = tmp.resolve("trust.p12");
    Path cert = tmp.resolve("server.crt");
    keytool(
        "-genkeypair",
        "-alias",
        "veles",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit",
        "-keypass",
        "changeit");
    keytool(
        "-exportcert",
        "-alias",
        "veles",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit",
        "-file",
        cert.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "veles",
        "-file",
        cert.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        truststore.toString(),
        "-storepass",
        "trustpw");
    try (VelesServer server =
        VelesServer.builder().url("jdbc:calcite:").port(0).tls(keystore, "changeit").start()) {
      assertTrue(server.clientUrl().contains("https://"), server.clientUrl());
      String url =
          server.clientUrl() + ";truststore=" + truststore + ";truststore_password=trustpw";
      String veles = velesUrl(server, ";truststore=" + truststore + ";truststore_password=trustpw");
      for (String u : List.of(url, veles)) {
        try (Connection c = DriverManager.getConnection(u)) {
          assertEquals(42, select1(c), u);
        }
      }
      // Without the truststore the self-signed certificate is not trusted.
      for (String u : List.of(server.clientUrl(), velesUrl(server, ""))) {
        Exception e = connectFailure(u, new Properties());
        assertTrue(rootMessage(e).contains("PKIX"), u + ": " + rootMessage(e));
      }
    }
  }

  /**
   * Connects and returns the failure. The stock Avatica client sends openConnection inside {@code
   * Driver.connect} and lets its error escape unchecked ({@link AvaticaClientRuntimeException}, or
   * a RuntimeException for HTTP errors), so both kinds are accepted here.
   */
  private static Exception connectFailure(String url, Properties p) {
    Exception e =
        assertThrows(
            Exception.class,
            () -> {
              try (Connection c = DriverManager.getConnection(url, p)) {
                select1(c);
              }
            });
    assertTrue(e instanceof SQLException || e instanceof RuntimeException, e.toString());
    return e;
  }

  private static String sqlState(Exception e) {
    if (e instanceof SQLException sql) {
      return sql.getSQLState();
    }
    return e instanceof AvaticaClientRuntimeException client ? client.getSqlState() : null;
  }

  private static void keytool(String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "keytool failed: " + out);
  }

  @Test
  void oversizedBodiesAreRefusedAndServerStaysHealthy() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    int limit = 256 * 1024;
    try (VelesServer server =
        VelesServer.builder()
            .url("jdbc:calcite:")
            .port(0)
            .serialization(Serialization.JSON)
            .maxRequestBytes(limit)
            .start()) {
      byte[] big = new byte[limit + 1 + random.nextInt(4 * limit)];
      random.nextBytes(big);
      HttpClient client = HttpClient.newHttpClient();
      URI uri = URI.create(server.httpUrl());
      HttpResponse<String> declared =
          client.send(
              HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(413, declared.statusCode(), "seed " + seed);
      assertTrue(declared.body().contains("limit"), declared.body());
      // Chunked: no Content-Length, the limit is enforced while reading.
      HttpResponse<String> chunked =
          client.send(
              HttpRequest.newBuilder(uri)
                  .POST(
                      HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(413, chunked.statusCode(), "seed " + seed);
      // A small chunked request is served normally.
      HttpResponse<String> small =
          client.send(
              HttpRequest.newBuilder(uri)
                  .POST(
                      HttpRequest.BodyPublishers.ofInputStream(
                          () ->
                              new ByteArrayInputStream(
                                  OPEN_CONNECTION.getBytes(StandardCharsets.UTF_8))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, small.statusCode(), small.body());
      try (Connection c = DriverManager.getConnection(server.clientUrl())) {
        assertEquals(42, select1(c));
      }
    }
  }

  private static String rootMessage(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      all.append(c.getMessage()).append(" | ");
    }
    return all.toString();
  }
}

package dev.veles.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veles.server.Credential.DigestAlgorithm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's own BASIC and DIGEST authentication: RFC 7616 DIGEST with SHA-256 offered first and
 * MD5 for old clients, the {@code uri} checked, nonces expiring, replays refused; malformed headers
 * answered with 400 or 401, never 500; failures rate-limited per address; verifiers from {@code
 * ./veles passwd}'s format and plaintext files both loading.
 */
class HttpAuthenticationTest {
  private static final java.util.concurrent.atomic.AtomicInteger IDS =
      new java.util.concurrent.atomic.AtomicInteger();

  @TempDir Path tmp;

  private Path users() throws Exception {
    SecureRandom random = new SecureRandom();
    String carol =
        UserFile.line(
            "carol", Credential.create("carol", "c4rol pw", random), EnumSet.of(Role.WRITE));
    return Files.writeString(
        tmp.resolve("users"), "# comment\n" + carol + "\ndave: plain-pw,admin\n");
  }

  private VelesServer server(VelesServer.Auth auth, Duration nonceLifetime) throws Exception {
    return VelesServer.builder()
        .url("jdbc:calcite:")
        .port(0)
        .serialization(Serialization.JSON)
        .authentication(auth, users())
        .authFailureLimit(1000, Duration.ofMinutes(1))
        .nonceLifetime(nonceLifetime)
        .start();
  }

  private static HttpResponse<String> post(VelesServer s, String path, String authorization)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(s.httpUrl() + path))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"request\":\"openConnection\",\"connectionId\":\"a-"
                        + IDS.incrementAndGet()
                        + "\"}"));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** RFC 7616 section 3.9.1's example, a known answer for both algorithms. */
  @Test
  void rfc7616Example() {
    String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    for (DigestAlgorithm a : DigestAlgorithm.values()) {
      String ha1 = a.ha1("Mufasa", "http-auth@example.org", "Circle of Life");
      String r =
          DigestChallenge.expectedResponse(
              a, ha1, nonce, "00000001", cnonce, "GET", "/dir/index.html");
      assertEquals(
          a == DigestAlgorithm.SHA_256
              ? "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"
              : "8ca523f5e9506fed4657c9700eebdbec",
          r,
          a.token());
    }
  }

  @Test
  void digestSha256FirstMd5ForOldClientsUriCheckedReplaysRefused() throws Exception {
    try (VelesServer s = server(VelesServer.Auth.DIGEST, Duration.ofMinutes(5))) {
      HttpResponse<String> challenge = post(s, "/", null);
      assertEquals(401, challenge.statusCode());
      List<String> offered = challenge.headers().allValues("WWW-Authenticate");
      assertEquals(2, offered.size(), offered.toString());
      assertTrue(offered.get(0).contains("algorithm=SHA-256"), offered.toString());
      assertTrue(offered.get(1).contains("algorithm=MD5"), offered.toString());
      for (int i = 0; i < 2; i++) {
        DigestAlgorithm a = i == 0 ? DigestAlgorithm.SHA_256 : DigestAlgorithm.MD5;
        // A fresh challenge per algorithm: counts are per nonce, whatever the algorithm.
        List<String> fresh = post(s, "/", null).headers().allValues("WWW-Authenticate");
        String nonce = DigestChallenge.parse(fresh.get(i).substring(7)).get("nonce");
        for (String[] user :
            List.of(new String[] {"carol", "c4rol pw"}, new String[] {"dave", "plain-pw"})) {
          String ok = digest(a, user[0], user[1], nonce, "00000001", "/", "/");
          assertEquals(200, post(s, "/", ok).statusCode(), a + " " + user[0]);
          // The same count again is a replay.
          assertEquals(401, post(s, "/", ok).statusCode(), a + " replay");
          assertEquals(
              200,
              post(s, "/", digest(a, user[0], user[1], nonce, "00000002", "/", "/")).statusCode());
          nonce =
              DigestChallenge.parse(
                      post(s, "/", null)
                          .headers()
                          .allValues("WWW-Authenticate")
                          .get(i)
                          .substring(7))
                  .get("nonce");
        }
        // A response computed for another uri than the request's: 400.
        String elsewhere = digest(a, "carol", "c4rol pw", nonce, "00000001", "/other", "/other");
        assertEquals(400, post(s, "/", elsewhere).statusCode());
        assertEquals(
            401,
            post(s, "/", digest(a, "carol", "wrong", nonce, "00000003", "/", "/")).statusCode());
        assertEquals(
            401, post(s, "/", digest(a, "nobody", "x", nonce, "00000004", "/", "/")).statusCode());
        // A nonce this server did not issue.
        assertEquals(
            401,
            post(s, "/", digest(a, "carol", "c4rol pw", "bm9ub25jZQ", "00000001", "/", "/"))
                .statusCode());
      }
    }
  }

  @Test
  void expiredNonceIsStale() throws Exception {
    try (VelesServer s = server(VelesServer.Auth.DIGEST, Duration.ofMillis(300))) {
      String offered = post(s, "/", null).headers().allValues("WWW-Authenticate").get(0);
      String nonce = DigestChallenge.parse(offered.substring(7)).get("nonce");
      String auth =
          digest(DigestAlgorithm.SHA_256, "carol", "c4rol pw", nonce, "00000001", "/", "/");
      assertEquals(200, post(s, "/", auth).statusCode());
      Thread.sleep(400);
      HttpResponse<String> stale =
          post(
              s,
              "/",
              digest(DigestAlgorithm.SHA_256, "carol", "c4rol pw", nonce, "00000002", "/", "/"));
      assertEquals(401, stale.statusCode());
      assertTrue(
          stale.headers().firstValue("WWW-Authenticate").orElseThrow().contains("stale=true"));
    }
  }

  @Test
  void malformedHeadersGet400Or401NeverAStack() throws Exception {
    for (VelesServer.Auth auth : List.of(VelesServer.Auth.BASIC, VelesServer.Auth.DIGEST)) {
      try (VelesServer s = server(auth, Duration.ofMinutes(5))) {
        String b64 = Base64.getEncoder().encodeToString("nocolon".getBytes(StandardCharsets.UTF_8));
        for (String h :
            List.of(
                "Basic",
                "Basic !!!not base64!!!",
                "Basic " + b64,
                "Basic ====",
                "Digest",
                "Digest username",
                "Digest username=\"unterminated",
                "Digest username=a, username=b",
                "Digest username=\"carol\", realm=\"veles\", nonce=\"x\", uri=\"/\", response=\"y\"",
                "Bearer abc",
                "garbage",
                "Digest ,,,,=,=",
                "Basic \u00e9\u00e9")) {
          HttpResponse<String> r = post(s, "/", h);
          assertTrue(
              r.statusCode() == 400 || r.statusCode() == 401,
              auth + " " + h + " -> " + r.statusCode());
          assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), r.body());
        }
      }
    }
  }

  @Test
  void failuresAreRateLimitedPerAddress() throws Exception {
    try (VelesServer s =
        VelesServer.builder()
            .url("jdbc:calcite:")
            .port(0)
            .serialization(Serialization.JSON)
            .authentication(VelesServer.Auth.BASIC, users())
            .authFailureLimit(3, Duration.ofMinutes(1))
            .start()) {
      String good = basic("dave", "plain-pw");
      assertEquals(200, post(s, "/", good).statusCode());
      for (int i = 0; i < 3; i++) {
        assertEquals(401, post(s, "/", basic("dave", "guess" + i)).statusCode());
      }
      // Blocked now, even with the right password, and told when to retry.
      HttpResponse<String> blocked = post(s, "/", good);
      assertEquals(429, blocked.statusCode());
      assertNotNull(blocked.headers().firstValue("Retry-After").orElse(null));
    }
  }

  @Test
  void stockAndVelesClientsWithVerifiersOverDigestAndBasic() throws Exception {
    for (VelesServer.Auth auth : List.of(VelesServer.Auth.BASIC, VelesServer.Auth.DIGEST)) {
      try (VelesServer s = server(auth, Duration.ofMinutes(5))) {
        for (String url :
            List.of(
                s.clientUrl(),
                "jdbc:veles:url=" + s.httpUrl() + ";serialization=json;authentication=" + auth)) {
          Properties p = new Properties();
          p.setProperty("avatica_user", "carol");
          p.setProperty("avatica_password", "c4rol pw");
          try (Connection c = DriverManager.getConnection(url, p);
              Statement st = c.createStatement()) {
            for (int i = 0; i < 3; i++) {
              try (ResultSet rs = st.executeQuery("VALUES 1")) {
                assertTrue(rs.next(), url);
              }
            }
          }
          p.setProperty("avatica_password", "wrong");
          assertThrows(Exception.class, () -> DriverManager.getConnection(url, p).close(), url);
        }
      }
    }
  }

  @Test
  void userFileFormats() throws Exception {
    UserFile f = UserFile.load(users());
    assertFalse(f.user("carol").credential().plaintext());
    assertTrue(f.user("carol").credential().matches("c4rol pw"));
    assertFalse(f.user("carol").credential().matches("c4rol pw "));
    assertEquals(Role.WRITE, f.user("carol").role());
    assertTrue(f.user("dave").credential().plaintext());
    assertEquals(Role.ADMIN, f.user("dave").role());
    assertEquals(
        DigestAlgorithm.MD5.ha1("carol", Credential.REALM, "c4rol pw"),
        f.user("carol").credential().ha1("carol", DigestAlgorithm.MD5));
    Path bad = Files.writeString(tmp.resolve("bad"), "eve: veles1$pbkdf2-sha256$x\n");
    var e = assertThrows(java.io.IOException.class, () -> UserFile.load(bad));
    assertTrue(e.getMessage().contains(":1:"), e.getMessage());
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String digest(
      DigestAlgorithm a,
      String user,
      String password,
      String nonce,
      String nc,
      String uri,
      String signedUri) {
    String ha1 = a.ha1(user, Credential.REALM, password);
    String cnonce = "0a4f113b";
    String response =
        DigestChallenge.expectedResponse(a, ha1, nonce, nc, cnonce, "POST", signedUri);
    return "Digest username=\""
        + user
        + "\", realm=\"veles\", nonce=\""
        + nonce
        + "\", uri=\""
        + uri
        + "\", algorithm="
        + a.token()
        + ", qop=auth, nc="
        + nc
        + ", cnonce=\""
        + cnonce
        + "\", response=\""
        + response
        + "\"";
  }
}

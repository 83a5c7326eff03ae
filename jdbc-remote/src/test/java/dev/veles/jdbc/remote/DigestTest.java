package dev.veles.jdbc.remote;

import static dev.veles.jdbc.remote.ScriptedHttpServer.bytes;
import static dev.veles.jdbc.remote.ScriptedHttpServer.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.remote.AuthenticationType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client side of Digest authentication (RFC 7616) against the RFC's own examples and a scripted
 * server that checks every answer independently: SHA-256 and MD5, their -sess variants, qop auth
 * and auth-int, quoted values with quotes and backslashes, a stale nonce, wrong credentials.
 */
class DigestTest {
  private static final String USER = "Mufasa";
  private static final String PASSWORD = "Circle of Life";

  private ScriptedHttpServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** RFC 7616 section 3.9.1: the same request answered with SHA-256 and with MD5. */
  @Test
  void theRfcExamplesAreReproduced() {
    String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    String realm = "http-auth@example.org";
    assertEquals(
        "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
        Digest.response(
            "SHA-256",
            false,
            USER,
            realm,
            PASSWORD,
            nonce,
            "00000001",
            cnonce,
            "auth",
            "GET",
            "/dir/index.html",
            new byte[0]));
    assertEquals(
        "8ca523f5e9506fed4657c9700eebdbec",
        Digest.response(
            "MD5",
            false,
            USER,
            realm,
            PASSWORD,
            nonce,
            "00000001",
            cnonce,
            "auth",
            "GET",
            "/dir/index.html",
            new byte[0]));
  }

  @Test
  void challengeParametersAreUnquotedAndUnescaped() {
    Map<String, String> p =
        Digest.params(
            "Digest realm=\"a \\\"quoted\\\" realm, with comma\", qop=\"auth,auth-int\","
                + " algorithm=SHA-256, nonce=\"n\\\\1\", stale=TRUE");
    assertEquals("a \"quoted\" realm, with comma", p.get("realm"));
    assertEquals("auth,auth-int", p.get("qop"));
    assertEquals("SHA-256", p.get("algorithm"));
    assertEquals("n\\1", p.get("nonce"));
    assertEquals("TRUE", p.get("stale"));
  }

  @Test
  void sha256AuthWithEscapedValuesAndAStaleNonce() throws Exception {
    Verifier v = new Verifier("SHA-256", "auth", "realm \"q\" \\ x");
    server = new ScriptedHttpServer((n, r) -> v.answer(r));
    HttpTransport t = transport(PASSWORD);
    for (int i = 0; i < 3; i++) {
      byte[] body = bytes("request " + i);
      assertArrayEquals(body, t.exchange(body, 5_000, false));
    }
    assertEquals(4, server.requests.size(), "one challenge, then three answered requests");
    assertEquals(List.of("00000001", "00000002", "00000003"), v.ncs);
    v.rotate(); // the server's nonce expires
    assertArrayEquals(bytes("after"), t.exchange(bytes("after"), 5_000, false));
    assertEquals(6, server.requests.size(), "the stale answer, then the new one");
    assertEquals("00000001", v.ncs.getLast(), "a new nonce counts from 1");
    assertEquals(4, v.accepted);
  }

  @Test
  void md5WithAuthIntHashesTheBody() throws Exception {
    Verifier v = new Verifier("MD5", "auth-int", "veles");
    server = new ScriptedHttpServer((n, r) -> v.answer(r));
    HttpTransport t = transport(PASSWORD);
    assertArrayEquals(bytes("payload"), t.exchange(bytes("payload"), 5_000, false));
    assertArrayEquals(bytes("other"), t.exchange(bytes("other"), 5_000, false));
    assertEquals(2, v.accepted);
    assertTrue(v.qops.stream().allMatch("auth-int"::equals), v.qops.toString());
  }

  @Test
  void sessionVariants() throws Exception {
    for (String algorithm : List.of("MD5-sess", "SHA-256-sess")) {
      Verifier v = new Verifier(algorithm, "auth", "veles");
      try (ScriptedHttpServer s = new ScriptedHttpServer((n, r) -> v.answer(r))) {
        server = s;
        HttpTransport t = transport(PASSWORD);
        assertArrayEquals(bytes("x"), t.exchange(bytes("x"), 5_000, false), algorithm);
        assertArrayEquals(bytes("y"), t.exchange(bytes("y"), 5_000, false), algorithm);
        assertEquals(2, v.accepted, algorithm);
      }
    }
    server = null;
  }

  @Test
  void theStrongestOfSeveralChallengesIsAnswered() throws Exception {
    Verifier v = new Verifier("SHA-256", "auth", "veles");
    server =
        new ScriptedHttpServer(
            (n, r) ->
                r.header("authorization") == null
                    ? bytes(
                        "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n"
                            + "WWW-Authenticate: Digest realm=\"veles\", nonce=\"md5nonce\","
                            + " qop=\"auth\", algorithm=MD5\r\n"
                            + "WWW-Authenticate: "
                            + v.challenge(false)
                            + "\r\n\r\n")
                    : v.answer(r));
    HttpTransport t = transport(PASSWORD);
    assertArrayEquals(bytes("z"), t.exchange(bytes("z"), 5_000, false));
    assertEquals(1, v.accepted);
  }

  @Test
  void wrongCredentialsFailWithoutLooping() throws Exception {
    Verifier v = new Verifier("SHA-256", "auth", "veles");
    server = new ScriptedHttpServer((n, r) -> v.answer(r));
    HttpTransport t = transport("wrong");
    TransportException e =
        assertThrows(TransportException.class, () -> t.exchange(bytes("x"), 5_000, false));
    assertEquals(401, e.status());
    assertEquals(2, server.requests.size(), "the challenge and one refused answer");
  }

  @Test
  void anUnsupportedAlgorithmIsAClearError() throws Exception {
    server =
        new ScriptedHttpServer(
            (n, r) ->
                bytes(
                    "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nWWW-Authenticate: Digest"
                        + " realm=\"r\", nonce=\"n\", qop=\"auth\", algorithm=SHA-1\r\n\r\n"));
    HttpTransport t = transport(PASSWORD);
    TransportException e =
        assertThrows(TransportException.class, () -> t.exchange(bytes("x"), 5_000, false));
    assertTrue(
        e.getMessage().contains("SHA-1") && e.getMessage().contains("SHA-256"), e.getMessage());
  }

  private HttpTransport transport(String password) throws Exception {
    HttpTransport t = new HttpTransport(URI.create(server.url()).toURL());
    t.setUsernamePassword(AuthenticationType.DIGEST, USER, password);
    return t;
  }

  /** A server's side of Digest, computed here from the RFC, independently of the client. */
  private static final class Verifier {
    private final String algorithm;
    private final String qop;
    private final String realm;
    private volatile String nonce = "nonce-1";
    private volatile boolean stale;
    final List<String> ncs = new CopyOnWriteArrayList<>();
    final List<String> qops = new CopyOnWriteArrayList<>();
    volatile int accepted;

    Verifier(String algorithm, String qop, String realm) {
      this.algorithm = algorithm;
      this.qop = qop;
      this.realm = realm;
    }

    void rotate() {
      nonce = nonce + "x";
      stale = true;
    }

    String challenge(boolean stale) {
      return "Digest realm=\""
          + realm.replace("\\", "\\\\").replace("\"", "\\\"")
          + "\", nonce=\""
          + nonce
          + "\", opaque=\"op\\\"aque\", qop=\""
          + qop
          + "\", algorithm="
          + algorithm
          + (stale ? ", stale=true" : "");
    }

    byte[] answer(ScriptedHttpServer.Request r) {
      String authorization = r.header("authorization");
      if (authorization == null || !verify(authorization, r.body())) {
        boolean s = stale && authorization != null;
        stale = false;
        return bytes(
            "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nWWW-Authenticate: "
                + challenge(s)
                + "\r\n\r\n");
      }
      accepted++;
      return ok(r.body());
    }

    private boolean verify(String header, byte[] body) {
      Map<String, String> p = parse(header);
      if (!p.get("nonce").equals(nonce)
          || !p.get("realm").equals(realm)
          || !p.get("opaque").equals("op\"aque")
          || !p.get("algorithm").equals(algorithm)) {
        return false;
      }
      ncs.add(p.get("nc"));
      qops.add(p.get("qop"));
      boolean session = algorithm.endsWith("-sess");
      String alg = session ? algorithm.substring(0, algorithm.length() - 5) : algorithm;
      String ha1 = h(alg, p.get("username") + ":" + realm + ":" + PASSWORD);
      if (session) {
        ha1 = h(alg, ha1 + ":" + nonce + ":" + p.get("cnonce"));
      }
      String a2 = "POST:" + p.get("uri");
      if (p.get("qop").equals("auth-int")) {
        a2 += ":" + hex(alg, body);
      }
      String expected =
          h(
              alg,
              ha1
                  + ":"
                  + nonce
                  + ":"
                  + p.get("nc")
                  + ":"
                  + p.get("cnonce")
                  + ":"
                  + p.get("qop")
                  + ":"
                  + h(alg, a2));
      return expected.equals(p.get("response"));
    }

    private static Map<String, String> parse(String header) {
      Map<String, String> out = new LinkedHashMap<>();
      Matcher m =
          Pattern.compile("(\\w+)=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]+))").matcher(header);
      while (m.find()) {
        out.put(
            m.group(1), m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3));
      }
      return out;
    }

    private static String h(String alg, String s) {
      return hex(alg, s.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(String alg, byte[] b) {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(b));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }
}

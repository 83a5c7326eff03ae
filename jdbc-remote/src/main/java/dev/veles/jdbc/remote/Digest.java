package dev.veles.jdbc.remote;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client side of HTTP Digest access authentication (RFC 7616): answers the server's challenge
 * with algorithm MD5, SHA-256 or SHA-512-256, each also in its {@code -sess} variant, and quality
 * of protection {@code auth} (preferred) or {@code auth-int} (the request body is hashed into the
 * response). A server that offers several challenges gets the strongest one answered.
 *
 * <p>A challenge is kept and reused with an increasing nonce count until the server refuses it as
 * stale; a refusal that is not stale means wrong credentials and is not answered again.
 *
 * <p>Thread-safe: requests of several threads may share a challenge.
 */
final class Digest {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Supported algorithms, strongest first, with their JDK digest names. */
  private static final Map<String, String> ALGORITHMS = new LinkedHashMap<>();

  static {
    ALGORITHMS.put("SHA-512-256", "SHA-512/256");
    ALGORITHMS.put("SHA-256", "SHA-256");
    ALGORITHMS.put("MD5", "MD5");
  }

  private final String user;
  private final String password;
  private volatile Challenge challenge;

  Digest(String user, String password) {
    this.user = user;
    this.password = password;
  }

  /** A challenge being answered: its parameters, the client nonce and the nonce count. */
  private record Challenge(
      String realm,
      String nonce,
      String opaque,
      String algorithm,
      String javaAlgorithm,
      boolean session,
      String qop,
      String cnonce,
      AtomicInteger nc) {}

  /**
   * Takes the server's challenges from a 401 reply. Returns true if the request should be sent
   * again with an answer: there was no answer to the previous request yet, or the server says the
   * nonce went stale. Returns false when the server refused an answer (wrong credentials).
   *
   * @throws TransportException if no challenge names an algorithm and protection this class knows
   */
  boolean accept(List<String> headers, boolean answered) throws TransportException {
    Challenge best = null;
    boolean stale = false;
    String offered = null;
    for (String header : headers) {
      Map<String, String> p = params(header);
      String algorithm = p.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
      boolean session = algorithm.endsWith("-SESS");
      String base = session ? algorithm.substring(0, algorithm.length() - 5) : algorithm;
      String qop = qop(p.get("qop"));
      offered = "algorithm=" + algorithm + ", qop=" + p.get("qop");
      String java = ALGORITHMS.get(base);
      if (java == null || p.get("nonce") == null || (p.get("qop") != null && qop == null)) {
        continue;
      }
      if (best == null || rank(base) < rank(best.algorithm)) {
        stale = "true".equalsIgnoreCase(p.get("stale"));
        best =
            new Challenge(
                p.getOrDefault("realm", ""),
                p.get("nonce"),
                p.get("opaque"),
                base,
                java,
                session,
                qop,
                cnonce(),
                new AtomicInteger());
      }
    }
    if (best == null) {
      throw new TransportException(
          TransportException.Kind.STATUS,
          401,
          "the server's Digest challenge is not supported ("
              + offered
              + "); supported: MD5, SHA-256, SHA-512-256 (also -sess) with qop auth or auth-int",
          null);
    }
    Challenge old = challenge;
    if (answered && !stale && old != null) {
      return false; // an answer was refused and the nonce is not stale: wrong credentials
    }
    challenge = best;
    return true;
  }

  private static int rank(String algorithm) {
    int i = 0;
    for (String a : ALGORITHMS.keySet()) {
      if (a.equals(algorithm)) {
        return i;
      }
      i++;
    }
    return Integer.MAX_VALUE;
  }

  /** The protection to use from the offered list: auth if offered, else auth-int, else null. */
  private static String qop(String offered) {
    if (offered == null) {
      return null;
    }
    boolean authInt = false;
    for (String q : offered.split(",")) {
      String t = q.trim().toLowerCase(Locale.ROOT);
      if (t.equals("auth")) {
        return "auth";
      }
      authInt |= t.equals("auth-int");
    }
    return authInt ? "auth-int" : null;
  }

  /** Whether a challenge has been received, so that requests carry an answer. */
  boolean ready() {
    return challenge != null;
  }

  /** The Authorization header value for a request, or null before the first challenge. */
  String authorization(String method, String uri, byte[] body) {
    Challenge c = challenge;
    if (c == null) {
      return null;
    }
    String nc = String.format(Locale.ROOT, "%08x", c.nc.incrementAndGet());
    String response =
        response(
            c.javaAlgorithm,
            c.session,
            user,
            c.realm,
            password,
            c.nonce,
            nc,
            c.cnonce,
            c.qop,
            method,
            uri,
            body);
    StringBuilder h = new StringBuilder(320).append("Digest ");
    quoted(h, "username", user).append(", ");
    quoted(h, "realm", c.realm).append(", ");
    quoted(h, "uri", uri).append(", ");
    h.append("algorithm=").append(c.algorithm).append(c.session ? "-sess" : "").append(", ");
    quoted(h, "nonce", c.nonce);
    if (c.qop != null) {
      h.append(", nc=").append(nc).append(", ");
      quoted(h, "cnonce", c.cnonce).append(", qop=").append(c.qop);
    }
    h.append(", ");
    quoted(h, "response", response);
    if (c.opaque != null) {
      h.append(", ");
      quoted(h, "opaque", c.opaque);
    }
    return h.toString();
  }

  /**
   * The {@code response} value of RFC 7616 section 3.4.1, in lower-case hex.
   *
   * @param javaAlgorithm the JDK name of the hash ({@code MD5}, {@code SHA-256}, {@code
   *     SHA-512/256})
   * @param qop {@code auth}, {@code auth-int}, or null for a challenge without qop (RFC 2069)
   */
  static String response(
      String javaAlgorithm,
      boolean session,
      String user,
      String realm,
      String password,
      String nonce,
      String nc,
      String cnonce,
      String qop,
      String method,
      String uri,
      byte[] body) {
    String ha1 = hash(javaAlgorithm, user + ":" + realm + ":" + password);
    if (session) {
      ha1 = hash(javaAlgorithm, ha1 + ":" + nonce + ":" + cnonce);
    }
    String ha2 =
        "auth-int".equals(qop)
            ? hash(javaAlgorithm, method + ":" + uri + ":" + hex(javaAlgorithm, body))
            : hash(javaAlgorithm, method + ":" + uri);
    return qop == null
        ? hash(javaAlgorithm, ha1 + ":" + nonce + ":" + ha2)
        : hash(javaAlgorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
  }

  /** Appends {@code name="value"} with the value escaped as an RFC 9110 quoted-string. */
  private static StringBuilder quoted(StringBuilder h, String name, String value) {
    h.append(name).append("=\"");
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch == '"' || ch == '\\') {
        h.append('\\');
      }
      h.append(ch);
    }
    return h.append('"');
  }

  /**
   * The auth-params of one challenge ({@code Digest realm="a, b", nonce=...}), names in lower case,
   * quoted-string values unescaped.
   */
  static Map<String, String> params(String header) {
    Map<String, String> out = new LinkedHashMap<>();
    int i = header.regionMatches(true, 0, "Digest", 0, 6) ? 6 : 0;
    int n = header.length();
    while (i < n) {
      while (i < n && (header.charAt(i) == ',' || Character.isWhitespace(header.charAt(i)))) {
        i++;
      }
      int nameStart = i;
      while (i < n && header.charAt(i) != '=' && header.charAt(i) != ',') {
        i++;
      }
      String name = header.substring(nameStart, i).trim().toLowerCase(Locale.ROOT);
      if (i >= n || header.charAt(i) != '=') {
        continue;
      }
      i++;
      while (i < n && header.charAt(i) == ' ') {
        i++;
      }
      StringBuilder value = new StringBuilder();
      if (i < n && header.charAt(i) == '"') {
        for (i++; i < n && header.charAt(i) != '"'; i++) {
          char ch = header.charAt(i);
          if (ch == '\\' && i + 1 < n) {
            ch = header.charAt(++i);
          }
          value.append(ch);
        }
        i++;
      } else {
        int start = i;
        while (i < n && header.charAt(i) != ',') {
          i++;
        }
        value.append(header, start, i);
      }
      if (!name.isEmpty()) {
        out.put(name, value.toString().strip());
      }
    }
    return out;
  }

  /** All Digest challenges among WWW-Authenticate header values. */
  static List<String> digestChallenges(List<String> headers) {
    List<String> out = new ArrayList<>(headers.size());
    for (String h : headers) {
      if (h.regionMatches(true, 0, "Digest", 0, 6)) {
        out.add(h);
      }
    }
    return out;
  }

  private static String cnonce() {
    byte[] raw = new byte[12];
    RANDOM.nextBytes(raw);
    return HexFormat.of().formatHex(raw);
  }

  private static String hash(String algorithm, String s) {
    return hex(algorithm, s.getBytes(StandardCharsets.UTF_8));
  }

  private static String hex(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is required of every JDK", e);
    }
  }
}

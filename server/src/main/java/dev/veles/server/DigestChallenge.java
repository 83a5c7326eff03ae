package dev.veles.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of HTTP DIGEST authentication (RFC 7616, {@code qop=auth}): issues nonces, parses
 * a client's {@code Authorization: Digest ...} header and checks its response.
 *
 * <p>Nonces are stateless: a timestamp and random bytes signed with a per-process HMAC key, valid
 * for a fixed lifetime, after which the client is told {@code stale=true} and retries with a new
 * one. Replays are refused by remembering the nonce counts ({@code nc}) used with each live nonce
 * (at most {@link #MAX_COUNTS_PER_NONCE}, then the client must take a new nonce).
 *
 * <p>Thread-safe.
 */
final class DigestChallenge {
  static final int MAX_COUNTS_PER_NONCE = 100_000;
  private static final int MAX_LIVE_NONCES = 100_000;

  private final long lifetimeNanos;
  private final LongSupplier clock;
  private final SecureRandom random = new SecureRandom();
  private final byte[] key = new byte[32];
  private final String opaque;
  private final Map<String, Set<String>> counts = new ConcurrentHashMap<>();

  /** Why a header was not accepted. */
  enum Outcome {
    OK,
    /** Syntax error or a field that contradicts the request: HTTP 400. */
    MALFORMED,
    /** Wrong password, unknown user or a replayed count: HTTP 401. */
    FAILED,
    /** A well-formed response to an expired nonce: HTTP 401 with {@code stale=true}. */
    STALE
  }

  DigestChallenge(long lifetimeNanos, LongSupplier clock) {
    this.lifetimeNanos = lifetimeNanos;
    this.clock = clock;
    random.nextBytes(key);
    byte[] o = new byte[12];
    random.nextBytes(o);
    this.opaque = Base64.getUrlEncoder().withoutPadding().encodeToString(o);
  }

  /** The {@code WWW-Authenticate} values, strongest algorithm first. */
  String[] challenges(boolean stale) {
    String nonce = newNonce();
    Credential.DigestAlgorithm[] algorithms = Credential.DigestAlgorithm.values();
    String[] out = new String[algorithms.length];
    for (int i = 0; i < algorithms.length; i++) {
      out[i] =
          "Digest realm=\""
              + Credential.REALM
              + "\", qop=\"auth\", algorithm="
              + algorithms[i].token()
              + ", nonce=\""
              + nonce
              + "\", opaque=\""
              + opaque
              + "\""
              + (stale ? ", stale=true" : "");
    }
    return out;
  }

  /** A parsed {@code Authorization: Digest} header. */
  record Response(Map<String, String> fields) {
    String get(String name) {
      return fields.get(name);
    }
  }

  /**
   * Parses the parameters after {@code Digest }.
   *
   * @return the fields, or null if the syntax is broken
   */
  static Response parse(String params) {
    Map<String, String> fields = new LinkedHashMap<>();
    int i = 0;
    int n = params.length();
    while (i < n) {
      while (i < n && (params.charAt(i) == ' ' || params.charAt(i) == ',')) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int eq = params.indexOf('=', i);
      if (eq < 0) {
        return null;
      }
      String name = params.substring(i, eq).strip().toLowerCase(java.util.Locale.ROOT);
      i = eq + 1;
      StringBuilder value = new StringBuilder();
      if (i < n && params.charAt(i) == '"') {
        i++;
        while (i < n && params.charAt(i) != '"') {
          char c = params.charAt(i++);
          if (c == '\\' && i < n) {
            c = params.charAt(i++);
          }
          value.append(c);
        }
        if (i >= n) {
          return null; // unterminated quoted string
        }
        i++;
      } else {
        while (i < n && params.charAt(i) != ',') {
          value.append(params.charAt(i++));
        }
      }
      if (name.isEmpty() || fields.put(name, value.toString().strip()) != null) {
        return null;
      }
    }
    return new Response(fields);
  }

  /**
   * Checks a response against the request it came with.
   *
   * @param method the request's HTTP method
   * @param requestTarget the request's path and query, as sent on the request line
   * @param users where {@code username} is looked up
   */
  Outcome check(Response r, String method, String requestTarget, UserFile users) {
    String user = r.get("username");
    String nonce = r.get("nonce");
    String uri = r.get("uri");
    String response = r.get("response");
    String realm = r.get("realm");
    String qop = r.get("qop");
    String nc = r.get("nc");
    String cnonce = r.get("cnonce");
    Credential.DigestAlgorithm algorithm =
        r.get("algorithm") == null
            ? Credential.DigestAlgorithm.MD5
            : Credential.DigestAlgorithm.of(r.get("algorithm"));
    if (user == null
        || nonce == null
        || uri == null
        || response == null
        || realm == null
        || algorithm == null
        || !"auth".equals(qop)
        || nc == null
        || !nc.matches("[0-9a-fA-F]{8}")
        || cnonce == null
        || cnonce.isEmpty()) {
      return Outcome.MALFORMED;
    }
    if (!uri.equals(requestTarget) && !pathOf(uri).equals(requestTarget)) {
      return Outcome.MALFORMED; // RFC 7616 section 3.4.6: the uri must name this request
    }
    if (!realm.equals(Credential.REALM)) {
      return Outcome.FAILED;
    }
    long age = nonceAge(nonce);
    if (age < 0) {
      return Outcome.FAILED;
    }
    UserFile.User u = users.user(user);
    String ha1 = u != null ? u.credential().ha1(user, algorithm) : algorithm.hash(nonce);
    String expected = expectedResponse(algorithm, ha1, nonce, nc, cnonce, method, uri);
    boolean ok =
        MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))
            && u != null;
    if (!ok) {
      return Outcome.FAILED;
    }
    if (age > lifetimeNanos) {
      counts.remove(nonce);
      return Outcome.STALE;
    }
    if (counts.size() >= MAX_LIVE_NONCES && !counts.containsKey(nonce)) {
      counts.keySet().removeIf(k -> nonceAge(k) > lifetimeNanos);
      if (counts.size() >= MAX_LIVE_NONCES) {
        return Outcome.STALE;
      }
    }
    Set<String> used = counts.computeIfAbsent(nonce, k -> ConcurrentHashMap.newKeySet());
    if (used.size() >= MAX_COUNTS_PER_NONCE) {
      return Outcome.STALE;
    }
    return used.add(nc.toLowerCase(java.util.Locale.ROOT)) ? Outcome.OK : Outcome.FAILED;
  }

  /** RFC 7616 section 3.4.1's {@code response} for {@code qop=auth}. */
  static String expectedResponse(
      Credential.DigestAlgorithm algorithm,
      String ha1,
      String nonce,
      String nc,
      String cnonce,
      String method,
      String uri) {
    String ha2 = algorithm.hash(method + ":" + uri);
    return algorithm.hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
  }

  /** The user a response names (valid after {@link #check} returned OK). */
  static String user(Response r) {
    return r.get("username");
  }

  private static String pathOf(String uri) {
    int scheme = uri.indexOf("://");
    if (scheme < 0) {
      return uri;
    }
    int slash = uri.indexOf('/', scheme + 3);
    return slash < 0 ? "/" : uri.substring(slash);
  }

  private String newNonce() {
    ByteBuffer b = ByteBuffer.allocate(8 + 12 + 16);
    b.putLong(clock.getAsLong());
    byte[] r = new byte[12];
    random.nextBytes(r);
    b.put(r);
    b.put(mac(b.array(), 20), 0, 16);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  /** The nonce's age in nanoseconds, or -1 if this server did not issue it. */
  private long nonceAge(String nonce) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(nonce);
    } catch (IllegalArgumentException e) {
      return -1;
    }
    if (raw.length != 36) {
      return -1;
    }
    byte[] mac = java.util.Arrays.copyOf(mac(raw, 20), 16);
    if (!MessageDigest.isEqual(mac, java.util.Arrays.copyOfRange(raw, 20, 36))) {
      return -1;
    }
    long age = clock.getAsLong() - ByteBuffer.wrap(raw).getLong();
    return age < 0 ? -1 : age;
  }

  private byte[] mac(byte[] data, int length) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      m.update(data, 0, length);
      return m.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}

package dev.veles.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP BASIC or DIGEST authentication in front of the server's handlers: a request without valid
 * credentials gets 401 with a challenge before anything reads its body; a malformed {@code
 * Authorization} header gets 400; an address with too many recent failures gets 429. The
 * authenticated {@link UserFile.User} is left in the request attribute {@link #USER}.
 *
 * <p>BASIC checks the password against the user's PBKDF2 verifier; since a client sends the
 * password with every request, a password that verified is remembered (as an HMAC under a
 * per-process key, one per user) so that only the first request pays for PBKDF2. DIGEST follows RFC
 * 7616 ({@link DigestChallenge}).
 *
 * <p>Thread-safe.
 */
final class HttpAuthentication extends HandlerWrapper {
  private static final Logger LOG = LoggerFactory.getLogger(HttpAuthentication.class);

  /** The request attribute holding the authenticated {@link UserFile.User}. */
  static final String USER = "dev.veles.server.user";

  private final VelesServer.Auth mode;
  private final UserFile users;
  private final FailureRateLimit failures;
  private final DigestChallenge digest;
  private final byte[] cacheKey = new byte[32];
  private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

  /**
   * @param mode BASIC or DIGEST
   * @param maxFailures failed attempts per address within {@code failureWindowNanos} before 429
   * @param nonceLifetimeNanos how long a DIGEST nonce stays valid
   */
  HttpAuthentication(
      VelesServer.Auth mode,
      UserFile users,
      int maxFailures,
      long failureWindowNanos,
      long nonceLifetimeNanos,
      LongSupplier clock) {
    if (mode == VelesServer.Auth.NONE) {
      throw new IllegalArgumentException("authentication needs BASIC or DIGEST");
    }
    this.mode = mode;
    this.users = users;
    this.failures = new FailureRateLimit(maxFailures, failureWindowNanos, clock);
    this.digest = new DigestChallenge(nonceLifetimeNanos, clock);
    new SecureRandom().nextBytes(cacheKey);
  }

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    String address = request.getRemoteAddr();
    long blocked = failures.blockedFor(address);
    if (blocked > 0) {
      long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(blocked));
      response.setHeader("Retry-After", Long.toString(seconds));
      reply(baseRequest, response, 429, "too many failed logins from " + address + "; retry later");
      return;
    }
    String header = request.getHeader("Authorization");
    if (header == null) {
      challenge(baseRequest, response, false, "authentication required");
      return;
    }
    int space = header.indexOf(' ');
    String scheme = (space < 0 ? header : header.substring(0, space)).toLowerCase(Locale.ROOT);
    String params = space < 0 ? "" : header.substring(space + 1).strip();
    UserFile.User user = null;
    boolean stale = false;
    if (mode == VelesServer.Auth.BASIC && scheme.equals("basic")) {
      String[] pair = basicPair(params);
      if (pair == null) {
        failures.failed(address);
        reply(baseRequest, response, 400, "malformed Basic Authorization header");
        return;
      }
      user = checkBasic(pair[0], pair[1]);
    } else if (mode == VelesServer.Auth.DIGEST && scheme.equals("digest")) {
      DigestChallenge.Response r = DigestChallenge.parse(params);
      DigestChallenge.Outcome outcome =
          r == null
              ? DigestChallenge.Outcome.MALFORMED
              : digest.check(r, request.getMethod(), requestTarget(request), users);
      switch (outcome) {
        case OK -> {
          user = users.user(DigestChallenge.user(r));
          LOG.debug("DIGEST {} login of {} from {}", r.get("algorithm"), user.name(), address);
        }
        case STALE -> stale = true;
        case MALFORMED -> {
          failures.failed(address);
          reply(baseRequest, response, 400, "malformed Digest Authorization header");
          return;
        }
        case FAILED -> {}
      }
    }
    if (user == null) {
      if (!stale) {
        failures.failed(address);
        LOG.info("failed {} authentication from {}", mode, address);
      }
      challenge(baseRequest, response, stale, "wrong user or password");
      return;
    }
    request.setAttribute(USER, user);
    super.handle(target, baseRequest, request, response);
  }

  /** {@code user:password} from Basic's base64, or null if malformed. */
  private static String[] basicPair(String params) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(params);
    } catch (IllegalArgumentException e) {
      return null;
    }
    String s = new String(raw, StandardCharsets.UTF_8);
    int colon = s.indexOf(':');
    return colon < 0 ? null : new String[] {s.substring(0, colon), s.substring(colon + 1)};
  }

  private UserFile.User checkBasic(String name, String password) {
    UserFile.User u = users.user(name);
    if (u == null) {
      return null;
    }
    byte[] tag = tag(name, password);
    byte[] known = verified.get(name);
    if (known != null && MessageDigest.isEqual(known, tag)) {
      return u;
    }
    if (!u.credential().matches(password)) {
      return null;
    }
    verified.put(name, tag);
    return u;
  }

  private byte[] tag(String name, String password) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
      return m.doFinal((name + '\0' + password).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static String requestTarget(HttpServletRequest request) {
    String query = request.getQueryString();
    return query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
  }

  private void challenge(Request baseRequest, HttpServletResponse response, boolean stale, String m)
      throws IOException {
    if (mode == VelesServer.Auth.BASIC) {
      response.setHeader(
          "WWW-Authenticate", "Basic realm=\"" + Credential.REALM + "\", charset=\"UTF-8\"");
    } else {
      for (String c : digest.challenges(stale)) {
        response.addHeader("WWW-Authenticate", c);
      }
    }
    reply(baseRequest, response, 401, m);
  }

  private static void reply(Request baseRequest, HttpServletResponse response, int status, String m)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain;charset=utf-8");
    response.getOutputStream().write(m.getBytes(StandardCharsets.UTF_8));
    baseRequest.setHandled(true);
  }
}

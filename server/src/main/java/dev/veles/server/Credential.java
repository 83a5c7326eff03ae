package dev.veles.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * What the user file stores for one user's password: a salted PBKDF2-HMAC-SHA256 verifier for BASIC
 * and, for DIGEST, the HA1 of each algorithm ({@code H(user:realm:password)}), or (in an old file)
 * the password itself.
 *
 * <p>The stored form, one token without commas or spaces, is {@code
 * veles1$pbkdf2-sha256$ITERATIONS$SALT$HASH$HA1_SHA256$HA1_MD5} (salt and hash in unpadded base64,
 * the HA1s in lower-case hex), written by {@code ./veles passwd}. A token without the {@code
 * veles1$} prefix is a plaintext password.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface Credential {
  /** The realm of the server's DIGEST challenge; the stored HA1s are computed for it. */
  String REALM = "veles";

  /** The prefix of a stored verifier. */
  String PREFIX = "veles1$";

  /** PBKDF2 iterations of new verifiers (OWASP's 2023 figure for PBKDF2-HMAC-SHA256). */
  int ITERATIONS = 600_000;

  /** Whether {@code password} is this user's password; constant time in the password's bytes. */
  boolean matches(String password);

  /** DIGEST's {@code H(user:realm:password)} in lower-case hex for {@code algorithm}. */
  String ha1(String user, DigestAlgorithm algorithm);

  /** Whether the file holds the password itself. */
  boolean plaintext();

  /** Parses a stored token. */
  static Credential parse(String token) {
    if (!token.startsWith(PREFIX)) {
      return new Plain(token);
    }
    String[] parts = token.substring(PREFIX.length()).split("\\$", -1);
    if (parts.length != 6 || !parts[0].equals("pbkdf2-sha256")) {
      throw new IllegalArgumentException(
          "malformed password verifier (expected "
              + PREFIX
              + "pbkdf2-sha256$ITERATIONS$SALT$HASH$HA1_SHA256$HA1_MD5)");
    }
    try {
      Base64.Decoder b64 = Base64.getDecoder();
      return new Verifier(
          Integer.parseInt(parts[1]),
          b64.decode(parts[2]),
          b64.decode(parts[3]),
          parts[4].toLowerCase(Locale.ROOT),
          parts[5].toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed password verifier: " + e.getMessage(), e);
    }
  }

  /** A new verifier for {@code user}'s {@code password}, with a fresh random salt. */
  static Verifier create(String user, String password, SecureRandom random) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return new Verifier(
        ITERATIONS,
        salt,
        pbkdf2(password, salt, ITERATIONS),
        DigestAlgorithm.SHA_256.ha1(user, REALM, password),
        DigestAlgorithm.MD5.ha1(user, REALM, password));
  }

  private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    }
  }

  /** A stored verifier. */
  record Verifier(int iterations, byte[] salt, byte[] hash, String ha1Sha256, String ha1Md5)
      implements Credential {
    public Verifier {
      if (iterations < 1_000 || salt.length < 8 || hash.length != 32) {
        throw new IllegalArgumentException(
            "verifier needs >= 1000 iterations, a salt of >= 8 bytes and a 32-byte hash");
      }
    }

    @Override
    public boolean matches(String password) {
      return MessageDigest.isEqual(hash, pbkdf2(password, salt, iterations));
    }

    @Override
    public String ha1(String user, DigestAlgorithm algorithm) {
      return algorithm == DigestAlgorithm.SHA_256 ? ha1Sha256 : ha1Md5;
    }

    @Override
    public boolean plaintext() {
      return false;
    }

    /** The stored token. */
    public String token() {
      Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
      return PREFIX
          + "pbkdf2-sha256$"
          + iterations
          + "$"
          + b64.encodeToString(salt)
          + "$"
          + b64.encodeToString(hash)
          + "$"
          + ha1Sha256
          + "$"
          + ha1Md5;
    }
  }

  /** A plaintext password from an old file. */
  record Plain(String password) implements Credential {
    @Override
    public boolean matches(String given) {
      return MessageDigest.isEqual(
          password.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String ha1(String user, DigestAlgorithm algorithm) {
      return algorithm.ha1(user, REALM, password);
    }

    @Override
    public boolean plaintext() {
      return true;
    }

    @Override
    public String toString() {
      return "Plain[***]";
    }
  }

  /** The DIGEST algorithms the server offers (RFC 7616 section 3.7), strongest first. */
  enum DigestAlgorithm {
    SHA_256("SHA-256", "SHA-256"),
    MD5("MD5", "MD5");

    private final String token;
    private final String jca;

    DigestAlgorithm(String token, String jca) {
      this.token = token;
      this.jca = jca;
    }

    /** The name in the {@code algorithm} parameter. */
    public String token() {
      return token;
    }

    /** The algorithm named by a client's {@code algorithm} parameter, or null. */
    public static DigestAlgorithm of(String token) {
      for (DigestAlgorithm a : values()) {
        if (a.token.equalsIgnoreCase(token)) {
          return a;
        }
      }
      return null;
    }

    /** {@code H(s)} in lower-case hex. */
    public String hash(String s) {
      try {
        return HexFormat.of()
            .formatHex(MessageDigest.getInstance(jca).digest(s.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(jca + " is part of every JDK", e);
      }
    }

    String ha1(String user, String realm, String password) {
      return hash(user + ":" + realm + ":" + password);
    }
  }
}

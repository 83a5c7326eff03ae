package dev.veles.pgwire;

import dev.veles.server.Credential;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of PostgreSQL's password authentications against the realm's {@link Credential}s.
 *
 * <p>SCRAM-SHA-256 (RFC 5802/7677) needs the salted password {@code Hi(password, salt, i)}, which
 * is PBKDF2-HMAC-SHA256 with a 32-byte key: exactly the hash that {@code ./veles passwd} stores
 * with its salt and iteration count. So StoredKey and ServerKey are derived from the stored
 * verifier and the verifier format needs no change; the client does the (600,000-iteration) PBKDF2
 * work, the server two HMACs. A plaintext credential (an old file) gets a random salt per server
 * run.
 *
 * <p>MD5 ({@code md5(md5(password || user) || salt)}) needs the password itself, so it works only
 * for plaintext credentials; a verifier user is told to use SCRAM.
 *
 * <p>Thread-safe.
 */
final class PgAuth {
  /** How a pg client must prove who it is. */
  enum Method {
    SCRAM,
    MD5,
    TRUST
  }

  private static final int PLAIN_ITERATIONS = 4096;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Salted> plainSalted = new ConcurrentHashMap<>();

  /** A salted password with the salt and iteration count it was made with. */
  record Salted(byte[] salt, int iterations, byte[] saltedPassword) {}

  /** The SCRAM material for {@code user}'s credential. */
  Salted salted(String user, Credential c) {
    if (c instanceof Credential.Verifier v) {
      return new Salted(v.salt(), v.iterations(), v.hash());
    }
    Credential.Plain p = (Credential.Plain) c;
    return plainSalted.computeIfAbsent(
        user,
        u -> {
          byte[] salt = new byte[16];
          random.nextBytes(salt);
          return new Salted(salt, PLAIN_ITERATIONS, pbkdf2(p.password(), salt, PLAIN_ITERATIONS));
        });
  }

  /** A fresh nonce of 18 random bytes in base64. */
  String nonce() {
    byte[] b = new byte[18];
    random.nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  /** Fresh 4 bytes of MD5 salt. */
  byte[] md5Salt() {
    byte[] b = new byte[4];
    random.nextBytes(b);
    return b;
  }

  /** Whether {@code response} is {@code "md5" + md5(md5(password + user) + salt)}. */
  static boolean md5Matches(String user, Credential.Plain c, byte[] salt, String response) {
    String inner = md5Hex((c.password() + user).getBytes(StandardCharsets.UTF_8));
    byte[] a = inner.getBytes(StandardCharsets.US_ASCII);
    byte[] both = new byte[a.length + salt.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(salt, 0, both, a.length, salt.length);
    String expected = "md5" + md5Hex(both);
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), response.getBytes(StandardCharsets.UTF_8));
  }

  private static String md5Hex(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("MD5 is part of every JDK", e);
    }
  }

  /**
   * One SCRAM exchange: built from the client-first message, it answers the server-first message,
   * then checks the client-final message's proof and gives the server signature.
   */
  static final class Scram {
    private final Salted salted;
    private final String clientFirstBare;
    private final String gs2Header;
    private final String nonce;
    private final String serverFirst;

    Scram(Salted salted, String clientFirst, String serverNonce) {
      this.salted = salted;
      if (!(clientFirst.startsWith("n,") || clientFirst.startsWith("y,"))) {
        throw new PgProtocolException(
            "SCRAM: channel binding is not offered by this server; expected a gs2 header n,, or"
                + " y,,",
            "28000");
      }
      int second = clientFirst.indexOf(',', 2);
      if (second < 0) {
        throw new PgProtocolException("SCRAM: malformed client-first message", "08P01");
      }
      this.gs2Header = clientFirst.substring(0, second + 1);
      this.clientFirstBare = clientFirst.substring(second + 1);
      String clientNonce = attribute(clientFirstBare, 'r');
      this.nonce = clientNonce + serverNonce;
      this.serverFirst =
          "r="
              + nonce
              + ",s="
              + Base64.getEncoder().encodeToString(salted.salt())
              + ",i="
              + salted.iterations();
    }

    String serverFirst() {
      return serverFirst;
    }

    /** The server-final message if the proof is right, else null. */
    String finish(String clientFinal) {
      int p = clientFinal.lastIndexOf(",p=");
      if (p < 0) {
        throw new PgProtocolException("SCRAM: client-final message without proof", "08P01");
      }
      String withoutProof = clientFinal.substring(0, p);
      String binding = attribute(clientFinal, 'c');
      String expectedBinding =
          Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
      if (!binding.equals(expectedBinding) || !attribute(clientFinal, 'r').equals(nonce)) {
        return null;
      }
      byte[] proof;
      try {
        proof = Base64.getDecoder().decode(clientFinal.substring(p + 3));
      } catch (IllegalArgumentException e) {
        return null;
      }
      String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
      byte[] clientKey = hmac(salted.saltedPassword(), "Client Key");
      byte[] storedKey = sha256(clientKey);
      byte[] signature = hmac(storedKey, authMessage);
      if (proof.length != signature.length) {
        return null;
      }
      byte[] recovered = new byte[proof.length];
      for (int i = 0; i < proof.length; i++) {
        recovered[i] = (byte) (proof[i] ^ signature[i]);
      }
      if (!MessageDigest.isEqual(sha256(recovered), storedKey)) {
        return null;
      }
      byte[] serverKey = hmac(salted.saltedPassword(), "Server Key");
      return "v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage));
    }
  }

  private static String attribute(String message, char name) {
    for (String part : message.split(",")) {
      if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
        return part.substring(2);
      }
    }
    throw new PgProtocolException("SCRAM: message lacks its '" + name + "' attribute", "08P01");
  }

  static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static byte[] pbkdf2(String password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    }
  }
}

package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veles.server.VelesServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS hostname verification of the Veles driver's remote mode: a trusted certificate that names
 * another host is refused by default and accepted with {@code hostname_verification=NONE}; one that
 * names the host is accepted. Keystores are made with the JDK's keytool at test time.
 */
class RemoteTlsTest {
  @TempDir Path tmp;

  @Test
  void aCertificateForAnotherHostIsRefusedUnlessVerificationIsOff() throws Exception {
    Path db = tmp.resolve("db");
    Certificate wrong = certificate("wrong", "CN=db.example.org", "SAN=dns:db.example.org");
    try (VelesServer server =
        VelesServer.builder().path(db).port(0).tls(wrong.keystore, "changeit").start()) {
      String url =
          "jdbc:veles:url=https://localhost:"
              + server.port()
              + ";truststore="
              + wrong.truststore
              + ";truststore_password=trustpw";
      SQLException refused =
          assertThrows(SQLException.class, () -> DriverManager.getConnection(url));
      assertEquals("08001", refused.getSQLState(), refused.toString());
      assertTrue(
          chain(refused).contains("localhost") && chain(refused).contains("certificate"),
          chain(refused));
      try (Connection c = DriverManager.getConnection(url + ";hostname_verification=NONE")) {
        assertEquals(42, select(c));
      }
    }
    Certificate right = certificate("right", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
    try (VelesServer server =
            VelesServer.builder().path(db).port(0).tls(right.keystore, "changeit").start();
        Connection c =
            DriverManager.getConnection(
                "jdbc:veles:url=https://localhost:"
                    + server.port()
                    + ";truststore="
                    + right.truststore
                    + ";truststore_password=trustpw")) {
      assertEquals(42, select(c));
    }
  }

  private record Certificate(Path keystore, Path truststore) {}

  private Certificate certificate(String name, String dname, String san) throws Exception {
    Path keystore = tmp.resolve(name + ".p12");
    Path truststore = tmp.resolve(name + "-trust.p12");
    Path cert = tmp.resolve(name + ".crt");
    keytool(
        "-genkeypair",
        "-alias",
        "veles",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        dname,
        "-ext",
        san,
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
    return new Certificate(keystore, truststore);
  }

  private static void keytool(String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "keytool failed: " + out);
  }

  private static int select(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("VALUES 41 + 1")) {
      assertTrue(rs.next());
      return rs.getInt(1);
    }
  }

  private static String chain(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c).append(" <- ");
    }
    return b.toString();
  }
}

package dev.veles.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veles.jdbc.remote.VelesRemoteDriver;
import dev.veles.server.VelesServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards that require BASIC authentication over TLS: the catalog options carry the user, password
 * and truststore to every connection the driver and the tasks open; a wrong password, or no
 * truststore, fails with an error naming the shard and what to check. The certificate is made with
 * the JDK's keytool at test time; the catalogs are sessions of the shared Spark.
 */
@ExtendWith(SharedCluster.class)
class SecureShardsTest {
  private static final long SEED = Long.getLong("seed", System.nanoTime());
  private static final String USER = "spark";
  private static final String PASSWORD = "s3cret pw";

  @TempDir Path dir;

  @Test
  void catalogOptionsCarryBasicAuthAndTls(VelesCluster shared) throws Exception {
    System.out.println("SecureShardsTest seed=" + SEED);
    Path keystore = dir.resolve("server.p12");
    Path truststore = dir.resolve("trust.p12");
    certificate(keystore, truststore);
    // an old-style plaintext entry (the server warns): the tests cannot reach ./veles passwd
    Path users = Files.writeString(dir.resolve("users"), USER + ": " + PASSWORD + ",admin\n");
    List<VelesServer> servers = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        servers.add(
            VelesServer.builder()
                .path(dir.resolve("shard" + i))
                .port(0)
                .authentication(VelesServer.Auth.BASIC, users)
                .tls(keystore, "changeit")
                .start());
      }
      List<String> urls = servers.stream().map(VelesServer::httpUrl).toList();
      assertTrue(urls.stream().allMatch(u -> u.startsWith("https://")), urls.toString());
      Map<String, String> secure =
          Map.of(
              "authentication",
              "BASIC",
              "avatica_user",
              USER,
              "avatica_password",
              PASSWORD,
              "truststore",
              truststore.toString(),
              "truststore_password",
              "trustpw");
      SparkSession spark = shared.spark.newSession();
      catalog(spark, "vsec", urls, secure);
      spark.sql(
          "CREATE TABLE vsec.s (id BIGINT NOT NULL, embedding ARRAY<FLOAT> NOT NULL, price DOUBLE)"
              + " TBLPROPERTIES ('key' = 'id', 'dimension' = '4')");
      StructType schema =
          new StructType()
              .add("id", DataTypes.LongType, false)
              .add("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), false)
              .add("price", DataTypes.DoubleType, true);
      Random r = new Random(SEED);
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 90; i++) {
        Float[] v = {r.nextFloat(), r.nextFloat(), r.nextFloat(), r.nextFloat()};
        rows.add(RowFactory.create((long) i, v, (double) i));
      }
      spark.createDataFrame(rows, schema).writeTo("vsec.s").append(); // two tasks
      assertEquals(90L, spark.table("vsec.s").count());
      assertEquals(40L, spark.sql("SELECT id FROM vsec.s WHERE price >= 50").count());
      long total = 0;
      for (int shard = 0; shard < 3; shard++) {
        Properties p = new Properties();
        p.putAll(secure);
        p.setProperty("url", urls.get(shard));
        try (Connection c = VelesRemoteDriver.open(p);
            Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT id FROM s")) {
          while (rs.next()) {
            assertEquals(shard, ShardHash.shardOf(rs.getLong(1), 3), "row " + rs.getLong(1));
            total++;
          }
        }
      }
      assertEquals(90, total);

      Map<String, String> wrongPassword = new java.util.HashMap<>(secure);
      wrongPassword.put("avatica_password", "not the password");
      catalog(spark, "vbad", urls, wrongPassword);
      String denied = failure(() -> spark.table("vbad.s").count());
      assertTrue(denied.contains("shard 0 of 3 (" + urls.get(0) + ")"), denied);
      assertTrue(denied.contains("check avatica_user, avatica_password"), denied);
      assertTrue(denied.contains("SQLSTATE 28000"), denied);

      Map<String, String> noTruststore = new java.util.HashMap<>(secure);
      noTruststore.remove("truststore");
      noTruststore.remove("truststore_password");
      catalog(spark, "vnotrust", urls, noTruststore);
      String untrusted = failure(() -> spark.table("vnotrust.s").count());
      assertTrue(untrusted.contains("shard 0 of 3 (" + urls.get(0) + ")"), untrusted);
      assertTrue(untrusted.contains("certificate"), untrusted);
    } finally {
      for (VelesServer s : servers) {
        s.close();
      }
    }
  }

  private static void catalog(
      SparkSession spark, String name, List<String> urls, Map<String, String> options) {
    String prefix = "spark.sql.catalog." + name;
    spark.conf().set(prefix, VelesCatalog.class.getName());
    spark.conf().set(prefix + ".shards", String.join(",", urls));
    options.forEach((k, v) -> spark.conf().set(prefix + "." + k, v));
  }

  /** The messages of the failure {@code action} throws, with the SQLSTATEs of its causes. */
  private static String failure(org.junit.jupiter.api.function.Executable action) {
    Throwable e = assertThrows(Exception.class, action);
    StringBuilder s = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      s.append(t.getMessage());
      if (t instanceof SQLException q) {
        s.append(" [SQLSTATE ").append(q.getSQLState()).append(']');
      }
      s.append(" | ");
    }
    return s.toString();
  }

  /** A key pair for localhost in {@code keystore}, its certificate alone in {@code truststore}. */
  private static void certificate(Path keystore, Path truststore) throws Exception {
    Path cert = keystore.resolveSibling("server.crt");
    keytool(
        "-genkeypair",
        "-alias",
        "veles",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
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
  }

  private static void keytool(String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "keytool failed: " + out);
  }
}

package dev.veles.cli;

import dev.veles.pgwire.PgServer;
import dev.veles.server.VelesServer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code veles server}: serves a database over Avatica HTTP until the process is stopped; SIGTERM
 * or Ctrl-C flushes and closes it (a shutdown hook).
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Serve a database over HTTP (Avatica) to any JDBC client.")
final class ServerCommand implements Callable<Integer> {
  /** Starts the PostgreSQL listener over the server's database, or returns null when it is off. */
  private PgServer startPg(VelesServer server) throws Exception {
    if (pgPort.equalsIgnoreCase("off") || pgPort.equals("0")) {
      return null;
    }
    int p;
    try {
      p = Integer.parseInt(pgPort);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--pg-port takes a port number or off: " + pgPort);
    }
    PgServer.Builder pb =
        PgServer.builder()
            .url(server.embeddedUrl())
            .port(p)
            .bind(bind)
            .insecure(insecure)
            .maxMessageBytes(maxRequestBytes)
            .maxConnections(maxConnections, maxConnectionsPerAddress)
            .maxStatementChars(maxStatementChars)
            .idleTimeout(java.time.Duration.ofSeconds(idleTimeoutSeconds));
    String method = pgAuth == null ? (users != null ? "scram" : "trust") : pgAuth;
    switch (method.toLowerCase(Locale.ROOT)) {
      case "scram", "md5" -> {
        if (users == null) {
          throw new IllegalArgumentException("--pg-auth " + method + " needs --users FILE");
        }
        pb.users(users, method.equalsIgnoreCase("md5"));
      }
      case "trust" -> {
        if (users != null) {
          pb.users(users, false).trust();
        }
      }
      default ->
          throw new IllegalArgumentException("--pg-auth takes scram, md5 or trust: " + method);
    }
    if (keystore != null) {
      pb.tls(
          keystore,
          Secrets.read(
              "keystore password", keystorePassword, keystorePasswordFile, keystorePasswordEnv));
    }
    return pb.start();
  }

  @Option(names = "--path", paramLabel = "DIR", description = "Database directory.")
  Path path = Path.of("veles-data");

  @Option(names = "--port", description = "TCP port; 0 picks a free one. Default ${DEFAULT-VALUE}.")
  int port = 8765;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      description =
          "Address to listen on. Default ${DEFAULT-VALUE} (this machine only); a non-loopback"
              + " address needs --auth, or --insecure.")
  String bind = "127.0.0.1";

  @Option(
      names = "--insecure",
      description =
          "Allow a non-loopback --bind without --auth (anyone who reaches it has access).")
  boolean insecure;

  @Option(
      names = "--serialization",
      description = "Wire format: protobuf or json. Default ${DEFAULT-VALUE}.")
  String serialization = "protobuf";

  @Option(names = "--auth", description = "HTTP authentication: basic or digest.")
  String auth;

  @Option(
      names = "--users",
      paramLabel = "FILE",
      description =
          "Users file for --auth, lines of 'user: VERIFIER,ROLE' written by ./veles passwd;"
              + " roles read, write, admin.")
  Path users;

  @Option(names = "--tls-keystore", paramLabel = "FILE", description = "Serve HTTPS with this key.")
  Path keystore;

  @Option(
      names = "--tls-keystore-password",
      paramLabel = "P",
      description =
          "Keystore password (visible to other users in ps; prefer the -file or -env form).")
  String keystorePassword;

  @Option(
      names = "--tls-keystore-password-file",
      paramLabel = "FILE",
      description = "Read the keystore password from the first line of FILE.")
  Path keystorePasswordFile;

  @Option(
      names = "--tls-keystore-password-env",
      paramLabel = "VAR",
      description = "Read the keystore password from environment variable VAR.")
  String keystorePasswordEnv;

  @Option(
      names = "--max-request-bytes",
      paramLabel = "N",
      description = "Largest request body; larger ones get HTTP 413. Default 67108864 (64 MiB).")
  long maxRequestBytes = VelesServer.DEFAULT_MAX_REQUEST_BYTES;

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      description =
          "Open connections allowed in total; newcomers get SQLSTATE 53300. Default ${DEFAULT-VALUE}.")
  int maxConnections = 1000;

  @Option(
      names = "--max-connections-per-address",
      paramLabel = "N",
      description = "Open connections allowed per client address. Default ${DEFAULT-VALUE}.")
  int maxConnectionsPerAddress = 100;

  @Option(
      names = "--max-statement-chars",
      paramLabel = "N",
      description =
          "Longest statement text; longer ones get SQLSTATE 54000. Default ${DEFAULT-VALUE}.")
  int maxStatementChars = 1 << 20;

  @Option(
      names = "--max-literal-chars",
      paramLabel = "N",
      description =
          "Longest string literal in a statement; longer ones get SQLSTATE 54000."
              + " Default ${DEFAULT-VALUE}.")
  int maxLiteralChars = 1 << 18;

  @Option(
      names = "--statement-timeout",
      paramLabel = "SECONDS",
      description =
          "A statement running longer fails with SQLSTATE 57014; 0 for no limit."
              + " Default ${DEFAULT-VALUE}.")
  long statementTimeoutSeconds = 300;

  @Option(
      names = "--idle-timeout",
      paramLabel = "SECONDS",
      description = "Close a connection unused for this long. Default ${DEFAULT-VALUE}.")
  long idleTimeoutSeconds = 600;

  @Option(
      names = "--pg-port",
      paramLabel = "N",
      description =
          "PostgreSQL wire protocol port (psql, pgjdbc, psycopg, BI tools); 0 or off disables it."
              + " Default ${DEFAULT-VALUE}: next to the Avatica port, outside the 5432-543x range"
              + " PostgreSQL clusters use.")
  String pgPort = Integer.toString(PgServer.DEFAULT_PORT);

  @Option(
      names = "--pg-auth",
      paramLabel = "METHOD",
      description =
          "PostgreSQL authentication: scram (default with --users), md5 (plaintext users only),"
              + " or trust (default without --users; like the HTTP side, only on loopback unless"
              + " --insecure).")
  String pgAuth;

  @Option(
      names = "--idle-in-transaction-timeout",
      paramLabel = "SECONDS",
      description =
          "Roll back and close a session whose open transaction ran no statement for this long."
              + " Default ${DEFAULT-VALUE}.")
  long idleInTransactionSeconds = 60;

  @Override
  public Integer call() throws Exception {
    VelesServer.Builder b =
        VelesServer.builder()
            .path(path)
            .port(port)
            .bind(bind)
            .insecure(insecure)
            .serialization(Serialization.valueOf(serialization.toUpperCase(Locale.ROOT)))
            .maxRequestBytes(maxRequestBytes)
            .maxConnections(maxConnections, maxConnectionsPerAddress)
            .maxStatementChars(maxStatementChars)
            .maxLiteralChars(maxLiteralChars)
            .statementTimeout(java.time.Duration.ofSeconds(statementTimeoutSeconds))
            .idleTimeout(java.time.Duration.ofSeconds(idleTimeoutSeconds))
            .idleInTransactionTimeout(java.time.Duration.ofSeconds(idleInTransactionSeconds));
    if (auth != null) {
      if (users == null) {
        throw new IllegalArgumentException("--auth needs --users FILE");
      }
      b.authentication(VelesServer.Auth.valueOf(auth.toUpperCase(Locale.ROOT)), users);
    }
    if (keystore != null) {
      b.tls(
          keystore,
          Secrets.read(
              "keystore password", keystorePassword, keystorePasswordFile, keystorePasswordEnv));
    }
    VelesServer server = b.start();
    for (String warning : server.warnings()) {
      System.err.println("veles: warning: " + warning);
    }
    PgServer started;
    try {
      started = startPg(server);
    } catch (Exception e) {
      server.close();
      throw e;
    }
    PgServer pg = started;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    if (pg != null) {
                      pg.close();
                    }
                    server.close();
                    System.err.println("veles: server stopped, database flushed and closed");
                  } catch (Exception e) {
                    System.err.println("veles: error while closing: " + e);
                  } finally {
                    stopped.countDown();
                  }
                },
                "veles-shutdown"));
    System.out.println("Veles server listening on " + server.httpUrl());
    System.out.println("  client URL:   " + server.clientUrl());
    System.out.println("  embedded URL: " + server.embeddedUrl());
    if (pg != null) {
      System.out.println("  PostgreSQL:   " + pg.uri() + "  (psql, pgjdbc: " + pg.jdbcUrl() + ")");
    }
    System.out.flush();
    stopped.await();
    return 0;
  }
}

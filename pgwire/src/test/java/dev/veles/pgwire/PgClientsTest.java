package dev.veles.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real PostgreSQL clients, each run as its own process against the listener: psql, psycopg 3 and
 * psycopg2 (Debian's packages, under /usr/bin/python3) and node-postgres (npm, installed by .ci/run
 * into src/test/clients). A missing client fails the test with how to install it; nothing is
 * skipped.
 */
class PgClientsTest {
  private static final Path CLIENTS = Path.of("src/test/clients").toAbsolutePath();
  private static final String PYTHON = "/usr/bin/python3";

  @TempDir Path dir;
  private PgServer server;

  @BeforeEach
  void start() throws Exception {
    server =
        PgServer.builder()
            .url("jdbc:veles:path=" + dir.resolve("db") + ";create=true")
            .port(0)
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private String url() {
    return "postgresql://tester@127.0.0.1:" + server.port() + "/veles";
  }

  /** Runs a command; returns its output (stdout and stderr), failing on a non-zero exit. */
  private static String run(List<String> command, String stdin) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("PGCONNECT_TIMEOUT", "10");
    pb.environment().put("PAGER", "");
    pb.environment().put("PSQL_PAGER", "");
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new AssertionError(
          command.get(0)
              + " is not installed: run .ci/run, or apt-get install postgresql-client"
              + " python3-psycopg python3-psycopg2 python3-sqlalchemy and npm install in "
              + CLIENTS,
          e);
    }
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "client timed out: " + command);
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), command + " failed:\n" + text);
    return text;
  }

  @Test
  void psql() throws Exception {
    Path csv = dir.resolve("in.csv");
    Files.writeString(csv, "3,\"[0,0,1]\",three\n4,\"[1,1,0]\",four\n");
    Path exported = dir.resolve("out.csv");
    String script =
        """
        CREATE TABLE docs (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(3) NOT NULL, title VARCHAR(40));
        INSERT INTO docs VALUES (1, ARRAY[1,0,0], 'one'), (2, ARRAY[0,1,0], 'two');
        SELECT id, title FROM docs ORDER BY id;
        \\x on
        SELECT id, v FROM docs WHERE id = 2;
        \\x off
        \\timing on
        SELECT count(*) AS n FROM docs;
        SELECT id FROM docs ORDER BY l2_distance(v, '[0,1,0]'::vector) LIMIT 1;
        \\dt
        \\l
        \\d docs
        \\d+ docs
        \\dt+
        \\di
        \\dn
        \\du
        SELECT current_setting('work_mem') AS wm, has_table_privilege('docs', 'INSERT') AS ins;
        SELECT set_config('work_mem', '32MB', false);
        SHOW work_mem;
        \\copy docs FROM '%s' WITH (FORMAT csv)
        \\copy (SELECT id, title FROM docs ORDER BY id) TO '%s' WITH (FORMAT csv)
        CREATE TABLE dflt (id SERIAL PRIMARY KEY, n INTEGER DEFAULT 7, label VARCHAR(10) DEFAULT 'x', created TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
        CREATE TABLE always_id (k BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, w INTEGER);
        \\d dflt
        \\df
        \\df+ flush
        \\dfS pg_relation_size
        \\d always_id
        """
            .formatted(csv, exported);
    String out = run(List.of("psql", "-X", "-v", "ON_ERROR_STOP=1", url()), script);
    assertTrue(out.contains("INSERT 0 2"), out);
    assertTrue(out.contains(" 1 | one"), out);
    assertTrue(out.contains("Expanded display is on."), out);
    assertTrue(out.contains("v  | [0,1,0]"), out);
    assertTrue(out.contains("Timing is on."), out);
    assertTrue(out.contains("Time: "), out);
    assertTrue(out.matches("(?s).*\\n\\s+2\\n\\(1 row\\).*"), out);
    assertTrue(out.contains("COPY 2"), out);
    assertTrue(
        out.matches("(?s).*List of relations.*\\n public \\| docs \\| table\\s+\\| veles\\n.*"),
        out);
    assertTrue(out.matches("(?s).*List of databases.*\\n veles \\| veles \\| UTF8 .*"), out);
    assertEquals("1,one\n2,two\n3,three\n4,four\n", Files.readString(exported));
    // \d docs and \d+ docs: the columns with their types, the primary key index
    assertTrue(out.contains("Table \"public.docs\""), out);
    assertTrue(out.matches("(?s).*\n id +\\| bigint +\\| +\\| not null \\| *\n.*"), out);
    assertTrue(out.matches("(?s).*\n v +\\| vector\\(3\\) +\\| +\\| not null \\| *\n.*"), out);
    assertTrue(out.matches("(?s).*\n title +\\| character varying +\\| +\\| +\\| *\n.*"), out);
    assertTrue(out.contains("\"docs_pkey\" PRIMARY KEY, btree (id)"), out);
    assertTrue(out.contains("Access method: heap"), out);
    // \d of columns with a DEFAULT and identity columns (SERIAL is one in Veles)
    assertTrue(
        out.matches(
            "(?s).*\n id +\\| bigint +\\| +\\| not null \\| generated by default as identity\n.*"),
        out);
    assertTrue(out.matches("(?s).*\n n +\\| integer +\\| +\\| +\\| 7\n.*"), out);
    assertTrue(
        out.matches(
            "(?s).*\n label +\\| character varying +\\| +\\| +\\| 'x'::character varying\n.*"),
        out);
    assertTrue(
        out.matches(
            "(?s).*\n created +\\| timestamp without time zone +\\| +\\| +\\| CURRENT_TIMESTAMP\n.*"),
        out);
    assertTrue(
        out.matches(
            "(?s).*\n k +\\| bigint +\\| +\\| not null \\| generated always as identity\n.*"),
        out);
    assertTrue(out.matches("(?s).*\\| Storage +\\| Compression \\|.*"), out);
    // \df lists Veles's functions and procedures, \df+ with details, \dfS pg_catalog's too
    assertTrue(out.contains("List of functions"), out);
    assertTrue(
        out.matches(
            "(?s).*\n public +\\| l2_distance +\\| double precision +\\| vector, vector +\\| func\n.*"),
        out);
    assertTrue(
        out.matches("(?s).*\n public +\\| compact +\\| +\\| table_name text +\\| proc\n.*"), out);
    assertTrue(
        out.matches(
            "(?s).*\n public +\\| flush +\\| +\\| +\\| proc +\\| volatile +\\| safe +\\| veles +\\|"
                + " invoker +\\| +\\| internal +\\| flush +\\|.*"),
        out);
    assertTrue(
        out.matches(
            "(?s).*\n pg_catalog +\\| pg_relation_size +\\| bigint +\\| regclass +\\| func\n.*"),
        out);
    // \dt+ with the table's size from its files, \di, \dn, \du
    assertTrue(
        out.matches(
            "(?s).*\n public \\| docs \\| table \\| veles \\| permanent +\\| heap +\\| \\d+"
                + " (bytes|kB) +\\|.*"),
        out);
    assertTrue(out.matches("(?s).*\n public \\| docs_pkey \\| index \\| veles \\| docs\n.*"), out);
    assertTrue(out.matches("(?s).*List of schemas.*\n public \\| veles\n.*"), out);
    assertTrue(out.matches("(?s).*List of roles.*\n tester +\\| Superuser.*"), out);
    assertTrue(out.matches("(?s).*List of roles.*\n veles +\\| Superuser.*Cannot login.*"), out);
    assertTrue(out.matches("(?s).*\n 4MB +\\| t\n.*"), out);
    assertTrue(out.matches("(?s).*\n set_config \n-+\n 32MB\n.*"), out);
    assertTrue(out.matches("(?s).*\n work_mem \n-+\n 32MB\n.*"), out);
  }

  @Test
  void psycopg3() throws Exception {
    String out =
        run(List.of(PYTHON, CLIENTS.resolve("psycopg3_client.py").toString(), url()), null);
    assertTrue(out.contains("psycopg3 ok"), out);
  }

  @Test
  void psycopg2() throws Exception {
    String out =
        run(List.of(PYTHON, CLIENTS.resolve("psycopg2_client.py").toString(), url()), null);
    assertTrue(out.contains("psycopg2 ok"), out);
  }

  @Test
  void sqlalchemy() throws Exception {
    String out =
        run(List.of(PYTHON, CLIENTS.resolve("sqlalchemy_client.py").toString(), url()), null);
    assertTrue(out.contains("sqlalchemy ok"), out);
  }

  @Test
  void nodePg() throws Exception {
    if (!Files.isDirectory(CLIENTS.resolve("node_modules/pg"))) {
      throw new AssertionError(
          "node-postgres is not installed: run .ci/run, or npm install in " + CLIENTS);
    }
    List<String> cmd =
        new ArrayList<>(List.of("node", CLIENTS.resolve("node_client.js").toString(), url()));
    String out = run(cmd, null);
    assertTrue(out.contains("node pg ok"), out);
  }

  @Test
  void psqlOverTlsWithASelfSignedCertificateAndWithout() throws Exception {
    Path keystore = dir.resolve("pg.p12");
    run(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair",
            "-alias",
            "veles",
            "-keyalg",
            "EC",
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
            "changeit"),
        null);
    try (PgServer tls =
        PgServer.builder()
            .url("jdbc:veles:path=" + dir.resolve("tlsdb") + ";create=true")
            .port(0)
            .tls(keystore, "changeit")
            .start()) {
      String base = "postgresql://tester@127.0.0.1:" + tls.port() + "/veles";
      String required =
          run(
              List.of("psql", "-X", "-v", "ON_ERROR_STOP=1", base + "?sslmode=require"),
              "\\conninfo\nSELECT 40 + 2 AS answer;\n");
      assertTrue(required.matches("(?s).*SSL connection \\(protocol: TLSv1\\.[23].*"), required);
      assertTrue(required.contains(" 42\n"), required);
      String disabled =
          run(
              List.of("psql", "-X", "-v", "ON_ERROR_STOP=1", base + "?sslmode=disable"),
              "\\conninfo\nSELECT 40 + 2 AS answer;\n");
      assertTrue(disabled.contains("You are connected to database \"veles\""), disabled);
      assertFalse(disabled.contains("SSL connection"), disabled);
      assertTrue(disabled.contains(" 42\n"), disabled);
    }
    // without a key the server answers SSLRequest with 'N': required TLS fails, preferred falls
    // back
    String prefer = run(List.of("psql", "-X", url() + "?sslmode=prefer", "-c", "\\conninfo"), null);
    assertFalse(prefer.contains("SSL connection"), prefer);
    String refused =
        runFailing(List.of("psql", "-X", url() + "?sslmode=require", "-c", "SELECT 1"));
    assertTrue(refused.contains("server does not support SSL, but SSL was required"), refused);
  }

  /** Runs a command that must fail; returns its output. */
  private static String runFailing(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "client timed out: " + command);
    String text = new String(out, StandardCharsets.UTF_8);
    assertTrue(p.exitValue() != 0, command + " succeeded:\n" + text);
    return text;
  }
}

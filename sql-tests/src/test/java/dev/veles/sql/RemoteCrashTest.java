package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veles.server.VelesServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server process is SIGKILLed while remote clients write with FSYNC durability; after a restart
 * every acknowledged insert is present and every acknowledged delete is absent. Operations in
 * flight at the kill may land either way and are not checked.
 */
class RemoteCrashTest {
  private static final int WRITERS = 2;
  private static final List<Exception> FAILURES = new java.util.concurrent.CopyOnWriteArrayList<>();

  @TempDir Path dir;

  @Test
  void acknowledgedWritesSurviveSigkill() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Path db = dir.resolve("db");
    Process server = startServer(db);
    Set<Long> ackedInserts = ConcurrentHashMap.newKeySet();
    Set<Long> ackedDeletes = ConcurrentHashMap.newKeySet();
    Set<Long> uncertain = ConcurrentHashMap.newKeySet();
    try {
      String url = clientUrl(server);
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kv (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(4) NOT NULL)");
      }
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        long base = w * 10_000_000L;
        Random r = new Random(seed + w);
        Thread t =
            new Thread(
                () -> write(url, base, r, ackedInserts, ackedDeletes, uncertain), "writer-" + w);
        t.start();
        writers.add(t);
      }
      // A cold server JVM plans its first statements slowly: kill only once writes flow.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (ackedInserts.size() < 20 && System.nanoTime() < deadline && FAILURES.isEmpty()) {
        Thread.sleep(20);
      }
      Thread.sleep(500 + random.nextInt(1000));
      server.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
      assertTrue(server.waitFor(30, TimeUnit.SECONDS));
      for (Thread t : writers) {
        t.join(30_000);
      }
    } finally {
      server.destroyForcibly();
    }
    assertTrue(
        ackedInserts.size() > 10,
        "too few writes before the kill; seed "
            + seed
            + "; writers ended with "
            + FAILURES.stream().map(RemoteCrashTest::chain).toList());
    Set<Long> present = new HashSet<>();
    try (VelesServer restarted = VelesServer.builder().path(db).port(0).start();
        Connection c = DriverManager.getConnection(restarted.clientUrl());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM kv")) {
      while (rs.next()) {
        present.add(rs.getLong(1));
      }
    }
    for (long id : ackedInserts) {
      if (!ackedDeletes.contains(id) && !uncertain.contains(id)) {
        assertTrue(present.contains(id), "acknowledged insert " + id + " lost; seed " + seed);
      }
    }
    for (long id : ackedDeletes) {
      assertTrue(!present.contains(id), "acknowledged delete " + id + " came back; seed " + seed);
    }
    System.out.printf(
        "crash test: %d inserts and %d deletes acknowledged, %d rows after restart (seed %d)%n",
        ackedInserts.size(), ackedDeletes.size(), present.size(), seed);
  }

  /** SIGTERM runs the shutdown hook: the database is checkpointed, closed and its lock released. */
  @Test
  void sigtermFlushesClosesAndReleasesTheDatabase() throws Exception {
    Path db = dir.resolve("term");
    Process server = startServer(db);
    try {
      String url = clientUrl(server);
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)"
                + " WITH (durability = 'flush_only')");
        s.executeUpdate("INSERT INTO t VALUES (1, ARRAY[1, 2]), (2, ARRAY[3, 4])");
      }
      server.destroy(); // SIGTERM
      assertTrue(server.waitFor(60, TimeUnit.SECONDS), "server did not stop on SIGTERM");
    } finally {
      server.destroyForcibly();
    }
    // a clean close leaves a checkpointed, empty log: compare with a table that never had a write
    Path empty = dir.resolve("empty");
    try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + empty);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
    }
    assertEquals(
        java.nio.file.Files.size(empty.resolve("t/vectors.wal")),
        java.nio.file.Files.size(db.resolve("t/vectors.wal")),
        "the log was not checkpointed at shutdown");
    try (Connection c = DriverManager.getConnection("jdbc:veles:path=" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
      assertTrue(rs.next());
      assertEquals(2, rs.getLong(1));
    }
  }

  private static void write(
      String url,
      long base,
      Random random,
      Set<Long> ackedInserts,
      Set<Long> ackedDeletes,
      Set<Long> uncertain) {
    List<Long> live = new ArrayList<>();
    long next = base;
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement insert = c.prepareStatement("INSERT INTO kv VALUES (?, ?)");
        PreparedStatement delete = c.prepareStatement("DELETE FROM kv WHERE id = ?")) {
      while (true) {
        if (!live.isEmpty() && random.nextInt(10) < 3) {
          long id = live.remove(random.nextInt(live.size()));
          uncertain.add(id);
          delete.setLong(1, id);
          delete.executeUpdate();
          ackedDeletes.add(id);
        } else {
          long id = next++;
          insert.setLong(1, id);
          insert.setArray(
              2,
              c.createArrayOf(
                  "REAL", new Object[] {random.nextFloat(), 1f, 2f, (float) (id % 1000)}));
          insert.executeUpdate();
          ackedInserts.add(id);
          live.add(id);
        }
      }
    } catch (SQLException | RuntimeException e) {
      // The server was killed: the operation in flight is not acknowledged.
      FAILURES.add(e);
    }
  }

  private static String chain(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c).append(" <- ");
    }
    return b.toString();
  }

  private static Process startServer(Path db) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        List.of(
            java,
            "--add-modules",
            "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED",
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.veles.cli.Main",
            "server",
            "--path",
            db.toString(),
            "--port",
            "0",
            // The PostgreSQL listener's fixed default port could be taken on a shared machine.
            "--pg-port",
            "off");
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** Reads the server's banner up to the client URL line. */
  private static String clientUrl(Process server) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.trim().startsWith("client URL:")) {
        String url = line.substring(line.indexOf("jdbc:")).trim();
        // Keep draining stdout so the child never blocks on a full pipe.
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (out.readLine() != null) {
                      // discard
                    }
                  } catch (java.io.IOException e) {
                    // child gone
                  }
                },
                "server-stdout");
        drain.setDaemon(true);
        drain.start();
        return url;
      }
    }
    throw new AssertionError("server exited before printing its URL");
  }
}

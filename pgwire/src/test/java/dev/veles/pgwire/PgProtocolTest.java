package dev.veles.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veles.server.Credential;
import dev.veles.server.Role;
import dev.veles.server.UserFile;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol's edges with pgjdbc and a raw socket: SCRAM-SHA-256 against the realm and its roles,
 * cancel, malformed and over-cap messages, a client that stops reading, many idle connections,
 * connection limits.
 */
class PgProtocolTest {
  @TempDir Path dir;

  private PgServer.Builder builder() {
    return PgServer.builder().url("jdbc:veles:path=" + dir.resolve("db") + ";create=true").port(0);
  }

  private static Properties user(String name, String password) {
    Properties p = new Properties();
    p.setProperty("user", name);
    if (password != null) {
      p.setProperty("password", password);
      // pgjdbc refuses more than 100,000 SCRAM iterations unless told; ./veles passwd stores
      // 600,000 (OWASP's figure for PBKDF2-HMAC-SHA256), which the README tells pgjdbc users.
      p.setProperty("scramMaxIterations", "600000");
    }
    return p;
  }

  @Test
  void scramAgainstTheRealmAppliesTheUsersRole() throws Exception {
    SecureRandom random = new SecureRandom();
    Path users = dir.resolve("users");
    Files.writeString(
        users,
        UserFile.line("alice", Credential.create("alice", "s3cret", random), EnumSet.of(Role.ADMIN))
            + "\n"
            + UserFile.line(
                "bob", Credential.create("bob", "pw-bob", random), EnumSet.of(Role.READ))
            + "\n");
    try (PgServer server = builder().users(users, false).start()) {
      try (Connection c = DriverManager.getConnection(server.jdbcUrl(), user("alice", "s3cret"));
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE r (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
        s.execute("INSERT INTO r VALUES (1, ARRAY[1,2])");
      }
      SQLException wrong =
          assertThrows(
              SQLException.class,
              () -> DriverManager.getConnection(server.jdbcUrl(), user("alice", "nope")));
      assertEquals("28P01", wrong.getSQLState());
      SQLException unknown =
          assertThrows(
              SQLException.class,
              () -> DriverManager.getConnection(server.jdbcUrl(), user("mallory", "x")));
      assertEquals("28P01", unknown.getSQLState());
      try (Connection c = DriverManager.getConnection(server.jdbcUrl(), user("bob", "pw-bob"));
          Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM r")) {
          assertTrue(rs.next());
          assertEquals(1, rs.getInt(1));
        }
        SQLException denied =
            assertThrows(
                SQLException.class, () -> s.execute("INSERT INTO r VALUES (2, ARRAY[1,2])"));
        assertEquals("25006", denied.getSQLState(), denied.getMessage());
      }
    }
  }

  @Test
  void trustNeedsLoopbackOrInsecure() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> builder().bind("0.0.0.0").start());
    assertTrue(e.getMessage().contains("without authentication"), e.getMessage());
  }

  @Test
  void cancelRequestStopsAStreamingQuery() throws Exception {
    try (PgServer server = builder().start()) {
      try (Connection c = DriverManager.getConnection(server.jdbcUrl(), user("u", null));
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE big (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
        StringBuilder sb = new StringBuilder("INSERT INTO big VALUES ");
        for (int i = 0; i < 400; i++) {
          sb.append(i == 0 ? "" : ",")
              .append('(')
              .append(i)
              .append(", ARRAY[")
              .append(i)
              .append(",1])");
        }
        s.execute(sb.toString());
      }
      try (Socket s = new Socket("127.0.0.1", server.port())) {
        s.setSoTimeout(30_000);
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] params = "user\0u\0\0".getBytes(StandardCharsets.US_ASCII);
        out.writeInt(8 + params.length);
        out.writeInt(3 << 16);
        out.write(params);
        out.flush();
        int pid = 0;
        int secret = 0;
        while (true) {
          char t = (char) in.readUnsignedByte();
          int len = in.readInt();
          if (t == 'K') {
            pid = in.readInt();
            secret = in.readInt();
          } else {
            in.skipNBytes(len - 4);
          }
          if (t == 'Z') {
            break;
          }
        }
        // 400^3 = 64 million rows: minutes of streaming unless cancelled.
        byte[] q = "SELECT a.id FROM big a, big b, big c\0".getBytes(StandardCharsets.US_ASCII);
        out.writeByte('Q');
        out.writeInt(4 + q.length);
        out.write(q);
        out.flush();
        int rows = 0;
        while (rows < 1000) {
          char t = (char) in.readUnsignedByte();
          in.skipNBytes(in.readInt() - 4);
          if (t == 'D') {
            rows++;
          }
        }
        try (Socket cancel = new Socket("127.0.0.1", server.port())) {
          DataOutputStream co = new DataOutputStream(cancel.getOutputStream());
          co.writeInt(16);
          co.writeInt(80877102);
          co.writeInt(pid);
          co.writeInt(secret);
          co.flush();
          assertEquals(-1, cancel.getInputStream().read(), "the server closes a cancel connection");
        }
        long start = System.nanoTime();
        String state = null;
        while (true) {
          char t = (char) in.readUnsignedByte();
          int len = in.readInt();
          byte[] body = in.readNBytes(len - 4);
          if (t == 'E') {
            String fields = new String(body, StandardCharsets.UTF_8);
            int c = fields.indexOf("\0C");
            state = fields.substring(c + 2, c + 7);
          }
          if (t == 'Z') {
            break;
          }
        }
        assertEquals("57014", state);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20));
      }
      try (Connection c = DriverManager.getConnection(server.jdbcUrl(), user("u", null));
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM big")) {
        assertTrue(rs.next());
        assertEquals(400, rs.getInt(1));
      }
    }
  }

  /** A raw protocol client: startup as user {@code u}, then whatever the test writes. */
  private static Socket startup(PgServer server) throws IOException {
    Socket s = new Socket("127.0.0.1", server.port());
    s.setSoTimeout(10_000);
    DataOutputStream out = new DataOutputStream(s.getOutputStream());
    byte[] params = "user\0u\0database\0veles\0\0".getBytes(StandardCharsets.US_ASCII);
    out.writeInt(8 + params.length);
    out.writeInt(3 << 16);
    out.write(params);
    out.flush();
    readUntil(s, 'Z');
    return s;
  }

  /** Reads messages until one of {@code type}; returns the types seen, the last included. */
  private static List<Character> readUntil(Socket s, char type) throws IOException {
    DataInputStream in = new DataInputStream(s.getInputStream());
    List<Character> seen = new ArrayList<>();
    while (true) {
      char t = (char) in.readUnsignedByte();
      int len = in.readInt();
      in.skipNBytes(len - 4);
      seen.add(t);
      if (t == type) {
        return seen;
      }
    }
  }

  @Test
  void malformedAndOverCapMessagesGetAnErrorAndTheServerKeepsServing() throws Exception {
    try (PgServer server = builder().maxMessageBytes(1 << 20).start()) {
      try (Socket s = startup(server)) {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeByte('Q');
        out.writeInt(100 << 20); // 100 MiB, over the 1 MiB cap
        out.flush();
        assertEquals(List.of('E'), readUntil(s, 'E'));
        assertEquals(-1, s.getInputStream().read(), "the server closes after an over-cap length");
      }
      try (Socket s = startup(server)) {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeByte('P'); // Parse whose strings lack their terminators
        out.writeInt(4 + 3);
        out.write(new byte[] {'a', 'b', 'c'});
        out.writeByte('S');
        out.writeInt(4);
        out.flush();
        List<Character> seen = readUntil(s, 'E');
        assertEquals('E', seen.get(seen.size() - 1));
      }
      try (Socket s = startup(server)) {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeByte('!'); // an unknown message type
        out.writeInt(4);
        out.flush();
        assertEquals(List.of('E'), readUntil(s, 'E'));
      }
      try (Connection c = DriverManager.getConnection(server.jdbcUrl(), user("u", null));
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT 40 + 2")) {
        assertTrue(rs.next());
        assertEquals(42, rs.getInt(1));
      }
      waitFor(() -> server.sessionCount() == 0);
    }
  }

  @Test
  void aClientThatStopsReadingIsClosedAfterTheWriteTimeout() throws Exception {
    try (PgServer server = builder().writeTimeout(Duration.ofSeconds(2)).start()) {
      try (Connection c = DriverManager.getConnection(server.jdbcUrl(), user("u", null));
          Statement st = c.createStatement()) {
        st.execute("CREATE TABLE w (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(16) NOT NULL)");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
          sb.append(i).append("\t[");
          for (int j = 0; j < 16; j++) {
            sb.append(j == 0 ? "" : ",").append(i + j * 0.123456);
          }
          sb.append("]\n");
        }
        new org.postgresql.copy.CopyManager(c.unwrap(org.postgresql.core.BaseConnection.class))
            .copyIn("COPY w FROM STDIN", new java.io.StringReader(sb.toString()));
      }
      try (Socket s = startup(server)) {
        s.setReceiveBufferSize(4096);
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        // Asks for the whole table many times over, never reading the reply.
        byte[] q =
            "SELECT a.v FROM w a, w b WHERE b.id < 300\0".getBytes(StandardCharsets.US_ASCII);
        out.writeByte('Q');
        out.writeInt(4 + q.length);
        out.write(q);
        out.flush();
        waitFor(() -> server.sessionCount() == 0);
      }
      try (Connection c = DriverManager.getConnection(server.jdbcUrl(), user("u", null));
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM w")) {
        assertTrue(rs.next());
        assertEquals(1000, rs.getInt(1));
      }
    }
  }

  /**
   * A connection that waits for its client longer than the idle timeout is told so (57P05) and
   * closed, whether it has started up or never sent a byte; one that keeps talking stays.
   */
  @Test
  void idleConnectionsEndAfterTheIdleTimeout() throws Exception {
    try (PgServer server = builder().idleTimeout(Duration.ofSeconds(1)).start()) {
      try (Socket idle = startup(server);
          Socket silent = new Socket("127.0.0.1", server.port())) {
        long start = System.nanoTime();
        DataInputStream in = new DataInputStream(idle.getInputStream());
        assertEquals('E', (char) in.readUnsignedByte());
        byte[] fields = new byte[in.readInt() - 4];
        in.readFully(fields);
        String error = new String(fields, StandardCharsets.UTF_8);
        assertTrue(error.contains("C57P05") && error.contains("idle"), error);
        assertEquals(-1, in.read(), "the server closes the idle connection");
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(900));
        silent.setSoTimeout(10_000);
        String told = new String(silent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(told.contains("C57P05"), "one that never started up goes too: " + told);
      }
      waitFor(() -> server.sessionCount() == 0);
      try (Connection c = DriverManager.getConnection(server.jdbcUrl(), user("u", null));
          Statement st = c.createStatement()) {
        for (int i = 0; i < 6; i++) {
          Thread.sleep(400); // 2.4 s in all, each wait shorter than the timeout
          try (ResultSet rs = st.executeQuery("SELECT 1")) {
            assertTrue(rs.next());
          }
        }
      }
    }
  }

  @Test
  void twoHundredIdleConnectionsAndTheLimits() throws Exception {
    try (PgServer server = builder().maxConnections(1000, 201).start()) {
      List<Socket> idle = new ArrayList<>();
      try {
        for (int i = 0; i < 200; i++) {
          idle.add(startup(server));
        }
        assertEquals(200, server.sessionCount());
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), user("u", null));
            Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT 1")) {
          assertTrue(rs.next());
          SQLException e =
              assertThrows(
                  SQLException.class,
                  () -> DriverManager.getConnection(server.jdbcUrl(), user("u", null)));
          assertEquals("53300", e.getSQLState());
        }
      } finally {
        for (Socket s : idle) {
          s.close();
        }
      }
      waitFor(() -> server.sessionCount() == 0);
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within 30 s");
      }
      Thread.sleep(50);
    }
  }
}

package dev.veles.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** COPY FROM STDIN and TO STDOUT through pgjdbc's CopyManager, and a client killed mid-COPY. */
class PgCopyTest {
  @TempDir Path dir;
  private PgServer server;

  @BeforeEach
  void start() throws Exception {
    server = PgServer.builder().url("jdbc:veles:path=" + dir + ";create=true").port(0).start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "tester");
    return DriverManager.getConnection(server.jdbcUrl(), p);
  }

  @Test
  void copyInTextAndCsvThenCopyOut() throws Exception {
    long seed = System.nanoTime();
    System.out.println("seed " + seed);
    Random r = new Random(seed);
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE c (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(3) NOT NULL, name VARCHAR(40), x DOUBLE)");
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      StringBuilder text = new StringBuilder();
      double sum = 0;
      for (int i = 0; i < 2500; i++) {
        double x = r.nextInt(1000) / 4.0;
        sum += x;
        text.append(i).append('\t').append("[").append(i).append(",1,2]").append('\t');
        text.append(i % 10 == 0 ? "\\N" : "tab\\there " + i).append('\t').append(x).append('\n');
      }
      assertEquals(2500, copy.copyIn("COPY c FROM STDIN", new StringReader(text.toString())));
      String csv =
          "id,v,name,x\n5000,\"[1,2,3]\",\"comma, \"\"quoted\"\"\",1.5\n5001,\"[3,2,1]\",,2.5\n";
      assertEquals(
          2,
          copy.copyIn(
              "COPY c (id, v, name, x) FROM STDIN WITH (FORMAT csv, HEADER true)",
              new StringReader(csv)));
      try (ResultSet rs = s.executeQuery("SELECT count(*), sum(x) FROM c WHERE id < 5000")) {
        assertTrue(rs.next());
        assertEquals(2500, rs.getInt(1));
        assertEquals(sum, rs.getDouble(2), 1e-6);
      }
      try (ResultSet rs = s.executeQuery("SELECT name, v FROM c WHERE id = 5000")) {
        assertTrue(rs.next());
        assertEquals("comma, \"quoted\"", rs.getString(1));
        assertEquals("[1,2,3]", rs.getString(2));
      }
      try (ResultSet rs = s.executeQuery("SELECT name FROM c WHERE id = 3")) {
        assertTrue(rs.next());
        assertEquals("tab\there 3", rs.getString(1));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertEquals(
          2,
          copy.copyOut(
              "COPY (SELECT id, v, name FROM c WHERE id >= 5000 ORDER BY id) TO STDOUT WITH (FORMAT csv)",
              out));
      assertEquals(
          "5000,\"[1,2,3]\",\"comma, \"\"quoted\"\"\"\n5001,\"[3,2,1]\",\n",
          out.toString(StandardCharsets.UTF_8));
      out.reset();
      assertEquals(2502, copy.copyOut("COPY c TO STDOUT", out));
      assertTrue(
          out.toString(StandardCharsets.UTF_8).contains("3\t[3,1,2]\ttab\\there 3\t"),
          out.toString(StandardCharsets.UTF_8).substring(0, 200));
      SQLException bad =
          assertThrows(
              SQLException.class,
              () -> copy.copyIn("COPY c FROM STDIN", new StringReader("1\tnot-a-vector\tx\t1\n")));
      assertEquals("22P02", bad.getSQLState());
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM c")) {
        assertTrue(rs.next());
        assertEquals(2502, rs.getInt(1));
      }
    }
  }

  @Test
  void aClientKilledMidCopyLeavesTheServerServing() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE k (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2) NOT NULL)");
    }
    try (Socket sock = new Socket("127.0.0.1", server.port())) {
      DataOutputStream out = new DataOutputStream(sock.getOutputStream());
      DataInputStream in = new DataInputStream(sock.getInputStream());
      byte[] params = "user\0u\0\0".getBytes(StandardCharsets.US_ASCII);
      out.writeInt(8 + params.length);
      out.writeInt(3 << 16);
      out.write(params);
      out.flush();
      while (true) {
        char t = (char) in.readUnsignedByte();
        in.skipNBytes(in.readInt() - 4);
        if (t == 'Z') {
          break;
        }
      }
      byte[] q = "COPY k FROM STDIN\0".getBytes(StandardCharsets.US_ASCII);
      out.writeByte('Q');
      out.writeInt(4 + q.length);
      out.write(q);
      out.flush();
      assertEquals('G', (char) in.readUnsignedByte());
      in.skipNBytes(in.readInt() - 4);
      byte[] rows = "1\t[1,2]\n2\t[3,4]\n3\t[5,".getBytes(StandardCharsets.US_ASCII);
      out.writeByte('d');
      out.writeInt(4 + rows.length);
      out.write(rows);
      out.flush();
    } // the client dies here, mid-row, without CopyDone
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (server.sessionCount() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(0, server.sessionCount());
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM k")) {
      assertTrue(rs.next());
      // The rows were still in the unexecuted batch when the client died: none were applied.
      assertEquals(0, rs.getInt(1));
    }
  }
}

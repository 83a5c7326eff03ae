package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veles.jdbc.remote.VectorWire;
import dev.veles.server.VelesServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Veles driver's remote mode, {@code jdbc:veles:url=http://...}: every vector shape a Java
 * caller binds arrives packed and intact, bad packed input fails with SQLSTATE 22023 without
 * writing anything, and malformed URLs fail clearly.
 */
class RemoteDriverTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(
      value = Serialization.class,
      names = {"PROTOBUF", "JSON"})
  void everyVectorShapeBindsAndSearches(Serialization serialization) throws Exception {
    try (VelesServer server =
            VelesServer.builder().path(dir).port(0).serialization(serialization).start();
        Connection c = connect(server, serialization);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE v (id BIGINT NOT NULL PRIMARY KEY, e VECTOR(3) NOT NULL)");
      List<Object> shapes =
          List.of(
              new float[] {1f, 0f, 0f},
              new double[] {0f, 1f, 0f},
              new Float[] {0f, 0f, 1f},
              List.of(0.5f, 0.5f, 0f),
              c.createArrayOf("REAL", new Float[] {0f, 0.5f, 0.5f}));
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO v VALUES (?, ?)")) {
        for (int i = 0; i < shapes.size(); i++) {
          ins.setLong(1, i);
          if (shapes.get(i) instanceof java.sql.Array a) {
            ins.setArray(2, a);
          } else {
            ins.setObject(2, shapes.get(i));
          }
          assertEquals(1, ins.executeUpdate());
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT e FROM v WHERE id = 3")) {
        assertTrue(rs.next());
        assertArrayEquals(new float[] {0.5f, 0.5f, 0f}, Remote.floats(rs.getArray(1)));
      }
      try (PreparedStatement q =
          c.prepareStatement("SELECT id FROM v ORDER BY l2_distance(e, ?) LIMIT 2")) {
        q.setObject(1, new float[] {0.1f, 0.9f, 0f});
        assertEquals(List.of(1L, 3L), ids(q));
        q.setArray(1, c.createArrayOf("REAL", new Float[] {0f, 0.1f, 0.9f}));
        assertEquals(List.of(2L, 4L), ids(q));
      }
      // A vector in a batch, and text where the parameter is text (vec(?)).
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO v VALUES (?, vec(?))")) {
        ins.setLong(1, 10);
        ins.setString(2, "[9, 9, 9]");
        ins.addBatch();
        ins.setLong(1, 11);
        ins.setString(2, "[8, 8, 8]");
        ins.addBatch();
        assertArrayEquals(new int[] {1, 1}, ins.executeBatch());
      }
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM v")) {
        assertTrue(rs.next());
        assertEquals(7, rs.getLong(1));
      }
    }
  }

  /**
   * A vector whose packed bytes start with gzip's magic number (1f 8b: one in 65,536) arrives
   * intact, and neither side's Base64 decoder tries to gunzip it (which printed a ZipException).
   */
  @ParameterizedTest
  @EnumSource(
      value = Serialization.class,
      names = {"PROTOBUF", "JSON"})
  void aVectorThatStartsLikeGzipArrivesIntactAndQuietly(Serialization serialization)
      throws Exception {
    float[] gzipLike = {Float.intBitsToFloat(0x3F808B1F), 2f, 3f}; // bytes 1f 8b 80 3f ...
    assertTrue(VectorWire.startsLikeGzip(VectorWire.pack(gzipLike)));
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stderr = System.err;
    System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    try (VelesServer server =
            VelesServer.builder().path(dir).port(0).serialization(serialization).start();
        Connection c = connect(server, serialization);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE v (id BIGINT NOT NULL PRIMARY KEY, e VECTOR(3) NOT NULL)");
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO v VALUES (?, ?)")) {
        ins.setLong(1, 1);
        ins.setObject(2, gzipLike);
        assertEquals(1, ins.executeUpdate());
        for (long id = 2; id <= 3; id++) {
          ins.setLong(1, id);
          ins.setObject(2, id == 2 ? gzipLike : new float[] {0f, 0f, 1f});
          ins.addBatch();
        }
        assertArrayEquals(new int[] {1, 1}, ins.executeBatch());
      }
      try (PreparedStatement q =
          c.prepareStatement("SELECT id, e FROM v ORDER BY l2_distance(e, ?), id LIMIT 2")) {
        q.setObject(1, gzipLike);
        try (ResultSet rs = q.executeQuery()) {
          for (long id = 1; id <= 2; id++) {
            assertTrue(rs.next());
            assertEquals(id, rs.getLong(1));
            assertArrayEquals(gzipLike, Remote.floats(rs.getArray(2)));
          }
        }
      }
    } finally {
      System.setErr(stderr);
    }
    String printed = err.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(!printed.contains("java.util.zip"), printed);
  }

  /** The Veles driver's remote mode on {@code server}, in {@code serialization}. */
  private static Connection connect(VelesServer server, Serialization serialization)
      throws SQLException {
    return DriverManager.getConnection(
        "jdbc:veles:url="
            + server.httpUrl()
            + ";serialization="
            + serialization.name().toLowerCase(java.util.Locale.ROOT));
  }

  @Test
  void badVectorsFailWith22023AndWriteNothing() throws Exception {
    try (VelesServer server = VelesServer.builder().path(dir).port(0).start();
        Connection c = DriverManager.getConnection("jdbc:veles:url=" + server.httpUrl());
        Connection stock = DriverManager.getConnection(server.clientUrl());
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE v (id BIGINT NOT NULL PRIMARY KEY, e VECTOR(3) NOT NULL)");
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO v VALUES (?, ?)")) {
        ins.setLong(1, 1);
        ins.setObject(2, new float[] {1f, 2f});
        assertEquals("22023", assertThrows(SQLException.class, ins::executeUpdate).getSQLState());
        ins.setObject(2, new float[] {1f, Float.NaN, 0f});
        assertEquals("22023", assertThrows(SQLException.class, ins::executeUpdate).getSQLState());
        SQLException nulls =
            assertThrows(SQLException.class, () -> ins.setObject(2, new Float[] {1f, null, 0f}));
        assertEquals("22023", nulls.getSQLState());
      }
      // Packed bytes from any client: a length that is not whole floats is refused.
      try (PreparedStatement ins = stock.prepareStatement("INSERT INTO v VALUES (?, ?)")) {
        ins.setLong(1, 2);
        ins.setBytes(2, new byte[] {1, 2, 3, 4, 5});
        SQLException e = assertThrows(SQLException.class, ins::executeUpdate);
        assertEquals("22023", e.getSQLState(), e.toString());
        ins.setBytes(2, VectorWire.pack(new float[] {0f, 0f, 2f}));
        assertEquals(1, ins.executeUpdate());
      }
      try (ResultSet rs = s.executeQuery("SELECT id, e FROM v")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getLong(1));
        assertArrayEquals(new float[] {0f, 0f, 2f}, Remote.floats(rs.getArray(2)));
        assertTrue(!rs.next());
      }
    }
  }

  @Test
  void malformedUrlsFailClearly() {
    SQLException both =
        assertThrows(
            SQLException.class,
            () -> DriverManager.getConnection("jdbc:veles:url=http://localhost:1;path=" + dir));
    assertTrue(both.getMessage().contains("not both"), both.toString());
    SQLException scheme =
        assertThrows(
            SQLException.class, () -> DriverManager.getConnection("jdbc:veles:url=ftp://x"));
    assertTrue(scheme.getMessage().contains("http"), scheme.toString());
    assertTrue(scheme.getSQLState().startsWith("08"), scheme.getSQLState());
    SQLException neither =
        assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:veles:"));
    assertTrue(neither.getMessage().contains("url"), neither.toString());
  }

  private static List<Long> ids(PreparedStatement ps) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }
}

package dev.veles.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Vectors ({@code REAL ARRAY}) over the stock Avatica client, both serializations: first the
 * failures of a plain {@link JdbcMeta} server, then the same calls against {@link VelesServer}.
 * Runs over {@code jdbc:calcite:}, so it needs no Veles table.
 */
class RemoteVectorTest {
  private static final String ARRAY_ROW =
      "SELECT * FROM (VALUES (7, ARRAY[CAST(0.5 AS REAL), CAST(-1.25 AS REAL), CAST(3 AS REAL)]))"
          + " AS t(id, embedding)";
  private static final float[] EXPECTED = {0.5f, -1.25f, 3f};

  private static final Map<Serialization, VelesServer> SERVERS = new EnumMap<>(Serialization.class);

  static synchronized VelesServer server(Serialization s) throws Exception {
    VelesServer server = SERVERS.get(s);
    if (server == null) {
      server = VelesServer.builder().url("jdbc:calcite:").port(0).serialization(s).start();
      SERVERS.put(s, server);
    }
    return server;
  }

  @AfterAll
  static void closeServers() throws SQLException {
    for (VelesServer s : SERVERS.values()) {
      s.close();
    }
    SERVERS.clear();
  }

  /** A stock Avatica server over the same URL: the behaviour being repaired. */
  private static <T> T withStockServer(Serialization s, StockCall<T> call) throws Exception {
    HttpServer http =
        new HttpServer.Builder<>()
            .withPort(0)
            .withHandler(new LocalService(new JdbcMeta("jdbc:calcite:")), s)
            .build();
    http.start();
    try (Connection c = DriverManager.getConnection(url(http.getPort(), s))) {
      return call.apply(c);
    } finally {
      http.stop();
    }
  }

  private interface StockCall<T> {
    T apply(Connection c) throws Exception;
  }

  private static String url(int port, Serialization s) {
    return "jdbc:avatica:remote:url=http://localhost:"
        + port
        + ";serialization="
        + s.name().toLowerCase(Locale.ROOT);
  }

  @ParameterizedTest
  @EnumSource(
      value = Serialization.class,
      names = {"PROTOBUF", "JSON"})
  void stockServerFailsOnArrayColumn(Serialization s) throws Exception {
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                withStockServer(
                    s,
                    c -> {
                      try (Statement st = c.createStatement();
                          ResultSet rs = st.executeQuery(ARRAY_ROW)) {
                        return rs.next();
                      }
                    }));
    assertTrue(e.getMessage().contains("invalid column ordinal"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(
      value = Serialization.class,
      names = {"PROTOBUF", "JSON"})
  void stockServerFailsOnArrayParameter(Serialization s) throws Exception {
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                withStockServer(
                    s,
                    c -> {
                      try (PreparedStatement ps =
                          c.prepareStatement("SELECT CAST(? AS REAL ARRAY)")) {
                        ps.setArray(1, c.createArrayOf("REAL", new Object[] {1f, 2f}));
                        try (ResultSet rs = ps.executeQuery()) {
                          return rs.next();
                        }
                      }
                    }));
    assertTrue(e.getMessage().contains("ClassCastException"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(
      value = Serialization.class,
      names = {"PROTOBUF", "JSON"})
  void selectStarReturnsVector(Serialization s) throws Exception {
    try (Connection c = DriverManager.getConnection(server(s).clientUrl());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(ARRAY_ROW)) {
      assertEquals(Types.ARRAY, rs.getMetaData().getColumnType(2));
      assertTrue(rs.next());
      assertEquals(7, rs.getInt(1));
      Array vector = rs.getArray(2);
      assertEquals(Types.REAL, vector.getBaseType());
      assertInstanceOf(Float.class, ((Object[]) vector.getArray())[0]);
      assertArrayEquals(EXPECTED, floats(vector));
      Object o = rs.getObject(2);
      assertInstanceOf(Array.class, o);
      assertArrayEquals(EXPECTED, floats((Array) o));
      assertArrayEquals(EXPECTED, floats(rs.getArray("EMBEDDING")));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Serialization.class,
      names = {"PROTOBUF", "JSON"})
  void nullVectorStaysNull(Serialization s) throws Exception {
    try (Connection c = DriverManager.getConnection(server(s).clientUrl());
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT CAST(NULL AS REAL ARRAY) AS v FROM (VALUES (1)) AS t(x)")) {
      assertTrue(rs.next());
      assertEquals(null, rs.getArray(1));
      assertTrue(rs.wasNull());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Serialization.class,
      names = {"PROTOBUF", "JSON"})
  void setArrayParameter(Serialization s) throws Exception {
    try (Connection c = DriverManager.getConnection(server(s).clientUrl());
        PreparedStatement ps = c.prepareStatement("SELECT CAST(? AS REAL ARRAY)")) {
      for (int round = 0; round < 2; round++) {
        ps.setArray(1, c.createArrayOf("REAL", new Object[] {0.5f, -1.25f, 3f}));
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertArrayEquals(EXPECTED, floats(rs.getArray(1)));
        }
      }
    }
  }

  /** JSON carries a {@code float[]} as a list of numbers; the server makes floats of them. */
  @ParameterizedTest
  @EnumSource(
      value = Serialization.class,
      names = {"JSON"})
  void setObjectFloatArrayOverJson(Serialization s) throws Exception {
    try (Connection c = DriverManager.getConnection(server(s).clientUrl());
        PreparedStatement ps = c.prepareStatement("SELECT CAST(? AS REAL ARRAY)")) {
      ps.setObject(1, EXPECTED.clone());
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertArrayEquals(EXPECTED, floats(rs.getArray(1)));
      }
    }
  }

  /**
   * The stock protobuf client cannot encode a {@code float[]} (its {@code TypedValue.toProto} has
   * no case for it) and fails before sending: no server can repair that; {@code setArray} works.
   */
  @ParameterizedTest
  @EnumSource(
      value = Serialization.class,
      names = {"PROTOBUF"})
  void setObjectFloatArrayOverProtobufFailsInTheClient(Serialization s) throws Exception {
    try (Connection c = DriverManager.getConnection(server(s).clientUrl());
        PreparedStatement ps = c.prepareStatement("SELECT CAST(? AS REAL ARRAY)")) {
      ps.setObject(1, EXPECTED.clone());
      Exception e = assertThrows(Exception.class, ps::executeQuery);
      assertTrue(String.valueOf(rootMessage(e)).contains("Unhandled value: OBJECT"), e.toString());
    }
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  static float[] floats(Array array) throws SQLException {
    Object values = array.getArray();
    List<Float> list = VectorValues.toFloatList(values);
    return VectorValues.toFloatArray(list);
  }
}

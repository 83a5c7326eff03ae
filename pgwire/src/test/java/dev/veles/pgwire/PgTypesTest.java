package dev.veles.pgwire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pgjdbc reads the column types added for issue 16 with PostgreSQL's OIDs and forms, in text
 * (simple queries) and binary (server-prepared statements with binary transfer): int2 for SMALLINT
 * and TINYINT, numeric, bpchar, time, timestamptz and bytea.
 */
class PgTypesTest {
  @org.junit.jupiter.api.io.TempDir Path dir;
  private PgServer server;

  @BeforeEach
  void start() throws Exception {
    server = PgServer.builder().url("jdbc:veles:path=" + dir + ";create=true").port(0).start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void newTypesTravelWithTheirOids(boolean binary) throws Exception {
    Properties p = new Properties();
    p.setProperty("user", "tester");
    if (binary) {
      p.setProperty("prepareThreshold", "-1"); // server-prepared from the first execution
      p.setProperty("binaryTransfer", "true");
    }
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(), p);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE p (id INTEGER PRIMARY KEY, s SMALLINT, t TINYINT, d NUMERIC(10, 2),"
              + " c CHAR(4), tm TIME, tz TIMESTAMPTZ, b BYTEA)");
      s.execute(
          "INSERT INTO p VALUES (1, -300, 7, 12.5, 'ab', TIME '12:34:56.789',"
              + " TIMESTAMP WITH LOCAL TIME ZONE '2024-01-31 12:34:56.789', X'00ff')");
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM p WHERE d > ?")) {
        ps.setBigDecimal(1, new BigDecimal("12.49"));
        try (ResultSet rs = ps.executeQuery()) {
          ResultSetMetaData md = rs.getMetaData();
          String[] names = {"int8", "int2", "int2", "numeric", "bpchar", "time", "timestamptz"};
          for (int i = 0; i < names.length; i++) {
            assertEquals(names[i], md.getColumnTypeName(i + 1), "column " + (i + 1));
          }
          assertEquals("bytea", md.getColumnTypeName(8));
          assertTrue(rs.next());
          assertEquals(-300, rs.getShort("s"));
          assertEquals(7, rs.getShort("t"));
          assertEquals(new BigDecimal("12.50"), rs.getBigDecimal("d"));
          assertEquals("ab  ", rs.getString("c"));
          assertEquals(
              java.time.LocalTime.of(12, 34, 56, 789_000_000),
              rs.getObject("tm", java.time.LocalTime.class));
          assertEquals(
              OffsetDateTime.of(2024, 1, 31, 12, 34, 56, 789_000_000, ZoneOffset.UTC),
              rs.getObject("tz", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC));
          assertArrayEquals(new byte[] {0, (byte) 0xff}, rs.getBytes("b"));
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT b FROM p")) {
        assertTrue(rs.next());
        assertArrayEquals(new byte[] {0, (byte) 0xff}, rs.getBytes(1));
      }
    }
  }
}

package dev.veles.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every column type added for issue 16 through every client: embedded, the stock Avatica client
 * (protobuf and JSON) and the Veles driver's remote mode. Values bound with the typed setters come
 * back exactly (a DECIMAL rounded half up to its scale, a CHAR blank-padded), filters with bound
 * values select the right rows, and result-set and column metadata say the declared types. A
 * TIMESTAMP WITH TIME ZONE travels as a JDBC TIMESTAMP of the instant in UTC, so a UTC calendar
 * reads and writes the exact instant; the Veles drivers also take and give {@link OffsetDateTime}.
 */
class ColumnTypesTest {
  @TempDir Path dir;

  private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

  private record Item(
      long id,
      short s,
      byte t,
      BigDecimal price,
      String code,
      int millisOfDay,
      Instant at,
      byte[] bin) {}

  @ParameterizedTest
  @EnumSource(Remote.Mode.class)
  void everyTypeRoundTripsFiltersAndDescribesItself(Remote.Mode mode) throws Exception {
    long seed = System.nanoTime();
    System.out.println("ColumnTypesTest seed " + seed + " mode " + mode);
    Random random = new Random(seed);
    try (Remote r = new Remote(mode, dir, 1);
        Connection c = r.connection()) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE it (id BIGINT PRIMARY KEY, s SMALLINT, t TINYINT, price NUMERIC(8, 2),"
                + " code CHAR(4), tm TIME, tz TIMESTAMP WITH TIME ZONE, bin VARBINARY(16),"
                + " name VARCHAR(20), body BYTEA)");
      }
      List<Item> items = new ArrayList<>();
      try (PreparedStatement p =
          c.prepareStatement("INSERT INTO it VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < 30; i++) {
          Item it =
              new Item(
                  i,
                  (short) random.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1),
                  (byte) random.nextInt(-128, 128),
                  BigDecimal.valueOf(random.nextLong(-99_999_999L, 100_000_000L), 2),
                  "c" + (char) ('a' + random.nextInt(26)),
                  random.nextInt(86_400_000),
                  Instant.ofEpochMilli(random.nextLong(-2_000_000_000_000L, 4_000_000_000_000L)),
                  randomBytes(random));
          items.add(it);
          p.setLong(1, it.id());
          p.setShort(2, it.s());
          p.setByte(3, it.t());
          p.setBigDecimal(4, it.price());
          p.setString(5, it.code());
          p.setTime(6, new Time(it.millisOfDay()), UTC);
          p.setTimestamp(7, Timestamp.from(it.at()), UTC);
          p.setBytes(8, it.bin());
          p.setString(9, "n" + i);
          p.setBytes(10, it.bin());
          assertEquals(1, p.executeUpdate());
        }
        // a scale beyond the column's rounds half up, as PostgreSQL does
        p.setLong(1, 100);
        p.setShort(2, (short) 0);
        p.setByte(3, (byte) 0);
        p.setBigDecimal(4, new BigDecimal("-1.555"));
        p.setString(5, "x");
        p.setTime(6, new Time(0), UTC);
        p.setTimestamp(7, new Timestamp(0), UTC);
        p.setBytes(8, new byte[0]);
        p.setString(9, "rounded");
        p.setBytes(10, new byte[0]);
        assertEquals(1, p.executeUpdate());
      }
      try (PreparedStatement p = c.prepareStatement("SELECT price, code FROM it WHERE id = 100");
          ResultSet rs = p.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(new BigDecimal("-1.56"), rs.getBigDecimal(1));
        assertEquals("x   ", rs.getString(2));
      }
      try (PreparedStatement p = c.prepareStatement("SELECT * FROM it WHERE id < 100 ORDER BY id");
          ResultSet rs = p.executeQuery()) {
        checkMetadata(rs.getMetaData());
        for (Item it : items) {
          assertTrue(rs.next(), "seed " + seed);
          assertEquals(it.s(), rs.getShort("s"));
          assertEquals(it.t(), rs.getByte("t"));
          assertEquals(it.price(), rs.getBigDecimal("price"));
          assertEquals((it.code() + "    ").substring(0, 4), rs.getString("code"));
          assertEquals(it.millisOfDay(), rs.getTime("tm", UTC).getTime(), "seed " + seed);
          assertEquals(it.at(), rs.getTimestamp("tz", UTC).toInstant(), "seed " + seed);
          assertArrayEquals(it.bin(), rs.getBytes("bin"));
          assertArrayEquals(it.bin(), rs.getBytes("body"));
          if (mode == Remote.Mode.EMBEDDED || mode == Remote.Mode.VELES) {
            assertEquals(
                it.at().atOffset(ZoneOffset.UTC), rs.getObject("tz", OffsetDateTime.class));
          }
        }
        assertFalse(rs.next());
      }
      Item probe = items.get(random.nextInt(items.size()));
      assertEquals(
          count(items, x -> x.price().compareTo(probe.price()) <= 0),
          count(c, "price <= ?", p -> p.setBigDecimal(1, probe.price())));
      assertEquals(
          count(items, x -> x.code().equals(probe.code())),
          count(c, "code = ?", p -> p.setString(1, probe.code())));
      assertEquals(
          count(items, x -> java.util.Arrays.equals(x.bin(), probe.bin())),
          count(c, "bin = ?", p -> p.setBytes(1, probe.bin())));
      assertEquals(
          count(items, x -> x.at().isBefore(probe.at())),
          count(c, "tz < ?", p -> p.setTimestamp(1, Timestamp.from(probe.at()), UTC)));
      assertEquals(
          count(items, x -> x.s() > probe.s()), count(c, "s > ?", p -> p.setShort(1, probe.s())));
      checkColumns(c);
      checkErrors(c);
      if (mode == Remote.Mode.EMBEDDED || mode == Remote.Mode.VELES) {
        try (PreparedStatement p = c.prepareStatement("UPDATE it SET tz = ? WHERE id = 100")) {
          p.setObject(1, OffsetDateTime.of(2024, 1, 31, 14, 0, 0, 0, ZoneOffset.ofHours(2)));
          assertEquals(1, p.executeUpdate());
        }
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT tz FROM it WHERE id = 100")) {
          assertTrue(rs.next());
          assertEquals(Instant.parse("2024-01-31T12:00:00Z"), rs.getObject(1, Instant.class));
        }
      }
    }
  }

  private static byte[] randomBytes(Random random) {
    byte[] b = new byte[random.nextInt(17)];
    random.nextBytes(b);
    return b;
  }

  private interface Binder {
    void bind(PreparedStatement p) throws SQLException;
  }

  private static long count(List<Item> items, java.util.function.Predicate<Item> p) {
    return items.stream().filter(p).count();
  }

  private static long count(Connection c, String where, Binder binder) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT count(*) FROM it WHERE id < 100 AND " + where)) {
      binder.bind(p);
      try (ResultSet rs = p.executeQuery()) {
        assertTrue(rs.next());
        return rs.getLong(1);
      }
    }
  }

  private static void checkMetadata(ResultSetMetaData md) throws SQLException {
    // column, JDBC type, type name, precision, scale, display size
    Object[][] expected = {
      {"s", Types.SMALLINT, "SMALLINT", 5, 0},
      {"t", Types.TINYINT, "TINYINT", 3, 0},
      {"price", Types.DECIMAL, "DECIMAL", 8, 2},
      {"code", Types.CHAR, "CHAR", 4, 0, 4},
      {"tm", Types.TIME, "TIME", 3, 3, 12},
      {"tz", Types.TIMESTAMP, "TIMESTAMP WITH TIME ZONE", 3, 3, 29},
      {"bin", Types.VARBINARY, "VARBINARY", 16, 0, 16},
      {"name", Types.VARCHAR, "VARCHAR", 20, 0, 20},
      {"body", Types.VARBINARY, "BYTEA", 0, 0}
    };
    for (Object[] e : expected) {
      int i = column(md, (String) e[0]);
      assertEquals(e[1], md.getColumnType(i), e[0] + " type");
      assertEquals(e[2], md.getColumnTypeName(i), e[0] + " type name");
      assertEquals(e[3], md.getPrecision(i), e[0] + " precision");
      assertEquals(e[4], md.getScale(i), e[0] + " scale");
      if (e.length > 5) {
        assertEquals(e[5], md.getColumnDisplaySize(i), e[0] + " display size");
      }
    }
  }

  private static int column(ResultSetMetaData md, String name) throws SQLException {
    for (int i = 1; i <= md.getColumnCount(); i++) {
      if (md.getColumnLabel(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    throw new AssertionError("no column " + name);
  }

  private static void checkColumns(Connection c) throws SQLException {
    // column, TYPE_NAME, DATA_TYPE, COLUMN_SIZE, DECIMAL_DIGITS (null: none)
    Object[][] expected = {
      {"s", "SMALLINT", Types.SMALLINT},
      {"t", "TINYINT", Types.TINYINT},
      {"price", "DECIMAL", Types.DECIMAL, 8, 2},
      {"code", "CHAR", Types.CHAR, 4, null},
      {"tm", "TIME", Types.TIME, 12, 3},
      {"tz", "TIMESTAMP WITH TIME ZONE", Types.TIMESTAMP, 29, 3},
      {"bin", "VARBINARY", Types.VARBINARY, 16, null},
      {"name", "VARCHAR", Types.VARCHAR, 20, null},
      {"body", "BYTEA", Types.VARBINARY}
    };
    try (ResultSet rs = c.getMetaData().getColumns(null, "public", "it", "%")) {
      java.util.Map<String, Object[]> got = new java.util.HashMap<>();
      while (rs.next()) {
        Object size = rs.getObject("COLUMN_SIZE");
        Object digits = rs.getObject("DECIMAL_DIGITS");
        got.put(
            rs.getString("COLUMN_NAME"),
            new Object[] {
              rs.getString("TYPE_NAME"),
              rs.getInt("DATA_TYPE"),
              size == null ? null : ((Number) size).intValue(),
              digits == null ? null : ((Number) digits).intValue()
            });
      }
      for (Object[] e : expected) {
        Object[] g = got.get((String) e[0]);
        assertEquals(e[1], g[0], e[0] + " TYPE_NAME");
        assertEquals(e[2], g[1], e[0] + " DATA_TYPE");
        if (e.length > 3) {
          assertEquals(e[3], g[2], e[0] + " COLUMN_SIZE");
          assertEquals(e[4], g[3], e[0] + " DECIMAL_DIGITS");
        }
      }
    }
  }

  private static void checkErrors(Connection c) throws SQLException {
    Object[][] cases = {
      {"INSERT INTO it (id, s) VALUES (200, ?)", 40_000, "22003"},
      {"INSERT INTO it (id, t) VALUES (200, ?)", 200, "22003"},
      {"INSERT INTO it (id, price) VALUES (200, ?)", new BigDecimal("1000000.00"), "22003"},
      {"INSERT INTO it (id, code) VALUES (200, ?)", "abcde", "22001"},
      {"INSERT INTO it (id, name) VALUES (200, ?)", "x".repeat(21), "22001"},
      {"INSERT INTO it (id, bin) VALUES (200, ?)", new byte[17], "22001"}
    };
    for (Object[] k : cases) {
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> {
                try (PreparedStatement p = c.prepareStatement((String) k[0])) {
                  switch (k[1]) {
                    case Integer n -> p.setInt(1, n);
                    case BigDecimal d -> p.setBigDecimal(1, d);
                    case String s -> p.setString(1, s);
                    default -> p.setBytes(1, (byte[]) k[1]);
                  }
                  p.executeUpdate();
                }
              },
              (String) k[0]);
      assertEquals(k[2], e.getSQLState(), k[0] + ": " + e.getMessage());
    }
  }
}

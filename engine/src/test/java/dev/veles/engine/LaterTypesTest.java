package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The column types added after the first schema format: values kept exactly through the WAL and
 * through a checkpoint, their range and length rules, filters with their comparison semantics, and
 * the schema format they are written in (older schemas keep theirs).
 */
class LaterTypesTest {
  @TempDir Path dir;

  static final List<ColumnSpec> COLUMNS =
      List.of(
          new ColumnSpec("s", ColumnType.SMALLINT, 0, true),
          new ColumnSpec("t", ColumnType.TINYINT, 0, true),
          new ColumnSpec("money", ColumnType.DECIMAL, 10, 2, true),
          new ColumnSpec("wide", ColumnType.DECIMAL, 40, 5, true),
          new ColumnSpec("code", ColumnType.CHAR, 4, true),
          new ColumnSpec("at", ColumnType.TIME, 0, true),
          new ColumnSpec("ts", ColumnType.TIMESTAMP_TZ, 0, true),
          new ColumnSpec("bin", ColumnType.VARBINARY, 8, true));

  static CollectionSchema schema() {
    return new CollectionSchema(
        1, Metric.L2, COLUMNS, IndexParams.DEFAULT, Durability.FSYNC, Map.of());
  }

  static Object[] values(Random r) {
    return new Object[] {
      (short) r.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1),
      (byte) r.nextInt(-128, 128),
      BigDecimal.valueOf(r.nextLong(-9_999_999_999L, 10_000_000_000L), 2),
      new BigDecimal(new java.math.BigInteger(120, r), 5).negate(),
      "ab" + (char) ('a' + r.nextInt(26)) + " ",
      r.nextLong(0, LaterTypes.MICROS_PER_DAY),
      r.nextLong(),
      r.nextBoolean() ? new byte[0] : new byte[] {(byte) r.nextInt(), 0, (byte) 0xff}
    };
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void valuesSurviveTheWalAndACheckpoint(boolean checkpoint) throws IOException {
    long seed = System.nanoTime();
    System.out.println("LaterTypesTest seed " + seed);
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    Database db = Database.open(dir, DatabaseOptions.defaults());
    VectorCollection c = db.create("t", schema());
    for (int i = 0; i < 200; i++) {
      Object[] v = values(random);
      if (i % 7 == 0) {
        v[random.nextInt(v.length)] = null;
      }
      rows.add(new Row(i, new float[] {i}, v));
    }
    c.insert(rows);
    // a patch (UPDATE of some columns) goes through the WAL's patch encoding
    Object[] patched = rows.get(3).values().clone();
    patched[2] = new BigDecimal("-0.01");
    patched[7] = new byte[] {9};
    c.upsert(List.of(new Row(3, new float[] {3}, patched)));
    rows.set(3, new Row(3, new float[] {3}, patched));
    db.close(checkpoint);
    try (Database again = Database.open(dir, DatabaseOptions.defaults())) {
      VectorCollection t = again.get("t");
      for (Row r : rows) {
        assertEquals(r, t.get(r.id()), "seed " + seed);
      }
      assertTrue(again.check().ok(), again.check().toString());
    }
    String json = Files.readString(dir.resolve("t").resolve("collection.json"));
    assertTrue(json.contains("\"format\": 4"), json);
    assertTrue(json.contains("\"scale\": 2"), json);
  }

  @Test
  void olderTypesKeepTheirSchemaFormat() throws IOException {
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      db.create(
          "old",
          new CollectionSchema(
              1,
              Metric.L2,
              List.of(new ColumnSpec("n", ColumnType.BIGINT, 0, true)),
              IndexParams.DEFAULT,
              Durability.FSYNC,
              Map.of()));
    }
    String json = Files.readString(dir.resolve("old").resolve("collection.json"));
    assertTrue(json.contains("\"format\": 2"), json);
    assertTrue(!json.contains("scale"), json);
  }

  @Test
  void rangesLengthsAndRounding() throws IOException {
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      VectorCollection c = db.create("t", schema());
      Object[] v = new Object[8];
      v[0] = 40_000; // an Integer within a SMALLINT's range would do; this one is not
      assertThrows(IllegalArgumentException.class, () -> c.insert(List.of(row(1, v))));
      v[0] = 12;
      v[1] = 300L;
      assertThrows(IllegalArgumentException.class, () -> c.insert(List.of(row(1, v))));
      v[1] = -128L;
      v[2] = new BigDecimal("99999999.995"); // rounds half up to 100000000.00: 11 digits
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> c.insert(List.of(row(1, v))));
      assertTrue(e.getMessage().contains("overflows column money"), e.getMessage());
      v[2] = new BigDecimal("-1.005");
      v[4] = "abcde";
      assertThrows(IllegalArgumentException.class, () -> c.insert(List.of(row(1, v))));
      v[4] = "ab      "; // blanks past the length are cut, as PostgreSQL does
      v[5] = LaterTypes.MICROS_PER_DAY;
      assertThrows(IllegalArgumentException.class, () -> c.insert(List.of(row(1, v))));
      v[5] = 0L;
      v[7] = new byte[9];
      e = assertThrows(IllegalArgumentException.class, () -> c.insert(List.of(row(1, v))));
      assertTrue(e.getMessage().contains("limit of 8 bytes"), e.getMessage());
      byte[] mine = {1, 2};
      v[7] = mine;
      c.insert(List.of(row(1, v)));
      mine[0] = 7; // the engine kept its own copy
      Object[] got = c.get(1).values();
      assertEquals((short) 12, got[0]);
      assertEquals((byte) -128, got[1]);
      assertEquals(new BigDecimal("-1.01"), got[2]);
      assertEquals("ab  ", got[4]);
      assertArrayEquals(new byte[] {1, 2}, (byte[]) got[7]);
      ((byte[]) got[7])[0] = 5;
      assertArrayEquals(new byte[] {1, 2}, (byte[]) c.get(1).values()[7]);
    }
  }

  static Row row(long id, Object[] v) {
    return new Row(id, new float[] {id}, v.clone());
  }

  @Test
  void filtersCompareAsSqlDoes() throws IOException {
    try (Database db = Database.open(dir, DatabaseOptions.defaults())) {
      VectorCollection c = db.create("t", schema());
      c.insert(
          List.of(
              row(
                  1,
                  new Object[] {
                    (short) -5,
                    (byte) 1,
                    bd("1.50"),
                    bd("1"),
                    "ab",
                    10L,
                    100L,
                    new byte[] {(byte) 0x80}
                  }),
              row(
                  2,
                  new Object[] {
                    (short) 7, (byte) -1, bd("2.25"), bd("-3"), "b", 20L, -100L, new byte[] {0x7f}
                  }),
              row(3, new Object[8])));
      assertArrayEquals(new long[] {1}, c.ids(cmp("s", Filter.Op.LT, 0)));
      assertArrayEquals(new long[] {2}, c.ids(cmp("t", Filter.Op.LT, 0)));
      assertArrayEquals(new long[] {1}, c.ids(cmp("money", Filter.Op.EQ, bd("1.5"))));
      assertArrayEquals(new long[] {2}, c.ids(cmp("money", Filter.Op.GT, 1.5)));
      assertArrayEquals(new long[] {1, 2}, c.ids(cmp("money", Filter.Op.LT, 1e300)));
      assertArrayEquals(new long[] {2}, c.ids(cmp("wide", Filter.Op.LE, -3L)));
      // CHAR: trailing blanks do not count, on either side
      assertArrayEquals(new long[] {1}, c.ids(cmp("code", Filter.Op.EQ, "ab")));
      assertArrayEquals(new long[] {1}, c.ids(cmp("code", Filter.Op.EQ, "ab   ")));
      assertArrayEquals(new long[] {1}, c.ids(new Filter.Like("code", "a%b", (char) 0)));
      assertArrayEquals(new long[] {1}, c.ids(cmp("at", Filter.Op.LT, 15L)));
      assertArrayEquals(new long[] {2}, c.ids(cmp("ts", Filter.Op.LT, 0L)));
      // bytes compare unsigned, as PostgreSQL's bytea
      assertArrayEquals(new long[] {1}, c.ids(cmp("bin", Filter.Op.GT, new byte[] {0x7f})));
      assertArrayEquals(new long[] {3}, c.ids(new Filter.IsNull("bin")));
      assertThrows(IllegalArgumentException.class, () -> c.ids(cmp("bin", Filter.Op.EQ, "x")));
    }
  }

  @Test
  void binaryColumnsCannotBeUniqueKeys() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new CollectionSchema(
                0,
                Metric.L2,
                COLUMNS,
                IndexParams.DEFAULT,
                Durability.FSYNC,
                Map.of(),
                List.of(List.of("bin"))));
    assertTrue(Arrays.asList(ColumnType.values()).indexOf(ColumnType.TIMESTAMP) == 7);
  }

  static BigDecimal bd(String s) {
    return new BigDecimal(s);
  }

  static Filter cmp(String col, Filter.Op op, Object v) {
    return new Filter.Compare(col, op, v);
  }
}

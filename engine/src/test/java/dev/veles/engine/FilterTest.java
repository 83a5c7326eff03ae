package dev.veles.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filters: SQL three-valued logic and exact comparisons across numeric types. */
class FilterTest {
  @TempDir Path dir;
  VectorCollection c;
  Database db;

  @BeforeEach
  void setUp() throws IOException {
    db = Database.open(dir, DatabaseOptions.defaults());
    c =
        db.create(
            "t",
            new CollectionSchema(
                1,
                Metric.L2,
                List.of(
                    new ColumnSpec("big", ColumnType.BIGINT, 0, true),
                    new ColumnSpec("dbl", ColumnType.DOUBLE, 0, true),
                    new ColumnSpec("s", ColumnType.VARCHAR, 0, true),
                    new ColumnSpec("b", ColumnType.BOOLEAN, 0, true),
                    new ColumnSpec("r", ColumnType.REAL, 0, true)),
                IndexParams.DEFAULT,
                Durability.FLUSH_ONLY,
                Map.of()));
    List<Row> rows = new ArrayList<>();
    rows.add(row(1, Long.MAX_VALUE, 0.1, "apple", true, 0.1f));
    rows.add(row(2, Long.MAX_VALUE - 1, 9007199254740993.0, "banana", false, 2f));
    rows.add(row(3, 2L, 2.5, "a_c", null, null));
    rows.add(row(4, 3L, -0.0, "100%", true, -1f));
    rows.add(row(5, null, null, null, null, null));
    c.insert(rows);
  }

  @org.junit.jupiter.api.AfterEach
  void tearDown() throws IOException {
    db.close();
  }

  static Row row(long id, Long big, Double dbl, String s, Boolean b, Float r) {
    return new Row(id, new float[] {id}, new Object[] {big, dbl, s, b, r});
  }

  long[] ids(Filter f) {
    return c.ids(f);
  }

  static Filter cmp(String col, Filter.Op op, Object v) {
    return new Filter.Compare(col, op, v);
  }

  @Test
  void exactNumericComparisons() {
    // (double) Long.MAX_VALUE == 2^63, which is greater than every long.
    assertArrayEquals(new long[] {1, 2, 3, 4}, ids(cmp("big", Filter.Op.LT, 0x1p63)));
    assertArrayEquals(new long[] {}, ids(cmp("big", Filter.Op.EQ, (double) Long.MAX_VALUE)));
    assertArrayEquals(new long[] {1}, ids(cmp("big", Filter.Op.EQ, Long.MAX_VALUE)));
    assertArrayEquals(new long[] {3}, ids(cmp("big", Filter.Op.LT, 2.5)));
    assertArrayEquals(new long[] {3}, ids(cmp("big", Filter.Op.LE, new BigDecimal("2.9"))));
    assertArrayEquals(new long[] {1, 2, 4}, ids(cmp("big", Filter.Op.GT, 2.000001)));
    assertArrayEquals(new long[] {1, 2, 3, 4}, ids(cmp("big", Filter.Op.NE, 2.5)));
    assertArrayEquals(new long[] {3}, ids(cmp("big", Filter.Op.EQ, 2)));
    // 0.1 as a double is not the decimal 0.1.
    assertArrayEquals(new long[] {}, ids(cmp("dbl", Filter.Op.EQ, new BigDecimal("0.1"))));
    assertArrayEquals(new long[] {1}, ids(cmp("dbl", Filter.Op.EQ, 0.1)));
    // 2^53 + 1 is not a double: the stored value rounded to 2^53.
    assertArrayEquals(new long[] {}, ids(cmp("dbl", Filter.Op.EQ, 9007199254740993L)));
    assertArrayEquals(new long[] {1, 2, 3, 4}, ids(cmp("dbl", Filter.Op.LT, 9007199254740993L)));
    assertArrayEquals(new long[] {}, ids(cmp("dbl", Filter.Op.GE, 9007199254740993L)));
    assertArrayEquals(new long[] {2}, ids(cmp("dbl", Filter.Op.GE, 9007199254740992L)));
    assertArrayEquals(new long[] {4}, ids(cmp("dbl", Filter.Op.EQ, 0)));
    assertArrayEquals(new long[] {1, 4}, ids(cmp("r", Filter.Op.LT, 0.5)));
    assertArrayEquals(new long[] {}, ids(cmp("r", Filter.Op.EQ, 0.1)));
    assertArrayEquals(new long[] {1}, ids(cmp("r", Filter.Op.EQ, 0.1f)));
    assertArrayEquals(new long[] {1, 2}, ids(cmp(Filter.ID, Filter.Op.LE, 2.0)));
  }

  @Test
  void threeValuedLogic() {
    Filter bigIs2 = cmp("big", Filter.Op.EQ, 2L);
    assertArrayEquals(new long[] {1, 2, 4}, ids(new Filter.Not(bigIs2)));
    assertArrayEquals(new long[] {5}, ids(new Filter.IsNull("big")));
    assertArrayEquals(new long[] {1, 2, 3, 4}, ids(new Filter.Not(new Filter.IsNull("big"))));
    Filter bTrue = cmp("b", Filter.Op.EQ, true);
    // b is NULL for 3 and 5: NOT(b = true) is unknown there.
    assertArrayEquals(new long[] {2}, ids(new Filter.Not(bTrue)));
    // unknown OR true = true; unknown AND false = false -> NOT gives true.
    assertArrayEquals(new long[] {1, 3, 4}, ids(new Filter.Or(List.of(bTrue, bigIs2))));
    Filter andF = new Filter.And(List.of(bTrue, cmp("big", Filter.Op.EQ, 99L)));
    assertArrayEquals(new long[] {1, 2, 3, 4}, ids(new Filter.Not(andF)));
    List<Object> withNull = new ArrayList<>(Arrays.asList(2L, null));
    assertArrayEquals(new long[] {3}, ids(new Filter.In("big", withNull)));
    assertArrayEquals(new long[] {}, ids(new Filter.Not(new Filter.In("big", withNull))));
    assertArrayEquals(
        new long[] {1, 2, 4}, ids(new Filter.Not(new Filter.In("big", List.of(2L, 7L)))));
  }

  @Test
  void stringsLikeAndErrors() {
    assertArrayEquals(new long[] {1, 3}, ids(new Filter.Like("s", "a%", (char) 0)));
    assertArrayEquals(new long[] {3}, ids(new Filter.Like("s", "a\\_c", '\\')));
    assertArrayEquals(new long[] {4}, ids(new Filter.Like("s", "%!%", '!')));
    assertArrayEquals(new long[] {2}, ids(new Filter.Like("s", "b_n%a", (char) 0)));
    assertArrayEquals(new long[] {2}, ids(cmp("s", Filter.Op.GT, "b")));
    assertArrayEquals(new long[] {2}, ids(cmp("b", Filter.Op.LT, true)));
    assertThrows(IllegalArgumentException.class, () -> ids(cmp("nope", Filter.Op.EQ, 1)));
    assertThrows(IllegalArgumentException.class, () -> ids(cmp("big", Filter.Op.EQ, "x")));
    assertThrows(IllegalArgumentException.class, () -> ids(new Filter.Like("big", "x", '\\')));
  }
}

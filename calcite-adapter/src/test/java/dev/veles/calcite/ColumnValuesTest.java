package dev.veles.calcite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veles.engine.ColumnSpec;
import dev.veles.engine.ColumnType;
import java.math.BigDecimal;
import java.util.Random;
import org.apache.calcite.avatica.util.ByteString;
import org.junit.jupiter.api.Test;

/**
 * Values in Calcite's representation becoming engine values of the types added for issue 16, and
 * back: PostgreSQL's rounding, padding and range rules with their SQLSTATEs.
 */
class ColumnValuesTest {
  private static ColumnSpec col(ColumnType t, int length, int scale) {
    return new ColumnSpec("c", t, length, scale, true);
  }

  private static SqlState failure(ColumnSpec c, Object v) {
    return assertThrows(VelesException.class, () -> ColumnValues.coerce(c, v)).state();
  }

  @Test
  void decimalsRoundHalfUpAndOverflowIs22003() {
    ColumnSpec money = col(ColumnType.DECIMAL, 6, 2);
    assertEquals(new BigDecimal("1.56"), ColumnValues.coerce(money, new BigDecimal("1.555")));
    assertEquals(new BigDecimal("-1.56"), ColumnValues.coerce(money, new BigDecimal("-1.555")));
    assertEquals(new BigDecimal("7.00"), ColumnValues.coerce(money, 7));
    assertEquals(new BigDecimal("0.10"), ColumnValues.coerce(money, 0.1d)); // shortest decimal
    assertEquals(new BigDecimal("9999.99"), ColumnValues.coerce(money, new BigDecimal("9999.99")));
    assertEquals(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, failure(money, new BigDecimal("9999.995")));
    assertEquals(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, failure(money, Double.NaN));
  }

  @Test
  void narrowIntegersAreRangeChecked() {
    long seed = System.nanoTime();
    System.out.println("ColumnValuesTest seed " + seed);
    Random random = new Random(seed);
    ColumnSpec s = col(ColumnType.SMALLINT, 0, 0);
    ColumnSpec t = col(ColumnType.TINYINT, 0, 0);
    for (int i = 0; i < 1000; i++) {
      long v = random.nextLong(-70_000, 70_000);
      if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
        assertEquals((short) v, ColumnValues.coerce(s, v), "seed " + seed);
      } else {
        assertEquals(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, failure(s, v), "seed " + seed);
      }
      long b = random.nextLong(-300, 300);
      if (b >= Byte.MIN_VALUE && b <= Byte.MAX_VALUE) {
        assertEquals((byte) b, ColumnValues.coerce(t, (int) b), "seed " + seed);
      } else {
        assertEquals(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, failure(t, (int) b), "seed " + seed);
      }
    }
  }

  @Test
  void charIsBlankPaddedAndTooLongIs22001() {
    ColumnSpec c = col(ColumnType.CHAR, 4, 0);
    assertEquals("ab  ", ColumnValues.coerce(c, "ab"));
    assertEquals("abcd", ColumnValues.coerce(c, "abcd   "));
    assertEquals("東京  ", ColumnValues.coerce(c, "東京"));
    assertEquals(SqlState.STRING_DATA_RIGHT_TRUNCATION, failure(c, "abcde"));
    assertEquals(
        SqlState.STRING_DATA_RIGHT_TRUNCATION, failure(col(ColumnType.VARCHAR, 3, 0), "abcd"));
  }

  @Test
  void bytesTimesAndInstantsConvertBothWays() {
    ColumnSpec bin = col(ColumnType.VARBINARY, 3, 0);
    byte[] b = (byte[]) ColumnValues.coerce(bin, new ByteString(new byte[] {1, 2}));
    assertArrayEquals(new byte[] {1, 2}, b);
    assertEquals(new ByteString(b), ColumnValues.toSql(ColumnType.VARBINARY, b));
    assertEquals(SqlState.STRING_DATA_RIGHT_TRUNCATION, failure(bin, new ByteString(new byte[4])));
    assertEquals(
        SqlState.PROGRAM_LIMIT_EXCEEDED,
        failure(col(ColumnType.VARBINARY, 0, 0), new byte[ColumnSpec.MAX_VARBINARY + 1]));
    assertArrayEquals(new byte[] {1, 0, 0}, ColumnValues.zeroPadded(new byte[] {1}, bin));
    // TIME: Calcite's int milliseconds, the engine's long microseconds
    assertEquals(45_296_789_000L, ColumnValues.coerce(col(ColumnType.TIME, 0, 0), 45_296_789));
    assertEquals(45_296_789, ColumnValues.toSql(ColumnType.TIME, 45_296_789_000L));
    // an instant before 1970 rounds down to its millisecond
    assertEquals(-2L, ColumnValues.toSql(ColumnType.TIMESTAMP_TZ, -1_001L));
    assertEquals(-1_000L, ColumnValues.toEngine(ColumnType.TIMESTAMP_TZ, -1L));
    assertTrue(ColumnValues.converted(ColumnType.TIME));
    assertTrue(!ColumnValues.converted(ColumnType.BIGINT));
  }
}

package dev.veles.jdbc.forwarding;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.TimeZone;

/**
 * The {@code java.time} values Veles's drivers bind and read beyond what Avatica's accessors do:
 * {@link OffsetDateTime} and {@link Instant} for TIMESTAMP WITH TIME ZONE columns and {@link
 * LocalTime} for TIME columns. A TIMESTAMP WITH TIME ZONE travels as a JDBC TIMESTAMP of its
 * instant read in UTC (Avatica's wire types have no offset timestamp), so these go through {@code
 * setTimestamp}/{@code getTimestamp} with a UTC calendar and give the exact instant whatever the
 * JVM's time zone. Stateless and thread-safe.
 */
public final class JavaTimeValues {
  private JavaTimeValues() {}

  private static Calendar utc() {
    return Calendar.getInstance(TimeZone.getTimeZone(ZoneOffset.UTC));
  }

  /**
   * Binds {@code x} if it is one of these types.
   *
   * @return whether it was bound
   */
  public static boolean bind(PreparedStatement ps, int index, Object x) throws SQLException {
    switch (x) {
      case OffsetDateTime t -> ps.setTimestamp(index, Timestamp.from(t.toInstant()), utc());
      case Instant t -> ps.setTimestamp(index, Timestamp.from(t), utc());
      case LocalTime t -> ps.setTime(index, new Time(t.toNanoOfDay() / 1_000_000), utc());
      case null, default -> {
        return false;
      }
    }
    return true;
  }

  /** Whether {@link #read} handles this class. */
  public static boolean reads(Class<?> type) {
    return type == OffsetDateTime.class || type == Instant.class || type == LocalTime.class;
  }

  /** Reads a column as one of the classes {@link #reads} accepts (null for NULL). */
  public static <T> T read(ResultSet rs, int column, Class<T> type) throws SQLException {
    if (type == LocalTime.class) {
      Time t = rs.getTime(column, utc());
      return t == null
          ? null
          : type.cast(LocalTime.ofNanoOfDay(Math.floorMod(t.getTime(), 86_400_000L) * 1_000_000));
    }
    Timestamp ts = rs.getTimestamp(column, utc());
    if (ts == null) {
      return null;
    }
    Instant i = ts.toInstant();
    return type.cast(type == Instant.class ? i : i.atOffset(ZoneOffset.UTC));
  }
}

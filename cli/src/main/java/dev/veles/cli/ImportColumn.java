package dev.veles.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A column of the import's target table, as {@link java.sql.DatabaseMetaData#getColumns} declares
 * it, and the conversion of file cells to its type.
 *
 * <p>The declared type decides, never the look of the cell: a VARCHAR keeps {@code [draft] title}
 * as text, a VECTOR takes {@code [1, 2]} text, a JSON array or a JSON string holding {@code [1,
 * 2]}. A blank cell is NULL in every column but a text one, where only an unquoted empty CSV field
 * (or a missing JSON key, or JSON null) is NULL and {@code ""} is the empty string. Immutable.
 *
 * @param name the column's name as the table spells it
 * @param kind how values are converted and bound
 * @param jdbcType the declared {@link Types} code (for {@code setNull})
 * @param size the declared vector dimension; 0 when there is none
 * @param notNull whether the column is declared NOT NULL
 */
record ImportColumn(String name, Kind kind, int jdbcType, int size, boolean notNull) {
  /** The conversions import knows, chosen from the declared JDBC type. */
  enum Kind {
    TEXT,
    BIGINT,
    INTEGER,
    DOUBLE,
    REAL,
    DECIMAL,
    BOOLEAN,
    DATE,
    TIMESTAMP,
    VECTOR;

    /** The kind for a declared type, or null when import cannot write that type. */
    static Kind of(int jdbcType) {
      return switch (jdbcType) {
        case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.NCHAR -> TEXT;
        case Types.BIGINT -> BIGINT;
        case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> INTEGER;
        case Types.DOUBLE, Types.FLOAT -> DOUBLE;
        case Types.REAL -> REAL;
        case Types.DECIMAL, Types.NUMERIC -> DECIMAL;
        case Types.BOOLEAN, Types.BIT -> BOOLEAN;
        case Types.DATE -> DATE;
        case Types.TIMESTAMP -> TIMESTAMP;
        case Types.ARRAY -> VECTOR;
        default -> null;
      };
    }
  }

  /**
   * Converts one cell ({@link String}, {@link JsonNode}, {@link Long}, {@code float[]} or null) to
   * the value bound for this column: String, Long, Integer, Double, Float, BigDecimal, Boolean,
   * {@link java.sql.Date}, {@link java.sql.Timestamp}, {@code float[]} or null.
   *
   * @throws IllegalArgumentException saying what is wrong with the value
   */
  Object convert(Object cell) {
    Object value = value(cell);
    if (value == null && notNull) {
      // Said here, with the row's line, rather than by the database for the whole batch.
      throw new IllegalArgumentException("no value for a NOT NULL column");
    }
    return value;
  }

  private Object value(Object cell) {
    return switch (cell) {
      case null -> null;
      case JsonNode json -> json.isNull() ? null : fromJson(json);
      case String text -> kind != Kind.TEXT && text.isBlank() ? null : fromText(text);
      case float[] v when kind == Kind.VECTOR -> vector(v);
      case Long id when kind == Kind.BIGINT -> id;
      case Long id when kind == Kind.INTEGER -> toInt(id);
      default ->
          throw new IllegalArgumentException(
              "a " + cell.getClass().getSimpleName() + " is not " + expected());
    };
  }

  private Object fromText(String text) {
    String t = text.strip();
    try {
      return switch (kind) {
        case TEXT -> text;
        case BIGINT -> Long.parseLong(t);
        case INTEGER -> toInt(Long.parseLong(t));
        case DOUBLE -> Double.parseDouble(t);
        case REAL -> Float.parseFloat(t);
        case DECIMAL -> new BigDecimal(t);
        case BOOLEAN -> bool(t);
        case DATE -> java.sql.Date.valueOf(LocalDate.parse(t));
        case TIMESTAMP -> java.sql.Timestamp.valueOf(LocalDateTime.parse(t.replace(' ', 'T')));
        case VECTOR -> vector(parseVector(t));
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("'" + abbreviate(text) + "' is not " + expected());
    }
  }

  private Object fromJson(JsonNode json) {
    if (json.isTextual()) {
      return kind == Kind.TEXT || !json.textValue().isBlank() ? fromText(json.textValue()) : null;
    }
    if (kind == Kind.VECTOR && json.isArray()) {
      float[] v = new float[json.size()];
      for (int i = 0; i < v.length; i++) {
        JsonNode c = json.get(i);
        if (!c.isNumber()) {
          throw new IllegalArgumentException("vector component " + i + " is not a number: " + c);
        }
        v[i] = c.floatValue();
      }
      return vector(v);
    }
    boolean number = json.isNumber();
    return switch (kind) {
      case TEXT -> {
        if (!number && !json.isBoolean()) {
          throw new IllegalArgumentException("a JSON " + json.getNodeType() + " is not text");
        }
        yield json.asText();
      }
      case BIGINT, INTEGER -> {
        if (!json.isIntegralNumber() || !json.canConvertToLong()) {
          throw new IllegalArgumentException(abbreviate(json.toString()) + " is not " + expected());
        }
        yield kind == Kind.BIGINT ? (Object) json.longValue() : toInt(json.longValue());
      }
      case DOUBLE, REAL, DECIMAL -> {
        if (!number) {
          throw new IllegalArgumentException(abbreviate(json.toString()) + " is not " + expected());
        }
        yield kind == Kind.DOUBLE
            ? (Object) json.doubleValue()
            : kind == Kind.REAL ? (Object) json.floatValue() : json.decimalValue();
      }
      case BOOLEAN -> {
        if (!json.isBoolean()) {
          throw new IllegalArgumentException(abbreviate(json.toString()) + " is not " + expected());
        }
        yield json.booleanValue();
      }
      case DATE, TIMESTAMP, VECTOR ->
          throw new IllegalArgumentException(abbreviate(json.toString()) + " is not " + expected());
    };
  }

  private String expected() {
    return switch (kind) {
      case TEXT -> "text";
      case BIGINT -> "a BIGINT integer";
      case INTEGER -> "an INTEGER";
      case DOUBLE, REAL, DECIMAL -> "a number";
      case BOOLEAN -> "a boolean (true/false, t/f, yes/no, 1/0)";
      case DATE -> "a date (yyyy-mm-dd)";
      case TIMESTAMP -> "a timestamp (yyyy-mm-dd hh:mm:ss[.fff])";
      case VECTOR -> "a vector [x1, x2, ...]";
    };
  }

  private static Integer toInt(long v) {
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(v + " is out of the INTEGER range");
    }
    return (int) v;
  }

  private static Boolean bool(String t) {
    return switch (t.toLowerCase(Locale.ROOT)) {
      case "true", "t", "yes", "y", "1" -> true;
      case "false", "f", "no", "n", "0" -> false;
      default -> throw new NumberFormatException(t);
    };
  }

  /** Parses pgvector's text form {@code [x1, x2, ...]}. */
  private static float[] parseVector(String t) {
    if (t.length() < 2 || t.charAt(0) != '[' || t.charAt(t.length() - 1) != ']') {
      throw new NumberFormatException(t);
    }
    String body = t.substring(1, t.length() - 1).strip();
    if (body.isEmpty()) {
      return new float[0];
    }
    String[] parts = body.split(",", -1);
    float[] v = new float[parts.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = Float.parseFloat(parts[i].strip());
    }
    return v;
  }

  private float[] vector(float[] v) {
    if (size > 0 && v.length != size) {
      throw new IllegalArgumentException(
          "the vector has " + v.length + " components, the column is VECTOR(" + size + ")");
    }
    return v;
  }

  /**
   * Binds a converted value. A vector is bound as {@code float[]}; over the stock Avatica protobuf
   * client, which cannot encode one, as an SQL array of REAL.
   */
  void bind(Connection c, PreparedStatement ps, int index, Object value, boolean arrayOfReal)
      throws SQLException {
    switch (value) {
      case null -> ps.setNull(index, jdbcType);
      case float[] v when arrayOfReal -> {
        Float[] boxed = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
          boxed[i] = v[i];
        }
        ps.setArray(index, c.createArrayOf("REAL", boxed));
      }
      case String s -> ps.setString(index, s);
      case Long l -> ps.setLong(index, l);
      case Integer i -> ps.setInt(index, i);
      case Double d -> ps.setDouble(index, d);
      case Float f -> ps.setFloat(index, f);
      case BigDecimal d -> ps.setBigDecimal(index, d);
      case Boolean b -> ps.setBoolean(index, b);
      case java.sql.Date d -> ps.setDate(index, d);
      case java.sql.Timestamp t -> ps.setTimestamp(index, t);
      default -> ps.setObject(index, value);
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}

package dev.veles.calcite;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.util.List;

/** Conversions of the many shapes a vector value takes in SQL and JDBC to {@code float[]}. */
public final class Vectors {
  private Vectors() {}

  /**
   * Converts {@code value} to a vector: a {@code float[]}, {@code double[]}, {@link List} of
   * numbers, {@link java.sql.Array}, {@code Object[]} of numbers or the text form {@code [1, 2.5]}.
   *
   * @return the vector, or {@code null} for a null value
   * @throws VelesException with SQLSTATE 22023 for anything else, naming what was given
   */
  public static float[] toFloats(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof FloatList f) {
      return f.array();
    }
    if (value instanceof float[] f) {
      return f;
    }
    if (value instanceof double[] d) {
      float[] out = new float[d.length];
      for (int i = 0; i < d.length; i++) {
        out[i] = (float) d[i];
      }
      return out;
    }
    if (value instanceof List<?> list) {
      float[] out = new float[list.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = component(list.get(i), i);
      }
      return out;
    }
    if (value instanceof Object[] arr) {
      float[] out = new float[arr.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = component(arr[i], i);
      }
      return out;
    }
    if (value instanceof Array a) {
      try {
        return toFloats(a.getArray());
      } catch (SQLException e) {
        throw new VelesException(SqlState.INVALID_PARAMETER_VALUE, "unreadable array: " + e, e);
      }
    }
    if (value instanceof String s) {
      return parse(s);
    }
    throw new VelesException(
        SqlState.INVALID_PARAMETER_VALUE,
        "expected a vector (float[], array or '[1, 2, 3]'), got " + value.getClass().getName());
  }

  private static float component(Object o, int index) {
    if (o instanceof Number n) {
      return n instanceof BigDecimal b ? b.floatValue() : n.floatValue();
    }
    if (o instanceof String s) {
      try {
        return Float.parseFloat(s.trim());
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new VelesException(
        SqlState.INVALID_PARAMETER_VALUE, "vector component " + index + " is not a number: " + o);
  }

  /** Parses the text form {@code [0.1, 0.2, ...]} (pgvector's). */
  public static float[] parse(String text) {
    String s = text.trim();
    if (s.length() < 2 || s.charAt(0) != '[' || s.charAt(s.length() - 1) != ']') {
      throw new VelesException(
          SqlState.INVALID_PARAMETER_VALUE,
          "malformed vector text '" + abbreviate(text) + "': expected [x1, x2, ...]");
    }
    String body = s.substring(1, s.length() - 1).trim();
    if (body.isEmpty()) {
      return new float[0];
    }
    String[] parts = body.split(",", -1);
    float[] out = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Float.parseFloat(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new VelesException(
            SqlState.INVALID_PARAMETER_VALUE,
            "malformed vector text: component " + i + " is '" + abbreviate(parts[i]) + "'");
      }
    }
    return out;
  }

  /** The text form of a vector, as pgvector prints it. */
  public static String format(float[] v) {
    StringBuilder sb = new StringBuilder(v.length * 8 + 2).append('[');
    for (int i = 0; i < v.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(v[i]);
    }
    return sb.append(']').toString();
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}

package dev.veles.jdbc.remote;

import java.sql.Array;
import java.sql.SQLException;
import java.util.List;

/**
 * Which values the remote client sends as packed vectors ({@link VectorWire}), and their conversion
 * to floats. The server checks dimension and finiteness; this class refuses what is not a list of
 * numbers at all.
 *
 * <p>Stateless and thread-safe.
 */
final class VectorParameters {
  private VectorParameters() {}

  /** Whether a bound value is a vector: a float or double array, numbers, or a JDBC array. */
  static boolean isVector(Object value) {
    return value instanceof float[]
        || value instanceof double[]
        || value instanceof Number[]
        || value instanceof Array
        || (value instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Number);
  }

  /**
   * The components of a vector value.
   *
   * @throws SQLException with SQLSTATE 22023 if a component is missing or not a number
   */
  static float[] toFloats(Object value) throws SQLException {
    return switch (value) {
      case float[] f -> f;
      case double[] d -> {
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
          out[i] = (float) d[i];
        }
        yield out;
      }
      case Object[] a -> {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
          out[i] = component(a[i], i);
        }
        yield out;
      }
      case List<?> l -> {
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = component(l.get(i), i);
        }
        yield out;
      }
      case Array a -> toFloats(a.getArray());
      default ->
          throw RemoteSqlState.INVALID_PARAMETER_VALUE.exception(
              "not a vector: " + value.getClass().getName(), null);
    };
  }

  private static float component(Object o, int index) throws SQLException {
    if (o instanceof Number n) {
      return n.floatValue();
    }
    throw RemoteSqlState.INVALID_PARAMETER_VALUE.exception(
        "vector component " + index + " is not a number: " + o, null);
  }
}

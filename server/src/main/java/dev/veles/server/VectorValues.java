package dev.veles.server;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Conversions of vector (numeric array) values between what Avatica's wire formats deliver and what
 * the embedded Calcite/Veles connection binds.
 *
 * <p>Avatica hands a server-side {@code PreparedStatement} three shapes for one logical vector: an
 * {@code org.apache.calcite.avatica.util.ArrayImpl} (client called {@code setArray}, both
 * serializations), a {@code List} of {@code BigDecimal}/{@code Double}/{@link TypedValue} (JSON
 * client called {@code setObject(i, float[])} or sent a list) or a primitive array. Calcite's
 * generated code reads an array parameter as a {@code List} of the component's Java class ({@code
 * Float} for {@code REAL}), so each shape is normalised to a {@code List<Float>}.
 *
 * <p>Stateless and thread-safe.
 */
public final class VectorValues {
  private VectorValues() {}

  /**
   * Returns the value a parameter should be bound as: a {@code List<Float>} for any numeric array
   * shape, the value itself otherwise.
   *
   * @throws SQLException if a {@link java.sql.Array} cannot be read
   */
  public static Object toBindable(Object value) throws SQLException {
    if (value instanceof Array array) {
      return toFloatList(array.getArray());
    }
    if (value instanceof float[] || value instanceof double[] || value instanceof Number[]) {
      return toFloatList(value);
    }
    if (value instanceof List<?> list && isNumericList(list)) {
      return toFloatList(list);
    }
    return value;
  }

  /**
   * Converts a primitive/boxed array or a list of numbers into a list of floats; a null element
   * stays null.
   *
   * @throws IllegalArgumentException naming the element that is not a number
   */
  public static List<Float> toFloatList(Object array) {
    List<?> elements = asList(array);
    List<Float> out = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      Object e = elements.get(i);
      if (e instanceof TypedValue tv) {
        e = tv.toLocal();
      }
      if (e == null) {
        out.add(null);
      } else if (e instanceof Number n) {
        out.add(n.floatValue());
      } else {
        throw new IllegalArgumentException(
            "vector element " + i + " is not a number: " + e + " (" + e.getClass().getName() + ")");
      }
    }
    return out;
  }

  /** Copies a list of numbers into a primitive float array; a null element is rejected. */
  public static float[] toFloatArray(List<?> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(values.get(i) instanceof Number n)) {
        throw new IllegalArgumentException(
            "vector element " + i + " is not a number: " + values.get(i));
      }
      out[i] = n.floatValue();
    }
    return out;
  }

  private static boolean isNumericList(List<?> list) {
    for (Object e : list) {
      Object v = e instanceof TypedValue tv ? tv.value : e;
      if (v != null && !(v instanceof Number)) {
        return false;
      }
    }
    return true;
  }

  private static List<?> asList(Object array) {
    if (array instanceof List<?> list) {
      return list;
    }
    if (array instanceof Object[] objects) {
      return java.util.Arrays.asList(objects);
    }
    if (array instanceof float[] floats) {
      List<Float> list = new ArrayList<>(floats.length);
      for (float f : floats) {
        list.add(f);
      }
      return list;
    }
    if (array instanceof double[] doubles) {
      List<Double> list = new ArrayList<>(doubles.length);
      for (double d : doubles) {
        list.add(d);
      }
      return list;
    }
    if (array instanceof int[] ints) {
      List<Integer> list = new ArrayList<>(ints.length);
      for (int v : ints) {
        list.add(v);
      }
      return list;
    }
    if (array instanceof long[] longs) {
      List<Long> list = new ArrayList<>(longs.length);
      for (long v : longs) {
        list.add(v);
      }
      return list;
    }
    throw new IllegalArgumentException(
        "not an array value: " + (array == null ? "null" : array.getClass().getName()));
  }
}

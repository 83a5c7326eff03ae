package dev.veles.calcite;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An unmodifiable {@code List<Float>} over a {@code float[]}: how a vector travels through Calcite,
 * whose internal representation of an ARRAY value is a {@link java.util.List}, without boxing every
 * component up front.
 */
public final class FloatList extends AbstractList<Float> implements RandomAccess {
  private final float[] values;

  /** Wraps {@code values}; the caller must not modify the array afterwards. */
  public FloatList(float[] values) {
    this.values = values;
  }

  @Override
  public Float get(int index) {
    return values[index];
  }

  @Override
  public int size() {
    return values.length;
  }

  /** The wrapped array; callers must not modify it. */
  public float[] array() {
    return values;
  }
}

package dev.veles.spark;

import java.util.Locale;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.connector.catalog.functions.BoundFunction;
import org.apache.spark.sql.connector.catalog.functions.ScalarFunction;
import org.apache.spark.sql.connector.catalog.functions.UnboundFunction;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * A vector distance function of the Veles catalog ({@code veles.l2_distance(a, b)}, ...), with
 * pgvector's meaning as on the servers. Spark evaluates it itself wherever it appears; under {@code
 * ORDER BY ... LIMIT k} over a Veles table the scan pushes it into every shard (see {@link
 * VelesScanBuilder#pushTopN}) and Spark only merges the shards' top-k. Immutable, thread-safe.
 */
final class DistanceFunction implements UnboundFunction, ScalarFunction<Double> {
  /** The functions, by their SQL name on Spark and on the servers. */
  enum Kind {
    L2("l2_distance"),
    COSINE("cosine_distance"),
    INNER_PRODUCT("inner_product"),
    NEGATIVE_INNER_PRODUCT("negative_inner_product"),
    L1("l1_distance");

    private final String sqlName;

    Kind(String sqlName) {
      this.sqlName = sqlName;
    }

    String sqlName() {
      return sqlName;
    }

    static Kind byName(String name) {
      String n = name.toLowerCase(Locale.ROOT);
      for (Kind k : values()) {
        if (k.sqlName.equals(n)) {
          return k;
        }
      }
      return null;
    }

    double apply(float[] a, float[] b) {
      if (a.length != b.length) {
        throw new IllegalArgumentException(
            sqlName + ": vectors of different dimensions, " + a.length + " and " + b.length);
      }
      double sum = 0;
      double na = 0;
      double nb = 0;
      for (int i = 0; i < a.length; i++) {
        switch (this) {
          case L2 -> {
            double d = (double) a[i] - b[i];
            sum += d * d;
          }
          case L1 -> sum += Math.abs((double) a[i] - b[i]);
          default -> {
            sum += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
          }
        }
      }
      return switch (this) {
        case L2 -> Math.sqrt(sum);
        case L1, INNER_PRODUCT -> sum;
        case NEGATIVE_INNER_PRODUCT -> -sum;
        case COSINE -> 1 - sum / Math.sqrt(na * nb);
      };
    }
  }

  private static final ArrayType FLOATS = DataTypes.createArrayType(DataTypes.FloatType, true);

  private final Kind kind;

  DistanceFunction(Kind kind) {
    this.kind = kind;
  }

  Kind kind() {
    return kind;
  }

  @Override
  public String name() {
    return kind.sqlName();
  }

  @Override
  public String canonicalName() {
    return "veles." + kind.sqlName();
  }

  /** How Spark's plans show it ({@code veles.l2_distance}). */
  @Override
  public String toString() {
    return canonicalName();
  }

  @Override
  public String description() {
    return kind.sqlName() + "(vector, vector): pgvector's " + kind.sqlName() + ", as in Veles";
  }

  @Override
  public BoundFunction bind(StructType inputType) {
    if (inputType.fields().length != 2) {
      throw new UnsupportedOperationException(
          kind.sqlName() + " takes two vectors, got " + inputType.fields().length + " arguments");
    }
    for (var f : inputType.fields()) {
      DataType t = f.dataType();
      if (!(t instanceof ArrayType a) || !(a.elementType() instanceof NumericType)) {
        throw new UnsupportedOperationException(
            kind.sqlName() + " takes arrays of numbers, got " + t.simpleString());
      }
    }
    return this;
  }

  @Override
  public DataType[] inputTypes() {
    return new DataType[] {FLOATS, FLOATS};
  }

  @Override
  public DataType resultType() {
    return DataTypes.DoubleType;
  }

  @Override
  public Double produceResult(InternalRow input) {
    if (input.isNullAt(0) || input.isNullAt(1)) {
      return null;
    }
    return kind.apply(floats(input.getArray(0)), floats(input.getArray(1)));
  }

  static float[] floats(ArrayData a) {
    for (int i = 0; i < a.numElements(); i++) {
      if (a.isNullAt(i)) {
        throw new IllegalArgumentException("a vector has a null element at " + i);
      }
    }
    return a.toFloatArray();
  }
}

package dev.veles.calcite.function;

import dev.veles.engine.Metric;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.ReflectiveCallNotNullImplementor;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A scalar SQL function implemented by a static method of {@link VectorFunctions}, with SQL types
 * chosen here rather than derived from Java types: vector arguments accept any value ({@code ANY})
 * so that array literals, columns, parameters and text all work, and vector results are {@code REAL
 * ARRAY}.
 *
 * <p>Immutable and thread-safe.
 */
public final class VelesFunction implements ScalarFunction, ImplementableFunction {
  private final String name;
  private final Method method;
  private final Function<RelDataTypeFactory, RelDataType> returnType;
  private final Metric metric;
  private final boolean similarity;

  private VelesFunction(
      String name,
      String methodName,
      int arity,
      Function<RelDataTypeFactory, RelDataType> returnType,
      Metric metric,
      boolean similarity) {
    this.name = name;
    Class<?>[] params = new Class<?>[arity];
    java.util.Arrays.fill(params, Object.class);
    try {
      this.method = VectorFunctions.class.getMethod(methodName, params);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
    this.returnType = returnType;
    this.metric = metric;
    this.similarity = similarity;
  }

  /** Every vector function, keyed by its SQL name. */
  public static List<VelesFunction> all() {
    Function<RelDataTypeFactory, RelDataType> dbl = t -> t.createSqlType(SqlTypeName.DOUBLE);
    Function<RelDataTypeFactory, RelDataType> integer = t -> t.createSqlType(SqlTypeName.INTEGER);
    Function<RelDataTypeFactory, RelDataType> text = t -> t.createSqlType(SqlTypeName.VARCHAR);
    Function<RelDataTypeFactory, RelDataType> vector =
        t -> t.createArrayType(t.createSqlType(SqlTypeName.REAL), -1);
    List<VelesFunction> list = new ArrayList<>();
    list.add(new VelesFunction("l2_distance", "l2Distance", 2, dbl, Metric.L2, false));
    list.add(new VelesFunction("cosine_distance", "cosineDistance", 2, dbl, Metric.COSINE, false));
    list.add(
        new VelesFunction("inner_product", "innerProduct", 2, dbl, Metric.INNER_PRODUCT, true));
    list.add(
        new VelesFunction(
            "negative_inner_product", "negativeInnerProduct", 2, dbl, Metric.INNER_PRODUCT, false));
    list.add(new VelesFunction("l1_distance", "l1Distance", 2, dbl, Metric.L1, false));
    for (VelesFunction f : List.copyOf(list)) {
      list.add(
          new VelesFunction(
              f.name + EF_SUFFIX, f.method.getName(), 3, dbl, f.metric, f.similarity));
    }
    list.add(new VelesFunction("vector_dims", "vectorDims", 1, integer, null, false));
    list.add(new VelesFunction("vector_norm", "vectorNorm", 1, dbl, null, false));
    list.add(new VelesFunction("vec", "vec", 1, vector, null, false));
    // Hidden name: Calcite resolves a call's function before typing only when the name has one
    // overload, and vec(?) must stay typeable.
    list.add(new VelesFunction(VEC_CHECKED, "vec", 2, vector, null, false));
    list.add(new VelesFunction("vec_text", "vecText", 1, text, null, false));
    return list;
  }

  /**
   * Suffix of the hidden three-argument form of each distance function, whose third argument is the
   * ef_search that a query hint asked for. Separate names keep {@code ?} parameters of the
   * two-argument forms typeable.
   */
  public static final String EF_SUFFIX = "$ef";

  /**
   * The function behind {@code CAST(x AS VECTOR(n))}: {@code vec(x)} checked to have n components.
   */
  public static final String VEC_CHECKED = "vec$dim";

  /** The names of the distance functions. */
  public static final java.util.Set<String> DISTANCE_NAMES =
      java.util.Set.of(
          "l2_distance",
          "cosine_distance",
          "inner_product",
          "negative_inner_product",
          "l1_distance");

  public String name() {
    return name;
  }

  /** The metric of a distance function, or null for other functions. */
  public Metric metric() {
    return metric;
  }

  /**
   * Whether larger values mean closer ({@code inner_product}): such a function ranks by the index
   * when ordered descending.
   */
  public boolean isSimilarity() {
    return similarity;
  }

  /** Whether this is {@code vec(text)}. */
  public boolean isVectorConstructor() {
    return name.equals("vec") || name.equals(VEC_CHECKED);
  }

  @Override
  public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
    return typeFactory.createTypeWithNullability(returnType.apply(typeFactory), true);
  }

  @Override
  public List<FunctionParameter> getParameters() {
    List<FunctionParameter> params = new ArrayList<>();
    for (int i = 0; i < method.getParameterCount(); i++) {
      final int ordinal = i;
      params.add(
          new FunctionParameter() {
            @Override
            public int getOrdinal() {
              return ordinal;
            }

            @Override
            public String getName() {
              return ordinal == 2 ? "ef_search" : "arg" + ordinal;
            }

            @Override
            public RelDataType getType(RelDataTypeFactory typeFactory) {
              return typeFactory.createTypeWithNullability(
                  typeFactory.createSqlType(SqlTypeName.ANY), true);
            }

            @Override
            public boolean isOptional() {
              return false;
            }
          });
    }
    return params;
  }

  @Override
  public CallImplementor getImplementor() {
    return RexImpTable.createImplementor(
        new ReflectiveCallNotNullImplementor(method), NullPolicy.ANY, false);
  }
}

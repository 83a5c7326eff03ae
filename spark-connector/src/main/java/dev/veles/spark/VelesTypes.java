package dev.veles.spark;

import java.sql.Types;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The mapping between Veles column types and Spark types, both ways. {@code VECTOR(n)} is {@code
 * array<float>} (elements not null; the dimension is the table's and checked on write). Spark's
 * {@code TIMESTAMP} (with the session time zone) has no Veles counterpart: Veles timestamps are
 * {@code TIMESTAMP_NTZ}. Stateless.
 */
final class VelesTypes {
  static final ArrayType VECTOR = DataTypes.createArrayType(DataTypes.FloatType, false);

  private VelesTypes() {}

  /**
   * The Spark type of a Veles column from its JDBC metadata ({@code DATA_TYPE}, {@code TYPE_NAME}).
   *
   * @throws UnsupportedOperationException for a type the connector does not map
   */
  static DataType toSpark(int jdbcType, String typeName, String column) {
    if ("VECTOR".equalsIgnoreCase(typeName)) {
      return VECTOR;
    }
    return switch (jdbcType) {
      case Types.BIGINT -> DataTypes.LongType;
      case Types.INTEGER -> DataTypes.IntegerType;
      case Types.SMALLINT -> DataTypes.ShortType;
      case Types.TINYINT -> DataTypes.ByteType;
      case Types.BOOLEAN, Types.BIT -> DataTypes.BooleanType;
      case Types.DOUBLE, Types.FLOAT -> DataTypes.DoubleType;
      case Types.REAL -> DataTypes.FloatType;
      case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR -> DataTypes.StringType;
      // a TIMESTAMP WITH TIME ZONE is also a JDBC TIMESTAMP (of its instant in UTC), told apart
      // by its name; it is not a TIMESTAMP_NTZ, and the connector does not map it yet
      case Types.TIMESTAMP ->
          typeName != null && typeName.toUpperCase(java.util.Locale.ROOT).contains("TIME ZONE")
              ? unsupported(column, typeName)
              : DataTypes.TimestampNTZType;
      case Types.DATE -> DataTypes.DateType;
      default -> unsupported(column, typeName);
    };
  }

  private static DataType unsupported(String column, String typeName) {
    throw new UnsupportedOperationException(
        "column "
            + column
            + " has the Veles type "
            + typeName
            + ", which the Spark connector does not map: not supported");
  }

  /**
   * The Veles DDL type of a Spark field; {@code dimension} is the table's vector dimension (used
   * for {@code array<float>}).
   *
   * @throws IllegalArgumentException for a Spark type Veles cannot store
   */
  static String toVeles(StructField field, int dimension) {
    DataType t = field.dataType();
    if (t instanceof ArrayType a && a.elementType().equals(DataTypes.FloatType)) {
      if (dimension < 1) {
        throw new IllegalArgumentException(
            "the vector column "
                + field.name()
                + " needs a dimension: TBLPROPERTIES ('dimension' = '<n>')");
      }
      return "VECTOR(" + dimension + ")";
    }
    if (t.equals(DataTypes.LongType)) {
      return "BIGINT";
    } else if (t.equals(DataTypes.IntegerType)) {
      return "INTEGER";
    } else if (t.equals(DataTypes.ShortType)) {
      return "SMALLINT";
    } else if (t.equals(DataTypes.ByteType)) {
      return "TINYINT";
    } else if (t.equals(DataTypes.BooleanType)) {
      return "BOOLEAN";
    } else if (t.equals(DataTypes.DoubleType)) {
      return "DOUBLE";
    } else if (t.equals(DataTypes.FloatType)) {
      return "REAL";
    } else if (t.equals(DataTypes.StringType)) {
      return "VARCHAR";
    } else if (t.equals(DataTypes.TimestampNTZType)) {
      return "TIMESTAMP";
    } else if (t.equals(DataTypes.DateType)) {
      return "DATE";
    }
    String hint =
        t.equals(DataTypes.TimestampType)
            ? " (Veles timestamps have no time zone: declare it TIMESTAMP_NTZ)"
            : "";
    throw new IllegalArgumentException(
        "column "
            + field.name()
            + " has the Spark type "
            + t.simpleString()
            + ", which Veles cannot store"
            + hint);
  }

  /** Double-quoted SQL identifier, as Veles stores the name. */
  static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}

package dev.veles.server;

import java.sql.Types;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;

/**
 * Corrects the component type that Avatica's server declares for numeric array columns.
 *
 * <p>{@code JdbcMeta} declares an array's component as {@code JAVA_OBJECT} when it prepares, and as
 * e.g. {@code REAL} with representation {@code FLOAT} after it reads the first row. Over JSON the
 * elements arrive as {@code BigDecimal}, and the stock client's float accessor casts them to {@code
 * Float}: a {@code ClassCastException} in {@code rs.getArray}. Declaring the component with
 * representation {@code NUMBER} makes the client read elements through its number accessor, which
 * converts any {@code Number} and still yields {@code Float} (for {@code REAL}) or {@code Double}
 * values; over protobuf the elements are already typed and are read the same way.
 *
 * <p>Stateless and thread-safe; it mutates the signature handed to it, which the caller owns.
 */
final class VectorSignatures {
  private VectorSignatures() {}

  /** Patches every numeric array column of a signature in place; null is ignored. */
  static void patch(Meta.Signature signature) {
    if (signature == null || signature.columns == null) {
      return;
    }
    for (ColumnMetaData column : signature.columns) {
      if (column.type instanceof ColumnMetaData.ArrayType array) {
        int id = componentId(array);
        if (id != Types.NULL) {
          array.updateComponentType(
              ColumnMetaData.scalar(id, typeName(id), ColumnMetaData.Rep.NUMBER));
        }
      }
    }
  }

  /** Patches the signatures of all result sets of an execution. */
  static Meta.ExecuteResult patch(Meta.ExecuteResult result) {
    if (result != null && result.resultSets != null) {
      List<Meta.MetaResultSet> sets = result.resultSets;
      for (Meta.MetaResultSet rs : sets) {
        patch(rs.signature);
      }
    }
    return result;
  }

  /** The component's JDBC type if it is a floating-point number, else {@link Types#NULL}. */
  static int componentId(ColumnMetaData.ArrayType array) {
    int id = array.getComponent().id;
    if (id == Types.REAL || id == Types.FLOAT || id == Types.DOUBLE) {
      return id;
    }
    // Before the first row the component is unknown; the type name says it ("REAL ARRAY").
    String name = String.valueOf(array.name).toUpperCase(Locale.ROOT).trim();
    if (name.startsWith("REAL") || name.startsWith("FLOAT") || name.startsWith("VECTOR")) {
      return Types.REAL;
    }
    if (name.startsWith("DOUBLE")) {
      return Types.DOUBLE;
    }
    return Types.NULL;
  }

  private static String typeName(int id) {
    return switch (id) {
      case Types.REAL -> "REAL";
      case Types.FLOAT -> "FLOAT";
      default -> "DOUBLE";
    };
  }
}

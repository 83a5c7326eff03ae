package dev.veles.calcite;

import dev.veles.engine.Database;
import dev.veles.engine.NoSuchCollectionException;
import dev.veles.engine.VectorCollection;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code TABLE(knn('table', query, k [, ef_search]))}: the k rows nearest to {@code query} under
 * the table's own metric, with every column plus {@code distance}, nearest first. The planner turns
 * the call into one index search (see {@code VelesRules}); the table name must be a literal so the
 * columns are known while the statement is validated.
 *
 * <p>Immutable; one instance per connection.
 */
public final class KnnTableFunction implements TableFunction {
  /** The name of the column that holds the distance. */
  public static final String DISTANCE = "distance";

  private final Database db;

  KnnTableFunction(Database db) {
    this.db = db;
  }

  /** The table the call names. */
  public VelesTable table(Object name, VelesSchema owner) {
    if (name instanceof org.apache.calcite.util.NlsString n) {
      name = n.getValue();
    }
    if (!(name instanceof String s)) {
      throw new VelesException(
          SqlState.INVALID_PARAMETER_VALUE,
          "knn needs the table name as a string literal, got " + name);
    }
    VectorCollection c = db.find(s).orElseThrow(() -> new NoSuchCollectionException(s));
    TableLayout layout = new TableLayout(c.schema());
    if (layout.vectorField() < 0) {
      throw new VelesException(
          SqlState.INVALID_PARAMETER_VALUE, "table " + s + " has no VECTOR column");
    }
    return new VelesTable(db, s, layout, owner, false);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory, List<?> arguments) {
    VelesTable t = table(arguments.get(0), null);
    RelDataTypeFactory.Builder b = typeFactory.builder();
    b.addAll(t.getRowType(typeFactory).getFieldList());
    b.add(DISTANCE, SqlTypeName.DOUBLE);
    return b.build();
  }

  @Override
  public Type getElementType(List<?> arguments) {
    return Object[].class;
  }

  @Override
  public List<FunctionParameter> getParameters() {
    List<FunctionParameter> params = new ArrayList<>();
    params.add(parameter(0, "table_name", SqlTypeName.VARCHAR, false));
    params.add(parameter(1, "query", SqlTypeName.ANY, false));
    params.add(parameter(2, "k", SqlTypeName.INTEGER, false));
    params.add(parameter(3, "ef_search", SqlTypeName.INTEGER, true));
    return params;
  }

  private static FunctionParameter parameter(
      int ordinal, String name, SqlTypeName type, boolean optional) {
    return new FunctionParameter() {
      @Override
      public int getOrdinal() {
        return ordinal;
      }

      @Override
      public String getName() {
        return name;
      }

      @Override
      public RelDataType getType(RelDataTypeFactory typeFactory) {
        // a Java type lets Calcite hand the literal table name to getRowType as a String
        if (type == SqlTypeName.VARCHAR
            && typeFactory instanceof org.apache.calcite.adapter.java.JavaTypeFactory j) {
          return typeFactory.createTypeWithNullability(j.createType(String.class), true);
        }
        return typeFactory.createTypeWithNullability(typeFactory.createSqlType(type), true);
      }

      @Override
      public boolean isOptional() {
        return optional;
      }
    };
  }
}

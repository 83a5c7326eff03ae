package dev.veles.calcite;

import dev.veles.engine.CollectionSchema;
import dev.veles.engine.ColumnSpec;
import dev.veles.engine.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * How the SQL columns of a table map onto a collection: which column is the id, which the vector,
 * and which engine column each other one is. Persisted in the collection's schema properties.
 *
 * <p>Immutable and thread-safe.
 */
public final class TableLayout {
  static final String PROP_COLUMNS = "sql.columns";
  static final String PROP_ID = "sql.id";
  static final String PROP_VECTOR = "sql.vector";

  /** What one SQL column holds. */
  public enum Kind {
    ID,
    VECTOR,
    SCALAR
  }

  private final CollectionSchema schema;
  private final List<String> names;
  private final Kind[] kinds;
  private final int[] engineColumn;
  private final int idField;
  private final int vectorField;
  private final Map<String, Integer> byName = new HashMap<>();

  public TableLayout(CollectionSchema schema) {
    this.schema = schema;
    Map<String, String> p = schema.properties();
    String idName = p.getOrDefault(PROP_ID, "id");
    String vectorName = schema.dimension() > 0 ? p.getOrDefault(PROP_VECTOR, "vector") : null;
    List<String> order = new ArrayList<>();
    String cols = p.get(PROP_COLUMNS);
    if (cols != null) {
      order.addAll(Arrays.asList(cols.split(",")));
    } else {
      order.add(idName);
      if (vectorName != null) {
        order.add(vectorName);
      }
      schema.columns().forEach(c -> order.add(c.name()));
    }
    this.names = List.copyOf(order);
    this.kinds = new Kind[names.size()];
    this.engineColumn = new int[names.size()];
    int id = -1;
    int vec = -1;
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      byName.put(n.toLowerCase(Locale.ROOT), i);
      engineColumn[i] = -1;
      if (n.equals(idName)) {
        kinds[i] = Kind.ID;
        id = i;
      } else if (n.equals(vectorName)) {
        kinds[i] = Kind.VECTOR;
        vec = i;
      } else {
        kinds[i] = Kind.SCALAR;
        engineColumn[i] = schema.columnIndex(n);
        if (engineColumn[i] < 0) {
          throw new IllegalStateException("column " + n + " missing from collection schema");
        }
      }
    }
    if (id < 0) {
      throw new IllegalStateException("no id column " + idName + " in " + names);
    }
    this.idField = id;
    this.vectorField = vec;
  }

  /** The schema properties that record a layout with these column names. */
  public static Map<String, String> properties(
      List<String> sqlColumns, String idName, String vectorName) {
    Map<String, String> p = new HashMap<>();
    p.put(PROP_COLUMNS, String.join(",", sqlColumns));
    p.put(PROP_ID, idName);
    if (vectorName != null) {
      p.put(PROP_VECTOR, vectorName);
    }
    return p;
  }

  public CollectionSchema schema() {
    return schema;
  }

  public int fieldCount() {
    return names.size();
  }

  public List<String> names() {
    return names;
  }

  public Kind kind(int field) {
    return kinds[field];
  }

  /** The engine column index of a scalar field. */
  public int engineColumn(int field) {
    return engineColumn[field];
  }

  public int idField() {
    return idField;
  }

  /** The vector field, or -1 for a table without vectors. */
  public int vectorField() {
    return vectorField;
  }

  /** The field with this name (ignoring case), or -1. */
  public int field(String name) {
    return byName.getOrDefault(name.toLowerCase(Locale.ROOT), -1);
  }

  /** The engine column name behind a field, {@link dev.veles.engine.Filter#ID} for the id. */
  public String filterColumn(int field) {
    return switch (kinds[field]) {
      case ID -> dev.veles.engine.Filter.ID;
      case SCALAR -> schema.columns().get(engineColumn[field]).name();
      case VECTOR -> null;
    };
  }

  /** The SQL row type. */
  public RelDataType rowType(RelDataTypeFactory types) {
    RelDataTypeFactory.Builder b = types.builder();
    for (int i = 0; i < names.size(); i++) {
      b.add(names.get(i), fieldType(types, i));
    }
    return b.build();
  }

  private RelDataType fieldType(RelDataTypeFactory types, int field) {
    return switch (kinds[field]) {
      case ID -> types.createSqlType(SqlTypeName.BIGINT);
      case VECTOR -> types.createArrayType(types.createSqlType(SqlTypeName.REAL), -1);
      case SCALAR -> {
        ColumnSpec c = schema.columns().get(engineColumn[field]);
        RelDataType t =
            switch (c.type()) {
              case BIGINT -> types.createSqlType(SqlTypeName.BIGINT);
              case INTEGER -> types.createSqlType(SqlTypeName.INTEGER);
              case DOUBLE -> types.createSqlType(SqlTypeName.DOUBLE);
              case REAL -> types.createSqlType(SqlTypeName.REAL);
              case BOOLEAN -> types.createSqlType(SqlTypeName.BOOLEAN);
              // unbounded here so that SQL does not cut long strings with a cast; the
              // declared length is enforced on write (22001) and reported by metadata
              case VARCHAR -> types.createSqlType(SqlTypeName.VARCHAR);
              case DATE -> types.createSqlType(SqlTypeName.DATE);
              case TIMESTAMP -> types.createSqlType(SqlTypeName.TIMESTAMP, 3);
            };
        yield types.createTypeWithNullability(t, c.nullable());
      }
    };
  }

  /** The value of {@code field} in an engine row, in Calcite's internal representation. */
  public Object value(Row row, int field) {
    return switch (kinds[field]) {
      case ID -> row.id();
      case VECTOR -> row.vector() == null ? null : new FloatList(row.vector());
      case SCALAR -> row.values()[engineColumn[field]];
    };
  }

  /**
   * Builds an engine row from a SQL row in field order (Calcite's internal representation),
   * converting numbers to each column's type.
   */
  public Row toRow(Object[] sqlRow) {
    Object id = sqlRow[idField];
    if (id == null) {
      throw new VelesException(SqlState.NOT_NULL_VIOLATION, "id must not be NULL");
    }
    float[] vector = null;
    if (vectorField >= 0) {
      vector = Vectors.toFloats(sqlRow[vectorField]);
      if (vector == null) {
        throw new VelesException(
            SqlState.NOT_NULL_VIOLATION, names.get(vectorField) + " must not be NULL");
      }
    }
    Object[] values = new Object[schema.columns().size()];
    for (int f = 0; f < names.size(); f++) {
      if (kinds[f] == Kind.SCALAR) {
        int c = engineColumn[f];
        values[c] = ColumnValues.coerce(schema.columns().get(c), sqlRow[f]);
      }
    }
    return new Row(((Number) id).longValue(), vector, values);
  }

  /** The SQL row (Calcite representation) of an engine row, all fields. */
  public Object[] toSqlRow(Row row) {
    Object[] out = new Object[names.size()];
    for (int f = 0; f < out.length; f++) {
      out[f] = value(row, f);
    }
    return out;
  }
}

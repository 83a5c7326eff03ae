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
 * <p>The engine's row id is either a declared integer key column ({@code BIGINT}/{@code INTEGER}
 * {@code PRIMARY KEY}, {@code SERIAL}, an identity column) or, for a table without such a key, the
 * hidden column {@value #HIDDEN_ID}: last in the row type, left out of {@code SELECT *}, of JDBC
 * metadata and of an {@code INSERT} without a column list, and allocated by the engine (like
 * SQLite's rowid). A declared key of another kind (VARCHAR, UUID, several columns) is a unique key
 * of the engine over scalar columns ({@link CollectionSchema#unique()}, index 0).
 *
 * <p>Immutable and thread-safe.
 */
public final class TableLayout {
  /** The SQL columns in order (comma list), the hidden row id left out. */
  public static final String PROP_COLUMNS = "sql.columns";

  /** The name of the column that is the engine's row id. */
  public static final String PROP_ID = "sql.id";

  /** The name of the VECTOR column. */
  public static final String PROP_VECTOR = "sql.vector";

  /** {@code always} or {@code by default}: the id column is an identity column. */
  public static final String PROP_IDENTITY = "sql.identity";

  /** The declared primary key's columns when it is a unique key of the engine (comma list). */
  public static final String PROP_KEY = "sql.key";

  /** Prefix of a column's {@code DEFAULT}: see {@link ColumnDefault}. */
  public static final String PROP_DEFAULT = "sql.default.";

  /**
   * Prefix of a column's declared type when it differs from the engine's ({@link #DECLARED_TYPES}).
   */
  public static final String PROP_TYPE = "sql.type.";

  /**
   * The type names recorded as declared: TEXT and UUID (engine VARCHAR), BYTEA (VARBINARY) and
   * BINARY (VARBINARY, zero-padded to its length).
   */
  public static final java.util.Set<String> DECLARED_TYPES =
      java.util.Set.of("TEXT", "UUID", "BYTEA", "BINARY");

  /**
   * The layout features a table uses (comma list); a build that does not know one refuses the
   * table, and the engine writes such a schema in a format older builds refuse by its version.
   */
  public static final String PROP_FEATURES = CollectionSchema.PROP_FEATURES;

  /** The features this build reads. */
  static final java.util.Set<String> FEATURES =
      java.util.Set.of("hidden-id", "identity", "default", "key", "type");

  /** The column types CREATE TABLE accepts, as an error message lists them. */
  public static final String SUPPORTED_TYPES =
      "SMALLINT, TINYINT, INTEGER, BIGINT, SERIAL, BIGSERIAL, REAL, DOUBLE, DECIMAL(p, s),"
          + " NUMERIC(p, s), BOOLEAN, CHAR(n), VARCHAR(n), TEXT, UUID, DATE, TIME, TIMESTAMP,"
          + " TIMESTAMP WITH TIME ZONE (TIMESTAMPTZ), VARBINARY(n), BINARY(n), BYTEA and VECTOR(n)";

  /** The name of the hidden row id of a table without an integer key. */
  public static final String HIDDEN_ID = "_rowid_";

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
  private final boolean hiddenId;
  private final String identity;
  private final int[] keyFields;
  private final ColumnDefault[] defaults;
  private final String[] declaredTypes;

  /** Whether a field's engine value differs from Calcite's representation (see {@link #value}). */
  private final boolean[] converted;

  public TableLayout(CollectionSchema schema) {
    this.schema = schema;
    Map<String, String> p = schema.properties();
    String idName = p.getOrDefault(PROP_ID, "id");
    String vectorName = schema.dimension() > 0 ? p.getOrDefault(PROP_VECTOR, "vector") : null;
    for (String f : p.getOrDefault(PROP_FEATURES, "").split(",")) {
      if (!f.isEmpty() && !FEATURES.contains(f)) {
        throw new VelesException(
            SqlState.FEATURE_NOT_SUPPORTED,
            "table uses feature '" + f + "' that this Veles build does not know: upgrade Veles");
      }
    }
    List<String> order = new ArrayList<>();
    String cols = p.get(PROP_COLUMNS);
    this.hiddenId = idName.equals(HIDDEN_ID);
    if (cols != null) {
      order.addAll(Arrays.asList(cols.split(",")));
      if (hiddenId) {
        order.add(HIDDEN_ID);
      }
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
    this.identity = p.get(PROP_IDENTITY);
    String key = p.get(PROP_KEY);
    this.keyFields =
        key == null ? new int[0] : Arrays.stream(key.split(",")).mapToInt(this::field).toArray();
    this.defaults = new ColumnDefault[names.size()];
    this.declaredTypes = new String[names.size()];
    this.converted = new boolean[names.size()];
    for (int i = 0; i < names.size(); i++) {
      String d = p.get(PROP_DEFAULT + names.get(i));
      defaults[i] = d == null ? null : ColumnDefault.parse(d);
      declaredTypes[i] = p.get(PROP_TYPE + names.get(i));
      if (kinds[i] == Kind.SCALAR) {
        converted[i] = ColumnValues.converted(schema.columns().get(engineColumn[i]).type());
      }
    }
  }

  /** Whether the id is the hidden {@value #HIDDEN_ID} (the table declares no integer key). */
  public boolean hiddenId() {
    return hiddenId;
  }

  /** Whether the engine allocates the id of a row inserted without one. */
  public boolean autoId() {
    return hiddenId || identity != null;
  }

  /** Whether the id is {@code GENERATED ALWAYS AS IDENTITY} (an explicit value is refused). */
  public boolean identityAlways() {
    return "always".equals(identity);
  }

  /** The fields of the declared primary key when it is the engine's unique key 0, else empty. */
  public int[] keyFields() {
    return keyFields.clone();
  }

  /** The {@code DEFAULT} of a field, or null. */
  public ColumnDefault defaultOf(int field) {
    return defaults[field];
  }

  /** The declared type name of a field when it differs from its SQL type (TEXT, UUID), or null. */
  public String declaredType(int field) {
    return declaredTypes[field];
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
      case ID -> types.createTypeWithNullability(types.createSqlType(SqlTypeName.BIGINT), autoId());
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
              case SMALLINT -> types.createSqlType(SqlTypeName.SMALLINT);
              case TINYINT -> types.createSqlType(SqlTypeName.TINYINT);
              case DECIMAL -> types.createSqlType(SqlTypeName.DECIMAL, c.length(), c.scale());
              // CHAR too: a CHAR(n) here would make Calcite cut longer values on INSERT instead
              // of refusing them (22001); the engine pads values to n, and metadata says CHAR(n)
              case CHAR -> types.createSqlType(SqlTypeName.VARCHAR);
              // Calcite carries times as milliseconds: TIME(3) is the most SQL can pass on
              case TIME -> types.createSqlType(SqlTypeName.TIME, 3);
              case TIMESTAMP_TZ ->
                  types.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 3);
              // unbounded for the reason VARCHAR is; the declared length is checked on write
              case VARBINARY -> types.createSqlType(SqlTypeName.VARBINARY);
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
      case SCALAR -> {
        Object v = row.values()[engineColumn[field]];
        yield converted[field] ? ColumnValues.toSql(type(field), v) : v;
      }
    };
  }

  /**
   * An engine value of a scalar field (a filter's comparison value, say) in Calcite's
   * representation.
   */
  public Object sqlValue(int field, Object engineValue) {
    return converted[field] ? ColumnValues.toSql(type(field), engineValue) : engineValue;
  }

  private dev.veles.engine.ColumnType type(int field) {
    return schema.columns().get(engineColumn[field]).type();
  }

  /**
   * A constant compared with a scalar field, from Calcite's representation to the engine's: times
   * in microseconds, bytes as an array, a UUID's canonical text (so {@code 'A0EEBC99-...'} finds
   * {@code a0eebc99-...}); null if it has no engine form for that field.
   *
   * @throws VelesException 22P02 for text compared with a UUID column that is no UUID, as
   *     PostgreSQL answers
   */
  public Object filterValue(int field, Object sqlValue) {
    if (kinds[field] != Kind.SCALAR) {
      return sqlValue;
    }
    if (sqlValue instanceof String text && "UUID".equals(declaredTypes[field])) {
      return ColumnValues.uuid(names.get(field), text);
    }
    return ColumnValues.toEngine(schema.columns().get(engineColumn[field]).type(), sqlValue);
  }

  /**
   * Builds an engine row from a SQL row in field order (Calcite's internal representation),
   * converting numbers to each column's type.
   */
  public Row toRow(Object[] sqlRow) {
    Object id = sqlRow[idField];
    if (id == null) {
      throw new VelesException(
          SqlState.NOT_NULL_VIOLATION, names.get(idField) + " must not be NULL");
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
        if (declaredTypes[f] != null && values[c] != null) {
          values[c] = declared(f, values[c]);
        }
      }
    }
    return new Row(((Number) id).longValue(), vector, values);
  }

  /** A non-null engine value of field {@code f} under its declared type's rules. */
  private Object declared(int f, Object v) {
    return switch (declaredTypes[f]) {
      case "UUID" -> ColumnValues.uuid(names.get(f), v.toString());
      case "BINARY" -> ColumnValues.zeroPadded((byte[]) v, schema.columns().get(engineColumn[f]));
      default -> v;
    };
  }

  /**
   * The engine value of a scalar field for a value in Calcite's internal representation (as in an
   * INSERT): converted to the column's type, a UUID checked.
   */
  public Object engineValue(int field, Object sqlValue) {
    ColumnSpec c = schema.columns().get(engineColumn[field]);
    Object v = ColumnValues.coerce(c, sqlValue);
    if (v != null && "UUID".equals(declaredTypes[field])) {
      v = ColumnValues.uuid(names.get(field), v.toString());
    }
    return v;
  }

  /**
   * The declared key's values of a SQL row, converted to the engine columns' types (the form {@link
   * dev.veles.engine.VectorCollection#findKey} takes), or null if one is null.
   */
  public Object[] keyValues(Object[] sqlRow) {
    Object[] out = new Object[keyFields.length];
    for (int i = 0; i < out.length; i++) {
      int f = keyFields[i];
      Object v = sqlRow[f];
      if (v == null) {
        return null;
      }
      out[i] = ColumnValues.coerce(schema.columns().get(engineColumn[f]), v);
      if (declaredTypes[f] != null) {
        out[i] = declared(f, out[i]);
      }
    }
    return out;
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

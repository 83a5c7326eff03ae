package dev.veles.calcite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * How a view is kept in the engine's view store ({@link dev.veles.engine.Database#views()}): its
 * query as Veles SQL text, its row type (fixed when it was created, as PostgreSQL fixes a view's
 * columns) and the tables it reads (so that dropping or altering one of them can be refused while
 * the view needs it).
 *
 * <p>Properties: {@code sql}, {@code tables} (comma list), {@code columns} (the count), and per
 * column {@code i}: {@code column.i} (its name) and {@code type.i} ({@code TYPE,precision,scale,
 * nullable} and, for an array, {@code ,COMPONENT}). Stateless and thread-safe.
 */
public final class ViewDefinition {
  private static final String SQL = "sql";
  private static final String TABLES = "tables";
  private static final String COLUMNS = "columns";

  private ViewDefinition() {}

  /**
   * The properties of a view.
   *
   * @throws VelesException 0A000 for a column whose type a view cannot keep
   */
  public static Map<String, String> encode(
      String sql, RelDataType rowType, List<String> columnNames, List<String> tables) {
    Map<String, String> p = new HashMap<>();
    p.put(SQL, sql);
    p.put(TABLES, String.join(",", tables));
    List<RelDataTypeField> fields = rowType.getFieldList();
    p.put(COLUMNS, Integer.toString(fields.size()));
    for (int i = 0; i < fields.size(); i++) {
      RelDataType t = fields.get(i).getType();
      p.put("column." + i, columnNames.get(i));
      String type =
          t.getSqlTypeName().name()
              + ","
              + t.getPrecision()
              + ","
              + t.getScale()
              + ","
              + t.isNullable();
      if (t.getSqlTypeName() == SqlTypeName.ARRAY) {
        RelDataType c = t.getComponentType();
        if (c == null || c.getSqlTypeName().getFamily() == null || c.getComponentType() != null) {
          throw unsupported(columnNames.get(i), t);
        }
        type += "," + c.getSqlTypeName().name();
      } else if (t.isStruct() || t.getComponentType() != null || t.getKeyType() != null) {
        throw unsupported(columnNames.get(i), t);
      }
      p.put("type." + i, type);
    }
    return p;
  }

  private static VelesException unsupported(String column, RelDataType t) {
    return new VelesException(
        SqlState.FEATURE_NOT_SUPPORTED,
        "view column " + column + " of type " + t.getFullTypeString() + " is not supported");
  }

  /** The view's query. */
  public static String sql(Map<String, String> p) {
    return p.get(SQL);
  }

  /** The tables the view reads. */
  public static List<String> tables(Map<String, String> p) {
    String t = p.getOrDefault(TABLES, "");
    return t.isEmpty() ? List.of() : Arrays.asList(t.split(","));
  }

  /** The view's column names. */
  public static List<String> columnNames(Map<String, String> p) {
    int n = Integer.parseInt(p.get(COLUMNS));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(p.get("column." + i));
    }
    return out;
  }

  /** The view's row type. */
  public static RelDataType rowType(Map<String, String> p, RelDataTypeFactory f) {
    int n = Integer.parseInt(p.get(COLUMNS));
    RelDataTypeFactory.Builder b = f.builder();
    for (int i = 0; i < n; i++) {
      String[] t = p.get("type." + i).split(",");
      SqlTypeName name = SqlTypeName.valueOf(t[0]);
      RelDataType type;
      if (name == SqlTypeName.ARRAY) {
        type = f.createArrayType(f.createSqlType(SqlTypeName.valueOf(t[4])), -1);
      } else {
        type = sqlType(f, name, Integer.parseInt(t[1]), Integer.parseInt(t[2]));
      }
      b.add(p.get("column." + i), f.createTypeWithNullability(type, Boolean.parseBoolean(t[3])));
    }
    return b.build();
  }

  private static RelDataType sqlType(
      RelDataTypeFactory f, SqlTypeName name, int precision, int scale) {
    if (name.allowsScale() && scale != RelDataType.SCALE_NOT_SPECIFIED) {
      return f.createSqlType(name, precision, scale);
    }
    if (name.allowsPrec() && precision != RelDataType.PRECISION_NOT_SPECIFIED) {
      return f.createSqlType(name, precision);
    }
    return f.createSqlType(name);
  }

  /** Whether {@code name} names a table the view reads (ignoring case, as lookups do). */
  public static boolean reads(Map<String, String> p, String name) {
    return tables(p).stream()
        .anyMatch(t -> t.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)));
  }
}

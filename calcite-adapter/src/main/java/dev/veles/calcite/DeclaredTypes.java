package dev.veles.calcite;

import dev.veles.engine.ColumnSpec;
import java.sql.Types;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;

/**
 * The JDBC type a client sees for a table column as it was declared, where the SQL type Calcite
 * works with differs (CHAR(n) and VARCHAR(n) travel as unbounded VARCHAR, VARBINARY(n) as unbounded
 * VARBINARY, TIMESTAMP WITH TIME ZONE as Calcite's TIMESTAMP WITH LOCAL TIME ZONE): used by {@code
 * getColumns} and by result-set metadata, so both say the same. Stateless and thread-safe.
 */
final class DeclaredTypes {
  private DeclaredTypes() {}

  /**
   * What JDBC reports for a column.
   *
   * @param jdbcType the {@link Types} code
   * @param name the type name
   * @param size the column size (precision), null where it has none
   * @param scale the decimal digits, null where it has none
   * @param displaySize the display size
   */
  record Info(int jdbcType, String name, Integer size, Integer scale, int displaySize) {}

  /** Characters in {@code HH:MM:SS.fff}: the TIME Veles passes through SQL (milliseconds). */
  static final int TIME_SIZE = 12;

  /** Characters in {@code YYYY-MM-DD HH:MM:SS.fff+HH:MM}. */
  static final int TIMESTAMP_TZ_SIZE = 29;

  /** The declared type of a scalar field, or null for the id and vector fields. */
  static Info of(TableLayout layout, int field) {
    if (layout.kind(field) != TableLayout.Kind.SCALAR) {
      return null;
    }
    ColumnSpec c = layout.schema().columns().get(layout.engineColumn(field));
    String declared = layout.declaredType(field);
    Integer n = c.length() > 0 ? c.length() : null;
    int display = n == null ? Integer.MAX_VALUE : n;
    return switch (c.type()) {
      case BIGINT -> new Info(Types.BIGINT, "BIGINT", 19, 0, 20);
      case INTEGER -> new Info(Types.INTEGER, "INTEGER", 10, 0, 11);
      case SMALLINT -> new Info(Types.SMALLINT, "SMALLINT", 5, 0, 6);
      case TINYINT -> new Info(Types.TINYINT, "TINYINT", 3, 0, 4);
      case DOUBLE -> new Info(Types.DOUBLE, "DOUBLE", 15, null, 25);
      case REAL -> new Info(Types.REAL, "REAL", 7, null, 15);
      case BOOLEAN -> new Info(Types.BOOLEAN, "BOOLEAN", 1, null, 5);
      // sign and decimal point besides the digits
      case DECIMAL -> new Info(Types.DECIMAL, "DECIMAL", c.length(), c.scale(), c.length() + 2);
      case VARCHAR ->
          new Info(Types.VARCHAR, declared == null ? "VARCHAR" : declared, n, null, display);
      case CHAR -> new Info(Types.CHAR, "CHAR", c.length(), null, c.length());
      case DATE -> new Info(Types.DATE, "DATE", 10, 0, 10);
      case TIME -> new Info(Types.TIME, "TIME", TIME_SIZE, 3, TIME_SIZE);
      case TIMESTAMP -> new Info(Types.TIMESTAMP, "TIMESTAMP", 23, 3, 23);
      // a java.sql.Timestamp of the instant, as pgjdbc reports timestamptz (see the README)
      case TIMESTAMP_TZ ->
          new Info(
              Types.TIMESTAMP, "TIMESTAMP WITH TIME ZONE", TIMESTAMP_TZ_SIZE, 3, TIMESTAMP_TZ_SIZE);
      case VARBINARY ->
          "BINARY".equals(declared)
              ? new Info(Types.BINARY, "BINARY", n, null, display)
              : new Info(
                  Types.VARBINARY, declared == null ? "VARBINARY" : declared, n, null, display);
    };
  }

  /**
   * Rewrites the result columns of a prepared statement that come straight from a table column
   * ({@code SELECT c FROM t}) to say the column's declared type, precision, scale and display size.
   * The value representation ({@link ColumnMetaData.AvaticaType#rep}) stays Calcite's, so reading
   * values is unchanged; a CHAR column is reported as {@link Types#CHAR}, whose values are already
   * padded to its length.
   */
  static void apply(CalciteSignature<?> signature, VelesSchema schema) {
    List<ColumnMetaData> columns = signature.columns;
    for (int i = 0; i < columns.size(); i++) {
      ColumnMetaData m = columns.get(i);
      if (m.tableName == null || m.columnName == null || m.type == null) {
        continue;
      }
      TableLayout layout =
          schema.database().find(m.tableName).map(c -> new TableLayout(c.schema())).orElse(null);
      int field = layout == null ? -1 : layout.field(m.columnName);
      if (field < 0 || !reworded(layout, field)) {
        continue;
      }
      Info info = of(layout, field);
      if (info == null || !compatible(m.type.id, info.jdbcType)) {
        continue;
      }
      ColumnMetaData.AvaticaType type = ColumnMetaData.scalar(info.jdbcType, info.name, m.type.rep);
      columns.set(
          i,
          new ColumnMetaData(
              m.ordinal,
              m.autoIncrement,
              m.caseSensitive,
              m.searchable,
              m.currency,
              m.nullable,
              m.signed,
              info.displaySize,
              m.label,
              m.columnName,
              m.schemaName,
              // result-set precision of a time is its fractional digits, as Calcite reports it
              info.jdbcType == Types.TIME || info.jdbcType == Types.TIMESTAMP
                  ? 3
                  : info.size == null ? 0 : info.size,
              info.scale == null ? 0 : info.scale,
              m.tableName,
              m.catalogName,
              type,
              m.readOnly,
              m.writable,
              m.definitelyWritable,
              m.columnClassName));
    }
  }

  /** Whether Calcite's metadata of a field differs from its declared type (else it is kept). */
  private static boolean reworded(TableLayout layout, int field) {
    if (layout.kind(field) != TableLayout.Kind.SCALAR) {
      return false;
    }
    return switch (layout.schema().columns().get(layout.engineColumn(field)).type()) {
      case VARCHAR, CHAR, TIME, TIMESTAMP_TZ, VARBINARY -> true;
      default -> false;
    };
  }

  /** Whether the declared type can stand in for Calcite's without changing how values are read. */
  private static boolean compatible(int calcite, int declared) {
    return calcite == declared
        || (calcite == Types.VARCHAR && declared == Types.CHAR)
        || (calcite == Types.VARBINARY && declared == Types.BINARY);
  }
}

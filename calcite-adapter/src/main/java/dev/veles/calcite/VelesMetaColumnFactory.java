package dev.veles.calcite;

import java.sql.Types;
import java.util.Locale;
import org.apache.calcite.avatica.MetaImpl.MetaColumn;
import org.apache.calcite.jdbc.CalciteMetaColumnFactory;
import org.apache.calcite.schema.Table;

/**
 * Describes columns to JDBC metadata callers (SQL clients browsing tables) with clean type names:
 * {@code VECTOR} with its dimension as the column size, {@code VARCHAR} with its length, and no
 * nullability inside type names. Named by the connection property {@code metaColumnFactory}.
 */
public final class VelesMetaColumnFactory implements CalciteMetaColumnFactory {
  public static final VelesMetaColumnFactory INSTANCE = new VelesMetaColumnFactory();

  private VelesMetaColumnFactory() {}

  @Override
  public MetaColumn createColumn(
      Table table,
      String tableCat,
      String tableSchem,
      String tableName,
      String columnName,
      int dataType,
      String typeName,
      Integer columnSize,
      Integer decimalDigits,
      int numPrecRadix,
      int nullable,
      Integer charOctetLength,
      int ordinalPosition,
      String isNullable) {
    String type = cleanTypeName(typeName);
    Integer size = columnSize != null && columnSize < 0 ? null : columnSize;
    if (table instanceof VelesTable t) {
      TableLayout layout = t.layout();
      int field = layout.field(columnName);
      if (field >= 0 && layout.kind(field) == TableLayout.Kind.VECTOR) {
        type = "VECTOR";
        dataType = Types.ARRAY;
        size = layout.schema().dimension();
      } else if (field >= 0 && layout.kind(field) == TableLayout.Kind.SCALAR) {
        // the declared type: TEXT and UUID stay VARCHAR (UUID in its 36-character text form),
        // which every client reads, with the declared name; see DeclaredTypes for the others
        DeclaredTypes.Info info = DeclaredTypes.of(layout, field);
        type = info.name();
        switch (layout.schema().columns().get(layout.engineColumn(field)).type()) {
          case VARCHAR -> size = info.size() != null ? info.size() : size;
          case CHAR, TIME, TIMESTAMP_TZ, VARBINARY -> {
            dataType = info.jdbcType();
            size = info.size();
            decimalDigits = info.scale();
          }
          default -> {} // Calcite's size and digits are the declared ones
        }
      }
    }
    return new MetaColumn(
        tableCat,
        tableSchem,
        tableName,
        columnName,
        dataType,
        type,
        size,
        decimalDigits,
        numPrecRadix,
        nullable,
        size != null && (dataType == Types.VARCHAR || dataType == Types.CHAR) ? size : null,
        ordinalPosition,
        isNullable);
  }

  /** {@code VARCHAR(20) NOT NULL} → {@code VARCHAR}; {@code REAL ARRAY} stays. */
  static String cleanTypeName(String full) {
    String t = full.toUpperCase(Locale.ROOT).replace(" NOT NULL", "");
    t = t.replaceAll("\\(.*?\\)", "");
    if (t.startsWith("CHAR") && !t.startsWith("CHARACTER")) {
      return t;
    }
    return t.trim();
  }

  @Override
  public Class<? extends MetaColumn> getMetaColumnClass() {
    return MetaColumn.class;
  }
}

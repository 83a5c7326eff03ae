package dev.veles.calcite;

import dev.veles.engine.CollectionSchema;
import dev.veles.engine.Database;
import dev.veles.engine.VectorCollection;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/** The system table {@code veles.collections}: one row per table with its engine settings. */
final class CollectionsTable extends AbstractTable implements ScannableTable {
  private final Database db;

  CollectionsTable(Database db) {
    this.db = db;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory t) {
    return t.builder()
        .add("table_name", SqlTypeName.VARCHAR)
        .add("row_count", SqlTypeName.BIGINT)
        .add("dimension", SqlTypeName.INTEGER)
        .add("metric", SqlTypeName.VARCHAR)
        .add("m", SqlTypeName.INTEGER)
        .add("ef_construction", SqlTypeName.INTEGER)
        .add("ef_search", SqlTypeName.INTEGER)
        .add("durability", SqlTypeName.VARCHAR)
        .add("fragmentation", SqlTypeName.DOUBLE)
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    for (String name : db.names()) {
      VectorCollection c = db.find(name).orElse(null);
      if (c == null) {
        continue;
      }
      CollectionSchema s = c.schema();
      rows.add(
          new Object[] {
            name,
            c.size(),
            s.dimension(),
            s.metric().sqlName(),
            s.index().m(),
            s.index().efConstruction(),
            s.index().efSearch(),
            s.durability().name().toLowerCase(java.util.Locale.ROOT),
            c.fragmentation()
          });
    }
    return Linq4j.asEnumerable(rows);
  }
}

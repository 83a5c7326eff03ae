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

/**
 * The system table {@code veles.collections}: one row per table with its engine settings and its
 * state: {@code ok}, or {@code damaged: <file, offset and problem>} for a table whose files failed
 * their checks on open (its other columns are null where the schema could not be read) or whose
 * damage a read or {@code CALL check} found since.
 */
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
        .nullable(true)
        .add("dimension", SqlTypeName.INTEGER)
        .nullable(true)
        .add("metric", SqlTypeName.VARCHAR)
        .nullable(true)
        .add("m", SqlTypeName.INTEGER)
        .nullable(true)
        .add("ef_construction", SqlTypeName.INTEGER)
        .nullable(true)
        .add("ef_search", SqlTypeName.INTEGER)
        .nullable(true)
        .add("durability", SqlTypeName.VARCHAR)
        .nullable(true)
        .add("fragmentation", SqlTypeName.DOUBLE)
        .nullable(true)
        .add("state", SqlTypeName.VARCHAR)
        .build();
  }

  private static Object[] row(
      String name, CollectionSchema s, Long size, Double fragmentation, String state) {
    if (s == null) {
      return new Object[] {name, null, null, null, null, null, null, null, null, state};
    }
    return new Object[] {
      name,
      size,
      s.dimension(),
      s.metric().sqlName(),
      s.index().m(),
      s.index().efConstruction(),
      s.index().efSearch(),
      s.durability().name().toLowerCase(java.util.Locale.ROOT),
      fragmentation,
      state
    };
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    for (String name : db.names()) {
      VectorCollection c = db.find(name).orElse(null);
      if (c != null) {
        String state = c.damage().map(d -> "damaged: " + d.getMessage()).orElse("ok");
        rows.add(row(name, c.schema(), c.size(), c.fragmentation(), state));
      } else {
        db.damage(name)
            .ifPresent(
                d ->
                    rows.add(
                        row(name, d.schema(), null, null, "damaged: " + d.problem().getMessage())));
      }
    }
    return Linq4j.asEnumerable(rows);
  }
}

package dev.veles.calcite;

import dev.veles.calcite.rel.VelesQueryRel;
import dev.veles.calcite.rel.VelesRules;
import dev.veles.engine.Database;
import dev.veles.engine.Row;
import dev.veles.engine.Transaction;
import dev.veles.engine.VectorCollection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTableQueryable;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A collection seen as a SQL table. Scans become {@link VelesQueryRel}s and modifications become
 * Veles modify nodes, so every statement runs as engine calls.
 *
 * <p>Immutable; a new instance stands for the table after each schema change.
 */
public final class VelesTable extends ModifiableEngineTable implements TranslatableTable {
  private final Database db;
  private final String name;
  private final TableLayout layout;
  private final VelesSchema owner;
  private final boolean upsert;

  VelesTable(Database db, String name, TableLayout layout, VelesSchema owner, boolean upsert) {
    this.db = db;
    this.name = name;
    this.layout = layout;
    this.owner = owner;
    this.upsert = upsert;
  }

  public String name() {
    return name;
  }

  public Database database() {
    return db;
  }

  public TableLayout layout() {
    return layout;
  }

  /** Whether inserts into this table replace existing rows ({@code UPSERT INTO}). */
  public boolean isUpsert() {
    return upsert;
  }

  /** The connection's settings. */
  public VelesSettings settings() {
    return owner == null ? VelesSettings.DEFAULT : owner.settings();
  }

  /** The collection, looked up at execution so a dropped table fails cleanly. */
  public VectorCollection collection() {
    return db.get(name);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return layout.rowType(typeFactory);
  }

  @Override
  public Statistic getStatistic() {
    long rows = db.find(name).map(VectorCollection::size).orElse(0L);
    List<ImmutableBitSet> keys = new ArrayList<>();
    keys.add(ImmutableBitSet.of(layout.idField()));
    if (layout.keyFields().length > 0) {
      keys.add(ImmutableBitSet.of(layout.keyFields()));
    }
    return Statistics.of((double) Math.max(rows, 1), keys, List.of(), null);
  }

  /** The column defaults and identity of this table, for Calcite's INSERT conversion. */
  @Override
  public <C> C unwrap(Class<C> aClass) {
    if (aClass == org.apache.calcite.sql2rel.InitializerExpressionFactory.class) {
      return aClass.cast(new Defaults(layout));
    }
    return super.unwrap(aClass);
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    RelOptCluster cluster = context.getCluster();
    VelesRules.register(cluster.getPlanner());
    return VelesQueryRel.scan(cluster, relOptTable, this);
  }

  /** Every row, for callers that bypass the planner rules (Calcite's queryable fallback). */
  @Override
  public <T> Queryable<T> asQueryable(
      QueryProvider queryProvider, SchemaPlus schema, String tableName) {
    return new AbstractTableQueryable<T>(queryProvider, schema, this, tableName) {
      @Override
      @SuppressWarnings("unchecked")
      public Enumerator<T> enumerator() {
        VectorCollection c = collection();
        List<Object[]> rows = new ArrayList<>();
        for (long id : c.ids(null)) {
          Row row = c.get(id);
          if (row != null) {
            rows.add(layout.toSqlRow(row));
          }
        }
        return (Enumerator<T>) Linq4j.enumerator(rows);
      }
    };
  }

  @Override
  public long apply(
      TableModify.Operation operation,
      List<Object[]> rows,
      int[] updateColumns,
      VelesSettings settings,
      TxContext tx) {
    settings.access().check(Access.Change.ROWS, operation.toString());
    VectorCollection c = collection();
    // Inside a transaction the write goes to its write set; else it applies at once as one call.
    Transaction t = tx == null ? null : tx.forWrite();
    try {
      switch (operation) {
        case INSERT -> {
          if (layout.autoId()) {
            assignIds(rows, c, t);
          }
          List<Row> batch = new ArrayList<>(rows.size());
          for (Object[] r : rows) {
            batch.add(layout.toRow(r));
          }
          if (t != null && upsert) {
            t.upsert(name, batch);
          } else if (t != null) {
            t.insert(name, batch);
          } else if (upsert) {
            c.upsert(batch);
          } else {
            c.insert(batch);
          }
          return batch.size();
        }
        case DELETE -> {
          // The planner hands a DELETE the keys alone (see VelesRules); a whole row also works.
          long[] ids = new long[rows.size()];
          for (int i = 0; i < ids.length; i++) {
            Object[] r = rows.get(i);
            ids[i] = ((Number) r[r.length == 1 ? 0 : layout.idField()]).longValue();
          }
          return t != null ? t.delete(name, ids) : c.delete(ids);
        }
        case UPDATE -> {
          List<Row> batch = updated(rows, updateColumns);
          if (t != null) {
            t.upsert(name, batch);
          } else {
            c.upsert(batch);
          }
          return batch.size();
        }
        default ->
            throw new VelesException(
                SqlState.FEATURE_NOT_SUPPORTED, operation + " is not supported; use UPSERT INTO");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Gives rows without an id one: the id of the row with the same declared key for an upsert into a
   * table keyed by other columns, else a new one from the engine's sequence.
   */
  private void assignIds(List<Object[]> rows, VectorCollection c, Transaction t)
      throws IOException {
    int idField = layout.idField();
    int[] key = layout.keyFields();
    int missing = 0;
    for (Object[] r : rows) {
      if (r[idField] == null && upsert && key.length > 0) {
        long existing = findByKey(c, t, r, key);
        if (existing >= 0) {
          r[idField] = existing;
          continue;
        }
      }
      if (r[idField] == null) {
        missing++;
      }
    }
    if (missing == 0) {
      return;
    }
    long[] ids = c.allocateIds(missing);
    int next = 0;
    for (Object[] r : rows) {
      if (r[idField] == null) {
        r[idField] = ids[next++];
      }
    }
  }

  /**
   * The id of the row (as {@code t} sees the table, if not null) whose declared key {@code r} has.
   */
  private long findByKey(VectorCollection c, Transaction t, Object[] r, int[] key)
      throws IOException {
    Object[] values = layout.keyValues(r);
    if (values == null) {
      return -1;
    }
    // In a transaction, the key may be its own write, or the committed row deleted or re-keyed.
    return t == null ? c.findKey(0, values) : t.findKey(name, 0, values);
  }

  private List<Row> updated(List<Object[]> rows, int[] updateColumns) {
    int n = layout.fieldCount();
    List<Row> batch = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      Object[] updated = Arrays.copyOf(r, n);
      for (int j = 0; j < updateColumns.length; j++) {
        updated[updateColumns[j]] = r[n + j];
      }
      Object oldId = r[layout.idField()];
      Object newId = updated[layout.idField()];
      if (newId == null || ((Number) newId).longValue() != ((Number) oldId).longValue()) {
        throw new VelesException(
            SqlState.FEATURE_NOT_SUPPORTED,
            "UPDATE cannot change the id of a row; DELETE it and INSERT it with the new id");
      }
      batch.add(layout.toRow(updated));
    }
    return batch;
  }

  /** Column defaults ({@link ColumnDefault}); an auto id defaults to NULL, allocated on write. */
  private static final class Defaults
      extends org.apache.calcite.sql2rel.NullInitializerExpressionFactory {
    private final TableLayout layout;

    Defaults(TableLayout layout) {
      this.layout = layout;
    }

    @Override
    public org.apache.calcite.schema.ColumnStrategy generationStrategy(
        RelOptTable table, int iColumn) {
      if (layout.defaultOf(iColumn) != null || (iColumn == layout.idField() && layout.autoId())) {
        return org.apache.calcite.schema.ColumnStrategy.DEFAULT;
      }
      return super.generationStrategy(table, iColumn);
    }

    @Override
    public org.apache.calcite.rex.RexNode newColumnDefaultValue(
        RelOptTable table, int iColumn, org.apache.calcite.sql2rel.InitializerContext context) {
      ColumnDefault d = layout.defaultOf(iColumn);
      RelDataType type = table.getRowType().getFieldList().get(iColumn).getType();
      return d == null
          ? context.getRexBuilder().makeNullLiteral(type)
          : d.toRex(context.getRexBuilder(), type);
    }
  }
}

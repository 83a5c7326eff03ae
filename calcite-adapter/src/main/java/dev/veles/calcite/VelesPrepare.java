package dev.veles.calcite;

import dev.veles.calcite.rel.VelesRules;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalcitePrepareImpl;

/**
 * Statement preparation with a JVM-wide plan cache: parsing, validating and optimizing a SQL text
 * costs 10-20 ms, so a text seen before on any connection to the same database reuses its plan. The
 * key holds the database and its schema version, so DDL invalidates every plan of that database.
 * Only queries and DML are cached: DDL and {@code SET} run while they are prepared.
 *
 * <p>A cached plan is shared by connections: everything it reads per connection (settings such as
 * ef_search or read_only) it reads from the executing connection at run time.
 *
 * <p>Thread-safe.
 */
public final class VelesPrepare extends CalcitePrepareImpl {
  private static final int CAPACITY = 1024;

  private record Key(Object database, long version, String sql, Type elementType, long maxRows) {}

  private static final Map<Key, CalciteSignature<?>> CACHE =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CalciteSignature<?>> eldest) {
          return size() > CAPACITY;
        }
      };

  @Override
  @SuppressWarnings("unchecked")
  public <T> CalciteSignature<T> prepareSql(
      Context context, Query<T> query, Type elementType, long maxRowCount) {
    VelesSchema schema = schema(context);
    if (query.sql == null || schema == null) {
      return super.prepareSql(context, query, elementType, maxRowCount);
    }
    Key key =
        new Key(
            schema.database(),
            schema.database().schemaVersion(),
            query.sql,
            elementType,
            maxRowCount);
    synchronized (CACHE) {
      CalciteSignature<?> hit = CACHE.get(key);
      if (hit != null) {
        return (CalciteSignature<T>) hit;
      }
    }
    CalciteSignature<T> signature = super.prepareSql(context, query, elementType, maxRowCount);
    if (cacheable(signature.statementType) && key.version() == schema.database().schemaVersion()) {
      synchronized (CACHE) {
        CACHE.put(key, signature);
      }
    }
    return signature;
  }

  /** Every planner knows Veles's rules, also for statements that scan no table. */
  @Override
  protected RelOptPlanner createPlanner(
      CalcitePrepare.Context prepareContext,
      org.apache.calcite.plan.Context externalContext,
      RelOptCostFactory costFactory) {
    RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
    VelesRules.register(planner);
    return planner;
  }

  private static boolean cacheable(Meta.StatementType type) {
    return type == Meta.StatementType.SELECT || (type != null && type.canUpdate());
  }

  private static VelesSchema schema(CalcitePrepare.Context context) {
    CalciteSchema root = context.getRootSchema();
    CalciteSchema sub = root == null ? null : root.getSubSchema(VelesCalcite.SCHEMA, false);
    return sub != null && sub.schema instanceof VelesSchema s ? s : null;
  }

  /** Drops every cached plan (for tests that measure preparation). */
  public static void clearCache() {
    synchronized (CACHE) {
      CACHE.clear();
    }
  }

  /** The number of cached plans. */
  public static int cacheSize() {
    synchronized (CACHE) {
      return CACHE.size();
    }
  }
}

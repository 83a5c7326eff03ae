package dev.veles.calcite.rel;

import dev.veles.calcite.Access;
import dev.veles.calcite.OnConflictAction;
import dev.veles.calcite.RowWrites;
import dev.veles.calcite.Session;
import dev.veles.calcite.SqlState;
import dev.veles.calcite.TxContext;
import dev.veles.calcite.VelesException;
import dev.veles.calcite.VelesSchema;
import dev.veles.calcite.VelesSettings;
import dev.veles.calcite.VelesTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

/**
 * INSERT, UPSERT, UPDATE, DELETE and CALL: collects the rows of its input and hands them to the
 * engine as one batch, so a statement is one WAL group write and applies all or nothing. With
 * {@code ON CONFLICT} or {@code RETURNING} (see {@link DmlModify}) the rows go to {@link RowWrites}
 * instead, and with RETURNING the output is the rows written.
 */
public final class VelesTableModify extends TableModify implements EnumerableRel {
  private final OnConflictSpec onConflict;
  private final boolean returning;

  VelesTableModify(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelOptTable table,
      Prepare.CatalogReader catalogReader,
      RelNode input,
      Operation operation,
      List<String> updateColumnList,
      List<RexNode> sourceExpressionList,
      boolean flattened) {
    this(
        cluster,
        traits,
        table,
        catalogReader,
        input,
        operation,
        updateColumnList,
        sourceExpressionList,
        flattened,
        null,
        false);
  }

  VelesTableModify(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelOptTable table,
      Prepare.CatalogReader catalogReader,
      RelNode input,
      Operation operation,
      List<String> updateColumnList,
      List<RexNode> sourceExpressionList,
      boolean flattened,
      OnConflictSpec onConflict,
      boolean returning) {
    super(
        cluster,
        traits,
        table,
        catalogReader,
        input,
        operation,
        updateColumnList,
        sourceExpressionList,
        flattened);
    this.onConflict = onConflict;
    this.returning = returning;
  }

  @Override
  public RelDataType deriveRowType() {
    return returning ? table.getRowType() : super.deriveRowType();
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return DmlModify.explainExtras(
        super.explainTerms(pw), onConflict, returning, table.getRowType().getFieldNames());
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new VelesTableModify(
        getCluster(),
        traitSet,
        getTable(),
        getCatalogReader(),
        sole(inputs),
        getOperation(),
        getUpdateColumnList(),
        getSourceExpressionList(),
        isFlattened(),
        onConflict,
        returning);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return super.computeSelfCost(planner, mq).multiplyBy(0.1);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    Expression rows = builder.append("rows", input.block);
    int[] updateColumns = new int[0];
    if (getUpdateColumnList() != null) {
      List<String> names = table.getRowType().getFieldNames();
      updateColumns = getUpdateColumnList().stream().mapToInt(names::indexOf).toArray();
    }
    if (onConflict != null || returning) {
      return implementRows(implementor, builder, rows, updateColumns, input.physType);
    }
    Batch batch =
        new Batch(
            table.unwrap(ModifyTarget.class),
            getOperation(),
            updateColumns,
            input.physType.getFormat() == JavaRowFormat.SCALAR);
    Expression b = implementor.stash(batch, Batch.class);
    builder.add(Expressions.return_(null, Expressions.call(b, Batch.RUN, DataContext.ROOT, rows)));
    PhysType physType =
        PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.SCALAR);
    return implementor.result(physType, builder.toBlock());
  }

  private Result implementRows(
      EnumerableRelImplementor implementor,
      BlockBuilder builder,
      Expression rows,
      int[] updateColumns,
      PhysType inputType) {
    VelesTable target = table.unwrap(VelesTable.class);
    if (target == null) {
      throw new VelesException(
          SqlState.FEATURE_NOT_SUPPORTED,
          "ON CONFLICT and RETURNING are supported on tables only, not on "
              + table.getQualifiedName());
    }
    OnConflictAction action =
        onConflict == null ? null : onConflict.compile(getCluster().getRexBuilder());
    RowsBatch batch =
        new RowsBatch(
            target,
            getOperation(),
            updateColumns,
            inputType.getFormat() == JavaRowFormat.SCALAR,
            action,
            returning);
    Expression b = implementor.stash(batch, RowsBatch.class);
    builder.add(
        Expressions.return_(null, Expressions.call(b, RowsBatch.RUN, DataContext.ROOT, rows)));
    PhysType physType =
        PhysTypeImpl.of(
            implementor.getTypeFactory(),
            getRowType(),
            returning ? JavaRowFormat.ARRAY : JavaRowFormat.SCALAR);
    return implementor.result(physType, builder.toBlock());
  }

  /** The runtime half of {@code ON CONFLICT} and {@code RETURNING}. Thread-safe. */
  public static final class RowsBatch {
    static final java.lang.reflect.Method RUN;

    static {
      try {
        RUN = RowsBatch.class.getMethod("run", DataContext.class, Enumerable.class);
      } catch (NoSuchMethodException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final VelesTable target;
    private final Operation operation;
    private final int[] updateColumns;
    private final boolean scalar;
    private final OnConflictAction action;
    private final boolean returning;

    RowsBatch(
        VelesTable target,
        Operation operation,
        int[] updateColumns,
        boolean scalar,
        OnConflictAction action,
        boolean returning) {
      this.target = target;
      this.operation = operation;
      this.updateColumns = updateColumns;
      this.scalar = scalar;
      this.action = action;
      this.returning = returning;
    }

    /** Applies the rows; returns the rows written (RETURNING) or the update count. */
    public Enumerable<?> run(DataContext root, Enumerable<?> input) {
      List<Object[]> rows = Batch.drain(input, scalar);
      Session session = VelesSchema.sessionOf(root);
      VelesSettings settings =
          session != null ? session.settings() : VelesSettings.DEFAULT.restrictedTo(Access.READ);
      TxContext tx = session == null ? null : session.tx();
      RowWrites.Result r =
          RowWrites.apply(
              target, operation, rows, updateColumns, action, returning, settings, tx, root);
      return returning ? Linq4j.asEnumerable(r.rows()) : Linq4j.singletonEnumerable(r.count());
    }
  }

  /** The runtime half: drains the input and applies it in one call. Thread-safe. */
  public static final class Batch {
    static final java.lang.reflect.Method RUN;

    static {
      try {
        RUN = Batch.class.getMethod("run", DataContext.class, Enumerable.class);
      } catch (NoSuchMethodException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final ModifyTarget target;
    private final Operation operation;
    private final int[] updateColumns;
    private final boolean scalar;

    Batch(ModifyTarget target, Operation operation, int[] updateColumns, boolean scalar) {
      this.target = target;
      this.operation = operation;
      this.updateColumns = updateColumns;
      this.scalar = scalar;
    }

    static List<Object[]> drain(Enumerable<?> input, boolean scalar) {
      List<Object[]> rows = new ArrayList<>();
      try (Enumerator<?> e = input.enumerator()) {
        while (e.moveNext()) {
          Object row = e.current();
          rows.add(scalar ? new Object[] {row} : (Object[]) row);
        }
      }
      return rows;
    }

    public Enumerable<Long> run(DataContext root, Enumerable<?> input) {
      List<Object[]> rows = drain(input, scalar);
      // Fail closed: without the executing connection's settings nothing may be changed.
      Session session = VelesSchema.sessionOf(root);
      VelesSettings settings =
          session != null ? session.settings() : VelesSettings.DEFAULT.restrictedTo(Access.READ);
      TxContext tx = session == null ? null : session.tx();
      return Linq4j.singletonEnumerable(target.apply(operation, rows, updateColumns, settings, tx));
    }
  }
}

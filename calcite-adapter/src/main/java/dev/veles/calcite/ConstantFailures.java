package dev.veles.calcite;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.runtime.Bindable;

/**
 * Reports a bad constant of a statement ({@code CAST('a' AS BIGINT)}) as the user's error, every
 * time the statement runs. Calcite evaluates constant expressions in the static initializer of the
 * statement's generated class: the first execution fails with an {@link
 * ExceptionInInitializerError} around the real cause, and every later execution of the same
 * (cached) plan with a {@link NoClassDefFoundError} that no longer names it. The wrapped signature
 * turns the first into a {@link VelesException} with the cause's SQLSTATE and throws that same
 * failure again on later executions.
 *
 * <p>Thread-safe: the remembered failure is published through an atomic reference.
 */
final class ConstantFailures<T> implements Bindable<T> {
  private final CalciteSignature<T> signature;
  private final AtomicReference<VelesException> failure = new AtomicReference<>();

  private ConstantFailures(CalciteSignature<T> signature) {
    this.signature = signature;
  }

  /** {@code s} with its executions guarded. */
  static <T> CalciteSignature<T> guard(CalciteSignature<T> s) {
    return new CalciteSignature<>(
        s.sql,
        s.parameters,
        s.internalParameters,
        s.rowType,
        s.columns,
        s.cursorFactory,
        s.rootSchema,
        s.getCollationList(),
        -1, // the wrapped signature applies its own row limit
        new ConstantFailures<>(s),
        s.statementType);
  }

  @Override
  public Enumerable<T> bind(DataContext dataContext) {
    Enumerable<T> rows = guarded(() -> signature.enumerable(dataContext));
    return new AbstractEnumerable<T>() {
      @Override
      public Enumerator<T> enumerator() {
        Enumerator<T> e = guarded(rows::enumerator);
        return new Enumerator<T>() {
          @Override
          public T current() {
            return e.current();
          }

          @Override
          public boolean moveNext() {
            return guarded(e::moveNext);
          }

          @Override
          public void reset() {
            e.reset();
          }

          @Override
          public void close() {
            e.close();
          }
        };
      }
    };
  }

  private <R> R guarded(java.util.function.Supplier<R> step) {
    VelesException known = failure.get();
    try {
      return step.get();
    } catch (ExceptionInInitializerError e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      VelesException f =
          new VelesException(
              SqlState.of(cause),
              "invalid constant in the statement: " + CalciteErrors.constantReason(cause),
              e);
      failure.compareAndSet(null, f);
      throw f;
    } catch (NoClassDefFoundError e) {
      if (known != null) {
        throw new VelesException(known.state(), known.getMessage(), e);
      }
      throw e;
    }
  }
}

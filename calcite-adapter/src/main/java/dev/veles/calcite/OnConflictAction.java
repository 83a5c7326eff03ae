package dev.veles.calcite;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.function.Function1;

/**
 * What {@code INSERT ... ON CONFLICT} does with a row whose key exists, at run time.
 *
 * @param update DO UPDATE (else DO NOTHING)
 * @param setFields for DO UPDATE, the table fields assigned, in order
 * @param eval for DO UPDATE, the compiled assignments: given a context whose {@code inputRecord} is
 *     the existing row followed by the proposed one (each in table field order), returns the
 *     assigned values in {@code setFields} order, then the WHERE condition if {@code hasCondition}
 * @param hasCondition whether DO UPDATE has a WHERE condition
 */
public record OnConflictAction(
    boolean update, int[] setFields, Function1<DataContext, Object[]> eval, boolean hasCondition) {

  /** DO NOTHING. */
  public static final OnConflictAction NOTHING =
      new OnConflictAction(false, new int[0], null, false);
}

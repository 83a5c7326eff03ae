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
 * @param key what a conflict is on: {@link #ROW_ID}, {@link #ANY_KEY}, or the number of one of the
 *     engine's unique keys ({@code CollectionSchema.uniqueKeys()})
 */
public record OnConflictAction(
    boolean update,
    int[] setFields,
    Function1<DataContext, Object[]> eval,
    boolean hasCondition,
    int key) {

  /** A conflict on the row id: the table's integer key. */
  public static final int ROW_ID = -1;

  /** A conflict on the row id or any unique key (ON CONFLICT DO NOTHING without a target). */
  public static final int ANY_KEY = -2;

  /** DO NOTHING on the row id. */
  public static final OnConflictAction NOTHING =
      new OnConflictAction(false, new int[0], null, false, ROW_ID);
}

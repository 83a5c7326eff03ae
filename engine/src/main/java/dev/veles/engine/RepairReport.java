package dev.veles.engine;

import java.util.List;
import java.util.SortedSet;

/**
 * What a repair ({@link Database#repair}) rebuilt and what it could not recover.
 *
 * @param collection the repaired collection
 * @param rows the rows the repaired collection holds
 * @param actions what was found and rebuilt, one line each, in order
 * @param vectorLost ids of rows whose vector could not be recovered (damaged slot, no WAL copy):
 *     they are not in the repaired collection
 * @param columnsLost ids of rows whose column values could not be recovered (the id index was lost
 *     and no WAL record holds them): kept with every column NULL when all columns are nullable,
 *     else dropped (see {@code dropped})
 * @param dropped ids of rows that are not in the repaired collection (a subset of the two sets
 *     above)
 * @param unknownSlots vector slots whose id entry was unreadable while the id index was lost: rows
 *     may be missing whose ids nothing names
 */
public record RepairReport(
    String collection,
    long rows,
    List<String> actions,
    SortedSet<Long> vectorLost,
    SortedSet<Long> columnsLost,
    SortedSet<Long> dropped,
    int unknownSlots) {
  public RepairReport {
    actions = List.copyOf(actions);
    vectorLost = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(vectorLost));
    columnsLost = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(columnsLost));
    dropped = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(dropped));
  }

  /** Whether every row that the damaged files named was recovered whole. */
  public boolean complete() {
    return vectorLost.isEmpty() && columnsLost.isEmpty() && unknownSlots == 0;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(collection).append(": ").append(rows).append(" rows\n");
    for (String a : actions) {
      b.append("  ").append(a).append('\n');
    }
    if (!vectorLost.isEmpty()) {
      b.append("  vector lost (row dropped): ").append(vectorLost).append('\n');
    }
    if (!columnsLost.isEmpty()) {
      b.append("  columns lost: ").append(columnsLost);
      b.append(dropped.containsAll(columnsLost) ? " (rows dropped)" : " (kept with NULL columns)");
      b.append('\n');
    }
    if (unknownSlots > 0) {
      b.append("  ").append(unknownSlots).append(" slot(s) with an unreadable id entry\n");
    }
    b.append(complete() ? "  every row recovered" : "  NOT every row recovered");
    return b.toString();
  }
}

package dev.veles.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of an integrity check ({@link Database#check()}, {@link VectorCollection#check()}):
 * every problem found, each naming its file and offset, and notes that are not damage (an older
 * format, a graph file that the next open rebuilds).
 *
 * @param problems damage found, in file order; empty when the check passed
 * @param notes observations that need no repair
 */
public record CheckReport(List<Problem> problems, List<String> notes) {
  public CheckReport {
    problems = List.copyOf(problems);
    notes = List.copyOf(notes);
  }

  /**
   * One problem.
   *
   * @param collection the collection whose file it is
   * @param file the damaged file
   * @param offset the byte offset of the damage in it
   * @param what what is wrong
   */
  public record Problem(String collection, Path file, long offset, String what) {
    static Problem of(String collection, CorruptFileException e) {
      return new Problem(collection, e.file(), e.offset(), e.problem());
    }

    @Override
    public String toString() {
      return file + " at offset " + offset + ": " + what;
    }
  }

  /** Whether no damage was found. */
  public boolean ok() {
    return problems.isEmpty();
  }

  /** Joins reports. */
  static CheckReport merge(List<CheckReport> reports) {
    List<Problem> p = new ArrayList<>();
    List<String> n = new ArrayList<>();
    for (CheckReport r : reports) {
      p.addAll(r.problems());
      n.addAll(r.notes());
    }
    return new CheckReport(p, n);
  }
}

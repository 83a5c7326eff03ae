package dev.veles.cli;

import dev.veles.cli.RowReader.SourceRow;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;

/**
 * Moves the rows of a {@link RowReader} into a table in batches of {@code batch} rows, one {@code
 * executeBatch} each (a Veles batch is applied whole or not at all).
 *
 * <p>A bad row (a value its column cannot take, a line that does not parse, a row the database
 * refuses) either stops the load before the batch holding it is applied, keeping the batches before
 * it, or, with {@code skipBad}, is left out and counted: when the database refuses a batch, its
 * rows are then retried one by one so that only the refused ones are skipped. Damage that ends
 * reading the file stops the load in either mode. Not thread-safe; used once.
 */
final class ImportLoader {
  /** How many skipped rows are described on the error stream before the rest are only counted. */
  static final int LISTED_SKIPS = 100;

  /** What a load did. {@code stop} is null when the whole file was read. */
  record Outcome(long applied, long skipped, String stop) {}

  private record Pending(long line, Object[] values) {}

  private final Connection connection;
  private final RowReader reader;
  private final List<ImportColumn> targets;
  private final boolean arrayOfReal;
  private final int batch;
  private final boolean skipBad;
  private final PrintStream err;
  private final List<Pending> pending = new ArrayList<>();
  private long applied;
  private long skipped;

  /**
   * @param targets the column of each cell of the reader's rows
   * @param arrayOfReal bind vectors as SQL arrays of REAL (the stock Avatica protobuf client)
   * @param err where skipped rows are described
   */
  ImportLoader(
      Connection connection,
      RowReader reader,
      List<ImportColumn> targets,
      boolean arrayOfReal,
      int batch,
      boolean skipBad,
      PrintStream err) {
    this.connection = connection;
    this.reader = reader;
    this.targets = targets;
    this.arrayOfReal = arrayOfReal;
    this.batch = batch;
    this.skipBad = skipBad;
    this.err = err;
  }

  /** Runs the load with {@code sql} (one placeholder per target column). */
  Outcome run(String sql, ProgressBar bar) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      while (true) {
        SourceRow row;
        Object[] values;
        try {
          row = reader.next();
          if (row == null) {
            break;
          }
          values = convert(row);
        } catch (BadRowException e) {
          if (!skipBad) {
            return stop(ps, e.describe(reader.unit()));
          }
          skip(e.describe(reader.unit()));
          continue;
        } catch (IOException e) {
          return stop(ps, e.getMessage());
        }
        bindRow(ps, values);
        ps.addBatch();
        pending.add(new Pending(row.line(), values));
        if (pending.size() == batch) {
          String refused = execute(ps);
          if (refused != null) {
            return new Outcome(applied, skipped, refused);
          }
          if (bar != null) {
            bar.stepTo(reader.bytesRead());
          }
        }
      }
      String refused = pending.isEmpty() ? null : execute(ps);
      return new Outcome(applied, skipped, refused);
    }
  }

  private Object[] convert(SourceRow row) throws BadRowException {
    Object[] cells = row.cells();
    Object[] values = new Object[cells.length];
    for (int i = 0; i < cells.length; i++) {
      try {
        values[i] = targets.get(i).convert(cells[i]);
      } catch (IllegalArgumentException e) {
        throw new BadRowException(row.line(), targets.get(i).name(), e.getMessage());
      }
    }
    return values;
  }

  private void bindRow(PreparedStatement ps, Object[] values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      targets.get(i).bind(connection, ps, i + 1, values[i], arrayOfReal);
    }
  }

  /**
   * Executes the pending batch. Returns null when its rows are applied (or, with skipBad, the
   * refused ones skipped), else why the load stops.
   */
  private String execute(PreparedStatement ps) throws SQLException {
    try {
      ps.executeBatch();
      applied += pending.size();
      pending.clear();
      return null;
    } catch (SQLException e) {
      ps.clearBatch();
      if (!skipBad) {
        String where = lines();
        pending.clear();
        return "the database refused the batch of rows at "
            + where
            + ": "
            + e.getMessage()
            + " (SQLSTATE "
            + e.getSQLState()
            + "); none of its rows were applied";
      }
    }
    for (Pending p : pending) {
      bindRow(ps, p.values());
      try {
        ps.executeUpdate();
        applied++;
      } catch (SQLException e) {
        skip(reader.unit() + " " + p.line() + ": the database refused the row: " + e.getMessage());
      }
    }
    pending.clear();
    return null;
  }

  private String lines() {
    long first = pending.getFirst().line();
    long last = pending.getLast().line();
    return first == last ? reader.unit() + " " + first : reader.unit() + "s " + first + "-" + last;
  }

  /** Drops the batch being gathered (none of it was sent) and says why the load stops. */
  private Outcome stop(PreparedStatement ps, String why) throws SQLException {
    ps.clearBatch();
    String dropped =
        pending.isEmpty()
            ? ""
            : "; the "
                + (pending.size() == 1 ? "row" : pending.size() + " rows")
                + " gathered before it in its batch ("
                + lines()
                + (pending.size() == 1 ? ") was" : ") were")
                + " not applied";
    pending.clear();
    return new Outcome(applied, skipped, why + dropped);
  }

  private void skip(String why) {
    if (skipped < LISTED_SKIPS) {
      err.println("skipped " + why);
    } else if (skipped == LISTED_SKIPS) {
      err.println("(further skipped rows are counted, not listed)");
    }
    skipped++;
  }
}

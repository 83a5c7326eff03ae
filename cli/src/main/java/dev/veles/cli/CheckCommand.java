package dev.veles.cli;

import dev.veles.engine.CheckReport;
import dev.veles.engine.Database;
import dev.veles.engine.DatabaseLockedException;
import dev.veles.engine.DatabaseOptions;
import dev.veles.engine.RepairReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code veles check}: verifies every checksum of an embedded database, opened read-only (it
 * changes no file). Exit code 0 when sound, 1 when damage was found (each problem printed with
 * file, offset and what is wrong) or the database could not be opened.
 *
 * <p>{@code --repair} opens the database writable instead and repairs ({@link Database#repair}) the
 * tables named by {@code --table}, or else every table found damaged (on open or by the check),
 * printing what was rebuilt and which rows could not be recovered. Exit code 0 when every row was
 * recovered, 1 otherwise.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Verify every file of a database against its checksums, read-only.",
      "Exit code 0: sound; 1: damage found (file, offset, problem printed) or not openable.",
      "--repair rebuilds damaged tables from their intact files (the database must not be in"
          + " use) and lists the rows it could not recover."
    })
final class CheckCommand implements Callable<Integer> {
  @Option(
      names = "--path",
      paramLabel = "DIR",
      description = "Database directory (default ./veles-data).")
  Path path;

  @Option(
      names = "--repair",
      description = "Repair damaged tables (writes; never done without this option).")
  boolean repair;

  @Option(
      names = "--table",
      paramLabel = "T",
      description = "With --repair: the table to repair, even if no damage was found.")
  List<String> tables = new ArrayList<>();

  @Override
  public Integer call() {
    Path dir = path != null ? path : Path.of("veles-data");
    if (!Files.isDirectory(dir)) {
      System.err.println("veles check: no database directory " + dir.toAbsolutePath());
      return 1;
    }
    if (repair) {
      return repair(dir);
    }
    if (!tables.isEmpty()) {
      System.err.println("veles check: --table needs --repair");
      return 1;
    }
    CheckReport report;
    try (Database db = Database.open(dir, new DatabaseOptions(false, true, 65_536))) {
      report = db.check();
    } catch (DatabaseLockedException e) {
      System.err.println(
          "veles check: "
              + e.getMessage()
              + "\nA running server holds it: check through it instead, with SQL"
              + " CALL check(NULL) (every table) or CALL check('t').");
      return 1;
    } catch (java.io.IOException | RuntimeException e) {
      System.err.println("veles check: cannot open " + dir + ": " + e.getMessage());
      return 1;
    }
    for (String n : report.notes()) {
      System.out.println("note: " + n);
    }
    for (CheckReport.Problem p : report.problems()) {
      System.out.println("DAMAGED " + p.collection() + ": " + p);
    }
    if (report.ok()) {
      System.out.println("ok: every checksum of " + dir + " verified");
      return 0;
    }
    System.out.println(
        report.problems().size()
            + " problem(s) found; restore the damaged tables from a backup, drop them, or salvage"
            + " what is intact with ./veles check --repair");
    return 1;
  }

  private int repair(Path dir) {
    try (Database db = Database.open(dir, new DatabaseOptions(false, false, 65_536))) {
      Set<String> targets = new TreeSet<>(tables);
      if (targets.isEmpty()) {
        db.damaged().forEach(d -> targets.add(d.name()));
        db.check().problems().forEach(p -> targets.add(p.collection()));
      }
      if (targets.isEmpty()) {
        System.out.println("ok: nothing to repair in " + dir);
        return 0;
      }
      boolean complete = true;
      for (String t : targets) {
        RepairReport r = db.repair(t);
        System.out.println("repaired " + r);
        complete &= r.complete();
      }
      return complete ? 0 : 1;
    } catch (DatabaseLockedException e) {
      System.err.println(
          "veles check --repair: "
              + e.getMessage()
              + "\nStop the server that holds it first: a repair needs the database to itself.");
      return 1;
    } catch (java.io.IOException | RuntimeException e) {
      System.err.println("veles check --repair: " + e.getMessage());
      return 1;
    }
  }
}

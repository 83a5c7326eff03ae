package dev.veles.cli;

import dev.veles.engine.CheckReport;
import dev.veles.engine.Database;
import dev.veles.engine.DatabaseLockedException;
import dev.veles.engine.DatabaseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code veles check}: verifies every checksum of an embedded database, opened read-only (it
 * changes no file). Exit code 0 when sound, 1 when damage was found (each problem printed with
 * file, offset and what is wrong) or the database could not be opened.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Verify every file of a database against its checksums, read-only.",
      "Exit code 0: sound; 1: damage found (file, offset, problem printed) or not openable."
    })
final class CheckCommand implements Callable<Integer> {
  @Option(
      names = "--path",
      paramLabel = "DIR",
      description = "Database directory (default ./veles-data).")
  Path path;

  @Override
  public Integer call() {
    Path dir = path != null ? path : Path.of("veles-data");
    if (!Files.isDirectory(dir)) {
      System.err.println("veles check: no database directory " + dir.toAbsolutePath());
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
            + " problem(s) found; restore the damaged tables from a backup or drop them");
    return 1;
  }
}

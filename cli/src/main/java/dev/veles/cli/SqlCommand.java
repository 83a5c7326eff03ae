package dev.veles.cli;

import java.io.Console;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sqlline.SqlLine;

/**
 * {@code veles sql}: the sqlline shell on an embedded database or a remote server.
 *
 * <p>On a terminal it is the interactive shell. When standard input is not a terminal (a script
 * piped in or redirected from a file, as in CI) the statements are run as a sqlline script: results
 * are printed whole (no terminal width to fit), there are no prompts, and the first failing
 * statement stops the script with exit code 1 unless {@code --force} is given. sqlline is asked for
 * {@code TRANSACTION_READ_COMMITTED}, the level Veles has, instead of its default {@code
 * TRANSACTION_REPEATABLE_READ}, which Veles refuses.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "SQL shell (sqlline) on the embedded database or a remote URL.",
      "With input from a pipe or a file, runs it as a script and prints the results."
    })
final class SqlCommand implements Callable<Integer> {
  /** Wide enough that no result line is cut when there is no terminal to fit. */
  private static final int UNLIMITED_WIDTH = 1 << 20;

  @Mixin Target target = new Target();

  @Option(
      names = "-e",
      paramLabel = "SQL",
      description = "Run these statements and exit instead of starting the shell.")
  String execute;

  @Option(
      names = "--force",
      description = "With a script: go on after a failing statement (default: stop, exit 1).")
  boolean force;

  @Override
  public Integer call() throws Exception {
    Console console = System.console();
    boolean terminal = console != null && console.isTerminal();
    List<String> args = new ArrayList<>(List.of("-u", target.jdbcUrl(), "-n", "", "-p", ""));
    args.add("--isolation=TRANSACTION_READ_COMMITTED");
    if (!terminal) {
      args.add("--maxWidth=" + UNLIMITED_WIDTH);
    }
    if (force) {
      args.add("--force=true");
    }
    if (execute != null) {
      args.add("-e");
      args.add(execute);
      return run(args, terminal);
    }
    if (terminal) {
      return run(args, true);
    }
    // sqlline runs a script from a file; standard input is copied to one (scripts are small), which
    // also lets it be read from System.in rather than from the process's file descriptor.
    Path script = Files.createTempFile("veles-sql-", ".sql");
    try {
      Files.copy(System.in, script, StandardCopyOption.REPLACE_EXISTING);
      args.add("--run=" + script);
      return run(args, false);
    } finally {
      Files.deleteIfExists(script);
    }
  }

  /**
   * Runs sqlline. Without a terminal it is handed an empty input stream, so it builds no system
   * terminal (jline would warn that it cannot, and report a width of 0, which empties every table).
   */
  private static int run(List<String> args, boolean terminal) throws Exception {
    InputStream input = terminal ? null : InputStream.nullInputStream();
    // begin(), not start(): start() calls System.exit unless -Dsqlline.system.exit is set.
    SqlLine.Status status = new SqlLine().begin(args.toArray(String[]::new), input, terminal);
    return status == SqlLine.Status.OK ? 0 : 1;
  }
}

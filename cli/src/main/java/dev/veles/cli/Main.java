package dev.veles.cli;

import dev.veles.jdbc.VelesDriver;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code veles} command line: {@code server}, {@code passwd}, {@code sql}, {@code import},
 * {@code version}.
 *
 * <p>Run through the {@code ./veles} launcher, which finds JDK 25 and builds the classpath. Exit
 * codes: 0 success, 1 a command failed, 2 bad usage.
 */
@Command(
    name = "veles",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Veles, a vector database for the JVM reached through JDBC and SQL.",
    subcommands = {
      ServerCommand.class,
      PasswdCommand.class,
      SqlCommand.class,
      ImportCommand.class,
      VersionCommand.class,
      CheckCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits the JVM with its code (except for a running server). */
  public static void main(String[] args) {
    int code = run(args);
    System.exit(code);
  }

  /** Runs the command line and returns its exit code; for tests and embedding. */
  public static int run(String... args) {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              // A user needs the reason, not a stack trace: "veles import: table 'x' does not
              // exist".
              cmd.getErr().println("veles " + cmd.getCommandName() + ": " + reason(e));
              return 1;
            })
        .execute(args);
  }

  /** The message of {@code e}, with its SQLSTATE when it has one. */
  static String reason(Throwable e) {
    if (e instanceof NoSuchFileException f) {
      return "no such file: " + f.getFile();
    }
    String message = e.getMessage() != null ? e.getMessage() : e.toString();
    return e instanceof SQLException s && s.getSQLState() != null
        ? message + " (SQLSTATE " + s.getSQLState() + ")"
        : message;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The product name and version line. */
  static String versionLine() {
    return VelesDriver.PRODUCT
        + " "
        + VelesDriver.VERSION
        + " (JDBC "
        + VelesDriver.PREFIX
        + ", Calcite "
        + packageVersion(org.apache.calcite.jdbc.Driver.class, "1.42.0")
        + ", Avatica "
        + packageVersion(org.apache.calcite.avatica.remote.Driver.class, "1.28.0")
        + ", Java "
        + Runtime.version()
        + ")";
  }

  private static String packageVersion(Class<?> c, String fallback) {
    String v = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
    return v == null ? fallback : v;
  }

  /** Supplies {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {versionLine()};
    }
  }
}

package dev.veles.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sqlline.SqlLine;

/** {@code veles sql}: the sqlline shell on an embedded database or a remote server. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = "Interactive SQL shell (sqlline) on the embedded database or a remote URL.")
final class SqlCommand implements Callable<Integer> {
  @Mixin Target target = new Target();

  @Option(
      names = "-e",
      paramLabel = "SQL",
      description = "Run these statements and exit instead of starting the shell.")
  String execute;

  @Override
  public Integer call() throws Exception {
    List<String> args = new ArrayList<>(List.of("-u", target.jdbcUrl(), "-n", "", "-p", ""));
    if (execute != null) {
      args.add("-e");
      args.add(execute);
    }
    // begin(), not start(): start() calls System.exit unless -Dsqlline.system.exit is set.
    SqlLine.Status status = new SqlLine().begin(args.toArray(String[]::new), null, true);
    return status == SqlLine.Status.OK ? 0 : 1;
  }
}

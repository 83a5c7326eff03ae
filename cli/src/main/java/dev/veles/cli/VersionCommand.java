package dev.veles.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code veles version}: prints the product name and version. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Print the product name and version.")
final class VersionCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.println(Main.versionLine());
    return 0;
  }
}

package dev.veles.spark;

import dev.veles.server.VelesServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Veles server in a child JVM, so a test can kill it with SIGKILL ({@link #kill}) mid-write and
 * start it again over the same database on the same port. Not thread-safe; {@link #close} kills.
 */
final class ShardProcess implements AutoCloseable {
  private final Process process;
  final String url;
  final int port;

  private ShardProcess(Process process, String url) {
    this.process = process;
    this.url = url;
    this.port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
  }

  /** Starts a server over {@code dir} on {@code port} (0: an ephemeral one). */
  static ShardProcess start(Path dir, int port) throws IOException {
    Path stderr = dir.resolveSibling(dir.getFileName() + "-stderr.txt");
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--add-modules",
            "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED",
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            ShardProcess.class.getName(),
            dir.toString(),
            Integer.toString(port));
    Process p =
        new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.to(stderr.toFile())).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("URL ")) {
      p.destroyForcibly();
      throw new IOException("child server did not start: " + Files.readString(stderr));
    }
    return new ShardProcess(p, line.substring(4).trim());
  }

  /** The child's main: serves until its standard input closes. */
  public static void main(String[] args) throws Exception {
    try (VelesServer server =
        VelesServer.builder().path(Path.of(args[0])).port(Integer.parseInt(args[1])).start()) {
      System.out.println("URL " + server.httpUrl());
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to close our input
      }
    }
  }

  /** SIGKILL, and wait for the process to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}

package dev.veles.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.remote.Driver.Serialization;

/**
 * A {@link VelesServer} in a child JVM with a small heap, as {@code ./veles server} runs it: tests
 * that must show the server survives a load (no OutOfMemoryError, still answering) run it here, so
 * that the test's own heap does not hide the server's. The child writes a GC log; {@link
 * #peakHeapMb} reads the largest heap in use before a collection from it.
 *
 * <p>Not thread-safe; {@link #close} kills the child.
 */
final class ChildServer implements AutoCloseable {
  private static final Pattern PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  private final Process process;
  private final Path gcLog;
  private final Path stderr;
  final String httpUrl;

  private ChildServer(Process process, Path gcLog, Path stderr, String httpUrl) {
    this.process = process;
    this.gcLog = gcLog;
    this.stderr = stderr;
    this.httpUrl = httpUrl;
  }

  /** Starts a server over {@code dir} in a JVM with {@code -Xmx<heapMb>m}. */
  static ChildServer start(Path dir, int heapMb, Serialization serialization) throws IOException {
    Files.createDirectories(dir);
    Path gcLog = dir.resolveSibling(dir.getFileName() + "-gc.log");
    Path stderr = dir.resolveSibling(dir.getFileName() + "-stderr.txt");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of(
            "--add-modules",
            "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED",
            "-Xmx" + heapMb + "m",
            "-Xlog:gc:file=" + gcLog,
            "-cp",
            System.getProperty("java.class.path"),
            ChildServer.class.getName(),
            dir.toString(),
            serialization.name()));
    Process p =
        new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.to(stderr.toFile())).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("URL ")) {
      p.destroyForcibly();
      throw new IOException("child server did not start: " + Files.readString(stderr));
    }
    return new ChildServer(p, gcLog, stderr, line.substring(4).trim());
  }

  /** The child's main: serves until its standard input closes (the parent ended). */
  public static void main(String[] args) throws Exception {
    try (VelesServer server =
        VelesServer.builder()
            .path(Path.of(args[0]))
            .port(0)
            .serialization(Serialization.valueOf(args[1]))
            .start()) {
      System.out.println("URL " + server.httpUrl());
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to close our input
      }
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Everything the child wrote to its standard error. */
  String stderr() throws IOException {
    return Files.readString(stderr);
  }

  /** The largest heap in use (MB) before any collection so far, from the child's GC log. */
  long peakHeapMb() throws IOException {
    long peak = 0;
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = PAUSE.matcher(line);
      if (m.find()) {
        peak = Math.max(peak, Long.parseLong(m.group(1)));
      }
    }
    return peak;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}

package dev.veles.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a secret (a keystore password) given on the command line, in a file or in an environment
 * variable; the last two keep it out of {@code ps} and shell history.
 */
final class Secrets {
  private Secrets() {}

  /**
   * Returns the one secret given.
   *
   * @param what what the secret is, for messages
   * @throws IllegalArgumentException if none or more than one is given, or the variable is unset
   * @throws IOException if the file cannot be read
   */
  static String read(String what, String value, Path file, String env) throws IOException {
    int given = (value != null ? 1 : 0) + (file != null ? 1 : 0) + (env != null ? 1 : 0);
    if (given != 1) {
      throw new IllegalArgumentException(
          "give the " + what + " once: as a value, in a file (-file) or in a variable (-env)");
    }
    if (value != null) {
      System.err.println(
          "veles: warning: the " + what + " on the command line is visible to other users in ps");
      return value;
    }
    if (file != null) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || lines.get(0).isEmpty()) {
        throw new IllegalArgumentException("the " + what + " file " + file + " is empty");
      }
      return lines.get(0);
    }
    String v = System.getenv(env);
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException(
          "environment variable " + env + " (the " + what + ") is not set");
    }
    return v;
  }
}

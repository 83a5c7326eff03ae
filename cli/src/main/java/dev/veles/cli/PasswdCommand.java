package dev.veles.cli;

import dev.veles.server.Credential;
import dev.veles.server.Role;
import dev.veles.server.UserFile;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code veles passwd}: adds a user to a server's user file, or replaces their password and role,
 * storing a salted PBKDF2 verifier and DIGEST's HA1s (never the password). The file is rewritten
 * atomically and, when created, readable by its owner only.
 */
@Command(
    name = "passwd",
    mixinStandardHelpOptions = true,
    description =
        "Set a user's password and role in a server's user file (--users of veles server).")
final class PasswdCommand implements Callable<Integer> {
  @Option(names = "--users", paramLabel = "FILE", required = true, description = "The user file.")
  Path users;

  @Option(
      names = "--role",
      description = "read, write or admin (default ${DEFAULT-VALUE}).",
      defaultValue = "read")
  String role;

  @Option(
      names = "--password-stdin",
      description = "Read the password from the first line of standard input (for scripts).")
  boolean fromStdin;

  @Parameters(paramLabel = "USER", description = "The user name.")
  String user;

  @Override
  public Integer call() throws Exception {
    Role r = Role.of(role);
    if (r == null) {
      throw new IllegalArgumentException("--role must be read, write or admin, got '" + role + "'");
    }
    if (user.isBlank() || user.contains(":") || user.contains(",") || user.startsWith("#")) {
      throw new IllegalArgumentException("a user name cannot be blank or contain ':' or ','");
    }
    String password = password();
    if (password.isEmpty()) {
      throw new IllegalArgumentException("the password is empty");
    }
    Credential.Verifier v = Credential.create(user, password, new SecureRandom());
    write(UserFile.line(user, v, EnumSet.of(r)));
    System.err.println("veles: set " + user + " (" + r.name().toLowerCase() + ") in " + users);
    return 0;
  }

  private String password() throws IOException {
    if (fromStdin) {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line = in.readLine();
      return line == null ? "" : line;
    }
    Console console = System.console();
    if (console == null) {
      throw new IllegalArgumentException("no terminal to read the password: use --password-stdin");
    }
    char[] first = console.readPassword("Password for %s: ", user);
    char[] again = console.readPassword("Again: ");
    if (first == null || !Arrays.equals(first, again)) {
      throw new IllegalArgumentException("the passwords differ");
    }
    return new String(first);
  }

  /** Replaces the user's line (or appends one) and renames the new file over the old. */
  private void write(String line) throws IOException {
    List<String> out = new ArrayList<>();
    boolean replaced = false;
    if (Files.exists(users)) {
      for (String old : Files.readAllLines(users, StandardCharsets.UTF_8)) {
        String s = old.strip();
        int colon = s.indexOf(':');
        if (!s.startsWith("#") && colon > 0 && s.substring(0, colon).strip().equals(user)) {
          if (!replaced) {
            out.add(line);
            replaced = true;
          }
        } else {
          out.add(old);
        }
      }
    }
    if (!replaced) {
      out.add(line);
    }
    Path dir = users.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, ".users", ".tmp");
    try {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      }
      Files.write(tmp, out, StandardCharsets.UTF_8);
      Files.move(tmp, users, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}

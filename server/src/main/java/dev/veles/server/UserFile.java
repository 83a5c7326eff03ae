package dev.veles.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's users: a text file of lines {@code user: CREDENTIAL[,role...]} (Jetty's realm
 * format), where the credential is a verifier written by {@code ./veles passwd} (see {@link
 * Credential}) or, in an old file, the password itself (loaded with a warning), and the roles are
 * {@code read}, {@code write} and {@code admin} ({@link Role}). Other role names are ignored; a
 * user without any of the three can authenticate but not open a connection. Blank lines and lines
 * starting with {@code #} are ignored.
 *
 * <p>Immutable and thread-safe once loaded.
 */
public final class UserFile {
  private static final Logger LOG = LoggerFactory.getLogger(UserFile.class);

  /** One user. */
  public record User(String name, Credential credential, Set<Role> roles) {
    /** The strongest role, or null for none. */
    public Role role() {
      Role best = null;
      for (Role r : roles) {
        if (best == null || r.compareTo(best) > 0) {
          best = r;
        }
      }
      return best;
    }
  }

  private final Map<String, User> users;

  private UserFile(Map<String, User> users) {
    this.users = Map.copyOf(users);
  }

  /**
   * Loads a user file.
   *
   * @throws IOException if it cannot be read or a line is malformed (naming file and line)
   */
  public static UserFile load(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Map<String, User> users = new LinkedHashMap<>();
    List<String> plain = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        User u = parseLine(line);
        users.put(u.name(), u);
        if (u.credential().plaintext()) {
          plain.add(u.name());
        }
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    if (!plain.isEmpty()) {
      LOG.warn(
          "{} stores plaintext passwords for {}; replace them with verifiers:"
              + " ./veles passwd --users {} USER",
          file,
          plain,
          file);
    }
    return new UserFile(users);
  }

  static User parseLine(String line) {
    int colon = line.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("expected 'user: password[,role...]'");
    }
    String name = line.substring(0, colon).strip();
    String[] rest = line.substring(colon + 1).split(",");
    String secret = rest[0].strip();
    if (name.isEmpty() || secret.isEmpty()) {
      throw new IllegalArgumentException("expected 'user: password[,role...]'");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (int i = 1; i < rest.length; i++) {
      Role r = Role.of(rest[i].strip());
      if (r != null) {
        roles.add(r);
      }
    }
    return new User(name, Credential.parse(secret), roles);
  }

  /** The user with this name, or null. */
  public User user(String name) {
    return users.get(name);
  }

  /** The line for a user, as {@code ./veles passwd} writes it. */
  public static String line(String user, Credential.Verifier verifier, Set<Role> roles) {
    StringBuilder b = new StringBuilder(user).append(": ").append(verifier.token());
    for (Role r : roles) {
      b.append(',').append(r.name().toLowerCase(Locale.ROOT));
    }
    return b.toString();
  }
}

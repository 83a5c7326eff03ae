package dev.veles.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veles.server.Role;
import dev.veles.server.UserFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code veles passwd} writes verifiers, not passwords; {@code veles server}'s secret options. */
class PasswdCommandTest {
  @TempDir Path dir;

  private static int withStdin(String input, String... args) {
    InputStream old = System.in;
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    try {
      return Main.run(args);
    } finally {
      System.setIn(old);
    }
  }

  @Test
  void writesVerifiersAndReplacesAUsersLine() throws Exception {
    Path users = dir.resolve("users");
    Files.writeString(users, "# team\nold: plain,read\n");
    String[] args = {"passwd", "--users", users.toString(), "--password-stdin"};
    assertEquals(0, withStdin("first pw\n", append(args, "--role", "write", "carol")));
    assertEquals(0, withStdin("second pw\n", append(args, "--role", "admin", "carol")));
    String text = Files.readString(users);
    assertFalse(text.contains("first pw") || text.contains("second pw"), text);
    assertEquals(1, text.lines().filter(l -> l.startsWith("carol:")).count(), text);
    assertTrue(text.startsWith("# team\nold: plain,read\n"), text);
    UserFile f = UserFile.load(users);
    assertTrue(f.user("carol").credential().matches("second pw"));
    assertFalse(f.user("carol").credential().matches("first pw"));
    assertEquals(Role.ADMIN, f.user("carol").role());
    assertEquals(
        PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(users));
    assertNotEquals(0, withStdin("pw\n", append(args, "--role", "root", "x")));
    assertNotEquals(0, withStdin("pw\n", append(args, "a:b")));
    assertNotEquals(0, withStdin("\n", append(args, "empty")));
  }

  @Test
  void keystorePasswordFromFileOrEnvironment() throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), "s3cret\nignored\n");
    assertEquals("s3cret", Secrets.read("keystore password", null, file, null));
    String path = System.getenv("PATH");
    assertEquals(path, Secrets.read("keystore password", null, null, "PATH"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Secrets.read("keystore password", null, null, "VELES_NO_SUCH_VARIABLE_42"));
    assertThrows(
        IllegalArgumentException.class, () -> Secrets.read("keystore password", "a", file, null));
    assertThrows(
        IllegalArgumentException.class, () -> Secrets.read("keystore password", null, null, null));
  }

  private static String[] append(String[] a, String... more) {
    String[] out = new String[a.length + more.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(more, 0, out, a.length, more.length);
    return out;
  }
}

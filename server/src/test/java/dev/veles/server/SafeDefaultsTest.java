package dev.veles.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safe defaults of {@link VelesServer}: loopback unless told otherwise, no unauthenticated network
 * listener without an explicit {@code insecure}, a warning for BASIC without TLS off loopback.
 * (Tests only ever listen on loopback: the refusals happen before anything binds.)
 */
class SafeDefaultsTest {
  @TempDir Path dir;

  @Test
  void listensOnLoopbackByDefault() throws Exception {
    try (VelesServer server = VelesServer.builder().url("jdbc:calcite:").port(0).start()) {
      assertEquals("127.0.0.1", server.boundHost());
      assertTrue(server.httpUrl().startsWith("http://localhost:"), server.httpUrl());
      assertEquals(List.of(), server.warnings());
    }
  }

  @Test
  void networkAddressWithoutAuthIsRefusedUnlessInsecure() {
    for (String address : List.of("0.0.0.0", "::", "192.0.2.1")) {
      var e =
          assertThrows(
              IllegalStateException.class,
              () -> VelesServer.builder().url("jdbc:calcite:").port(0).bind(address).start());
      assertTrue(e.getMessage().contains("--insecure"), e.getMessage());
      assertTrue(e.getMessage().contains("--auth"), e.getMessage());
    }
  }

  @Test
  void basicWithoutTlsOffLoopbackIsWarned() throws Exception {
    Path users = Files.writeString(dir.resolve("users"), "u: p,read\n");
    VelesServer.Builder b =
        VelesServer.builder()
            .url("jdbc:calcite:")
            .bind("0.0.0.0")
            .authentication(VelesServer.Auth.BASIC, users);
    assertEquals(1, b.warnings().size());
    assertTrue(b.warnings().get(0).contains("clear text"), b.warnings().toString());
    assertEquals(List.of(), b.authentication(VelesServer.Auth.DIGEST, users).warnings(), "digest");
    assertEquals(
        List.of(),
        VelesServer.builder()
            .url("jdbc:calcite:")
            .authentication(VelesServer.Auth.BASIC, users)
            .warnings(),
        "loopback");
  }
}

package dev.veles.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.veles.jdbc.VelesProperty;
import dev.veles.server.ConnectionPropertyPolicy.Action;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection-property allow-list: every Calcite, Avatica and Veles property name in every
 * spelling that a case mapping or Unicode normalisation could fold onto it, decided by the policy
 * and through a real server with both clients; the three exploits of issue 13 refused without the
 * named class ever being loaded.
 */
class ConnectionPropertyPolicyTest {
  private static final String PROBE = "dev.veles.server.ClassLoadProbe";
  private static final Set<String> ALLOWED = Set.of("ef_search", "read_only", "timeZone", "locale");

  /** Valid values for the allowed properties; everything else gets the probe's class name. */
  private static final Map<String, String> VALUES =
      Map.of(
          "ef_search", "40",
          "read_only", "true",
          "timeZone", "UTC",
          "TIME_ZONE", "UTC",
          "locale", "en_US",
          "LOCALE", "en_US");

  @TempDir static Path dir;
  private static VelesServer protobuf;
  private static VelesServer json;

  @BeforeAll
  static void start() throws Exception {
    protobuf = VelesServer.builder().path(dir.resolve("db")).port(0).start();
    json =
        VelesServer.builder()
            .url("jdbc:calcite:")
            .port(0)
            .serialization(Serialization.JSON)
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    protobuf.close();
    json.close();
    assertEquals(0, ClassLoadProbe.Counts.LOADED.get(), "a client's property loaded a class");
  }

  /** The spellings of one name: upper, lower, mixed, Turkish dotless and dotted i, long s. */
  static Set<String> spellings(String name) {
    Set<String> out = new LinkedHashSet<>();
    out.add(name);
    out.add(name.toUpperCase(Locale.ROOT));
    String lower = name.toLowerCase(Locale.ROOT);
    out.add(lower);
    StringBuilder mixed = new StringBuilder();
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      mixed.append(i % 2 == 0 ? Character.toUpperCase(c) : c);
    }
    out.add(mixed.toString());
    out.add(lower.replace('i', 'ı'));
    out.add(name.replace('i', 'İ').replace('I', 'İ'));
    out.add(lower.replace('s', 'ſ'));
    return out;
  }

  /** What the policy must do with a spelling of a property whose own action is {@code action}. */
  private static Action expected(String name, String spelling, Action action) {
    // İ upper-cases to itself under Locale.ROOT, so no consumer folds it onto an ASCII name.
    boolean dotted = spelling.indexOf('İ') >= 0;
    return dotted ? Action.REFUSE : action;
  }

  /** Every name a consumer recognises, with the action the allow-list prescribes for it. */
  private static Map<String, Action> everyName() {
    Map<String, Action> names = new LinkedHashMap<>();
    for (CalciteConnectionProperty p : CalciteConnectionProperty.values()) {
      Action a = ALLOWED.contains(p.camelName()) ? Action.ALLOW : Action.REFUSE;
      names.put(p.camelName(), a);
      names.put(p.name(), a);
    }
    for (BuiltInConnectionProperty p : BuiltInConnectionProperty.values()) {
      Action a = ALLOWED.contains(p.camelName()) ? Action.ALLOW : Action.DROP;
      names.put(p.camelName(), a);
      names.put(p.name(), a);
    }
    for (VelesProperty p : VelesProperty.values()) {
      Action a =
          ALLOWED.contains(p.key())
              ? Action.ALLOW
              : p == VelesProperty.URL ? Action.DROP : Action.REFUSE;
      names.put(p.key(), a);
    }
    names.put("user", Action.DROP);
    names.put("password", Action.DROP);
    names.put("schema.directory", Action.REFUSE);
    names.put("veles.anything", Action.REFUSE);
    return names;
  }

  @Test
  void everyNameInEverySpellingIsAllowedDroppedOrRefused() {
    int checked = 0;
    for (Map.Entry<String, Action> e : everyName().entrySet()) {
      for (String spelling : spellings(e.getKey())) {
        Action want = expected(e.getKey(), spelling, e.getValue());
        Map<String, String> in = Map.of(spelling, VALUES.getOrDefault(e.getKey(), "true"));
        switch (want) {
          case REFUSE -> {
            var ex =
                assertThrows(
                    ConnectionPropertyPolicy.ForbiddenPropertyException.class,
                    () -> ConnectionPropertyPolicy.standard().filter(in),
                    spelling);
            assertEquals(spelling, ex.property());
            assertTrue(ex.getMessage().contains("'" + spelling + "'"), ex.getMessage());
          }
          case DROP -> assertEquals(Map.of(), ConnectionPropertyPolicy.standard().filter(in));
          case ALLOW -> {
            // Forwarded under the canonical name only, never the client's spelling.
            Map<String, String> out = ConnectionPropertyPolicy.standard().filter(in);
            assertEquals(1, out.size(), spelling);
            assertTrue(ALLOWED.contains(out.keySet().iterator().next()), spelling + " -> " + out);
          }
        }
        checked++;
      }
    }
    assertTrue(checked > 400, "checked " + checked);
  }

  @Test
  void normalisationFoldsCompatibilityForms() {
    // Full-width letters and the ſt ligature are NFKC-equivalent to ASCII names.
    for (String s : List.of("ｐａｒｓｅｒＦａｃｔｏｒｙ", "typeSyﬆem", "ﬁeldsCaseSensitive")) {
      assertEquals(Action.REFUSE, ConnectionPropertyPolicy.rule(s).action(), s);
    }
    assertEquals("parserFactory", ConnectionPropertyPolicy.rule("ｐａｒｓｅｒＦａｃｔｏｒｙ").canonical());
    assertEquals("ef_search", ConnectionPropertyPolicy.rule("EF_ſEARCH").canonical());
    assertEquals(Action.ALLOW, ConnectionPropertyPolicy.rule("EF_ſEARCH").action());
  }

  @Test
  void badValuesOfAllowedPropertiesAreRefused() {
    ConnectionPropertyPolicy policy = ConnectionPropertyPolicy.standard();
    for (Map.Entry<String, String> bad :
        Map.of("locale", PROBE, "ef_search", "many", "LOCALE", "en_US;x", "ef_ſearch", "")
            .entrySet()) {
      var e =
          assertThrows(
              ConnectionPropertyPolicy.ForbiddenPropertyException.class,
              () -> policy.filter(Map.of(bad.getKey(), bad.getValue())));
      assertEquals(bad.getKey(), e.property());
    }
    assertEquals(Map.of("locale", "pt_BR"), policy.filter(Map.of("Locale", "pt_BR")));
  }

  @Test
  void readOnlyOnlyTrueAndNoDuplicates() {
    ConnectionPropertyPolicy policy = ConnectionPropertyPolicy.standard();
    assertEquals(Map.of("read_only", "true"), policy.filter(Map.of("READ_ONLY", "yes")));
    assertThrows(
        ConnectionPropertyPolicy.ForbiddenPropertyException.class,
        () -> policy.filter(Map.of("read_only", "false")));
    Map<String, String> twice = new LinkedHashMap<>();
    twice.put("ef_search", "10");
    twice.put("EF_ſEARCH", "20");
    assertThrows(
        ConnectionPropertyPolicy.ForbiddenPropertyException.class, () -> policy.filter(twice));
    assertTrue(policy.filter(null).isEmpty());
  }

  /**
   * The server-side names (Calcite's, Veles's, JDBC's user/password) in every spelling through both
   * clients. Avatica's own names are excluded here because both clients consume them themselves (a
   * class name in {@code httpclient_factory} is loaded by the client); {@link
   * #avaticaNamesAreDroppedByTheServer} sends them raw.
   */
  @Test
  void serverSideNamesThroughBothClients() throws Exception {
    Map<String, Action> names = new LinkedHashMap<>();
    for (Map.Entry<String, Action> e : everyName().entrySet()) {
      boolean avatica = isAvatica(e.getKey());
      boolean velesClientOwn = e.getKey().equals("url") || e.getKey().equals("path");
      if (!avatica && !velesClientOwn) {
        names.put(e.getKey(), e.getValue());
      }
    }
    int refused = 0;
    int opened = 0;
    for (Map.Entry<String, Action> e : names.entrySet()) {
      for (String spelling : spellings(e.getKey())) {
        for (boolean stock : new boolean[] {true, false}) {
          // The Veles client lower-cases names before sending them.
          String sent = stock ? spelling : spelling.toLowerCase(Locale.ROOT);
          Action want = expected(e.getKey(), sent, e.getValue());
          Properties p = new Properties();
          p.setProperty(spelling, VALUES.getOrDefault(e.getKey(), PROBE));
          String url = stock ? protobuf.clientUrl() : "jdbc:veles:url=" + protobuf.httpUrl();
          String where = (stock ? "stock " : "veles ") + spelling;
          if (want == Action.REFUSE) {
            Exception ex = connectFailure(url, p, where);
            assertEquals("08004", sqlState(ex), where + ": " + ex);
            assertTrue(ex.getMessage().contains("'" + sent + "'"), where + ": " + ex.getMessage());
            refused++;
          } else {
            try (Connection c = DriverManager.getConnection(url, p)) {
              assertEquals(42, select42(c), where);
            }
            opened++;
          }
        }
      }
    }
    assertEquals(0, ClassLoadProbe.Counts.LOADED.get());
    assertTrue(refused > 300 && opened > 20, refused + " refused, " + opened + " opened");
  }

  /** Avatica's client-side names, each spelling, sent raw in openConnection: dropped, unused. */
  @Test
  void avaticaNamesAreDroppedByTheServer() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    int n = 0;
    for (BuiltInConnectionProperty p : BuiltInConnectionProperty.values()) {
      for (String name : List.of(p.camelName(), p.name())) {
        for (String spelling : spellings(name)) {
          Action want =
              expected(
                  name, spelling, ALLOWED.contains(p.camelName()) ? Action.ALLOW : Action.DROP);
          String value = p == BuiltInConnectionProperty.TIME_ZONE ? "UTC" : PROBE;
          String reply = openRaw(http, "raw-" + n++, Map.of(spelling, value));
          if (want == Action.REFUSE) {
            assertTrue(reply.contains("\"sqlState\":\"08004\""), spelling + ": " + reply);
          } else {
            assertTrue(reply.contains("openConnection"), spelling + ": " + reply);
          }
        }
      }
    }
    assertEquals(0, ClassLoadProbe.Counts.LOADED.get());
  }

  /** Issue 13's three exploits: refused, and the named class is never loaded or instantiated. */
  @Test
  void longSExploitsAreRefusedWithoutLoadingAClass() throws Exception {
    Map<String, String> exploits = new LinkedHashMap<>();
    exploits.put("typeSyſtem", PROBE);
    exploits.put("ſchemaFactory", PROBE);
    exploits.put("parſerFactory", PROBE + "#INSTANCE");
    HttpClient http = HttpClient.newHttpClient();
    int n = 0;
    for (Map.Entry<String, String> e : exploits.entrySet()) {
      for (String url :
          List.of(protobuf.clientUrl(), "jdbc:veles:url=" + protobuf.httpUrl(), json.clientUrl())) {
        Properties p = new Properties();
        p.setProperty(e.getKey(), e.getValue());
        Exception ex = connectFailure(url, p, url + " " + e.getKey());
        assertEquals("08004", sqlState(ex), ex.toString());
        String named =
            url.startsWith("jdbc:veles:") ? e.getKey().toLowerCase(Locale.ROOT) : e.getKey();
        assertTrue(ex.getMessage().contains("'" + named + "'"), ex.getMessage());
      }
      String reply = openRaw(http, "exploit-" + n++, Map.of(e.getKey(), e.getValue()));
      assertTrue(reply.contains("\"sqlState\":\"08004\""), reply);
    }
    assertEquals(0, ClassLoadProbe.Counts.LOADED.get(), "the probe class was loaded");
    assertEquals(0, ClassLoadProbe.Counts.CREATED.get(), "the probe class was instantiated");
    // The servers still serve clean connections.
    for (String url : List.of(protobuf.clientUrl(), json.clientUrl())) {
      try (Connection c = DriverManager.getConnection(url)) {
        assertEquals(42, select42(c));
      }
    }
  }

  @Test
  void allowedPropertiesTakeEffect() throws Exception {
    Properties p = new Properties();
    p.setProperty("READ_ONLY", "true");
    p.setProperty("EF_SEARCH", "77");
    for (String url : List.of(protobuf.clientUrl(), "jdbc:veles:url=" + protobuf.httpUrl())) {
      try (Connection c = DriverManager.getConnection(url, p);
          Statement s = c.createStatement()) {
        SQLException e =
            assertThrows(
                SQLException.class, () -> s.execute("CREATE TABLE ro_probe (id BIGINT)"), url);
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        assertNotEquals(null, e.getSQLState());
      }
    }
  }

  private static boolean isAvatica(String name) {
    for (BuiltInConnectionProperty p : BuiltInConnectionProperty.values()) {
      if (p.camelName().equals(name) || p.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static String openRaw(HttpClient http, String id, Map<String, String> info)
      throws Exception {
    StringBuilder body = new StringBuilder("{\"request\":\"openConnection\",\"connectionId\":\"");
    body.append(id).append("\",\"info\":{");
    String sep = "";
    for (Map.Entry<String, String> e : info.entrySet()) {
      body.append(sep).append(jsonString(e.getKey())).append(':').append(jsonString(e.getValue()));
      sep = ",";
    }
    body.append("}}");
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(json.httpUrl()))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String close = "{\"request\":\"closeConnection\",\"connectionId\":\"" + id + "\"}";
    http.send(
        HttpRequest.newBuilder(URI.create(json.httpUrl()))
            .POST(HttpRequest.BodyPublishers.ofString(close))
            .build(),
        HttpResponse.BodyHandlers.discarding());
    return r.body();
  }

  private static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private static int select42(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("VALUES 41 + 1")) {
      assertTrue(rs.next());
      return rs.getInt(1);
    }
  }

  private static Exception connectFailure(String url, Properties p, String where) {
    try (Connection c = DriverManager.getConnection(url, p)) {
      select42(c);
    } catch (SQLException | RuntimeException e) {
      return e;
    }
    fail(where + ": connected");
    return null;
  }

  /**
   * The server's SQLSTATE: the first one along the cause chain that is not the Veles client's
   * generic 08000 wrapper ({@code RemoteConnections} reports a refused connect as 08000 with the
   * server's error as its cause).
   */
  private static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String state =
          t instanceof SQLException sql
              ? sql.getSQLState()
              : t instanceof AvaticaClientRuntimeException client ? client.getSqlState() : null;
      if (state != null && !state.equals("08000")) {
        return state;
      }
    }
    return null;
  }
}

package dev.veles.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veles.engine.Durability;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link VelesDriver#getPropertyInfo}: what a connection dialog (DBeaver's, a pool's) shows is the
 * set of {@link VelesProperty} that {@code connect} accepts, with values, defaults and choices; the
 * Calcite dialect properties are not offered and a connection refuses them.
 */
class DriverPropertyInfoTest {
  @TempDir Path dir;

  private static DriverPropertyInfo find(DriverPropertyInfo[] infos, String name) {
    return Arrays.stream(infos).filter(i -> i.name.equals(name)).findFirst().orElseThrow();
  }

  @Test
  void listsVelesPropertiesWithValuesDefaultsAndChoices() throws SQLException {
    String url = "jdbc:veles:path=" + dir + ";durability=none";
    Properties info = new Properties();
    info.setProperty("read_only", "true");
    Driver driver = DriverManager.getDriver(url);
    DriverPropertyInfo[] infos = driver.getPropertyInfo(url, info);

    assertEquals(
        Arrays.stream(VelesProperty.values()).map(VelesProperty::key).toList(),
        Arrays.stream(infos).map(i -> i.name).toList());
    for (String calcite : List.of("lex", "caseSensitive", "model", "parserFactory", "fun")) {
      assertTrue(
          Arrays.stream(infos).noneMatch(i -> i.name.equalsIgnoreCase(calcite)),
          calcite + " is listed");
    }
    for (DriverPropertyInfo i : infos) {
      assertFalse(i.description == null || i.description.isBlank(), i.name);
    }

    assertEquals(dir.toString(), find(infos, "path").value);
    assertTrue(find(infos, "path").required);
    assertTrue(find(infos, "url").required);
    assertNull(find(infos, "url").value);
    assertFalse(find(infos, "ef_search").required);
    assertEquals("0", find(infos, "ef_search").value, "the default when not given");
    assertEquals("4096", find(infos, "max_dimension").value);
    assertEquals("true", find(infos, "read_only").value, "from info");
    assertArrayEquals(new String[] {"true", "false"}, find(infos, "read_only").choices);
    assertArrayEquals(new String[] {"true", "false"}, find(infos, "create").choices);
    assertNull(find(infos, "ef_search").choices);

    DriverPropertyInfo durability = find(infos, "durability");
    assertEquals("none", durability.value, "from the URL");
    assertEquals(Durability.values().length, durability.choices.length);
    for (String choice : durability.choices) {
      Durability.parse(choice); // every offered choice is one the driver accepts
    }
  }

  @Test
  void everyListedEmbeddedPropertyIsAcceptedByConnect() throws SQLException {
    String url = "jdbc:veles:path=" + dir.resolve("db");
    Properties props = new Properties();
    for (DriverPropertyInfo i : DriverManager.getDriver(url).getPropertyInfo(url, null)) {
      // url would make it a remote connection; every other property is set to its listed value.
      if (i.value != null && !i.name.equals("url")) {
        props.setProperty(i.name, i.value);
      }
    }
    try (Connection c = DriverManager.getConnection(url, props)) {
      assertFalse(c.isClosed());
    }
  }

  @Test
  void calciteDialectPropertiesAreRefusedNotPassedThrough() {
    for (String property : List.of("lex=JAVA", "caseSensitive=true")) {
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> DriverManager.getConnection("jdbc:veles:path=" + dir + ";" + property));
      assertEquals("0A000", e.getSQLState(), e.getMessage());
      assertTrue(
          e.getMessage().contains(property.substring(0, property.indexOf('='))), e::getMessage);
    }
  }
}

package dev.veles.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.apache.calcite.avatica.ConnectionProperty;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.junit.jupiter.api.Test;

class ConnectionPropertyPolicyTest {
  private final ConnectionPropertyPolicy policy = ConnectionPropertyPolicy.standard();

  @Test
  void everyPluginPropertyOfCalciteAndAvaticaIsRejected() {
    int plugins = 0;
    for (ConnectionProperty p : CalciteConnectionProperty.values()) {
      if (p.type() == ConnectionProperty.Type.PLUGIN) {
        plugins++;
        assertNotNull(ConnectionPropertyPolicy.rejection(p.camelName()), p.camelName());
      }
    }
    for (ConnectionProperty p : BuiltInConnectionProperty.values()) {
      if (p.type() == ConnectionProperty.Type.PLUGIN) {
        assertNotNull(ConnectionPropertyPolicy.rejection(p.camelName()), p.camelName());
      }
    }
    assertTrue(plugins >= 5, "Calcite has parserFactory, schemaFactory, typeSystem, ...");
  }

  @Test
  void namesAreCaseInsensitiveAndPrefixesCount() {
    for (String k : new String[] {"MODEL", "SchemaFactory", "schema.directory", "Path", "FUN"}) {
      var e =
          assertThrows(
              ConnectionPropertyPolicy.ForbiddenPropertyException.class,
              () -> policy.filter(Map.of(k, "x")));
      assertEquals(k, e.property());
      assertTrue(e.getMessage().contains("'" + k + "'"), e.getMessage());
    }
  }

  @Test
  void clientOnlyPropertiesAreDroppedOthersKept() {
    Map<String, String> in = new LinkedHashMap<>();
    in.put("url", "http://x");
    in.put("serialization", "json");
    in.put("truststore", "/tmp/t");
    in.put("user", "u");
    in.put("ef_search", "64");
    in.put("schema", "s");
    in.put("read_only", "true");
    Map<String, String> out = policy.filter(in);
    assertEquals(Map.of("user", "u", "ef_search", "64", "schema", "s", "read_only", "true"), out);
    assertNull(ConnectionPropertyPolicy.rejection("caseSensitive"));
    assertThrows(
        ConnectionPropertyPolicy.ForbiddenPropertyException.class,
        () -> policy.filter(Map.of("read_only", "false")));
    assertTrue(policy.filter(null).isEmpty());
  }
}

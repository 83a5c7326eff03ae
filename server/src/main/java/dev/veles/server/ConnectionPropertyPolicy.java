package dev.veles.server;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.apache.calcite.avatica.ConnectionProperty;
import org.apache.calcite.config.CalciteConnectionProperty;

/**
 * Decides which connection properties a remote client may pass to the server's embedded connection.
 *
 * <p>A remote client's {@code openConnection} properties become properties of a connection opened
 * inside the server process. Properties that name a class ({@code parserFactory}, {@code
 * schemaFactory}, {@code typeSystem}, ...: every Calcite or Avatica property of type {@code
 * PLUGIN}), a file or inline model ({@code model}, {@code schema.*} operands, {@code schemaType}),
 * load other engines ({@code spark}), change the server's function table ({@code fun}), or choose
 * the database directory and its durability ({@code path}, {@code create}, {@code durability},
 * {@code max_dimension}, {@code lock}; {@code read_only} other than {@code true}) would let a
 * client run code or read and write files as the server's user, so they are rejected with an error
 * naming the property.
 *
 * <p>Avatica's own client-side properties ({@code url}, {@code serialization}, {@code truststore},
 * ...) are consumed by the client; when a client forwards them they are dropped, not passed on.
 * Everything else ({@code user}, {@code password}, {@code ef_search}, {@code timeZone}, ...) only
 * affects this client's own connection and is passed on to the embedded driver, which decides:
 * Calcite's dialect properties ({@code lex}, {@code caseSensitive}, {@code quoting}, ...) are
 * refused there with SQLSTATE 0A000, because a Veles connection's SQL dialect is fixed.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConnectionPropertyPolicy {
  /** Properties rejected besides the PLUGIN-typed ones found by reflection. */
  private static final Set<String> REJECTED =
      Set.of(
          "model",
          "schematype",
          "spark",
          "fun",
          "path",
          "create",
          "durability",
          "readonly",
          "max_dimension",
          "lock",
          "factory",
          "schema_factory",
          "type_system",
          "parser_factory");

  private static final Set<String> REJECTED_PREFIXES = Set.of("schema.", "veles.");

  /** Avatica client properties that are meaningless (and not passed) on the server. */
  private static final Set<String> CLIENT_ONLY = clientOnlyNames();

  private static final Set<String> PLUGINS = pluginNames();

  private static final ConnectionPropertyPolicy DEFAULT = new ConnectionPropertyPolicy();

  private ConnectionPropertyPolicy() {}

  /** The policy applied by {@link VelesServer}. */
  public static ConnectionPropertyPolicy standard() {
    return DEFAULT;
  }

  /**
   * Returns the properties to pass to the embedded connection.
   *
   * @param clientProperties what the client sent; may be null
   * @throws ForbiddenPropertyException naming the first property that is not allowed
   */
  public Map<String, String> filter(Map<String, String> clientProperties) {
    Map<String, String> out = new LinkedHashMap<>();
    if (clientProperties == null) {
      return out;
    }
    for (Map.Entry<String, String> e : clientProperties.entrySet()) {
      String key = e.getKey();
      String reason = rejection(key);
      if (key.trim().equalsIgnoreCase("read_only") && !"true".equalsIgnoreCase(e.getValue())) {
        // A client may make its own connection read-only, never lift a server's read-only mode.
        reason = "a client may only set it to true";
      }
      if (reason != null) {
        throw new ForbiddenPropertyException(key, reason);
      }
      if (!CLIENT_ONLY.contains(key.toLowerCase(Locale.ROOT))) {
        out.put(key, e.getValue());
      }
    }
    return out;
  }

  /** Returns why a property is rejected, or null if it is allowed. */
  static String rejection(String key) {
    String k = key.trim().toLowerCase(Locale.ROOT);
    for (String prefix : REJECTED_PREFIXES) {
      if (k.startsWith(prefix)) {
        return "it configures server-side schemas or storage";
      }
    }
    if (PLUGINS.contains(k)) {
      return "it names a class to load on the server";
    }
    if (REJECTED.contains(k)) {
      return switch (k) {
        case "model", "schematype" -> "it reads a model file or builds schemas on the server";
        case "spark" -> "it loads another execution engine on the server";
        case "fun" -> "it changes the server's function table";
        case "factory", "schema_factory", "type_system", "parser_factory" ->
            "it names a class to load on the server";
        default -> "the database directory and its durability are chosen by the server's operator";
      };
    }
    return null;
  }

  private static Set<String> pluginNames() {
    Set<String> names = new TreeSet<>();
    addPlugins(names, CalciteConnectionProperty.values());
    addPlugins(names, BuiltInConnectionProperty.values());
    return names;
  }

  private static void addPlugins(Set<String> names, ConnectionProperty[] properties) {
    for (ConnectionProperty p : properties) {
      if (p.type() == ConnectionProperty.Type.PLUGIN) {
        names.add(p.camelName().toLowerCase(Locale.ROOT));
      }
    }
  }

  private static Set<String> clientOnlyNames() {
    Set<String> names = new TreeSet<>();
    for (BuiltInConnectionProperty p : BuiltInConnectionProperty.values()) {
      String name = p.camelName().toLowerCase(Locale.ROOT);
      // "schema" and "timeZone" are also Calcite properties of the embedded connection.
      if (!name.equals("schema") && !name.equals("timezone")) {
        names.add(name);
      }
    }
    return names;
  }

  /** A client asked for a connection property that is not allowed over the network. */
  public static final class ForbiddenPropertyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String property;

    ForbiddenPropertyException(String property, String reason) {
      super(
          "connection property '"
              + property
              + "' cannot be set by a remote client: "
              + reason
              + "; remove it from the client's URL or properties");
      this.property = property;
    }

    /** The name of the rejected property, as the client spelled it. */
    public String property() {
      return property;
    }
  }
}

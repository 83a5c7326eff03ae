package dev.veles.server;

import dev.veles.jdbc.VelesProperty;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.apache.calcite.avatica.ConnectionProperty;
import org.apache.calcite.config.CalciteConnectionProperty;

/**
 * The allow-list of connection properties a remote client may pass to its connection inside the
 * server.
 *
 * <p>A remote client's {@code openConnection} properties would become properties of a connection
 * opened inside the server process, where Calcite and Avatica read dozens of them, some naming a
 * class to load ({@code parserFactory}, {@code schemaFactory}, {@code typeSystem}) or a file to
 * read ({@code model}). Those consumers find a property by {@code name.toUpperCase(Locale.ROOT)},
 * under which {@code ſ} (U+017F) becomes {@code S} and {@code ı} (U+0131) becomes {@code I}, and
 * the Veles driver by {@code equalsIgnoreCase}; a deny-list compared any other way can be walked
 * around. So this policy recognises a name the way the consumers do (after NFKC normalisation,
 * which also folds {@code ſ}, ligatures and full-width letters), and then never forwards the
 * client's spelling: what it passes on carries the property's canonical name, so no consumer's case
 * mapping is consulted on a client's string.
 *
 * <ul>
 *   <li><b>Allowed</b>, forwarded under their canonical name: {@link #ALLOWED}, each affecting only
 *       the client's own session ({@code read_only} only as {@code true}: a client may make its own
 *       connection read-only, never lift a server's read-only mode).
 *   <li><b>Dropped</b>, never used: Avatica's client-side properties ({@code url}, {@code
 *       serialization}, {@code authentication}, {@code avatica_user}, {@code truststore}, ... every
 *       {@link BuiltInConnectionProperty}), which the stock client forwards whenever they are not
 *       spelled exactly as it expects, and JDBC's {@code user} and {@code password} (the HTTP layer
 *       authenticates).
 *   <li><b>Refused</b> with an error naming the property: every other name.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class ConnectionPropertyPolicy {
  /** The session properties a client may set, by canonical name. */
  public static final Set<String> ALLOWED =
      Set.of(
          VelesProperty.EF_SEARCH.key(),
          VelesProperty.READ_ONLY.key(),
          CalciteConnectionProperty.TIME_ZONE.camelName(),
          CalciteConnectionProperty.LOCALE.camelName());

  private static final String ALLOWED_LIST = "ef_search, read_only=true, timeZone, locale";

  /** What happens to one property. */
  enum Action {
    ALLOW,
    DROP,
    REFUSE
  }

  /** The rule for one property: its canonical name, action and (when refused) why. */
  record Rule(String canonical, Action action, String reason) {}

  /** Rules by the consumers' lookup key: {@code toUpperCase(Locale.ROOT)} of each alias. */
  private static final Map<String, Rule> RULES = rules();

  private static final ConnectionPropertyPolicy DEFAULT = new ConnectionPropertyPolicy();

  private ConnectionPropertyPolicy() {}

  /** The policy applied by {@link VelesServer}. */
  public static ConnectionPropertyPolicy standard() {
    return DEFAULT;
  }

  /**
   * Returns the properties to pass to the embedded connection, under their canonical names.
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
      Rule rule = rule(key);
      switch (rule.action()) {
        case DROP -> {}
        case REFUSE -> throw new ForbiddenPropertyException(key, rule.reason());
        case ALLOW -> {
          String value = checkedValue(key, rule.canonical(), e.getValue());
          if (out.putIfAbsent(rule.canonical(), value) != null) {
            throw new ForbiddenPropertyException(
                key, "it is given twice (as " + rule.canonical() + ")");
          }
        }
      }
    }
    return out;
  }

  /** The rule for a name as a client spelled it. */
  static Rule rule(String key) {
    String lookup = Normalizer.normalize(key, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
    Rule rule = RULES.get(lookup);
    return rule != null
        ? rule
        : new Rule(key, Action.REFUSE, "it is not a session property a client may set");
  }

  /**
   * The value to forward for an allowed property; refuses one its consumer would fail on later,
   * mid-statement, with a less useful error.
   */
  private static String checkedValue(String key, String canonical, String value) {
    if (value == null) {
      throw new ForbiddenPropertyException(key, "it has no value");
    }
    if (canonical.equals(VelesProperty.READ_ONLY.key())) {
      if (!isTrue(value)) {
        throw new ForbiddenPropertyException(key, "a client may only set it to true");
      }
      return "true";
    }
    if (canonical.equals(VelesProperty.EF_SEARCH.key()) && !value.trim().matches("[0-9]{1,9}")) {
      throw new ForbiddenPropertyException(key, "it must be a whole number, got '" + value + "'");
    }
    if (canonical.equals(CalciteConnectionProperty.LOCALE.camelName())
        && !value.matches("[A-Za-z]{2,8}(_[A-Za-z0-9]{2,8}){0,2}")) {
      throw new ForbiddenPropertyException(
          key, "it must be a locale such as en_US, got '" + value + "'");
    }
    return value;
  }

  /** The values the Veles driver reads as true (see {@link VelesProperty#getBoolean}). */
  private static boolean isTrue(String value) {
    return value != null
        && Set.of("true", "yes", "1", "on").contains(value.trim().toLowerCase(Locale.ROOT));
  }

  private static Map<String, Rule> rules() {
    Map<String, Rule> rules = new HashMap<>();
    for (CalciteConnectionProperty p : CalciteConnectionProperty.values()) {
      String reason =
          p.type() == ConnectionProperty.Type.PLUGIN
              ? "it names a class to load on the server"
              : "it changes how the server reads or runs SQL for every statement";
      put(rules, p.camelName(), p.name(), new Rule(p.camelName(), Action.REFUSE, reason));
    }
    for (BuiltInConnectionProperty p : BuiltInConnectionProperty.values()) {
      // Overrides Calcite's SCHEMA: the server chooses the schema, the client keeps its own.
      put(rules, p.camelName(), p.name(), new Rule(p.camelName(), Action.DROP, null));
    }
    for (VelesProperty p : VelesProperty.values()) {
      if (p == VelesProperty.URL) {
        continue; // the client's own: where the server is, dropped like Avatica's url
      }
      Rule r =
          new Rule(
              p.key(),
              Action.REFUSE,
              "the database, its storage and limits are chosen by the server's operator");
      put(rules, p.key(), p.name(), r);
    }
    for (String jdbc : new String[] {"user", "password"}) {
      put(rules, jdbc, jdbc, new Rule(jdbc, Action.DROP, null));
    }
    for (CalciteConnectionProperty p :
        new CalciteConnectionProperty[] {
          CalciteConnectionProperty.TIME_ZONE, CalciteConnectionProperty.LOCALE
        }) {
      put(rules, p.camelName(), p.name(), new Rule(p.camelName(), Action.ALLOW, null));
    }
    for (VelesProperty p : new VelesProperty[] {VelesProperty.EF_SEARCH, VelesProperty.READ_ONLY}) {
      put(rules, p.key(), p.name(), new Rule(p.key(), Action.ALLOW, null));
    }
    return Map.copyOf(rules);
  }

  private static void put(Map<String, Rule> rules, String camelName, String enumName, Rule rule) {
    rules.put(camelName.toUpperCase(Locale.ROOT), rule);
    rules.put(enumName.toUpperCase(Locale.ROOT), rule);
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
              + "; a client may set only "
              + ALLOWED_LIST
              + ", remove it from the client's URL or properties");
      this.property = property;
    }

    /** The name of the rejected property, as the client spelled it. */
    public String property() {
      return property;
    }
  }
}

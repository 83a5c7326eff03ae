package dev.veles.jdbc;

import java.util.Locale;
import java.util.Properties;

/**
 * The connection properties of {@code jdbc:veles:} URLs, given in the URL ({@code
 * jdbc:veles:path=/data;durability=flush_only}) or as {@link Properties}. {@link
 * VelesDriver#getPropertyInfo} lists them, with their defaults and allowed values, to tools that
 * build a connection dialog.
 */
public enum VelesProperty {
  PATH("path", null, "Directory of the database (embedded). Either path or url is required."),
  URL(
      "url",
      null,
      "Address of a Veles server, e.g. http://localhost:8765 (remote, over Avatica protobuf)."
          + " Either path or url is required."),
  CREATE("create", "true", "Create the directory if it does not exist.", "true", "false"),
  DURABILITY(
      "durability",
      "fsync",
      "Durability of tables created without a durability option: fsync, flush_only or none.",
      "fsync",
      "flush_only",
      "none"),
  EF_SEARCH(
      "ef_search",
      "0",
      "HNSW candidate list size for k-NN queries on this connection; 0 uses each table's own."),
  READ_ONLY(
      "read_only",
      "false",
      "Refuse every write and DDL statement on this connection.",
      "true",
      "false"),
  MAX_DIMENSION("max_dimension", "4096", "Largest vector dimension a new table may declare.");

  private final String key;
  private final String defaultValue;
  private final String description;
  private final String[] choices;

  VelesProperty(String key, String defaultValue, String description, String... choices) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
    this.choices = choices;
  }

  /** The name used in URLs and {@link Properties}. */
  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** The values this property accepts, or null when it takes free text or a number. */
  public String[] choices() {
    return choices.length == 0 ? null : choices.clone();
  }

  /**
   * Whether a connection needs this property: {@link #PATH} (embedded) or {@link #URL} (remote);
   * one of the two must be given.
   */
  public boolean required() {
    return this == PATH || this == URL;
  }

  /** The value in {@code props}, or the default. */
  public String get(Properties props) {
    String v = props.getProperty(key);
    if (v == null) {
      for (String name : props.stringPropertyNames()) {
        if (name.toLowerCase(Locale.ROOT).equals(key)) {
          return props.getProperty(name);
        }
      }
    }
    return v != null ? v : defaultValue;
  }

  public boolean getBoolean(Properties props) {
    String v = get(props).trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default ->
          throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
    };
  }

  public int getInt(Properties props) {
    String v = get(props).trim();
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
    }
  }

  /** The property with this name, ignoring case, or null. */
  public static VelesProperty of(String name) {
    for (VelesProperty p : values()) {
      if (p.key.equalsIgnoreCase(name)) {
        return p;
      }
    }
    return null;
  }
}

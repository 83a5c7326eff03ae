package dev.veles.pgwire;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The run-time settings a session shows ({@code SHOW}, {@code current_setting}, {@code
 * pg_settings}) with PostgreSQL's names and the values this server runs with. {@code
 * server_version} is 16.0: libpq, pgjdbc, psycopg and SQLAlchemy parse it to choose their catalog
 * queries, and 16 is a release all of them know.
 */
final class PgSettings {
  /** Settings sent as ParameterStatus at startup and whenever a SET changes them. */
  static final Set<String> REPORTED =
      Set.of(
          "server_version",
          "server_encoding",
          "client_encoding",
          "application_name",
          "DateStyle",
          "IntervalStyle",
          "TimeZone",
          "integer_datetimes",
          "standard_conforming_strings",
          "is_superuser",
          "session_authorization");

  private PgSettings() {}

  /** The defaults, in the spelling PostgreSQL reports. */
  static Map<String, String> defaults(String user, boolean superuser) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("server_version", "16.0");
    m.put("server_version_num", "160000");
    m.put("server_encoding", "UTF8");
    m.put("client_encoding", "UTF8");
    m.put("application_name", "");
    m.put("DateStyle", "ISO, MDY");
    m.put("IntervalStyle", "postgres");
    m.put("TimeZone", "UTC");
    m.put("integer_datetimes", "on");
    m.put("standard_conforming_strings", "on");
    m.put("is_superuser", superuser ? "on" : "off");
    m.put("session_authorization", user);
    m.put("search_path", "\"$user\", public");
    m.put("statement_timeout", "0");
    m.put("lock_timeout", "0");
    m.put("idle_in_transaction_session_timeout", "0");
    m.put("hnsw.ef_search", "40");
    m.put("ivfflat.probes", "1");
    m.put("work_mem", "4MB");
    m.put("maintenance_work_mem", "64MB");
    m.put("max_parallel_workers_per_gather", "2");
    m.put("max_parallel_maintenance_workers", "2");
    m.put("extra_float_digits", "1");
    m.put("transaction_isolation", "read committed");
    m.put("default_transaction_isolation", "read committed");
    m.put("default_transaction_read_only", "off");
    m.put("transaction_read_only", "off");
    m.put("max_identifier_length", "63");
    m.put("max_index_keys", "32");
    m.put("max_connections", "1000");
    m.put("lc_collate", "C");
    m.put("lc_ctype", "C");
    m.put("bytea_output", "hex");
    m.put("synchronous_commit", "on");
    m.put("jit", "off");
    m.put("row_security", "on");
    return m;
  }

  /** The spelling of {@code name} in {@link #defaults} (names are case-insensitive). */
  static String canonical(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return switch (n) {
      case "datestyle" -> "DateStyle";
      case "intervalstyle" -> "IntervalStyle";
      case "timezone" -> "TimeZone";
      case "ef_search" -> "hnsw.ef_search";
      default -> n;
    };
  }

  /**
   * {@code statement_timeout}'s value in milliseconds ({@code 5000}, {@code '5s'}, {@code 1min}).
   */
  static long millis(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < v.length() && (Character.isDigit(v.charAt(i)) || v.charAt(i) == '.')) {
      i++;
    }
    if (i == 0) {
      throw new IllegalArgumentException("invalid value for a time setting: \"" + value + "\"");
    }
    double n = Double.parseDouble(v.substring(0, i));
    String unit = v.substring(i).strip();
    double factor =
        switch (unit) {
          case "", "ms" -> 1;
          case "s" -> 1000;
          case "min" -> 60_000;
          case "h" -> 3_600_000;
          case "d" -> 86_400_000;
          case "us" -> 0.001;
          default ->
              throw new IllegalArgumentException(
                  "invalid unit \"" + unit + "\" for a time setting (use ms, s, min, h, d)");
        };
    return (long) Math.ceil(n * factor);
  }
}

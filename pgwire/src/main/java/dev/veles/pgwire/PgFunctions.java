package dev.veles.pgwire;

/**
 * PostgreSQL's informational functions that clients call when they connect, as Calcite scalar
 * functions (see {@link PgCatalog}). Stateless.
 */
public final class PgFunctions {
  /** OIDs of the namespaces, as in a fresh PostgreSQL cluster where they are fixed. */
  static final int PG_CATALOG_OID = 11;

  static final int PUBLIC_OID = 2200;
  static final int VELES_OID = 16384;
  static final int DATABASE_OID = 16386;

  private PgFunctions() {}

  /** {@code version()}: what SQLAlchemy and others parse for the server version. */
  public static String version() {
    return "PostgreSQL 16.0 (Veles " + dev.veles.jdbc.VelesDriver.VERSION + ") on x86_64, 64-bit";
  }

  /** {@code current_database()}: the one database this server serves. */
  public static String current_database() {
    return "veles";
  }

  /** {@code current_schema()}: where tables live. */
  public static String current_schema() {
    return "public";
  }

  /** {@code pg_get_userbyid(oid)}: every object is owned by the one superuser, {@code veles}. */
  public static String pg_get_userbyid(Integer oid) {
    return "veles";
  }

  /** {@code pg_table_is_visible(oid)}: the search path is public and pg_catalog, which see all. */
  public static boolean pg_table_is_visible(Integer oid) {
    return true;
  }

  /** {@code pg_type_is_visible(oid)}: every type is in pg_catalog or public, on the path. */
  public static boolean pg_type_is_visible(Integer oid) {
    return true;
  }

  /** The {@code ~} operator (POSIX regex match; Java's regex dialect covers what clients send). */
  public static Boolean textregexeq(String s, String pattern) {
    if (s == null || pattern == null) {
      return null;
    }
    return java.util.regex.Pattern.compile(pattern).matcher(s).find();
  }

  /** The {@code ~*} operator: case-insensitive {@link #textregexeq}. */
  public static Boolean texticregexeq(String s, String pattern) {
    if (s == null || pattern == null) {
      return null;
    }
    return java.util.regex.Pattern.compile(pattern, java.util.regex.Pattern.CASE_INSENSITIVE)
        .matcher(s)
        .find();
  }

  /** {@code format_type(oid, typmod)}: the SQL name of a type, with its modifier. */
  public static String format_type(Integer oid, Integer typmod) {
    if (oid == null) {
      return null;
    }
    PgType t = PgType.ofOid(oid);
    if (t == null) {
      return "???";
    }
    int mod = typmod == null ? -1 : typmod;
    return switch (t) {
      case INT8 -> "bigint";
      case INT4 -> "integer";
      case INT2 -> "smallint";
      case FLOAT4 -> "real";
      case FLOAT8 -> "double precision";
      case BOOL -> "boolean";
      case VARCHAR -> mod > 4 ? "character varying(" + (mod - 4) + ")" : "character varying";
      case TIMESTAMP -> "timestamp without time zone";
      case TIMESTAMPTZ -> "timestamp with time zone";
      case TIME -> "time without time zone";
      case VECTOR -> mod > 0 ? "vector(" + mod + ")" : "vector";
      default -> t.category == 'A' ? format_type(PgType.elementOf(t).oid, -1) + "[]" : t.typname;
    };
  }

  /** {@code obj_description(oid, catalog)}: Veles has no comments. */
  public static String obj_description(Integer oid, String catalog) {
    return null;
  }

  /** {@code col_description(oid, column)}: Veles has no comments. */
  public static String col_description(Integer oid, Integer column) {
    return null;
  }

  /** {@code pg_encoding_to_char(n)}: the one encoding this server speaks. */
  public static String pg_encoding_to_char(Integer encoding) {
    return "UTF8";
  }

  /** {@code pg_get_serial_sequence(table, column)}: Veles has no sequences, so null. */
  public static String pg_get_serial_sequence(String table, String column) {
    return null;
  }

  /** {@code array_to_string(array, sep)} over a SQL array; null elements are skipped. */
  public static String array_to_string_list(java.util.List<?> array, String separator) {
    if (array == null || separator == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (Object o : array) {
      if (o == null) {
        continue;
      }
      if (!sb.isEmpty()) {
        sb.append(separator);
      }
      sb.append(o);
    }
    return sb.toString();
  }

  /** {@code pg_get_expr(expr, relation, pretty)}: catalog expressions are stored as their text. */
  public static String pg_get_expr(String expr, Integer relation, Boolean pretty) {
    return expr;
  }

  /** {@code pg_get_expr(expr, relation)}: as {@link #pg_get_expr(String, Integer, Boolean)}. */
  public static String pg_get_expr2(String expr, Integer relation) {
    return expr;
  }

  /**
   * {@code 'name'::regclass}: the OID of a relation named as text ({@code schema.name} or {@code
   * "Quoted"}); the catalog's own tables have PostgreSQL's fixed OIDs, and digits are an OID.
   */
  public static Integer regclass(String name) {
    if (name == null) {
      return null;
    }
    String n = unqualified(name);
    if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
      return Integer.valueOf(n);
    }
    Integer fixed = CATALOG_OIDS.get(n);
    return fixed != null ? fixed : PgRelations.oid(n);
  }

  /** {@code 'schema.fn'::regproc}: the function's name (catalog columns hold names). */
  public static String regproc(String name) {
    return name == null ? null : unqualified(name);
  }

  /** {@code oid::regnamespace}, read as text: the namespace's name. */
  public static String regnamespace(Integer oid) {
    if (oid == null) {
      return null;
    }
    return switch (oid) {
      case PG_CATALOG_OID -> "pg_catalog";
      case PUBLIC_OID -> "public";
      case VELES_OID -> "veles";
      default -> oid.toString();
    };
  }

  /**
   * {@code pg_get_statisticsobjdef_columns(oid)}: Veles has no extended statistics objects, so no
   * OID names one and the answer is null, as PostgreSQL's for an unknown OID.
   */
  public static String pg_get_statisticsobjdef_columns(Integer oid) {
    return null;
  }

  /**
   * {@code pg_relation_is_publishable(oid)}: whether a relation could be in a publication; in
   * PostgreSQL every ordinary permanent table can, and every Veles table is one.
   */
  public static boolean pg_relation_is_publishable(Integer oid) {
    return oid != null && !CATALOG_OIDS.containsValue(oid);
  }

  /**
   * What {@code pg_get_indexdef} and {@code pg_get_constraintdef} answer, as rewritten by {@link
   * PgCatalogSql}: the definition numbered {@code col} of object {@code oid} among {@code defs}
   * (entries {@code "oid col definition"} read from {@code pg_catalog.veles_object_def}), or null.
   */
  public static String veles_definition(java.util.List<?> defs, Integer oid, Integer col) {
    if (defs == null || oid == null || col == null) {
      return null;
    }
    String prefix = oid + " " + col + " ";
    for (Object d : defs) {
      if (d != null && d.toString().startsWith(prefix)) {
        return d.toString().substring(prefix.length());
      }
    }
    return null;
  }

  /**
   * {@code pg_size_pretty(bytes)}: a size in bytes, kB, MB, GB, TB or PB, as PostgreSQL prints it.
   */
  public static String pg_size_pretty(Long size) {
    if (size == null) {
      return null;
    }
    long limit = 10 * 1024;
    long v = size;
    if (Math.abs(v) < limit) {
      return v + " bytes";
    }
    v >>= 9; // half-kilobytes, so the last step rounds half up
    for (String unit : new String[] {"kB", "MB", "GB", "TB"}) {
      if (Math.abs(v) < limit * 2 - 1) {
        return (v + (v < 0 ? -1 : 1)) / 2 + " " + unit;
      }
      v >>= 10;
    }
    return (v + (v < 0 ? -1 : 1)) / 2 + " PB";
  }

  /** {@code has_database_privilege(db, privilege)}: a connected user may use the one database. */
  public static boolean has_database_privilege(String database, String privilege) {
    return current_database().equals(database);
  }

  /** {@code shobj_description(oid, catalog)}: Veles has no comments. */
  public static String shobj_description(Integer oid, String catalog) {
    return null;
  }

  /** {@code pg_function_is_visible(oid)}: every function is in pg_catalog or public. */
  public static boolean pg_function_is_visible(Integer oid) {
    return true;
  }

  /**
   * {@code has_table_privilege(table, privilege)} as rewritten by {@link PgCatalogSql}: SELECT for
   * every user; INSERT, UPDATE, DELETE and TRUNCATE for a user with the write or admin role;
   * REFERENCES and TRIGGER for none (Veles has neither). A list ({@code 'SELECT, INSERT'}) asks for
   * any of its privileges, as in PostgreSQL.
   */
  public static Boolean veles_table_privilege(Boolean canWrite, String table, String privilege) {
    if (table == null || privilege == null) {
      return null;
    }
    boolean any = false;
    for (String p : privilege.split(",")) {
      String name = p.strip().toUpperCase(java.util.Locale.ROOT);
      boolean grantOption = name.endsWith(" WITH GRANT OPTION");
      name = name.replace(" WITH GRANT OPTION", "").strip();
      boolean held =
          switch (name) {
            case "SELECT" -> true;
            case "INSERT", "UPDATE", "DELETE", "TRUNCATE" -> Boolean.TRUE.equals(canWrite);
            case "REFERENCES", "TRIGGER", "MAINTAIN" -> false;
            default ->
                throw new IllegalArgumentException(
                    "unrecognized privilege type: \"" + p.strip() + "\"");
          };
      any |= held && !grantOption;
    }
    return any;
  }

  /** {@code 'name'::regtype}: the OID of a type this server speaks, or digits as an OID. */
  public static Integer regtype(String name) {
    if (name == null) {
      return null;
    }
    String n = unqualified(name);
    if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
      return Integer.valueOf(n);
    }
    PgType t = PgType.ofName(n);
    if (t == null) {
      throw new IllegalArgumentException("type \"" + n + "\" does not exist");
    }
    return t.oid;
  }

  static String unqualified(String name) {
    String n = name.strip();
    int dot = n.lastIndexOf('.');
    if (dot >= 0 && !n.endsWith("\"")) {
      n = n.substring(dot + 1);
    } else if (dot >= 0 && n.indexOf('"') > dot) {
      n = n.substring(dot + 1);
    }
    if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
      return n.substring(1, n.length() - 1).replace("\"\"", "\"");
    }
    return n.toLowerCase(java.util.Locale.ROOT);
  }

  /** PostgreSQL's fixed OIDs of the catalog tables this server emulates. */
  static final java.util.Map<String, Integer> CATALOG_OIDS =
      java.util.Map.ofEntries(
          java.util.Map.entry("pg_type", 1247),
          java.util.Map.entry("pg_attribute", 1249),
          java.util.Map.entry("pg_proc", 1255),
          java.util.Map.entry("pg_class", 1259),
          java.util.Map.entry("pg_database", 1262),
          java.util.Map.entry("pg_namespace", 2615),
          java.util.Map.entry("pg_constraint", 2606),
          java.util.Map.entry("pg_index", 2610),
          java.util.Map.entry("pg_attrdef", 2604),
          java.util.Map.entry("pg_description", 2609),
          java.util.Map.entry("pg_am", 2601),
          java.util.Map.entry("pg_collation", 3456));

  /** {@code generate_series(a, b)}: the integers from a to b, a one-column table. */
  public static org.apache.calcite.schema.ScannableTable generate_series(Integer from, Integer to) {
    java.util.List<Object[]> rows = new java.util.ArrayList<>();
    if (from != null && to != null) {
      if ((long) to - from > 10_000_000L) {
        throw new IllegalArgumentException(
            "generate_series of more than 10,000,000 rows is not supported");
      }
      for (long i = from; i <= to; i++) {
        rows.add(new Object[] {(int) i});
      }
    }
    return (org.apache.calcite.schema.ScannableTable)
        PgCatalog.table(
            java.util.List.of("generate_series"),
            java.util.List.of(org.apache.calcite.sql.type.SqlTypeName.INTEGER),
            ctx -> rows);
  }
}

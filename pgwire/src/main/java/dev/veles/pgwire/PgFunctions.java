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

  /** {@code pg_backend_pid()}: not a process id; sessions are threads, so 0. */
  public static int pg_backend_pid() {
    return 0;
  }
}

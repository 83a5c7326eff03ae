package dev.veles.pgwire;

import static dev.veles.pgwire.PgCatalogRelations.B;
import static dev.veles.pgwire.PgCatalogRelations.DEFAULT_TABLESPACE;
import static dev.veles.pgwire.PgCatalogRelations.I;
import static dev.veles.pgwire.PgCatalogRelations.IA;
import static dev.veles.pgwire.PgCatalogRelations.R;
import static dev.veles.pgwire.PgCatalogRelations.S;
import static dev.veles.pgwire.PgCatalogRelations.V;
import static dev.veles.pgwire.PgCatalogRelations.VA;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The {@code pg_catalog} tables beside the relations: {@code pg_roles}, {@code pg_extension},
 * {@code pg_proc} and {@code pg_language}, and the tables of PostgreSQL features Veles does not
 * have, with their columns and no rows. Stateless.
 */
final class PgCatalogExtras {
  private PgCatalogExtras() {}

  /** {@code pg_sequence}: Veles has no sequences (ids are the client's), so no rows. */
  static Table pgSequence() {
    return PgCatalog.table(
        List.of(
            "seqrelid",
            "seqtypid",
            "seqstart",
            "seqincrement",
            "seqmax",
            "seqmin",
            "seqcache",
            "seqcycle"),
        List.of(
            I,
            I,
            SqlTypeName.BIGINT,
            SqlTypeName.BIGINT,
            SqlTypeName.BIGINT,
            SqlTypeName.BIGINT,
            SqlTypeName.BIGINT,
            B),
        ctx -> List.of());
  }

  /**
   * The catalog tables of PostgreSQL features Veles does not have (row security policies, extended
   * statistics, publications, inheritance, triggers, rules, tablespaces other than the default,
   * foreign and partitioned tables): their columns as clients read them, and no rows.
   */
  static Map<String, Table> absentFeatures() {
    Map<String, Table> m = new HashMap<>();
    m.put(
        "pg_policy",
        empty(
            List.of(
                "oid",
                "polname",
                "polrelid",
                "polcmd",
                "polpermissive",
                "polroles",
                "polqual",
                "polwithcheck"),
            List.of(I, V, I, V, B, IA, V, V)));
    m.put(
        "pg_statistic_ext",
        empty(
            List.of(
                "oid",
                "stxrelid",
                "stxname",
                "stxnamespace",
                "stxowner",
                "stxstattarget",
                "stxkeys",
                "stxkind",
                "stxexprs"),
            List.of(I, I, V, I, I, I, IA, VA, V)));
    m.put(
        "pg_publication",
        empty(
            List.of(
                "oid",
                "pubname",
                "pubowner",
                "puballtables",
                "pubinsert",
                "pubupdate",
                "pubdelete",
                "pubtruncate",
                "pubviaroot"),
            List.of(I, V, I, B, B, B, B, B, B)));
    m.put(
        "pg_publication_rel",
        empty(List.of("oid", "prpubid", "prrelid", "prqual", "prattrs"), List.of(I, I, I, V, IA)));
    m.put(
        "pg_publication_namespace", empty(List.of("oid", "pnpubid", "pnnspid"), List.of(I, I, I)));
    m.put(
        "pg_inherits",
        empty(
            List.of("inhrelid", "inhparent", "inhseqno", "inhdetachpending"), List.of(I, I, I, B)));
    m.put(
        "pg_trigger",
        empty(
            List.of(
                "oid",
                "tgrelid",
                "tgparentid",
                "tgname",
                "tgfoid",
                "tgtype",
                "tgenabled",
                "tgisinternal",
                "tgconstraint"),
            List.of(I, I, I, V, I, S, V, B, I)));
    m.put(
        "pg_rewrite",
        empty(
            List.of("oid", "rulename", "ev_class", "ev_type", "ev_enabled", "is_instead"),
            List.of(I, V, I, V, V, B)));
    m.put(
        "pg_foreign_table", empty(List.of("ftrelid", "ftserver", "ftoptions"), List.of(I, I, VA)));
    m.put(
        "pg_partitioned_table",
        empty(
            List.of("partrelid", "partstrat", "partnatts", "partdefid", "partattrs"),
            List.of(I, V, S, I, IA)));
    m.put(
        "pg_tablespace",
        PgCatalog.table(
            List.of("oid", "spcname", "spcowner", "spcacl", "spcoptions"),
            List.of(I, V, I, VA, VA),
            ctx ->
                List.<Object[]>of(
                    new Object[] {DEFAULT_TABLESPACE, "pg_default", 10, null, null})));
    m.put(
        "pg_auth_members",
        empty(List.of("roleid", "member", "grantor", "admin_option"), List.of(I, I, I, B)));
    return m;
  }

  private static Table empty(List<String> names, List<?> types) {
    return PgCatalog.table(names, types, ctx -> List.of());
  }

  /**
   * {@code pg_extension}: {@code vector}, the one extension (built in, CREATE EXTENSION succeeds).
   */
  static Table pgExtension() {
    return PgCatalog.table(
        List.of(
            "oid",
            "extname",
            "extowner",
            "extnamespace",
            "extrelocatable",
            "extversion",
            "extconfig",
            "extcondition"),
        List.of(I, V, I, I, B, V, IA, VA),
        ctx ->
            List.<Object[]>of(
                new Object[] {
                  PgType.VECTOR_OID - 1,
                  "vector",
                  10,
                  PgFunctions.PUBLIC_OID,
                  true,
                  dev.veles.jdbc.VelesDriver.VERSION,
                  null,
                  null
                }));
  }

  /**
   * {@code pg_proc}: the routines a client can call ({@link PgRoutines}), with their signatures;
   * {@code proargtypes} is PostgreSQL's {@code oidvector} in its text form (OIDs separated by
   * spaces), as clients read it.
   */
  static Table pgProc() {
    return PgCatalog.table(
        List.of(
            "oid",
            "proname",
            "pronamespace",
            "proowner",
            "prolang",
            "procost",
            "prorows",
            "provariadic",
            "prokind",
            "prosecdef",
            "proleakproof",
            "proisstrict",
            "proretset",
            "provolatile",
            "proparallel",
            "pronargs",
            "pronargdefaults",
            "prorettype",
            "proargtypes",
            "proallargtypes",
            "proargmodes",
            "proargnames",
            "proargdefaults",
            "prosrc",
            "probin",
            "prosqlbody",
            "proconfig",
            "proacl"),
        List.of(
            I, V, I, I, I, R, R, I, V, B, B, B, B, V, V, S, S, I, V, IA, VA, VA, V, V, V, V, VA,
            VA),
        ctx -> {
          List<Object[]> rows = new ArrayList<>();
          for (PgRoutines.Routine r : PgRoutines.all(ctx.getRootSchema(), ctx.getTypeFactory())) {
            rows.add(procRow(r));
          }
          return rows;
        });
  }

  private static Object[] procRow(PgRoutines.Routine r) {
    List<String> argTypes = new ArrayList<>();
    List<String> argNames = new ArrayList<>();
    int optional = 0;
    for (PgRoutines.Parameter p : r.parameters()) {
      argTypes.add(Integer.toString(p.type().oid));
      argNames.add(p.name() == null ? "" : p.name());
      optional += p.optional() ? 1 : 0;
    }
    boolean named = argNames.stream().anyMatch(n -> !n.isEmpty());
    return new Object[] {
      r.oid(),
      r.name(),
      r.namespace(),
      10,
      PgRoutines.INTERNAL_LANGUAGE,
      1f,
      r.set() ? 1000f : 0f,
      0,
      String.valueOf(r.kind()),
      false,
      false,
      false,
      r.set(),
      String.valueOf(r.volatility()),
      "s",
      (short) r.parameters().size(),
      (short) optional,
      r.result().oid,
      String.join(" ", argTypes),
      null,
      null,
      named ? argNames : null,
      null,
      r.name(),
      null,
      null,
      null,
      null
    };
  }

  /** {@code pg_language}: {@code internal}, the language of every routine, and {@code sql}. */
  static Table pgLanguage() {
    return PgCatalog.table(
        List.of("oid", "lanname", "lanowner", "lanispl", "lanpltrusted"),
        List.of(I, V, I, B, B),
        ctx ->
            List.<Object[]>of(
                new Object[] {PgRoutines.INTERNAL_LANGUAGE, "internal", 10, false, false},
                new Object[] {14, "sql", 10, false, true}));
  }

  /** {@code pg_enum}: Veles has no enum types, so no rows. */
  static Table pgEnum() {
    return PgCatalog.table(
        List.of("oid", "enumtypid", "enumsortorder", "enumlabel"),
        List.of(I, I, R, V),
        ctx -> List.of());
  }

  /** The OID of the session's own role when it is not {@code veles}, the owner of every object. */
  static final int SESSION_ROLE_OID = 16_387;

  /**
   * {@code pg_roles}: {@code veles} (OID 10, the owner of every table: Veles has no ownership, and
   * {@code pg_get_userbyid} names it) and the session's user with its role's rights; the users
   * file's other users are not listed to a client.
   */
  static Table pgRoles(PgSession session) {
    return PgCatalog.table(
        List.of(
            "oid",
            "rolname",
            "rolsuper",
            "rolinherit",
            "rolcreaterole",
            "rolcreatedb",
            "rolcanlogin",
            "rolreplication",
            "rolconnlimit",
            "rolbypassrls",
            "rolvaliduntil",
            "rolconfig"),
        List.of(I, V, B, B, B, B, B, B, I, B, SqlTypeName.TIMESTAMP, VA),
        ctx -> {
          boolean superuser = "on".equals(session.settings().get("is_superuser"));
          List<Object[]> rows = new ArrayList<>();
          rows.add(role(10, "veles", true, false));
          if (!session.user().equals("veles")) {
            rows.add(role(SESSION_ROLE_OID, session.user(), superuser, true));
          }
          return rows;
        });
  }

  private static Object[] role(int oid, String name, boolean superuser, boolean login) {
    return new Object[] {
      oid, name, superuser, true, superuser, superuser, login, false, -1, superuser, null, null
    };
  }
}

package dev.veles.pgwire;

import dev.veles.calcite.KnnTableFunction;
import dev.veles.calcite.ProcedureTable;
import dev.veles.calcite.VelesCalcite;
import dev.veles.calcite.function.VelesFunction;
import dev.veles.calcite.parser.ProcedureCalls;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The routines a client of this server can call, as {@code pg_proc} lists them: the functions of
 * the {@code public} schema (Veles's vector functions, {@code knn}), the procedures {@code CALL}
 * runs ({@code flush}, {@code compact}, ...), and the PostgreSQL functions of {@code pg_catalog}
 * this server serves, both those registered as functions and those it rewrites into SQL ({@link
 * PgCatalogSql}, {@link PgSessionSql}). Read from the session's schemas on every scan, so the list
 * is what resolves. Stateless.
 */
final class PgRoutines {
  /** Where routine OIDs start: below the OIDs of relations and of the vector type. */
  private static final int FIRST_OID = 15_000;

  /** {@code pg_language}'s OID of {@code internal}: every routine is built into the server. */
  static final int INTERNAL_LANGUAGE = 12;

  /**
   * Functions of {@code pg_catalog} that implement a cast ({@code 'x'::regclass}) or a rewrite, not
   * something a client calls by that name.
   */
  private static final Set<String> HELPERS =
      Set.of(
          "regclass",
          "regproc",
          "regtype",
          "regnamespace",
          "veles_table_privilege",
          "veles_definition");

  private PgRoutines() {}

  /** One parameter: its name (null: unnamed), type, and whether it may be left out. */
  record Parameter(String name, PgType type, boolean optional) {}

  /**
   * One routine: OID, name, namespace OID, {@code prokind} ({@code f} function, {@code p}
   * procedure), parameters, result type, whether it returns a set, volatility, description.
   */
  record Routine(
      int oid,
      String name,
      int namespace,
      char kind,
      List<Parameter> parameters,
      PgType result,
      boolean set,
      char volatility,
      String description) {
    /** The parameters as {@code pg_get_function_arguments} prints them. */
    String arguments(boolean defaults) {
      List<String> out = new ArrayList<>();
      for (Parameter p : parameters) {
        String type = PgFunctions.format_type(p.type().oid, -1);
        out.add(
            (p.name() == null ? "" : p.name() + " ")
                + type
                + (defaults && p.optional() ? " DEFAULT NULL" : ""));
      }
      return String.join(", ", out);
    }

    /** The result as {@code pg_get_function_result} prints it; null for a procedure. */
    String resultText() {
      if (kind == 'p') {
        return null;
      }
      return (set ? "SETOF " : "") + PgFunctions.format_type(result.oid, -1);
    }
  }

  /** The PostgreSQL functions served by a rewrite of the statement rather than a registration. */
  private static final List<Routine> REWRITTEN =
      List.of(
          pg("pg_relation_size", PgType.INT8, PgType.REGCLASS),
          pg("pg_total_relation_size", PgType.INT8, PgType.REGCLASS),
          pg("pg_table_size", PgType.INT8, PgType.REGCLASS),
          pg("pg_indexes_size", PgType.INT8, PgType.REGCLASS),
          pg("pg_database_size", PgType.INT8, PgType.NAME),
          pg("pg_get_indexdef", PgType.TEXT, PgType.OID),
          pg("pg_get_constraintdef", PgType.TEXT, PgType.OID),
          pg("pg_get_function_result", PgType.TEXT, PgType.OID),
          pg("pg_get_function_arguments", PgType.TEXT, PgType.OID),
          pg("pg_get_function_identity_arguments", PgType.TEXT, PgType.OID),
          pg("pg_get_function_sqlbody", PgType.TEXT, PgType.OID),
          pg("current_schemas", PgType.TEXT_ARRAY, PgType.BOOL),
          pg("array_upper", PgType.INT4, PgType.ANYARRAY, PgType.INT4),
          pg("array_lower", PgType.INT4, PgType.ANYARRAY, PgType.INT4),
          pg("current_setting", PgType.TEXT, PgType.TEXT),
          pg("set_config", PgType.TEXT, PgType.TEXT, PgType.TEXT, PgType.BOOL),
          pg("has_table_privilege", PgType.BOOL, PgType.TEXT, PgType.TEXT),
          pg("pg_backend_pid", PgType.INT4));

  private static Routine pg(String name, PgType result, PgType... args) {
    List<Parameter> params = new ArrayList<>();
    for (PgType a : args) {
      params.add(new Parameter(null, a, false));
    }
    return new Routine(0, name, PgFunctions.PG_CATALOG_OID, 'f', params, result, false, 's', null);
  }

  /** Every routine, ordered by namespace, name and arity, with its OID. */
  static List<Routine> all(SchemaPlus root, RelDataTypeFactory types) {
    List<Routine> found = new ArrayList<>(REWRITTEN);
    registered(root.getSubSchema(VelesCalcite.SCHEMA), PgFunctions.PUBLIC_OID, types, found);
    registered(root.getSubSchema(PgCatalog.SCHEMA), PgFunctions.PG_CATALOG_OID, types, found);
    SchemaPlus calls = root.getSubSchema(ProcedureCalls.SCHEMA);
    if (calls != null) {
      for (String name : new TreeSet<>(calls.tables().getNames(LikePattern.any()))) {
        if (calls.tables().get(name) instanceof ProcedureTable p) {
          List<Parameter> params = new ArrayList<>();
          p.parameters().forEach(n -> params.add(new Parameter(n, PgType.TEXT, false)));
          found.add(
              new Routine(
                  0,
                  p.name(),
                  PgFunctions.PUBLIC_OID,
                  'p',
                  params,
                  PgType.VOID,
                  false,
                  'v',
                  p.description()));
        }
      }
    }
    found.sort(
        Comparator.comparingInt(Routine::namespace)
            .thenComparing(Routine::name)
            .thenComparingInt(r -> r.parameters().size()));
    List<Routine> out = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      Routine r = found.get(i);
      out.add(
          new Routine(
              FIRST_OID + i,
              r.name(),
              r.namespace(),
              r.kind(),
              r.parameters(),
              r.result(),
              r.set(),
              r.volatility(),
              r.description()));
    }
    return out;
  }

  /** The functions registered in {@code schema} under names a client calls. */
  private static void registered(
      SchemaPlus schema, int namespace, RelDataTypeFactory types, List<Routine> out) {
    if (schema == null) {
      return;
    }
    for (String name : new TreeSet<>(schema.getFunctionNames())) {
      if (name.contains("$")
          || (namespace == PgFunctions.PG_CATALOG_OID && HELPERS.contains(name))) {
        continue; // hidden forms (vector functions with a hinted ef_search) and cast helpers
      }
      for (Function f : schema.getFunctions(name)) {
        // a vector function's untyped (ANY) arguments are vectors given in any of their forms
        boolean vectors =
            (f instanceof VelesFunction v && !v.isVectorConstructor())
                || f instanceof KnnTableFunction;
        List<Parameter> params = new ArrayList<>();
        for (FunctionParameter p : f.getParameters()) {
          String pname = p.getName().matches("arg\\d+") ? null : p.getName();
          params.add(new Parameter(pname, typeOf(p.getType(types), vectors), p.isOptional()));
        }
        boolean table = f instanceof TableFunction;
        PgType result =
            f instanceof ScalarFunction s ? typeOf(s.getReturnType(types), false) : PgType.RECORD;
        char volatility = namespace == PgFunctions.PUBLIC_OID && !table ? 'i' : 's';
        out.add(new Routine(0, name, namespace, 'f', params, result, table, volatility, null));
      }
    }
  }

  /** The PostgreSQL type of a routine's parameter or result. */
  private static PgType typeOf(RelDataType t, boolean vectors) {
    SqlTypeName sql = t.getSqlTypeName();
    if (sql == SqlTypeName.ANY || sql == SqlTypeName.OTHER) {
      return vectors ? PgType.VECTOR : PgType.ANYELEMENT;
    }
    if (sql == SqlTypeName.ARRAY && t.getComponentType() == null) {
      return PgType.ANYARRAY;
    }
    PgType p =
        PgType.ofJdbc(
            sql.getJdbcOrdinal(),
            sql == SqlTypeName.ARRAY
                ? t.getComponentType().getSqlTypeName().getName() + " ARRAY"
                : sql.getName());
    // a Java String has no length: PostgreSQL's functions take and give text
    return p == PgType.VARCHAR ? PgType.TEXT : p;
  }
}

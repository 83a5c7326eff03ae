package dev.veles.pgwire;

import java.sql.Types;

/**
 * The PostgreSQL types this server speaks: OID, {@code typlen} and name as PostgreSQL's {@code
 * pg_type} has them, and the mapping from JDBC types of Veles columns and expressions. {@code
 * vector} has no built-in OID in PostgreSQL (pgvector's is assigned at {@code CREATE EXTENSION});
 * this server gives it {@link #VECTOR_OID} and reports it in {@code pg_type} as {@code vector},
 * which is where pgvector's client libraries look it up.
 */
enum PgType {
  BOOL(16, 1, "bool", 'B'),
  BYTEA(17, -1, "bytea", 'U'),
  NAME(19, 64, "name", 'S'),
  INT8(20, 8, "int8", 'N'),
  INT2(21, 2, "int2", 'N'),
  INT4(23, 4, "int4", 'N'),
  TEXT(25, -1, "text", 'S'),
  OID(26, 4, "oid", 'N'),
  FLOAT4(700, 4, "float4", 'N'),
  FLOAT8(701, 8, "float8", 'N'),
  UNKNOWN(705, -2, "unknown", 'X'),
  INT4_ARRAY(1007, -1, "_int4", 'A'),
  TEXT_ARRAY(1009, -1, "_text", 'A'),
  INT8_ARRAY(1016, -1, "_int8", 'A'),
  FLOAT4_ARRAY(1021, -1, "_float4", 'A'),
  FLOAT8_ARRAY(1022, -1, "_float8", 'A'),
  BPCHAR(1042, -1, "bpchar", 'S'),
  VARCHAR(1043, -1, "varchar", 'S'),
  DATE(1082, 4, "date", 'D'),
  TIME(1083, 8, "time", 'D'),
  TIMESTAMP(1114, 8, "timestamp", 'D'),
  TIMESTAMPTZ(1184, 8, "timestamptz", 'D'),
  NUMERIC(1700, -1, "numeric", 'N'),
  REGCLASS(2205, 4, "regclass", 'N'),
  REGTYPE(2206, 4, "regtype", 'N'),
  VECTOR(PgType.VECTOR_OID, -1, "vector", 'U'),
  // pseudo-types: only in pg_proc's signatures (a procedure's result, a table function's rows)
  RECORD(2249, -1, "record", 'P'),
  ANYARRAY(2277, -1, "anyarray", 'P'),
  VOID(2278, 4, "void", 'P'),
  ANYELEMENT(2283, 4, "anyelement", 'P');

  /**
   * The OID of {@code vector}: the first OID PostgreSQL gives to user objects (16384) plus one, as
   * the type of the first extension created in a fresh cluster would get.
   */
  static final int VECTOR_OID = 16385;

  final int oid;
  final short typlen;
  final String typname;
  final char category;

  PgType(int oid, int typlen, String typname, char category) {
    this.oid = oid;
    this.typlen = (short) typlen;
    this.typname = typname;
    this.category = category;
  }

  /** The type with this OID, or null. */
  static PgType ofOid(int oid) {
    for (PgType t : values()) {
      if (t.oid == oid) {
        return t;
      }
    }
    return null;
  }

  /** The type with this name (also SQL spellings such as {@code integer}), or null. */
  static PgType ofName(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT).strip();
    for (PgType t : values()) {
      if (t.typname.equals(n)) {
        return t;
      }
    }
    return switch (n) {
      case "boolean" -> BOOL;
      case "bigint" -> INT8;
      case "integer", "int" -> INT4;
      case "smallint" -> INT2;
      case "real" -> FLOAT4;
      case "double precision", "float" -> FLOAT8;
      case "character varying" -> VARCHAR;
      case "character", "char" -> BPCHAR;
      case "timestamp without time zone" -> TIMESTAMP;
      case "timestamp with time zone" -> TIMESTAMPTZ;
      case "decimal" -> NUMERIC;
      default -> null;
    };
  }

  /** The PostgreSQL type of a JDBC column or parameter type; a REAL array is a vector. */
  static PgType ofJdbc(int jdbcType, String typeName) {
    return switch (jdbcType) {
      case Types.BOOLEAN, Types.BIT -> BOOL;
      case Types.TINYINT, Types.SMALLINT -> INT2;
      case Types.INTEGER -> INT4;
      case Types.BIGINT -> INT8;
      case Types.REAL -> FLOAT4;
      case Types.FLOAT, Types.DOUBLE -> FLOAT8;
      case Types.DECIMAL, Types.NUMERIC -> NUMERIC;
      case Types.CHAR, Types.NCHAR -> TEXT;
      case Types.VARCHAR, Types.NVARCHAR, Types.LONGVARCHAR -> VARCHAR;
      case Types.DATE -> DATE;
      case Types.TIME -> TIME;
      // Veles's TIMESTAMP WITH TIME ZONE columns (Calcite's WITH LOCAL TIME ZONE) are JDBC
      // TIMESTAMPs of the instant, told apart by their type name
      case Types.TIMESTAMP -> withTimeZone(typeName) ? TIMESTAMPTZ : TIMESTAMP;
      case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMPTZ;
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> BYTEA;
      case Types.ARRAY -> arrayOf(typeName);
      default -> TEXT;
    };
  }

  private static boolean withTimeZone(String typeName) {
    String t = typeName == null ? "" : typeName.toUpperCase(java.util.Locale.ROOT);
    return t.contains("TIME ZONE") || t.contains("TIME_ZONE");
  }

  private static PgType arrayOf(String typeName) {
    String t = typeName == null ? "" : typeName.toUpperCase(java.util.Locale.ROOT);
    if (t.startsWith("REAL") || t.startsWith("FLOAT ") || t.startsWith("VECTOR")) {
      return VECTOR;
    }
    if (t.startsWith("DOUBLE")) {
      return FLOAT8_ARRAY;
    }
    if (t.startsWith("BIGINT")) {
      return INT8_ARRAY;
    }
    if (t.startsWith("INTEGER")) {
      return INT4_ARRAY;
    }
    return TEXT_ARRAY;
  }

  /** The SQL type name Veles's parser takes for a cast to this type, or null if it has none. */
  String sqlName() {
    return switch (this) {
      case BOOL -> "BOOLEAN";
      case INT2 -> "SMALLINT";
      case INT4, OID, REGCLASS, REGTYPE -> "INTEGER";
      case INT8 -> "BIGINT";
      case FLOAT4 -> "REAL";
      case FLOAT8 -> "DOUBLE";
      case NUMERIC -> "DECIMAL";
      case TEXT, VARCHAR, NAME, BPCHAR, UNKNOWN -> "VARCHAR";
      case DATE -> "DATE";
      case TIME -> "TIME";
      case TIMESTAMP -> "TIMESTAMP";
      case TIMESTAMPTZ -> "TIMESTAMP WITH LOCAL TIME ZONE";
      case BYTEA -> "VARBINARY";
      default -> null;
    };
  }

  /** The element type of an array type, or null. */
  static PgType elementOf(PgType array) {
    return switch (array) {
      case INT4_ARRAY -> INT4;
      case TEXT_ARRAY -> TEXT;
      case INT8_ARRAY -> INT8;
      case FLOAT4_ARRAY -> FLOAT4;
      case FLOAT8_ARRAY -> FLOAT8;
      default -> null;
    };
  }

  /** The array type of an element type, or null when this server has none. */
  static PgType arrayTypeOf(PgType element) {
    for (PgType t : values()) {
      if (t.category == 'A' && elementOf(t) == element) {
        return t;
      }
    }
    return null;
  }
}

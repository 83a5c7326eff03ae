package dev.veles.calcite;

import dev.veles.engine.AlreadyClosedException;
import dev.veles.engine.CorruptFileException;
import dev.veles.engine.DiskFullException;
import dev.veles.engine.DuplicateKeyException;
import dev.veles.engine.NoSuchCollectionException;
import java.io.IOException;
import java.sql.SQLFeatureNotSupportedException;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * The SQLSTATE codes that Veles reports, and the one mapping from a failure to its code.
 *
 * <p>A failure carries its state from where it was raised: the SQL layer throws a {@link
 * VelesException} or (for Calcite's validator) a {@link VelesValidationException} with the state,
 * and the engine's exceptions have one type per kind of failure. No message text is read.
 *
 * <p>Codes follow PostgreSQL where it has one, so tools written for PostgreSQL react the same way.
 */
public enum SqlState {
  INVALID_PARAMETER_VALUE("22023"),
  DATA_EXCEPTION("22000"),
  STRING_DATA_RIGHT_TRUNCATION("22001"),
  NUMERIC_VALUE_OUT_OF_RANGE("22003"),
  DIVISION_BY_ZERO("22012"),
  INVALID_TEXT_REPRESENTATION("22P02"),
  GENERATED_ALWAYS("428C9"),
  CARDINALITY_VIOLATION("21000"),
  NOT_NULL_VIOLATION("23502"),
  UNIQUE_VIOLATION("23505"),
  SYNTAX_ERROR("42601"),
  UNDEFINED_TABLE("42P01"),
  UNDEFINED_COLUMN("42703"),
  DUPLICATE_COLUMN("42701"),
  DEPENDENT_OBJECTS_STILL_EXIST("2BP01"),
  WRONG_OBJECT_TYPE("42809"),
  UNDEFINED_FUNCTION("42883"),
  DUPLICATE_TABLE("42P07"),
  DATATYPE_MISMATCH("42804"),
  INVALID_COLUMN_REFERENCE("42P10"),
  UNDEFINED_OBJECT("42704"),
  SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION("42000"),
  FEATURE_NOT_SUPPORTED("0A000"),
  READ_ONLY_SQL_TRANSACTION("25006"),
  ACTIVE_TRANSACTION("25001"),
  NO_ACTIVE_TRANSACTION("25P01"),
  INVALID_SAVEPOINT("3B001"),
  SERIALIZATION_FAILURE("40001"),
  INSUFFICIENT_PRIVILEGE("42501"),
  CONNECTION_EXCEPTION("08000"),
  OBJECT_NOT_IN_PREREQUISITE_STATE("55000"),
  DISK_FULL("53100"),
  OUT_OF_MEMORY("53200"),
  PROGRAM_LIMIT_EXCEEDED("54000"),
  STATEMENT_TOO_COMPLEX("54001"),
  QUERY_CANCELED("57014"),
  IO_ERROR("58030"),
  DATA_CORRUPTED("XX001"),
  INTERNAL_ERROR("XX000");

  private final String code;

  SqlState(String code) {
    this.code = code;
  }

  /** The five-character SQLSTATE. */
  public String code() {
    return code;
  }

  /**
   * The state that describes {@code failure}, looking through its causes: the state an exception of
   * the chain carries (set where it was raised) if any, else the first one known by its type.
   */
  public static SqlState of(Throwable failure) {
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t instanceof VelesException v) {
        return v.state();
      }
      if (t instanceof VelesValidationException v) {
        return v.state();
      }
    }
    for (Throwable t = failure; t != null; t = next(t)) {
      SqlState s = byType(t);
      if (s != null) {
        return s;
      }
    }
    return INTERNAL_ERROR;
  }

  private static Throwable next(Throwable t) {
    return t.getCause() == t ? null : t.getCause();
  }

  private static SqlState byType(Throwable t) {
    if (t instanceof DuplicateKeyException) {
      return UNIQUE_VIOLATION;
    }
    if (t instanceof dev.veles.engine.WriteConflictException) {
      return SERIALIZATION_FAILURE;
    }
    if (t instanceof dev.veles.engine.TransactionStateException) {
      return INVALID_SAVEPOINT;
    }
    if (t instanceof NoSuchCollectionException) {
      return UNDEFINED_TABLE;
    }
    if (t instanceof CorruptFileException) {
      return DATA_CORRUPTED;
    }
    if (t instanceof DiskFullException) {
      return DISK_FULL;
    }
    if (t instanceof IOException) {
      return IO_ERROR;
    }
    if (t instanceof AlreadyClosedException) {
      return OBJECT_NOT_IN_PREREQUISITE_STATE;
    }
    if (t instanceof SqlParseException) {
      return SYNTAX_ERROR;
    }
    if (t instanceof CalciteContextException) {
      // Any other validation error: type mismatches, ambiguous columns, bad GROUP BY
      return SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION;
    }
    if (t instanceof ArithmeticException) {
      // the JDK's one ArithmeticException type says both "/ by zero" (int, long) and "Division
      // by zero" (BigDecimal); every other one here is a checked cast or exact arithmetic
      // overflowing (a SMALLINT out of range, a value wider than a DECIMAL's precision)
      String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
      return m.contains("by zero") ? DIVISION_BY_ZERO : NUMERIC_VALUE_OUT_OF_RANGE;
    }
    if (t instanceof NumberFormatException) {
      // text read as a number at run time (a cast, arithmetic on a text column)
      return INVALID_TEXT_REPRESENTATION;
    }
    if (t instanceof IllegalArgumentException) {
      return INVALID_PARAMETER_VALUE;
    }
    if (t instanceof UnsupportedOperationException
        || t instanceof SQLFeatureNotSupportedException) {
      return FEATURE_NOT_SUPPORTED;
    }
    return null;
  }
}

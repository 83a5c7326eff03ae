package dev.veles.calcite;

import java.util.Locale;
import org.apache.calcite.linq4j.function.NonDeterministic;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * A column's {@code DEFAULT}: a constant, {@code CURRENT_TIMESTAMP}, {@code CURRENT_DATE} (also
 * {@code now()}, {@code LOCALTIMESTAMP}) or {@code gen_random_uuid()}. Persisted in the table's
 * schema properties as {@code literal:<text>} or the function's name; an INSERT that leaves the
 * column out (or writes {@code DEFAULT}) gets the value, cast to the column's type.
 *
 * @param function {@code current_timestamp}, {@code current_date}, {@code gen_random_uuid}, or null
 *     for a constant
 * @param literal the constant's text, or null for SQL NULL or a function
 */
public record ColumnDefault(String function, String literal) {
  static final String CURRENT_TIMESTAMP = "current_timestamp";
  static final String CURRENT_DATE = "current_date";
  static final String GEN_RANDOM_UUID = "gen_random_uuid";

  /** {@code gen_random_uuid()} as an operator: random on every row (never folded to a constant). */
  static final SqlUserDefinedFunction RANDOM_UUID =
      new SqlUserDefinedFunction(
          new SqlIdentifier("GEN_RANDOM_UUID", org.apache.calcite.sql.parser.SqlParserPos.ZERO),
          SqlKind.OTHER_FUNCTION,
          ReturnTypes.explicit(SqlTypeName.VARCHAR),
          null,
          null,
          ScalarFunctionImpl.create(ColumnDefault.class, "randomUuid"));

  /** A fresh random (version 4) UUID in its text form. */
  @NonDeterministic
  public static String randomUuid() {
    return java.util.UUID.randomUUID().toString();
  }

  /** The stored form. */
  public String encode() {
    return function != null ? function : "literal:" + (literal == null ? "" : literal);
  }

  static ColumnDefault parse(String stored) {
    if (stored.startsWith("literal:")) {
      String text = stored.substring("literal:".length());
      return new ColumnDefault(null, text.isEmpty() ? null : text);
    }
    return new ColumnDefault(stored, null);
  }

  /**
   * The default of a parsed {@code DEFAULT expr}.
   *
   * @throws VelesException 0A000 for an expression that is not one of the supported forms
   */
  public static ColumnDefault of(SqlNode e, String column) {
    if (e instanceof SqlLiteral lit) {
      return new ColumnDefault(null, lit.getValue() == null ? null : lit.toValue());
    }
    if (e instanceof SqlCall call
        && call.getKind() == SqlKind.MINUS_PREFIX
        && call.operand(0) instanceof SqlLiteral lit) {
      return new ColumnDefault(null, "-" + lit.toValue());
    }
    String name =
        e instanceof SqlCall call
            ? call.getOperator().getName()
            : e instanceof SqlIdentifier id && id.isSimple() ? id.getSimple() : "";
    switch (name.toLowerCase(Locale.ROOT)) {
      case "current_timestamp", "now", "localtimestamp" -> {
        return new ColumnDefault(CURRENT_TIMESTAMP, null);
      }
      case "current_date" -> {
        return new ColumnDefault(CURRENT_DATE, null);
      }
      case "gen_random_uuid" -> {
        return new ColumnDefault(GEN_RANDOM_UUID, null);
      }
      default ->
          throw new VelesException(
              SqlState.FEATURE_NOT_SUPPORTED,
              "column "
                  + column
                  + ": DEFAULT "
                  + e
                  + " is not supported; use a constant, CURRENT_TIMESTAMP, CURRENT_DATE or"
                  + " gen_random_uuid()");
    }
  }

  /** Whether the default is computed anew for every row ({@code gen_random_uuid()}). */
  public boolean perRow() {
    return GEN_RANDOM_UUID.equals(function);
  }

  /** The default as an expression of type {@code type}. */
  public RexNode toRex(RexBuilder rex, RelDataType type) {
    RexNode value;
    if (function == null) {
      if (literal == null) {
        return rex.makeNullLiteral(type);
      }
      value = rex.makeLiteral(literal);
    } else {
      value =
          switch (function) {
            case CURRENT_TIMESTAMP -> rex.makeCall(SqlStdOperatorTable.CURRENT_TIMESTAMP);
            case CURRENT_DATE -> rex.makeCall(SqlStdOperatorTable.CURRENT_DATE);
            case GEN_RANDOM_UUID -> rex.makeCall(RANDOM_UUID);
            default -> throw new IllegalStateException("unknown default " + function);
          };
    }
    return rex.makeCast(type, value, true, false);
  }
}

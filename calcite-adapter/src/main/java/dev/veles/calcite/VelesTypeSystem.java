package dev.veles.calcite;

import dev.veles.engine.ColumnSpec;
import java.math.RoundingMode;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's default type system with PostgreSQL's typing of CASE, COALESCE and UNION over strings
 * of different lengths: the result is VARCHAR, not a CHAR padded with blanks ({@code CASE WHEN x
 * THEN 'mid' ELSE 'high' END} is {@code 'mid'}, not {@code 'mid '}); and DECIMAL precision and
 * scale up to PostgreSQL's 1000 (Calcite's default stops at 19), with an undeclared precision still
 * 19; and PostgreSQL's rounding of a DECIMAL value cast to a smaller scale, half away from zero
 * ({@code CAST(1.555 AS DECIMAL(10,2))} is 1.56, Calcite's default truncates to 1.55). Immutable
 * and thread-safe.
 */
public final class VelesTypeSystem extends RelDataTypeSystemImpl {
  /** The one instance, named in the connection properties ({@code typeSystem}). */
  public static final RelDataTypeSystem INSTANCE = new VelesTypeSystem();

  private VelesTypeSystem() {}

  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL
        ? ColumnSpec.MAX_DECIMAL_PRECISION
        : super.getMaxPrecision(typeName);
  }

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL
        ? ColumnSpec.MAX_DECIMAL_PRECISION
        : super.getMaxScale(typeName);
  }

  @Override
  public int getDefaultPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? 19 : super.getDefaultPrecision(typeName);
  }

  @Override
  public RoundingMode roundingMode() {
    return RoundingMode.HALF_UP;
  }
}

package dev.veles.calcite;

import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;

/**
 * Calcite's default type system with PostgreSQL's typing of CASE, COALESCE and UNION over strings
 * of different lengths: the result is VARCHAR, not a CHAR padded with blanks ({@code CASE WHEN x
 * THEN 'mid' ELSE 'high' END} is {@code 'mid'}, not {@code 'mid '}). Immutable and thread-safe.
 */
public final class VelesTypeSystem extends RelDataTypeSystemImpl {
  /** The one instance, named in the connection properties ({@code typeSystem}). */
  public static final RelDataTypeSystem INSTANCE = new VelesTypeSystem();

  private VelesTypeSystem() {}

  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }
}

package dev.veles.calcite.parser;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.util.Litmus;

/**
 * The type {@code VECTOR(n)}: in expressions a {@code REAL ARRAY}; in {@code CREATE TABLE} it also
 * fixes the dimension of the table's vectors.
 */
public final class SqlVectorTypeNameSpec extends SqlTypeNameSpec {
  /** The dimension of a bare {@code VECTOR} (in a cast): whatever the value has. */
  public static final int ANY_DIMENSION = -1;

  private final int dimension;

  public SqlVectorTypeNameSpec(int dimension, SqlParserPos pos) {
    super(new SqlIdentifier("VECTOR", pos), pos);
    this.dimension = dimension;
  }

  /** The declared number of components, or {@link #ANY_DIMENSION}. */
  public int dimension() {
    return dimension;
  }

  @Override
  public RelDataType deriveType(SqlValidator validator) {
    RelDataTypeFactory types = validator.getTypeFactory();
    return types.createArrayType(types.createSqlType(SqlTypeName.REAL), -1);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("VECTOR");
    if (dimension != ANY_DIMENSION) {
      SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.FUN_CALL, "(", ")");
      writer.print(dimension);
      writer.endList(frame);
    }
  }

  @Override
  public boolean equalsDeep(SqlTypeNameSpec spec, Litmus litmus) {
    if (!(spec instanceof SqlVectorTypeNameSpec that) || that.dimension != dimension) {
      return litmus.fail("{} != {}", this, spec);
    }
    return litmus.succeed();
  }
}

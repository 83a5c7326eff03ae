package dev.veles.calcite.ddl;

import dev.veles.calcite.SqlState;
import dev.veles.calcite.TableLayout;
import dev.veles.calcite.Vectors;
import dev.veles.calcite.VelesException;
import dev.veles.calcite.VelesTable;
import dev.veles.calcite.parser.SqlColumnDeclaration;
import dev.veles.calcite.parser.SqlCreateVelesTable;
import dev.veles.calcite.parser.SqlCreateVelesTableAs;
import dev.veles.calcite.parser.SqlVectorTypeNameSpec;
import dev.veles.engine.CollectionSchema;
import dev.veles.engine.Database;
import dev.veles.engine.Durability;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Runs {@code CREATE TABLE t [(columns)] AS query}: a table without a declared key (rows get the
 * hidden row id) whose columns have the query's types, the declared names or the query's; an array
 * column becomes the table's VECTOR column, with the dimension of the table column it comes from
 * (else of the first row's value). The columns take the rules of {@code CREATE TABLE}, declared
 * with those types and without NOT NULL (as PostgreSQL copies no constraints).
 *
 * <p>All or nothing: the table is created provisionally ({@link Database#createProvisional}), is
 * filled by one {@code INSERT ... SELECT} (one transaction), and becomes permanent only then; a
 * failure drops it, and a crash before the end removes it on the next open.
 */
final class CreateTableAs {
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  private CreateTableAs() {}

  static void run(
      Database db, CalcitePrepare.Context context, SqlCreateVelesTableAs create, Durability d)
      throws IOException {
    String name = VelesDdlExecutor.tableName(create.name);
    if (db.find(name).isPresent() || db.damage(name).isPresent() || Views.exists(db, name)) {
      if (create.ifNotExists) {
        return;
      }
      throw new VelesException(SqlState.DUPLICATE_TABLE, "relation " + name + " already exists");
    }
    String sql = Views.unparse(create.query);
    RelRoot root = Views.analyze(context, sql);
    RelDataType rowType = root.validatedRowType;
    List<String> names = Views.columnNames(rowType, create.columns);
    Connection conn = connection(context);
    List<SqlNode> decls = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      RelDataType t = rowType.getFieldList().get(i).getType();
      SqlDataTypeSpec spec;
      if (t.getSqlTypeName() == SqlTypeName.ARRAY) {
        int dim = dimension(root, i, conn, sql, rowType.getFieldNames().get(i));
        spec = new SqlDataTypeSpec(new SqlVectorTypeNameSpec(dim, POS), POS);
      } else {
        spec = SqlTypeUtil.convertTypeToSpec(t);
      }
      decls.add(
          new SqlColumnDeclaration(POS, new SqlIdentifier(names.get(i), POS), spec, false, false));
    }
    CollectionSchema schema =
        TableDefinition.of(
            new SqlCreateVelesTable(
                POS,
                false,
                false,
                create.name,
                new SqlNodeList(decls, POS),
                List.of(),
                SqlNodeList.EMPTY),
            d);
    db.createProvisional(name, schema);
    boolean done = false;
    try {
      StringBuilder insert = new StringBuilder("INSERT INTO ").append(quote(name)).append(" (");
      for (int i = 0; i < names.size(); i++) {
        insert.append(i > 0 ? ", " : "").append(quote(names.get(i)));
      }
      insert.append(") ").append(sql);
      try (Statement st = conn.createStatement()) {
        st.executeUpdate(insert.toString());
      } catch (SQLException e) {
        throw failure(e);
      }
      db.finishCreate(name);
      done = true;
    } finally {
      if (!done) {
        db.drop(name);
      }
    }
  }

  /**
   * The dimension of output column {@code i}: that of the VECTOR column it is read from, else the
   * length of its first non-null value.
   */
  private static int dimension(RelRoot root, int i, Connection conn, String sql, String fieldName) {
    RelMetadataQuery mq = root.rel.getCluster().getMetadataQuery();
    RelColumnOrigin o = mq.getColumnOrigin(root.rel, root.fields.get(i).getKey());
    if (o != null && !o.isDerived()) {
      VelesTable t = o.getOriginTable().unwrap(VelesTable.class);
      if (t != null
          && t.layout().vectorField() == o.getOriginColumnOrdinal()
          && t.layout().kind(o.getOriginColumnOrdinal()) == TableLayout.Kind.VECTOR) {
        return t.layout().schema().dimension();
      }
    }
    String probe =
        "SELECT "
            + quote(fieldName)
            + " FROM ("
            + sql
            + ") AS q WHERE "
            + quote(fieldName)
            + " IS NOT NULL FETCH FIRST 1 ROWS ONLY";
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(probe)) {
      if (rs.next()) {
        Object v = rs.getObject(1);
        float[] f = Vectors.toFloats(v instanceof java.sql.Array a ? a.getArray() : v);
        if (f != null && f.length > 0) {
          return f.length;
        }
      }
    } catch (SQLException e) {
      throw failure(e);
    }
    throw new VelesException(
        SqlState.FEATURE_NOT_SUPPORTED,
        "CREATE TABLE ... AS: the dimension of vector column "
            + fieldName
            + " is unknown (no row has a value); create the table with VECTOR(n) and INSERT ..."
            + " SELECT");
  }

  private static Connection connection(CalcitePrepare.Context context) {
    if (context.getDataContext().getQueryProvider() instanceof Connection c) {
      return c;
    }
    throw new VelesException(
        SqlState.CONNECTION_EXCEPTION, "CREATE TABLE ... AS needs the connection's context");
  }

  /** The failure of a statement run for the CTAS, with its SQLSTATE. */
  private static VelesException failure(SQLException e) {
    Throwable root = e; // the reason, without the wrappers that quote the generated statement
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? e.getMessage() : root.getMessage();
    for (SqlState s : SqlState.values()) {
      if (s.code().equals(e.getSQLState())) {
        return new VelesException(s, message, e);
      }
    }
    return new VelesException(SqlState.DATA_EXCEPTION, message, e);
  }

  private static String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}

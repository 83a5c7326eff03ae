package dev.veles.calcite.ddl;

import dev.veles.calcite.SqlState;
import dev.veles.calcite.VelesException;
import dev.veles.calcite.VelesPrepare;
import dev.veles.calcite.ViewDefinition;
import dev.veles.calcite.parser.SqlCreateVelesView;
import dev.veles.calcite.parser.SqlDropVelesView;
import dev.veles.engine.Database;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;

/**
 * Runs {@code CREATE [OR REPLACE] VIEW} and {@code DROP VIEW}, and answers which views read a
 * table. A view is stored with the database (see {@link ViewDefinition}): its query as Veles SQL
 * (unparsed from the statement), its columns fixed at creation, and the tables it reads. A table
 * that a view reads cannot be dropped, renamed or lose or rename a column until the view is dropped
 * (2BP01, as PostgreSQL refuses such a DROP without CASCADE).
 */
final class Views {
  private Views() {}

  static boolean exists(Database db, String name) {
    return db.views().containsKey(name);
  }

  /**
   * @throws VelesException 2BP01 naming the first view that reads {@code table}
   */
  static void checkNoDependents(Database db, String table, String what) {
    for (Map.Entry<String, Map<String, String>> v : db.views().entrySet()) {
      if (ViewDefinition.reads(v.getValue(), table)) {
        throw new VelesException(
            SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
            "cannot "
                + what
                + " table "
                + table
                + " because view "
                + v.getKey()
                + " depends on it; drop the view first");
      }
    }
  }

  static void create(Database db, CalcitePrepare.Context context, SqlCreateVelesView create)
      throws IOException {
    String name = VelesDdlExecutor.tableName(create.name);
    if (db.find(name).isPresent() || db.damage(name).isPresent()) {
      throw new VelesException(
          create.getReplace() ? SqlState.WRONG_OBJECT_TYPE : SqlState.DUPLICATE_TABLE,
          create.getReplace()
              ? name + " is a table, not a view"
              : "relation " + name + " already exists");
    }
    if (exists(db, name) && !create.getReplace()) {
      throw new VelesException(
          SqlState.DUPLICATE_TABLE,
          "view " + name + " already exists (use CREATE OR REPLACE VIEW to replace it)");
    }
    String sql = unparse(create.query);
    RelRoot root = analyze(context, sql);
    RelDataType rowType = root.validatedRowType;
    List<String> names = columnNames(rowType, create.columns == null ? null : create.columns);
    db.putView(name, ViewDefinition.encode(sql, rowType, names, tablesOf(root)));
  }

  static void drop(Database db, SqlDropVelesView drop) throws IOException {
    List<String> names = new ArrayList<>();
    for (SqlNode n : drop.names) {
      String name = VelesDdlExecutor.tableName((SqlIdentifier) n);
      if (!exists(db, name)) {
        if (db.find(name).isPresent() || db.damage(name).isPresent()) {
          throw new VelesException(
              SqlState.WRONG_OBJECT_TYPE, name + " is a table, not a view (use DROP TABLE)");
        }
        if (!drop.ifExists) {
          throw new VelesException(
              SqlState.UNDEFINED_TABLE,
              "view " + name + " does not exist (use DROP VIEW IF EXISTS to ignore that)");
        }
        continue;
      }
      names.add(name);
    }
    for (String name : names) {
      db.dropView(name);
    }
  }

  /** The query as Veles SQL text, identifiers quoted as written (case already folded). */
  static String unparse(SqlNode query) {
    return query.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
  }

  /** Validates and converts a query with the Veles dialect against the connection's schema. */
  static RelRoot analyze(CalcitePrepare.Context context, String sql) {
    return new VelesPrepare().convert(context, sql).root;
  }

  /** The names of the tables a converted query scans (a view's own tables included). */
  static List<String> tablesOf(RelRoot root) {
    Set<String> out = new java.util.TreeSet<>();
    // Every node that reads a table names it (Veles's scans are leaves, not TableScans).
    new RelVisitor() {
      @Override
      public void visit(RelNode node, int ordinal, RelNode parent) {
        RelOptTable t = node.getTable();
        if (t != null) {
          List<String> q = t.getQualifiedName();
          out.add(q.get(q.size() - 1));
        }
        super.visit(node, ordinal, parent);
      }
    }.go(root.rel);
    return List.copyOf(out);
  }

  /**
   * The column names: the declared ones (as many as the query's columns), else the query's.
   *
   * @throws VelesException 42601 for a wrong count, 42701 for a name given twice
   */
  static List<String> columnNames(RelDataType rowType, List<SqlNode> declared) {
    List<String> names = new ArrayList<>();
    if (declared != null) {
      if (declared.size() != rowType.getFieldCount()) {
        throw new VelesException(
            SqlState.SYNTAX_ERROR,
            declared.size()
                + " column names for a query of "
                + rowType.getFieldCount()
                + " columns");
      }
      declared.forEach(n -> names.add(((SqlIdentifier) n).getSimple()));
    } else {
      names.addAll(rowType.getFieldNames());
    }
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n.toLowerCase(Locale.ROOT))) {
        throw new VelesException(
            SqlState.DUPLICATE_COLUMN, "column " + n + " is specified more than once");
      }
    }
    return names;
  }
}

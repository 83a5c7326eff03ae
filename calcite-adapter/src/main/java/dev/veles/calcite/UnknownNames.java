package dev.veles.calcite;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlMoniker;
import org.apache.calcite.sql.validate.SqlMonikerType;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorTable;

/**
 * The messages of an unknown column or table, as PostgreSQL words them, with the nearest known name
 * as a suggestion: {@code column "pricee" does not exist; did you mean "price"?}, {@code relation
 * "itemz" does not exist; did you mean "items"?}. A column is looked for among the columns of the
 * tables the statement names, a table among the tables of the schemas on the search path. Runs only
 * when validation already failed, so its catalog look-ups cost nothing on a good statement.
 *
 * <p>Stateless and thread-safe.
 */
final class UnknownNames {
  private UnknownNames() {}

  /**
   * The message for an error of {@code state} raised at {@code node}, or null to keep Calcite's.
   */
  static String reason(
      SqlState state, SqlNode node, SqlNode statement, SqlValidatorCatalogReader reader) {
    if (!(node instanceof SqlIdentifier id) || id.isStar()) {
      return null;
    }
    if (state == SqlState.UNDEFINED_COLUMN) {
      String name = id.names.get(id.names.size() - 1);
      return "column \""
          + name
          + "\" does not exist"
          + NameSuggestions.didYouMean(name, columns(statement, reader));
    }
    if (state == SqlState.UNDEFINED_TABLE) {
      String name = id.names.get(id.names.size() - 1);
      return "relation \""
          + String.join(".", id.names)
          + "\" does not exist"
          + NameSuggestions.didYouMean(name, tables(reader));
    }
    return null;
  }

  /** The columns of every table {@code statement} names. */
  private static Set<String> columns(SqlNode statement, SqlValidatorCatalogReader reader) {
    Set<String> names = new LinkedHashSet<>();
    if (statement == null) {
      return names;
    }
    statement.accept(
        new SqlBasicVisitor<Void>() {
          @Override
          public Void visit(SqlIdentifier id) {
            if (id.isStar()) {
              return null;
            }
            SqlValidatorTable table = reader.getTable(id.names);
            if (table != null) {
              for (RelDataTypeField f : table.getRowType().getFieldList()) {
                if (!f.getName().equals(TableLayout.HIDDEN_ID)) {
                  names.add(f.getName());
                }
              }
            }
            return null;
          }
        });
    return names;
  }

  /** The tables of the schemas on the search path. */
  private static List<String> tables(SqlValidatorCatalogReader reader) {
    List<String> names = new ArrayList<>();
    for (List<String> path : reader.getSchemaPaths()) {
      for (SqlMoniker m : reader.getAllSchemaObjectNames(path)) {
        if (m.getType() == SqlMonikerType.TABLE) {
          List<String> full = m.getFullyQualifiedNames();
          names.add(full.get(full.size() - 1));
        }
      }
    }
    return names;
  }
}

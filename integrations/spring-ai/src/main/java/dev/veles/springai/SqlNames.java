package dev.veles.springai;

import java.util.regex.Pattern;

/**
 * Validation and quoting of the SQL identifiers that come from configuration (table names) and from
 * declared metadata keys (column names): Veles names a table or column with a letter or underscore
 * followed by up to 127 letters, digits or underscores; any other key stays in the JSON column,
 * where a key is data, never SQL.
 */
final class SqlNames {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private SqlNames() {}

  /**
   * The name as a quoted SQL identifier (so a reserved word such as {@code year} works).
   *
   * @throws IllegalArgumentException when the name is not a valid Veles table or column name
   */
  static String quote(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid table or column name '"
              + name
              + "': use a letter or underscore followed by up to 127 letters, digits or"
              + " underscores (other metadata keys are kept in the JSON column)");
    }
    return '"' + name + '"';
  }
}

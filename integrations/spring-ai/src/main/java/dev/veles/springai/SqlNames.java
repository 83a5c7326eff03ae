package dev.veles.springai;

/** Validation and quoting of SQL identifiers that come from configuration or metadata keys. */
final class SqlNames {
  /** The longest identifier accepted; Veles's catalog and most databases allow 128. */
  static final int MAX_LENGTH = 128;

  private SqlNames() {}

  /**
   * The name as a quoted SQL identifier: any character but control characters is allowed, a double
   * quote is doubled, so a key can never end the identifier early.
   *
   * @throws IllegalArgumentException for a blank or over-long name or one with control characters
   */
  static String quote(String name) {
    if (name == null || name.isBlank() || name.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "invalid SQL identifier '" + name + "': 1 to " + MAX_LENGTH + " characters, not blank");
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        throw new IllegalArgumentException(
            "invalid SQL identifier '" + name + "': control character at " + i);
      }
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}

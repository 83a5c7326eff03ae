package dev.veles.engine;

import java.util.regex.Pattern;

/** Rules for the names of collections and columns, which become file names. */
public final class Names {
  /** Legal names: a letter or underscore, then up to 127 letters, digits or underscores. */
  public static final Pattern PATTERN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private Names() {}

  /**
   * Returns {@code name} if it is legal.
   *
   * @throws IllegalArgumentException naming the bad value, for anything else (including {@code
   *     ../x}, empty and over-long names)
   */
  public static String check(String name, String what) {
    if (name == null || !PATTERN.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "illegal "
              + what
              + " name '"
              + name
              + "': use a letter or underscore followed by up to 127 letters, digits or"
              + " underscores");
    }
    return name;
  }
}

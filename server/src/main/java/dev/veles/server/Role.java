package dev.veles.server;

import java.util.Locale;

/**
 * What an authenticated user may do, from the user file; each role includes the ones before it.
 *
 * <ul>
 *   <li>{@link #READ}: queries only.
 *   <li>{@link #WRITE}: also {@code INSERT}, {@code UPSERT}, {@code UPDATE}, {@code DELETE} and
 *       {@code CALL flush()}.
 *   <li>{@link #ADMIN}: also DDL and the maintenance procedures.
 * </ul>
 */
public enum Role {
  READ,
  WRITE,
  ADMIN;

  /** The role with this name (any case), or null. */
  public static Role of(String name) {
    for (Role r : values()) {
      if (r.name().equals(name.toUpperCase(Locale.ROOT))) {
        return r;
      }
    }
    return null;
  }
}

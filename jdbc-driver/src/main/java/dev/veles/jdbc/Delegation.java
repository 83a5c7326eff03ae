package dev.veles.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Calls an interface method on the object a JDBC proxy wraps.
 *
 * <p>Several proxy layers pass the same {@link Method} objects (a proxy class's static fields) to
 * {@link Method#invoke} from different caller classes; the reflective access check caches one
 * caller per method, so the layers kept evicting each other's entry and every call took the slow
 * check (a few per cent of a remote request in the SQL path profile). Marking the method accessible
 * once skips the check; the methods are public members of exported interfaces, so nothing is opened
 * that was not already callable.
 */
public final class Delegation {
  private Delegation() {}

  /** {@code method.invoke(target, args)} without the per-call access check. */
  @SuppressWarnings("deprecation") // isAccessible reads the flag; canAccess would run the check
  public static Object invoke(Method method, Object target, Object[] args)
      throws InvocationTargetException, IllegalAccessException {
    if (!method.isAccessible()) {
      method.setAccessible(true);
    }
    return method.invoke(target, args);
  }

  /** {@link #invoke}, rethrowing what the target threw as it was thrown. */
  public static Object call(Method method, Object target, Object[] args) throws Throwable {
    try {
      return invoke(method, target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}

package dev.veles.jdbc.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The forwarding classes forward every method of their interface, and every failure passes {@code
 * translate}.
 */
class ForwardingTest {
  private static final Map<Class<?>, Class<?>> CLASSES =
      Map.of(
          Connection.class, ForwardingConnection.class,
          Statement.class, ForwardingStatement.class,
          PreparedStatement.class, ForwardingPreparedStatement.class,
          CallableStatement.class, ForwardingCallableStatement.class,
          ResultSet.class, ForwardingResultSet.class,
          DatabaseMetaData.class, ForwardingDatabaseMetaData.class);

  /** A default method left to the interface would skip the target (and the layer's repairs). */
  @Test
  void everyInterfaceMethodIsImplementedByAForwardingClass() throws Exception {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<Class<?>, Class<?>> e : CLASSES.entrySet()) {
      for (Method m : e.getKey().getMethods()) {
        if (Modifier.isStatic(m.getModifiers())) {
          continue;
        }
        Method impl = e.getValue().getMethod(m.getName(), m.getParameterTypes());
        if (impl.getDeclaringClass().isInterface() || Modifier.isAbstract(impl.getModifiers())) {
          missing.add(e.getValue().getSimpleName() + "." + m.getName());
        }
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void failuresPassTranslateAndResultsPassTheHooks() throws Exception {
    ResultSet rs = stub(ResultSet.class, null);
    Statement target =
        stub(
            Statement.class,
            (m, args) -> {
              if (m.getName().equals("executeQuery")) {
                return rs;
              }
              throw new IllegalStateException("boom");
            });
    ResultSet mine = stub(ResultSet.class, null);
    Statement s =
        new ForwardingStatement(target) {
          @Override
          protected SQLException translate(Exception e) {
            return new SQLException("translated: " + e.getMessage(), "XX000", e);
          }

          @Override
          protected ResultSet wrap(ResultSet r) {
            assertSame(rs, r);
            return mine;
          }
        };
    assertSame(mine, s.executeQuery("SELECT 1"));
    SQLException e = assertThrows(SQLException.class, () -> s.execute("x"));
    assertEquals("translated: boom", e.getMessage());
    assertTrue(s.isWrapperFor(Statement.class));
    assertSame(s, s.unwrap(ForwardingStatement.class));
  }

  private interface Answer {
    Object answer(Method m, Object[] args) throws Throwable;
  }

  private static <T> T stub(Class<T> type, Answer answer) {
    return type.cast(
        Proxy.newProxyInstance(
            ForwardingTest.class.getClassLoader(),
            new Class<?>[] {type},
            (proxy, m, args) -> {
              if (m.getName().equals("isWrapperFor")) {
                return false;
              }
              return answer == null ? null : answer.answer(m, args);
            }));
  }
}

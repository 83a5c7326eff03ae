package dev.veles.spark;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes one {@link VelesCluster} (three shards and a Spark session) for the whole run:
 * starting Spark costs seconds, so the classes share it, each with its own tables. JUnit closes it
 * at the end of the run (it is an {@link AutoCloseable} in the root store).
 */
final class SharedCluster implements ParameterResolver {
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == VelesCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(
            VelesCluster.class,
            k -> {
              try {
                return new VelesCluster(3);
              } catch (Exception e) {
                throw new IllegalStateException("cannot start the test cluster", e);
              }
            },
            VelesCluster.class);
  }
}

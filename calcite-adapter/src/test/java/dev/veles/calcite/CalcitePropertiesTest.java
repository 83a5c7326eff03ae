package dev.veles.calcite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.calcite.config.CalciteSystemProperty;
import org.junit.jupiter.api.Test;

/** The Calcite settings Veles ships in {@code saffron.properties} are the ones Calcite applies. */
class CalcitePropertiesTest {
  /**
   * Plans whose generated Java is identical (every query pushed down whole into a table) share one
   * compiled class instead of compiling it again.
   */
  @Test
  void compiledPlansAreReused() {
    assertEquals(1024, CalciteSystemProperty.BINDABLE_CACHE_MAX_SIZE.value());
  }
}

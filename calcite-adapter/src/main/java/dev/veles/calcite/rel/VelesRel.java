package dev.veles.calcite.rel;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;

/**
 * A relational expression evaluated inside the engine. Each node carries the whole {@link
 * VelesQuery} of the subtree it heads, so the converter at the top only runs that query.
 */
public interface VelesRel extends RelNode {
  /** The calling convention of expressions evaluated by the engine. */
  Convention CONVENTION = new Convention.Impl("VELES", VelesRel.class);

  /** The query this subtree pushes into the engine. */
  VelesQuery query();
}

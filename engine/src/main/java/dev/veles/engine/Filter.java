package dev.veles.engine;

import java.util.List;
import java.util.Objects;

/**
 * A predicate over a collection's rows, evaluated by the engine column-wise into a set of accepted
 * rows (for scans and for filtered search).
 *
 * <p>Evaluation follows SQL's three-valued logic: a comparison with a NULL column value is unknown,
 * {@code NOT unknown} is unknown, and only rows for which the whole filter is true are accepted.
 * Values are typed as {@link ColumnType#javaClass()} of the column, or any {@link Number} for
 * numeric columns. The column name {@link #ID} stands for the row id.
 */
public sealed interface Filter {
  /** The pseudo-column name of the row id; no real column can have it. */
  String ID = "$id";

  /** Comparison operators. */
  enum Op {
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE
  }

  /** {@code column op value}; {@code value} is never null (use {@link IsNull}). */
  record Compare(String column, Op op, Object value) implements Filter {
    public Compare {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code column IN (values)}; null elements never match. */
  record In(String column, List<Object> values) implements Filter {
    public In {
      Objects.requireNonNull(column, "column");
      values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }
  }

  /** {@code column IS NULL}. */
  record IsNull(String column) implements Filter {
    public IsNull {
      Objects.requireNonNull(column, "column");
    }
  }

  /**
   * {@code column LIKE pattern}: {@code %} matches any run of characters, {@code _} one character,
   * and {@code escape} (if not 0) makes the next character literal.
   */
  record Like(String column, String pattern, char escape) implements Filter {
    public Like {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(pattern, "pattern");
    }
  }

  /** All of {@code operands}. */
  record And(List<Filter> operands) implements Filter {
    public And {
      operands = List.copyOf(operands);
    }
  }

  /** Any of {@code operands}. */
  record Or(List<Filter> operands) implements Filter {
    public Or {
      operands = List.copyOf(operands);
    }
  }

  /** The negation of {@code operand} (unknown stays unknown). */
  record Not(Filter operand) implements Filter {
    public Not {
      Objects.requireNonNull(operand, "operand");
    }
  }
}

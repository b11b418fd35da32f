package org.fanzha.graph.funds;

/**
 * How traced money is told apart from other money once both sit in one account. See the design
 * comment of {@link ForwardTracer} for a worked example of each.
 */
public enum AllocationPolicy {
  /** First in, first out: each payment spends the oldest money the account still holds. */
  FIFO,
  /** Every payment carries the traced share of the balance at that moment (haircut rule). */
  PROPORTIONAL;

  /** Returns the lower-case name used in settings and JSON ({@code fifo}, {@code proportional}). */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Returns the policy named {@code fifo} or {@code proportional} (any case). */
  public static AllocationPolicy fromWire(String name) {
    for (AllocationPolicy p : values()) {
      if (p.name().equalsIgnoreCase(name.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "allocation policy must be fifo or proportional, not '" + name + "'");
  }
}

package org.fanzha.graph.gangs;

import org.fanzha.core.event.EntityKind;

/** One entity of the identity graph: its kind and canonical identifier. */
public record Node(EntityKind kind, String value) implements Comparable<Node> {

  @Override
  public int compareTo(Node o) {
    int c = kind.compareTo(o.kind);
    return c != 0 ? c : value.compareTo(o.value);
  }

  /**
   * The same in every process (a record's own hash takes the enum's, which differs from one run to
   * the next), so that sets and maps of nodes iterate alike and a search gives the same gangs.
   */
  @Override
  public int hashCode() {
    return 31 * kind.ordinal() + value.hashCode();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Node n && kind == n.kind && value.equals(n.value);
  }

  @Override
  public String toString() {
    return kind.wireName() + ":" + value;
  }
}

package org.fanzha.graph.gangs;

import org.fanzha.core.event.EntityKind;

/** One entity of the identity graph: its kind and canonical identifier. */
public record Node(EntityKind kind, String value) implements Comparable<Node> {

  @Override
  public int compareTo(Node o) {
    int c = kind.compareTo(o.kind);
    return c != 0 ? c : value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return kind.wireName() + ":" + value;
  }
}

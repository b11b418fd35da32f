package org.fanzha.server.gangs;

import org.fanzha.graph.gangs.Gang;
import org.fanzha.graph.gangs.Node;
import tools.jackson.core.JsonGenerator;

/**
 * Writes gangs as the API answers them (API.md: {@code members} with {@code kind, value, role},
 * victims, loss).
 */
final class GangJson {

  private GangJson() {}

  /** A gang in a list: its id, size by role, victims, loss and what to act on first. */
  static void summary(Gang g, JsonGenerator out) {
    out.writeStartObject();
    out.writeStringProperty("id", g.id());
    out.writeNumberProperty("size", g.members().size());
    out.writeObjectPropertyStart("roles");
    g.members().stream()
        .collect(
            java.util.stream.Collectors.groupingBy(
                Gang.Member::role, java.util.TreeMap::new, java.util.stream.Collectors.counting()))
        .forEach(out::writeNumberProperty);
    out.writeEndObject();
    out.writeNumberProperty("victims", g.victims().size());
    out.writeStringProperty("loss", yuan(g.lossFen()));
    actFirst(g, out);
    out.writeEndObject();
  }

  /** A gang whole: members with roles and tiers, links, victims, loss. */
  static void whole(Gang g, JsonGenerator out) {
    out.writeStartObject();
    out.writeStringProperty("id", g.id());
    out.writeArrayPropertyStart("members");
    for (Gang.Member m : g.members()) {
      out.writeStartObject();
      out.writeStringProperty("kind", m.node().kind().wireName());
      out.writeStringProperty("value", m.node().value());
      out.writeStringProperty("role", m.role());
      if (m.tier() > 0) {
        out.writeNumberProperty("tier", m.tier());
      }
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeArrayPropertyStart("links");
    for (Gang.Link l : g.links()) {
      out.writeStartObject();
      out.writeStringProperty("a", l.a().toString());
      out.writeStringProperty("b", l.b().toString());
      if (l.fen() > 0) {
        out.writeStringProperty("amount", yuan(l.fen()));
      }
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeArrayPropertyStart("victims");
    for (Gang.Victim v : g.victims()) {
      out.writeStartObject();
      out.writeStringProperty("account", v.account().value());
      out.writeStringProperty("phone", v.phone() == null ? null : v.phone().value());
      out.writeStringProperty("amount", yuan(v.fen()));
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeStringProperty("loss", yuan(g.lossFen()));
    actFirst(g, out);
    out.writeEndObject();
  }

  private static void actFirst(Gang g, JsonGenerator out) {
    out.writeArrayPropertyStart("act_first");
    for (Node n : g.actFirst()) {
      node(n, out);
    }
    out.writeEndArray();
  }

  private static void node(Node n, JsonGenerator out) {
    out.writeStartObject();
    out.writeStringProperty("kind", n.kind().wireName());
    out.writeStringProperty("value", n.value());
    out.writeEndObject();
  }

  /** Fen as a yuan string with two decimals (EVENTS.md's money form). */
  static String yuan(long fen) {
    return java.math.BigDecimal.valueOf(fen, 2).toPlainString();
  }
}

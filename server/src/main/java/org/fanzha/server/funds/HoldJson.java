package org.fanzha.server.funds;

import java.time.Duration;
import java.util.List;
import org.fanzha.core.money.Money;
import org.fanzha.core.time.Timestamps;
import org.fanzha.graph.freeze.HoldOrder;
import org.fanzha.graph.freeze.HoldTransition;
import org.fanzha.server.system.JsonBodies;
import tools.jackson.core.JsonGenerator;

/** Writes hold orders as the API's JSON: amounts in yuan, times ISO +08:00, the whole history. */
final class HoldJson {

  private HoldJson() {}

  static byte[] one(HoldOrder o, long now) {
    return JsonBodies.write(g -> write(o, now, g));
  }

  static byte[] list(List<HoldOrder> orders, long now) {
    return JsonBodies.write(
        g -> {
          g.writeStartObject();
          g.writeArrayPropertyStart("holds");
          for (HoldOrder o : orders) {
            write(o, now, g);
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  static void write(HoldOrder o, long now, JsonGenerator g) {
    g.writeStartObject();
    g.writeStringProperty("id", o.id());
    g.writeStringProperty("kind", o.kind().wireName());
    g.writeStringProperty("account", o.account());
    g.writeStringProperty("amount", Money.formatYuan(o.amountFen()));
    g.writeStringProperty("case_ref", o.caseRef());
    g.writeStringProperty("state", o.state().wireName());
    g.writeBooleanProperty("in_force", o.inForceAt(now));
    g.writeStringProperty("term", Duration.ofMillis(o.termMillis()).toString());
    if (o.expiresAtMillis() != null) {
      g.writeStringProperty("expires_at", Timestamps.format(o.expiresAtMillis()));
    } else {
      g.writeNullProperty("expires_at");
    }
    g.writeNumberProperty("renewals", o.renewals());
    g.writeArrayPropertyStart("history");
    for (HoldTransition t : o.history()) {
      g.writeStartObject();
      if (t.from() != null) {
        g.writeStringProperty("from", t.from().wireName());
      } else {
        g.writeNullProperty("from");
      }
      g.writeStringProperty("to", t.to().wireName());
      g.writeStringProperty("at", Timestamps.format(t.atMillis()));
      g.writeStringProperty("actor", t.actor());
      if (t.note() != null) {
        g.writeStringProperty("note", t.note());
      }
      if (t.expiresAtMillis() != null) {
        g.writeStringProperty("expires_at", Timestamps.format(t.expiresAtMillis()));
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}

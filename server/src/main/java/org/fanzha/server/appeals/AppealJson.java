package org.fanzha.server.appeals;

import org.fanzha.core.time.Timestamps;
import org.fanzha.store.Appeal;
import tools.jackson.core.JsonGenerator;

/** An appeal as the staff API writes it. */
final class AppealJson {

  private AppealJson() {}

  static void write(Appeal a, JsonGenerator g) {
    g.writeStartObject();
    g.writeStringProperty("id", a.id());
    g.writeStringProperty("kind", a.kind().wireName());
    g.writeStringProperty("value", a.value());
    g.writeStringProperty("reason", a.statement());
    g.writeStringProperty("contact", a.contact());
    g.writeStringProperty("status", a.status());
    g.writeArrayPropertyStart("entries");
    for (String e : a.entries()) {
      g.writeString(e);
    }
    g.writeEndArray();
    g.writeStringProperty("created_at", Timestamps.format(a.createdAtMs()));
    g.writeStringProperty("due", Timestamps.format(a.dueAtMs()));
    g.writeStringProperty("decided_by", a.decidedBy());
    g.writeStringProperty(
        "decided_at", a.decidedAtMs() == null ? null : Timestamps.format(a.decidedAtMs()));
    g.writeStringProperty("note", a.note());
    g.writeEndObject();
  }
}

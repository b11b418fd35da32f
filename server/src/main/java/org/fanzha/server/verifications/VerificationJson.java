package org.fanzha.server.verifications;

import java.util.List;
import org.fanzha.core.time.Timestamps;
import org.fanzha.store.VerificationTask;
import tools.jackson.core.JsonGenerator;

/** Writes re-verification tasks as the API answers them. */
final class VerificationJson {

  private VerificationJson() {}

  /** Writes one task as an object; with its timeline when {@code steps} is not null. */
  static void write(VerificationTask t, List<VerificationTask.Step> steps, JsonGenerator g) {
    g.writeStartObject();
    g.writeStringProperty("id", t.id());
    g.writeStringProperty("entity_kind", t.entityKind());
    g.writeStringProperty("entity", t.entity());
    g.writeStringProperty("region", t.region());
    g.writeStringProperty("state", t.state());
    g.writeStringProperty("channel", t.channel());
    g.writeArrayPropertyStart("reasons");
    for (String line : t.reasonLines()) {
      g.writeString(line);
    }
    g.writeEndArray();
    g.writeStringProperty("opened_at", Timestamps.format(t.openedAtMs()));
    if (t.isActive() && !VerificationTask.SUSPENDED.equals(t.state())) {
      g.writeStringProperty("due", Timestamps.format(t.dueAtMs()));
    }
    if (t.closedAtMs() != null) {
      g.writeStringProperty("verified_at", Timestamps.format(t.closedAtMs()));
      g.writeStringProperty("verified_by", t.closedBy());
    }
    if (!steps.isEmpty()) {
      g.writeArrayPropertyStart("timeline");
      for (VerificationTask.Step s : steps) {
        g.writeStartObject();
        g.writeStringProperty("at", Timestamps.format(s.atMs()));
        g.writeStringProperty("kind", s.kind());
        g.writeStringProperty("detail", s.detail());
        g.writeStringProperty("actor", s.actor());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }
}
